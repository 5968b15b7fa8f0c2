package web

import (
	"sprang/internal/i18n"
	"sprang/internal/pdf"
	"sprang/internal/store"
)

// reportPDF returns an issued version as a tagged document with the same
// parts, headings and tables as the page.
func reportPDF(v *view, rv store.ReportVersion) pdf.Document {
	d := reportDocOf(v, rv.Report)
	doc := pdf.Document{Title: d.Title, Lang: pdfLang(v), Author: v.T("followup.report.pdf.author"),
		Subject: v.T("followup.report.pdf.subject", d.Year), Created: rv.IssuedAt}
	b := &pdfBlocks{v: v}
	b.add(pdf.Block{Kind: pdf.H1, Text: d.Title},
		pdf.Block{Kind: pdf.Small, Text: v.T("followup.report.public.issued", rv.Version, i18n.Date(v.Lang, rv.IssuedAt))})
	reportPDFNarrative(b, v.T("followup.report.introduction"), d.Introduction)
	for _, p := range d.Perspectives {
		reportPDFPerspective(b, v, p, d.IndicatorHead)
	}
	reportPDFInitiatives(b, v, d.Initiatives)
	reportPDFMaturity(b, v, d)
	reportPDFCompetence(b, v, d.Competence)
	reportPDFFindings(b, v, d.Findings)
	reportPDFNarrative(b, v.T("followup.report.conclusion"), d.Conclusion)
	doc.Blocks = b.blocks
	return doc
}

// reportPDFNarrative adds a part with a narrative, when there is one, as
// paragraphs of its text.
func reportPDFNarrative(b *pdfBlocks, heading string, n reportNarrative) {
	if n.Text == "" {
		return
	}
	b.add(pdf.Block{Kind: pdf.H2, Text: heading})
	reportPDFText(b, n)
}

// reportPDFText adds a narrative's Markdown as blocks.
func reportPDFText(b *pdfBlocks, n reportNarrative) {
	if n.Text != "" {
		b.add(reportPDFMarkdown(n.Text)...)
	}
}

func reportPDFPerspective(b *pdfBlocks, v *view, p reportPerspectiveDoc, head []string) {
	b.add(pdf.Block{Kind: pdf.H2, Text: p.Heading})
	reportPDFText(b, p.Narrative)
	switch {
	case !p.Available:
		b.add(pdf.Block{Text: v.T("followup.report.not_available")})
	case len(p.Rows) == 0:
		b.add(pdf.Block{Text: v.T("followup.report.indicators.none")})
	default:
		t := pdf.Block{Kind: pdf.Table, Label: p.Caption, Items: head}
		var methods []string
		for _, r := range p.Rows {
			t.Rows = append(t.Rows, []string{r.Name.Text, r.Value, r.Previous, r.Target, r.Status.Text})
			m := r.Name.Text + ": " + r.Method.Text
			if r.Note != "" {
				m += " " + r.Note
			}
			methods = append(methods, m)
		}
		b.add(t, pdf.Block{Kind: pdf.List, Label: v.T("followup.report.indicators.methods"), Items: methods})
	}
}

func reportPDFInitiatives(b *pdfBlocks, v *view, in reportInitiativesDoc) {
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("followup.report.initiatives.heading")})
	if !in.Available {
		b.add(pdf.Block{Text: v.T("followup.report.not_available")})
		return
	}
	b.add(pdf.Block{Text: in.Summary})
	if len(in.Rows) > 0 {
		t := pdf.Block{Kind: pdf.Table, Label: v.T("followup.report.initiatives.caption"),
			Items: []string{v.T("followup.report.col.initiative"), v.T("followup.report.col.owner"), v.T("followup.report.col.status"),
				v.T("followup.report.col.perspectives"), v.T("followup.report.col.benefit")}}
		for _, r := range in.Rows {
			t.Rows = append(t.Rows, []string{r.Title.Text, r.Owner.Text, r.Status, r.Perspectives, r.Benefit})
		}
		b.add(t)
	}
	if len(in.Benefits) > 0 {
		t := pdf.Block{Kind: pdf.Table, Label: v.T("followup.report.benefits.caption"),
			Items: []string{v.T("followup.report.col.benefit_what"), v.T("followup.report.col.initiative"), v.T("followup.report.col.date"),
				v.T("followup.report.col.value_year"), v.T("followup.report.col.indicator_key")}}
		for _, r := range in.Benefits {
			t.Rows = append(t.Rows, []string{r.Description.Text, r.Initiative.Text, r.Date, r.Value, r.Indicator})
		}
		t.Rows = append(t.Rows, []string{v.T("followup.report.benefits.total"), "", "", in.Total, ""})
		b.add(t)
	}
}

func reportPDFMaturity(b *pdfBlocks, v *view, d reportDoc) {
	m := d.Maturity
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("followup.report.maturity.heading")})
	switch {
	case !m.Available:
		b.add(pdf.Block{Text: v.T("followup.report.not_available")})
	case len(m.Rows) == 0:
		b.add(pdf.Block{Text: v.T("followup.report.maturity.empty", d.Year)})
	default:
		t := pdf.Block{Kind: pdf.Table, Label: v.T("followup.report.maturity.caption", d.Year), Items: d.MaturityHead}
		for _, r := range append(m.Rows, m.Mean) {
			t.Rows = append(t.Rows, []string{r.Unit.Text, r.Total, r.Capability, r.Heritage, r.Before})
		}
		b.add(t)
	}
}

func reportPDFCompetence(b *pdfBlocks, v *view, c reportCompetenceDoc) {
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("followup.report.competence.heading")})
	switch {
	case !c.Available:
		b.add(pdf.Block{Text: v.T("followup.report.not_available")})
	case len(c.Rows) == 0:
		b.add(pdf.Block{Text: c.Lead}, pdf.Block{Text: v.T("followup.report.competence.empty")})
	default:
		t := pdf.Block{Kind: pdf.Table, Label: v.T("followup.report.competence.caption"),
			Items: []string{v.T("followup.report.col.area"), v.T("followup.report.col.respondents"), v.T("followup.report.col.mean_level")}}
		for _, r := range c.Rows {
			t.Rows = append(t.Rows, []string{r.Area.Text, r.Respondents, r.Mean})
		}
		b.add(pdf.Block{Text: c.Lead}, t)
	}
}

func reportPDFFindings(b *pdfBlocks, v *view, f reportFindingsDoc) {
	b.add(pdf.Block{Kind: pdf.H2, Text: v.T("followup.report.findings.heading")})
	switch {
	case !f.Available:
		b.add(pdf.Block{Text: v.T("followup.report.not_available")})
	case len(f.Rows) == 0:
		b.add(pdf.Block{Text: v.T("followup.report.findings.none")})
	default:
		t := pdf.Block{Kind: pdf.Table, Label: v.T("followup.report.findings.caption"),
			Items: []string{v.T("followup.report.col.subject"), v.T("followup.report.col.kind"), v.T("followup.report.col.figures")}}
		for _, r := range f.Rows {
			t.Rows = append(t.Rows, []string{r.Subject.Text, r.Kind, r.Detail.Text})
		}
		b.add(t)
	}
}
