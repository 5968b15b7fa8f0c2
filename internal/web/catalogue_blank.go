package web

import (
	"net/http"

	"sprang/internal/eservice"
	"sprang/internal/pdf"
)

// blankInstances is how many instances of a group the paper form prints.
const blankInstances = 2

// handleBlankForm sends the blank paper form of a published service, for
// those who cannot or will not use the e-service: every question, with
// its conditions written out, lines to write on and boxes to tick, the
// privacy notice and where to send it.
func (s *Server) handleBlankForm(w http.ResponseWriter, r *http.Request) {
	svc, spec, err := s.publishedService(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	s.writePDF(w, r, blankForm(v, spec, s.cfg.BaseURL+"/e-tjanster/"+svc.Slug), svc.Slug+"-blankett.pdf")
}

// blankForm returns the paper form of spec in the view's language; online
// is the service's address, for those who would rather do it digitally.
func blankForm(v *view, spec eservice.Spec, online string) pdf.Document {
	lang := string(v.Lang)
	title := spec.Title.In(lang)
	doc := pdf.Document{Title: v.T("blank.title", title), Lang: pdfLang(v), Author: spec.Privacy.Controller, Subject: spec.Summary.In(lang)}
	add := func(b ...pdf.Block) { doc.Blocks = append(doc.Blocks, b...) }
	add(pdf.Block{Kind: pdf.H1, Text: doc.Title}, pdf.Block{Text: spec.Summary.In(lang)},
		pdf.Block{Text: v.T("blank.how")}, pdf.Block{Kind: pdf.Small, Text: v.T("blank.online", online)})
	for _, p := range spec.Form.Pages {
		add(pdf.Block{Kind: pdf.H2, Text: p.Title.In(lang)})
		if len(p.ShowIf) > 0 {
			add(pdf.Block{Kind: pdf.Small, Text: conditionText(v, spec.Form, p.ShowIf)})
		}
		for _, q := range p.Questions {
			add(blankQuestion(v, spec.Form, q)...)
		}
	}
	add(privacyBlocks(v, spec)...)
	add(pdf.Block{Kind: pdf.H2, Text: v.T("blank.send.heading")})
	for _, para := range paragraphs(spec.OtherChannels.Post.In(lang)) {
		add(pdf.Block{Text: para})
	}
	if spec.OtherChannels.Phone != "" {
		add(pdf.Block{Text: v.T("blank.send.phone", spec.OtherChannels.Phone)})
	}
	for _, para := range paragraphs(spec.OtherChannels.Visit.In(lang)) {
		add(pdf.Block{Text: para})
	}
	return doc
}

// blankQuestion returns the blocks of question q on the paper form: its
// condition and hint in small type, then lines or boxes.
func blankQuestion(v *view, form eservice.Form, q eservice.Question) (out []pdf.Block) {
	lang := string(v.Lang)
	label := q.Label.In(lang)
	if q.Required {
		label = v.T("blank.required", label)
	}
	if len(q.ShowIf) > 0 {
		out = append(out, pdf.Block{Kind: pdf.Small, Text: conditionText(v, form, q.ShowIf)})
	}
	if h := q.Hint.In(lang); h != "" && q.Type != eservice.TypeInfo && q.Type != eservice.TypeGroup {
		defer func() { out = append(out, pdf.Block{Kind: pdf.Small, Text: h}) }()
	}
	switch q.Type {
	case eservice.TypeInfo:
		for _, p := range paragraphs(q.Label.In(lang)) {
			out = append(out, pdf.Block{Text: p})
		}
	case eservice.TypeLongText:
		out = append(out, pdf.Block{Kind: pdf.Blank, Label: label, Lines: 6})
	case eservice.TypeAddress:
		out = append(out, pdf.Block{Kind: pdf.Blank, Label: label + " – " + v.T("fill.address.street"), Lines: 1},
			pdf.Block{Kind: pdf.Blank, Label: v.T("fill.address.postcode") + ", " + v.T("fill.address.city"), Lines: 1})
	case eservice.TypeChoice, eservice.TypeMulti, eservice.TypeYesNo:
		out = append(out, pdf.Block{Kind: pdf.Checkboxes, Label: label + " – " + v.T("blank.tick."+string(q.Type)), Items: optionLabels(v, q)})
	case eservice.TypeFile:
		out = append(out, pdf.Block{Kind: pdf.Paragraph, Text: v.T("blank.attach", label)})
	case eservice.TypeGroup:
		out = append(out, blankGroup(v, form, q)...)
	default:
		out = append(out, pdf.Block{Kind: pdf.Blank, Label: label, Lines: 1})
	}
	return out
}

// blankGroup returns the blocks of a group: a few numbered instances and
// a note on adding more.
func blankGroup(v *view, form eservice.Form, q eservice.Question) []pdf.Block {
	label := q.Label.In(string(v.Lang))
	out := []pdf.Block{{Kind: pdf.H3, Text: label}, {Kind: pdf.Small, Text: v.T("blank.group", maxRepeat(q))}}
	for i := range min(blankInstances, maxRepeat(q)) {
		out = append(out, pdf.Block{Text: label + " " + itoa64(int64(i+1))})
		for _, iq := range q.Questions {
			out = append(out, blankQuestion(v, form, iq)...)
		}
	}
	return out
}

// optionLabels returns the labels of q's choices (yes and no for a yes/no
// question) in the view's language.
func optionLabels(v *view, q eservice.Question) []string {
	if q.Type == eservice.TypeYesNo {
		return []string{v.T("fill.yes"), v.T("fill.no")}
	}
	out := make([]string, 0, len(q.Options))
	for _, o := range q.Options {
		out = append(out, o.Label.In(string(v.Lang)))
	}
	return out
}
