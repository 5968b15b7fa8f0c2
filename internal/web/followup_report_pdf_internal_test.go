package web

import (
	"io"
	"reflect"
	"testing"

	"sprang/internal/pdf"
)

// TestReportPDFMarkdown: a narrative's Markdown becomes headings, lists
// and paragraphs of plain text in the PDF, without its marks or raw HTML.
func TestReportPDFMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []pdf.Block
	}{
		{"paragraphs", "Ett **fetat** ord och en\nradbrytning.\n\nAndra stycket med [länk](https://example.se).",
			[]pdf.Block{{Text: "Ett fetat ord och en radbrytning."}, {Text: "Andra stycket med länk."}}},
		{"heading and list", "# Rubrik\n\n* ett\n* `två`\n\n1. tre",
			[]pdf.Block{{Kind: pdf.H3, Text: "Rubrik"}, {Kind: pdf.List, Items: []string{"ett", "två"}}, {Kind: pdf.List, Items: []string{"tre"}}}},
		{"raw html", "<script>alert(1)</script>\n\nText <b>fet</b> här", []pdf.Block{{Text: "Text fet här"}}},
		{"code", "    kod rad 1\n    kod rad 2", []pdf.Block{{Text: "kod rad 1\nkod rad 2"}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := reportPDFMarkdown(tt.src); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reportPDFMarkdown(%q) =\n%+v\nwant\n%+v", tt.src, got, tt.want)
			}
		})
	}
}

// FuzzReportPDFMarkdown: any narrative becomes blocks without panicking,
// and they make a document that can be written.
func FuzzReportPDFMarkdown(f *testing.F) {
	for _, s := range []string{"# a\n\n* b", "<div>x</div>", "`kod`", "> citat\n> mer", "[a](javascript:alert(1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := pdf.Document{Title: "Rapport", Lang: "sv-SE", Blocks: append([]pdf.Block{{Kind: pdf.H2, Text: "Inledning"}}, reportPDFMarkdown(s)...)}
		if _, err := doc.WriteTo(io.Discard); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
