package pdf

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(fonts)
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "Åsa Öberg", textWidth, []string{"Åsa Öberg"}},
		{"empty", "", textWidth, []string{""}},
		{"breaks between words, keeping the space", "aaa bbb ccc", 45, []string{"aaa bbb ", "ccc"}},
		{"newline breaks", "ett\ntvå", textWidth, []string{"ett", "två"}},
		{"a long word is broken", "ååååååååååå", 20, []string{"ååå", "ååå", "ååå", "åå"}},
		{"a long word after a short one", "a ååååååå", 20, []string{"a ", "ååå", "ååå", "å"}},
		{"tab, controls and soft hyphen", "a\tb\x00c\u00add", textWidth, []string{"a bcd"}},
		{"no break at a no-break space", "a 1\u00a0000", 32, []string{"a ", "1\u00a0000"}},
		{"outside WinAnsi", "中 ✓", textWidth, []string{"? ?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lines := l.wrap(tt.text, body, tt.width)
			var got []string
			for _, ln := range lines {
				got = append(got, decode(ln))
				if w := fonts.width(body.font, body.size, bytes.TrimRight(ln, " ")); w > tt.width && len(ln) > 1 {
					t.Errorf("line %q is %.1f wide, more than %.1f", decode(ln), w, tt.width)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// decode turns WinAnsiEncoding codes back into text.
func decode(codes []byte) string {
	var b strings.Builder
	for _, c := range codes {
		b.WriteRune(codeRune(c))
	}
	return b.String()
}

func TestEncodingRoundTrip(t *testing.T) {
	t.Parallel()
	for c := 0x20; c <= 0xFF; c++ {
		r := codeRune(byte(c))
		if r == 0 {
			continue
		}
		if got, ok := runeCode(r); !ok || got != byte(c) {
			t.Errorf("runeCode(%q) = %#x, %v; want %#x", r, got, ok, c)
		}
	}
}

func TestWriteToRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  Document
		want string
	}{
		{"no title", Document{Lang: "sv-SE"}, "no title"},
		{"no language", Document{Title: "T"}, "language"},
		{"not a language tag", Document{Title: "T", Lang: "sv) /Foo (x"}, "language"},
		{"unknown kind", Document{Title: "T", Lang: "sv", Blocks: []Block{{Kind: numKinds}}}, "unknown kind Kind(11)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			n, err := tt.doc.WriteTo(&buf)
			if err == nil || !strings.Contains(err.Error(), tt.want) || n != 0 || buf.Len() != 0 {
				t.Errorf("WriteTo = %d, %v (%d bytes); want an error with %q and nothing written", n, err, buf.Len(), tt.want)
			}
		})
	}
}

type failingWriter struct{}

var errDisk = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteToPassesWriteErrors(t *testing.T) {
	t.Parallel()
	if _, err := receipt(1).WriteTo(failingWriter{}); !errors.Is(err, errDisk) {
		t.Errorf("WriteTo = %v, want the writer's error", err)
	}
	var _ io.WriterTo = Document{}
}

// TestKeepTogether lays out fields and headings at many positions on the
// page: a field's label is always on the page of the start of its value,
// and a heading on the page of what follows it.
func TestKeepTogether(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for shift := range 40 {
		var blocks []Block
		for range shift {
			blocks = append(blocks, Block{Kind: Small, Text: "Förskjutning."})
		}
		for i := range 40 {
			if i%7 == 3 {
				blocks = append(blocks, Block{Kind: H2, Text: "Rubrik"}, Block{Text: "Text efter rubriken."})
			}
			blocks = append(blocks, Block{Kind: Field, Label: "Etikett", Text: strings.Repeat("Värde ", 1+i%5*20)})
		}
		l := newLayout(fonts)
		l.place(blocks)
		checkTogether(t, shift, l.tree.root)
	}
}

// checkTogether checks e's children as TestKeepTogether says.
func checkTogether(t *testing.T, shift int, e *elem) {
	t.Helper()
	first := func(e *elem) int { return e.kids[0].page }
	last := func(e *elem) int { return e.kids[len(e.kids)-1].page }
	for i, k := range e.kids {
		switch {
		case k.elem == nil:
		case k.elem.typ == "LI":
			lbl, body := k.elem.kids[0].elem, k.elem.kids[1].elem
			if last(lbl) != first(body) {
				t.Errorf("shift %d: a label ends on page %d, its value starts on page %d", shift, last(lbl)+1, first(body)+1)
			}
		case k.elem.typ == "H2":
			if next := e.kids[i+1].elem; last(k.elem) != first(next) {
				t.Errorf("shift %d: a heading is on page %d, what follows on page %d", shift, last(k.elem)+1, first(next)+1)
			}
		default:
			checkTogether(t, shift, k.elem)
		}
	}
}
