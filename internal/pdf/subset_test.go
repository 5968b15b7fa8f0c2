package pdf

import (
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestSubset checks the subset font with sfnt: it parses, the glyphs kept
// (and the components of å) still have outlines and the others are empty.
func TestSubset(t *testing.T) {
	t.Parallel()
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	f := fonts.faces[regular]
	var used [256]bool
	for _, c := range encode("åb", fonts) {
		used[c] = true
	}
	prog, err := subset(f.ttf, subsetGlyphs(f, &used))
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(prog)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	var buf sfnt.Buffer
	for _, tt := range []struct {
		r    rune
		kept bool
	}{{'å', true}, {'b', true}, {'a', false}, {'c', false}, {'Ö', false}} {
		g, err := sf.GlyphIndex(&buf, tt.r)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := sf.LoadGlyph(&buf, g, 2048<<6, nil)
		if err != nil {
			t.Errorf("glyph of %q: %v", tt.r, err)
		}
		if kept := len(segs) > 0; kept != tt.kept {
			t.Errorf("glyph of %q has %d segments, kept = %v, want %v", tt.r, len(segs), kept, tt.kept)
		}
	}
	// The Go fonts have no composite glyphs; this one is made up:
	// two components, the first with word arguments and a scale.
	composite := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
		0x00, 0x29, 0x00, 0x44, 0, 1, 0, 2, 0x40, 0x00, // flags: words, scale, more; glyph 68
		0x00, 0x00, 0x00, 0x7A, 0, 0} // flags: none; glyph 122
	if got := components(composite); len(got) != 2 || got[0] != 68 || got[1] != 122 {
		t.Errorf("components = %v, want [68 122]", got)
	}
	if _, err := subset(f.ttf[:100], nil); err == nil {
		t.Error("subset of a cut font succeeded")
	}
}
