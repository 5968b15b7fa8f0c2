package web

import (
	"strings"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/pdf"
)

// myExtractPDF returns the register extract p as a tagged document with
// the same sections as the page.
func myExtractPDF(v *view, p *myExtractPage) pdf.Document {
	title := v.T("mypages.extract.heading")
	doc := pdf.Document{Title: title, Lang: pdfLang(v), Subject: v.T("mypages.extract.pdf_subject"), Created: p.Generated}
	b := &pdfBlocks{v: v}
	b.add(pdf.Block{Kind: pdf.H1, Text: title},
		pdf.Block{Text: v.T("mypages.extract.lead")},
		pdf.Block{Kind: pdf.Field, Label: v.T("mypages.extract.generated"), Text: i18n.DateTime(p.Generated)})
	b.identity(p)
	b.contact(p)
	b.errands(p)
	b.drafts(p)
	b.logins(p)
	b.reads(p)
	doc.Blocks = b.blocks
	return doc
}

// pdfBlocks collects the blocks of a document in the view's language.
type pdfBlocks struct {
	v      *view
	blocks []pdf.Block
}

func (b *pdfBlocks) add(bs ...pdf.Block) { b.blocks = append(b.blocks, bs...) }

// field adds a label and value pair, or the text for "none" when value is
// empty.
func (b *pdfBlocks) field(labelKey, value string) {
	if strings.TrimSpace(value) == "" {
		value = b.v.T("mypages.extract.none")
	}
	b.add(pdf.Block{Kind: pdf.Field, Label: b.v.T(labelKey), Text: value})
}

func (b *pdfBlocks) identity(p *myExtractPage) {
	v, r := b.v, p.Resident
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.identity")})
	b.field("mypages.extract.kind", v.T("mypages.extract.kind."+r.Kind))
	if r.Personnummer != "" {
		b.field("mypages.extract.personnummer", r.Personnummer)
	}
	b.field("mypages.extract.name", strings.TrimSpace(r.GivenName+" "+r.FamilyName))
	b.field("mypages.extract.email", r.Email)
	b.field("mypages.extract.loa", r.LoA)
	b.field("mypages.extract.created", i18n.DateTime(r.Created))
	b.field("mypages.extract.last_login", i18n.DateTime(r.LastLogin))
	b.add(pdf.Block{Kind: pdf.H3, Text: v.T("mypages.extract.sessions")})
	if len(p.Sessions) == 0 {
		b.add(pdf.Block{Text: v.T("mypages.extract.none")})
	}
	for _, s := range p.Sessions {
		b.add(pdf.Block{Kind: pdf.Field, Label: i18n.DateTime(s.CreatedAt), Text: v.MyMethod(s.Method) + " " + s.LoA + ", " +
			v.T("mypages.extract.session_ends", i18n.DateTime(s.ExpiresAt))})
	}
}

func (b *pdfBlocks) contact(p *myExtractPage) {
	v, c := b.v, p.Contact
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.contact")})
	if c.Channel == "" {
		b.add(pdf.Block{Text: v.T("mypages.extract.contact_none")})
		return
	}
	b.field("mypages.contact.channel.legend", v.T("mypages.contact.channel."+string(c.Channel)))
	b.field("mypages.contact.email.label", c.Email)
	b.field("mypages.contact.address.legend", strings.Join(p.Address, "\n"))
}

func (b *pdfBlocks) errands(p *myExtractPage) {
	v := b.v
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.errands")})
	if len(p.Errands) == 0 {
		b.add(pdf.Block{Text: v.T("mypages.errands.none")})
	}
	for _, e := range p.Errands {
		b.add(pdf.Block{Kind: pdf.H3, Text: e.Service.Text + " – " + e.Reference})
		b.field("mypages.errand.reference", e.Reference)
		b.field("mypages.errand.diary", e.DiaryNumber)
		b.field("mypages.errand.unit", e.Unit.Text)
		b.field("mypages.errand.status", e.Status.Text)
		b.field("mypages.errand.submitted", i18n.DateTime(e.Submitted))
		b.field("mypages.extract.receipt_email", e.Email)
		b.answers(e.Answers)
		b.add(pdf.Block{Kind: pdf.Paragraph, Text: v.T("mypages.errand.history") + ":"})
		for _, ev := range e.History {
			b.add(pdf.Block{Kind: pdf.Field, Label: i18n.DateTime(ev.At) + " " + v.T("mypages.event."+string(ev.Kind)), Text: eventText(v, ev)})
		}
		if len(e.Files) > 0 {
			b.add(pdf.Block{Kind: pdf.List, Label: v.T("mypages.extract.files"), Items: fileItems(e.Files)})
		}
	}
}

// eventText returns what a history entry says, for the PDF.
func eventText(v *view, ev myEvent) string {
	var parts []string
	if ev.To.Text != "" {
		parts = append(parts, v.T("mypages.event.status_change", ev.From.Text, ev.To.Text))
	}
	if ev.Body != "" {
		parts = append(parts, ev.Body)
	}
	for _, f := range ev.Files {
		parts = append(parts, v.T("mypages.extract.attachment", f.Name))
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, "\n")
}

func (b *pdfBlocks) answers(l answerList) {
	for _, r := range l.Rows {
		value := r.Value
		if value == "" {
			value = b.v.T("mypages.extract.unanswered")
		}
		b.add(pdf.Block{Kind: pdf.Field, Label: r.Label, Text: value})
	}
}

func (b *pdfBlocks) drafts(p *myExtractPage) {
	v := b.v
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.drafts")})
	if len(p.Drafts) == 0 {
		b.add(pdf.Block{Text: v.T("mypages.drafts.none")})
	}
	for _, d := range p.Drafts {
		b.add(pdf.Block{Kind: pdf.H3, Text: d.Service.Text})
		b.field("mypages.extract.started", i18n.DateTime(d.Started))
		b.field("mypages.extract.updated", i18n.DateTime(d.Updated))
		if !d.Submitted.IsZero() {
			b.field("mypages.extract.submitted_draft", i18n.DateTime(d.Submitted))
		}
		b.answers(d.Answers)
		if len(d.Files) > 0 {
			b.add(pdf.Block{Kind: pdf.List, Label: v.T("mypages.extract.files"), Items: fileItems(d.Files)})
		}
	}
}

func (b *pdfBlocks) logins(p *myExtractPage) {
	v := b.v
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.logins")})
	if len(p.Logins) == 0 {
		b.add(pdf.Block{Text: v.T("mypages.extract.none")})
	}
	for _, l := range p.Logins {
		b.add(pdf.Block{Kind: pdf.Field, Label: i18n.DateTime(l.At), Text: strings.TrimSpace(v.MyMethod(l.Method) + " " + l.LoA)})
	}
}

func (b *pdfBlocks) reads(p *myExtractPage) {
	v := b.v
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.reads")})
	if len(p.Reads) == 0 {
		b.add(pdf.Block{Text: v.T("reads.none")})
	}
	for _, a := range p.Reads {
		who := a.ActorName
		if who == "" {
			who = v.T("audit.actor." + string(a.ActorKind))
		}
		b.add(pdf.Block{Kind: pdf.Field, Label: i18n.DateTime(a.At) + " " + who, Text: a.Reason})
	}
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("mypages.extract.log")})
	if len(p.Other) == 0 {
		b.add(pdf.Block{Text: v.T("mypages.extract.none")})
	}
	for _, a := range p.Other {
		b.add(pdf.Block{Kind: pdf.Field, Label: i18n.DateTime(a.At), Text: v.MyActionName(a.Action)})
	}
}

// fileItems returns a line per file: its name and size.
func fileItems(files []eservice.File) []string {
	out := make([]string, 0, len(files))
	for _, f := range files {
		out = append(out, f.Name+" ("+f.MediaType+")")
	}
	return out
}
