package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestWriteToPoppler reads what WriteTo writes with poppler and qpdf: the
// file parses, is tagged, has the title and the pages, and its text and its
// structure tree extract right.
func TestWriteToPoppler(t *testing.T) {
	t.Parallel()
	const swedish = "Räksmörgås Åsa Öberg ÉÜ"
	tests := []struct {
		name      string
		doc       Document
		pages     func(n int) bool
		lines     []string // whole lines of pdftotext's output
		text      []string // in pdftotext's output, white space made single spaces
		structure []string // in pdfinfo -struct-text, white space made single spaces
	}{
		{
			name:      "swedish letters",
			doc:       Document{Title: "Smörgåsar för Åsa", Lang: "sv-SE", Blocks: []Block{{Text: swedish}}},
			pages:     func(n int) bool { return n == 1 },
			lines:     []string{swedish},
			structure: []string{`Document P (block) "` + swedish + `"`},
		},
		{
			name: "punctuation and characters outside WinAnsi",
			doc: Document{Title: "Tecken", Lang: "sv-SE", Blocks: []Block{
				{Text: "– — ’ ” … • € ½ ß æ ø (a) \\ b) 1\u00a0000 kr"},
				{Text: "中文 ✓ 😀 \x01 end"},
			}},
			pages: func(n int) bool { return n == 1 },
			// pdftotext makes the no-break space a space
			lines: []string{"– — ’ ” … • € ½ ß æ ø (a) \\ b) 1 000 kr", "?? ? ? end"},
		},
		{
			name:  "one-page receipt",
			doc:   receipt(8),
			pages: func(n int) bool { return n == 1 },
			text:  []string{"Kvitto: Ansökan om bygglov", "Fråga 8: Beskriv åtgärden Tillbyggnad", "• ritning.pdf", "1 (1)"},
			structure: []string{
				`H1 (block) "Kvitto: Ansökan om bygglov"`,
				`L (block): /ListNumbering /None LI (block) Lbl (block) "Fråga 1: Beskriv åtgärden" LBody (block) "Tillbyggnad av förråd på 12 m² mot tomtgränsen i öster. "`,
				`L (block): /ListNumbering /Disc LI (block) Lbl (block) "•" LBody (block) "ritning.pdf"`,
				`P (block) "Kvittot skapades automatiskt av Språnget."`,
			},
		},
		{
			name:  "long receipt breaks pages",
			doc:   receipt(60),
			pages: func(n int) bool { return n > 1 },
			text:  []string{"Fråga 60: Beskriv åtgärden", "1 (", "Kvittot skapades automatiskt av Språnget."},
			// a paragraph broken over lines keeps the space between its words
			structure: []string{`LBody (block) "Tillbyggnad av förråd på 12 m² mot tomtgränsen i öster. Tillbyggnad av förråd`},
		},
		{
			name: "paper form",
			doc: Document{Title: "Blankett", Lang: "en-GB", Author: "Example Council", Blocks: []Block{
				{Kind: H1, Text: "Application"},
				{Kind: Blank, Label: "Your name", Lines: 2},
				{Kind: Checkboxes, Label: "Choose one", Items: []string{"Yes", "No"}},
				{Kind: PageBreak},
				{Kind: H3, Text: "Signature"},
				{Kind: Blank, Lines: 3},
			}},
			pages:     func(n int) bool { return n == 2 },
			text:      []string{"Application Your name", "Choose one Yes No", "1 (2)", "Signature", "2 (2)"},
			structure: []string{`P (block) "Choose one" L (block): /ListNumbering /None LI (block) LBody (block) "Yes"`},
		},
		{
			name:  "no blocks",
			doc:   Document{Title: "Tomt", Lang: "sv"},
			pages: func(n int) bool { return n == 1 },
			text:  []string{"1 (1)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path, _ := render(t, tt.doc)
			fields := info(t, path)
			if fields["Tagged"] != "yes" {
				t.Errorf("pdfinfo Tagged = %q, want yes", fields["Tagged"])
			}
			if fields["Title"] != tt.doc.Title {
				t.Errorf("pdfinfo Title = %q, want %q", fields["Title"], tt.doc.Title)
			}
			if n, err := strconv.Atoi(fields["Pages"]); err != nil || !tt.pages(n) {
				t.Errorf("pdfinfo Pages = %q, not what the test wants", fields["Pages"])
			}
			text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			for _, want := range tt.lines {
				if !hasLine(text, want) {
					t.Errorf("pdftotext has no line %q in:\n%s", want, text)
				}
			}
			for _, want := range tt.text {
				if !strings.Contains(words(text), want) {
					t.Errorf("pdftotext lacks %q in:\n%s", want, text)
				}
			}
			tree := run(t, "pdfinfo", "-struct-text", path)
			for _, want := range tt.structure {
				if !strings.Contains(words(tree), words(want)) {
					t.Errorf("structure tree lacks %s in:\n%s", want, tree)
				}
			}
			run(t, "qpdf", "--check", path)
			checkFonts(t, path)
		})
	}
}

// hasLine reports whether text has a line that is want, ignoring white
// space at its ends.
func hasLine(text, want string) bool {
	for line := range strings.Lines(text) {
		if strings.TrimSpace(line) == want {
			return true
		}
	}
	return false
}

// checkFonts checks with pdffonts that every font is an embedded TrueType
// subset with a ToUnicode map.
func checkFonts(t *testing.T, path string) {
	t.Helper()
	out := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) != 2 {
		t.Fatalf("pdffonts lists %d fonts, want 2:\n%s", len(lines), out)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if got := strings.Join(f[1:6], " "); got != "TrueType WinAnsi yes yes yes" {
			t.Errorf("pdffonts says %q, want an embedded subset with ToUnicode", l)
		}
	}
}

// TestPageBreaks checks that a page never ends with a field's label or a
// heading: each goes on the next page with what follows it.
func TestPageBreaks(t *testing.T) {
	t.Parallel()
	d := Document{Title: "Sidbrytning", Lang: "sv-SE"}
	for i := range 70 {
		if i%9 == 0 {
			d.Blocks = append(d.Blocks, Block{Kind: H2, Text: fmt.Sprintf("Rubrik %02d", i)})
		}
		d.Blocks = append(d.Blocks, Block{Kind: Field, Label: fmt.Sprintf("Etikett %02d", i),
			Text: strings.TrimSpace(strings.Repeat(fmt.Sprintf("Värde %02d ", i), 1+i%13*3))})
	}
	path, _ := render(t, d)
	pages, _ := strconv.Atoi(info(t, path)["Pages"])
	if pages < 3 {
		t.Fatalf("%d pages, want at least 3", pages)
	}
	for p := 1; p <= pages; p++ {
		text := run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-")
		lines := strings.Fields(strings.ReplaceAll(text, " ", "_"))
		if len(lines) < 2 {
			t.Fatalf("page %d is empty:\n%s", p, text)
		}
		last := lines[len(lines)-2] // the line above the page number
		if strings.HasPrefix(last, "Etikett") || strings.HasPrefix(last, "Rubrik") {
			t.Errorf("page %d ends with %q, apart from what follows it", p, last)
		}
		if want := fmt.Sprintf("%d_(%d)", p, pages); lines[len(lines)-1] != want {
			t.Errorf("page %d ends with %q, want the page number %q", p, lines[len(lines)-1], want)
		}
	}
}

// TestRenders renders a receipt with poppler's rasterizer, which complains
// on standard error about a broken font or content stream.
func TestRenders(t *testing.T) {
	t.Parallel()
	path, _ := render(t, receipt(40))
	run(t, "pdftoppm", "-r", "20", "-png", path, path+"-page")
}
