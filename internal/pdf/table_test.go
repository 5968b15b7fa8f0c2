package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// reportTable returns a document with a table of rows indicators, as the
// yearly follow-up report writes them.
func reportTable(rows int) Document {
	d := Document{Title: "Uppföljningsrapport 2025", Lang: "sv-SE", Blocks: []Block{
		{Kind: H1, Text: "Uppföljningsrapport 2025"}, {Kind: H2, Text: "Digital trygghet"},
	}}
	t := Block{Kind: Table, Label: "Indikatorer för digital trygghet 2025",
		Items: []string{"Indikator", "Värde 2025", "Värde 2024", "Mål 2025", "Status"}}
	for i := range rows {
		t.Rows = append(t.Rows, []string{fmt.Sprintf("Andel ärenden som kom in digitalt, e-tjänst %d med ett långt namn som bryts", i+1),
			"72,4 %", "61,0 %", "80,0 %", "Nära målet"})
	}
	d.Blocks = append(d.Blocks, t, Block{Text: "Efter tabellen."})
	return d
}

// TestTable: a table is Table › Caption, TR › TH/TD in the structure
// tree; the column headers are TH for their columns, each row's first
// cell TH for its row; a table longer than a page repeats its headers as
// an artifact on the next page and never splits a row.
func TestTable(t *testing.T) {
	t.Parallel()
	_, file := render(t, reportTable(120))
	objs := readObjects(t, file)
	count := map[string]int{}
	var scopes []string
	pages := 0
	for _, o := range objs {
		if strings.HasPrefix(o.dict, "<< /Type /Page ") {
			pages++
		}
		if m := typeRe.FindStringSubmatch(o.dict); m != nil && strings.HasPrefix(o.dict, "<< /Type /StructElem ") {
			count[m[1]]++
			if m[1] == "TH" {
				scopes = append(scopes, regexp.MustCompile(`/Scope /(\w+)`).FindStringSubmatch(o.dict)[1])
			}
		}
	}
	if count["Table"] != 1 || count["Caption"] != 1 || count["TR"] != 121 || count["TH"] != 5+120 || count["TD"] != 4*120 {
		t.Errorf("elements: %v", count)
	}
	cols, rows := 0, 0
	for _, s := range scopes {
		switch s {
		case "Column":
			cols++
		case "Row":
			rows++
		}
	}
	if cols != 5 || rows != 120 {
		t.Errorf("%d column headers, %d row headers", cols, rows)
	}
	if pages < 3 {
		t.Fatalf("%d pages; the table should run over several", pages)
	}
	repeats := 0
	for _, o := range objs {
		repeats += strings.Count(string(o.stream), "/Artifact <</Type /Pagination>> BDC")
	}
	if repeats != pages-1 {
		t.Errorf("the headers are repeated %d times on %d pages", repeats, pages)
	}
}

// TestTableEdges: a table without rows or headers, with ragged rows or
// with a cell far wider than the page still makes a valid document.
func TestTableEdges(t *testing.T) {
	t.Parallel()
	tests := []Block{
		{Kind: Table},
		{Kind: Table, Label: "Bara rubriker", Items: []string{"A", "B"}},
		{Kind: Table, Rows: [][]string{{"utan rubriker", "x"}, {"kort"}}},
		{Kind: Table, Items: []string{"A"}, Rows: [][]string{{strings.Repeat("ordutanmellanrum", 60), "extra", "fler"}}},
		{Kind: Table, Items: make([]string, 40), Rows: [][]string{make([]string, 40)}},
	}
	for i, b := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			_, file := render(t, Document{Title: "Tabell", Lang: "sv", Blocks: []Block{{Kind: H1, Text: "Tabell"}, b}})
			readObjects(t, file)
		})
	}
}
