package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/pdf"
)

// pdfLang returns the language tag of a PDF in the view's language.
func pdfLang(v *view) string {
	if v.Lang == i18n.English {
		return "en-GB"
	}
	return "sv-SE"
}

// writePDF writes doc as a PDF file to download under name. It is
// rendered into memory first, so a failure is a clean error page.
func (s *Server) writePDF(w http.ResponseWriter, r *http.Request, doc pdf.Document, name string) {
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

// receiptPDF returns the receipt of errand e as a document: the facts of
// the errand, the answers and the privacy notice.
func receiptPDF(v *view, e eservice.Errand, spec eservice.Spec, unit string, rows []eservice.Row, names map[int64]string) pdf.Document {
	lang := string(v.Lang)
	title := v.T("receipt.pdf.title", e.Reference)
	doc := pdf.Document{Title: title, Lang: pdfLang(v), Author: unit, Subject: spec.Title.In(lang), Created: e.SubmittedAt}
	add := func(b ...pdf.Block) { doc.Blocks = append(doc.Blocks, b...) }
	add(pdf.Block{Kind: pdf.H1, Text: title},
		pdf.Block{Text: v.T("receipt.lead", spec.Title.In(lang))},
		pdf.Block{Kind: pdf.Field, Label: v.T("receipt.reference"), Text: e.Reference},
		pdf.Block{Kind: pdf.Field, Label: v.T("receipt.diary"), Text: e.DiaryNumber},
		pdf.Block{Kind: pdf.Field, Label: v.T("receipt.service"), Text: spec.Title.In(lang)},
		pdf.Block{Kind: pdf.Field, Label: v.T("receipt.unit"), Text: unit},
		pdf.Block{Kind: pdf.Field, Label: v.T("receipt.submitted"), Text: i18n.DateTime(e.SubmittedAt)})
	if spec.TargetDays > 0 {
		add(pdf.Block{Kind: pdf.Field, Label: v.T("receipt.due"), Text: i18n.Date(v.Lang, e.DueAt)})
	}
	add(pdf.Block{Kind: pdf.H2, Text: v.T("receipt.answers")})
	for _, r := range answersOf(v, rows, names, func(eservice.Row) (string, string) { return "", "" }).Rows {
		value := r.Value
		if value == "" {
			value = v.T("fill.check.unanswered")
		}
		add(pdf.Block{Kind: pdf.Field, Label: r.Label, Text: value})
	}
	add(privacyBlocks(v, spec)...)
	return doc
}

// privacyBlocks returns the privacy notice of spec as document blocks.
func privacyBlocks(v *view, spec eservice.Spec) []pdf.Block {
	lang := string(v.Lang)
	return []pdf.Block{{Kind: pdf.H2, Text: v.T("service.privacy.heading")},
		{Kind: pdf.Field, Label: v.T("service.privacy.purpose"), Text: spec.Privacy.Purpose.In(lang)},
		{Kind: pdf.Field, Label: v.T("service.privacy.legal_basis"), Text: spec.Privacy.LegalBasis.In(lang)},
		{Kind: pdf.Field, Label: v.T("service.privacy.retention"), Text: spec.Privacy.Retention.In(lang)},
		{Kind: pdf.Field, Label: v.T("service.privacy.controller"), Text: spec.Privacy.Controller}}
}
