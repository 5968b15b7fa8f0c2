package pdf

import (
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The two faces a document uses, as indexes into fontSet.faces and as the
// resource names /F0 and /F1.
const (
	regular = 0
	bold    = 1
)

// face is one TrueType font with what the writer needs to know of it: the
// glyph and the advance width (in thousandths of an em) of every
// WinAnsiEncoding code, and the metrics for the font descriptor.
type face struct {
	ttf     []byte
	name    string // the PostScript name
	glyph   [256]sfnt.GlyphIndex
	width   [256]int
	bbox    [4]int
	ascent  int
	descent int
	capH    int
	weight  int
}

// fontSet is the regular and the bold face; it is read-only once loaded.
type fontSet struct {
	faces [2]*face
}

// loadFonts parses the embedded Go fonts once; the result is never changed.
var loadFonts = sync.OnceValues(func() (*fontSet, error) {
	r, err := loadFace(goregular.TTF, 400)
	if err != nil {
		return nil, err
	}
	b, err := loadFace(gobold.TTF, 700)
	if err != nil {
		return nil, err
	}
	return &fontSet{faces: [2]*face{r, b}}, nil
})

// has reports whether both faces have a glyph for the WinAnsiEncoding code c.
func (fs *fontSet) has(c byte) bool {
	return fs.faces[regular].glyph[c] != 0 && fs.faces[bold].glyph[c] != 0
}

// width returns the width of codes in points at the given size.
func (fs *fontSet) width(f int, size float64, codes []byte) float64 {
	w := 0
	for _, c := range codes {
		w += fs.faces[f].width[c]
	}
	return float64(w) * size / 1000
}

// loadFace parses a TrueType font and reads the glyphs and widths of the
// WinAnsiEncoding codes from it.
func loadFace(ttf []byte, weight int) (*face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse font: %w", err)
	}
	var buf sfnt.Buffer
	upem := f.UnitsPerEm()
	ppem := fixed.I(int(upem)) // so that advances come out in font units
	scale := func(v fixed.Int26_6) int { return int(v) * 1000 / (64 * int(upem)) }
	fc := &face{ttf: ttf, weight: weight}
	if fc.name, err = f.Name(&buf, sfnt.NameIDPostScript); err != nil {
		return nil, fmt.Errorf("read font name: %w", err)
	}
	for c := 0x20; c <= 0xFF; c++ {
		r := codeRune(byte(c))
		if r == 0 {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue // no glyph: encode writes '?' instead
		}
		adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("read advance of %q: %w", r, err)
		}
		fc.glyph[c], fc.width[c] = g, scale(adv)
	}
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("read font metrics: %w", err)
	}
	bb, err := f.Bounds(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("read font bounds: %w", err)
	}
	// sfnt's y axis points down; PDF's points up.
	fc.ascent, fc.descent, fc.capH = scale(m.Ascent), -scale(m.Descent), scale(m.CapHeight)
	fc.bbox = [4]int{scale(bb.Min.X), -scale(bb.Max.Y), scale(bb.Max.X), -scale(bb.Min.Y)}
	return fc, nil
}

// writeFont writes the font dictionary of face f with its descriptor and
// its program, subset to the codes used, and returns the font's object number.
func writeFont(w *writer, f *face, used *[256]bool, toUni int) (int, error) {
	prog, err := subset(f.ttf, subsetGlyphs(f, used))
	if err != nil {
		return 0, fmt.Errorf("subset font %s: %w", f.name, err)
	}
	name := subsetTag(prog) + "+" + f.name
	file := w.stream(fmt.Sprintf("/Length1 %d", len(prog)), prog)
	desc := w.object(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32"+
		" /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d"+
		" /StemV %d /FontWeight %d /FontFile2 %d 0 R >>", name, f.bbox[0], f.bbox[1],
		f.bbox[2], f.bbox[3], f.ascent, f.descent, f.capH, f.weight/5, f.weight, file))
	widths := make([]byte, 0, 4*224)
	for c := 0x20; c <= 0xFF; c++ {
		widths = fmt.Appendf(widths, "%d ", f.width[c])
	}
	return w.object(fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /%s"+
		" /FirstChar 32 /LastChar 255 /Widths [%s] /Encoding /WinAnsiEncoding"+
		" /FontDescriptor %d 0 R /ToUnicode %d 0 R >>", name, widths[:len(widths)-1], desc, toUni)), nil
}

// subsetGlyphs returns the glyphs of the used codes and .notdef.
func subsetGlyphs(f *face, used *[256]bool) []sfnt.GlyphIndex {
	glyphs := []sfnt.GlyphIndex{0}
	for c, u := range used {
		if u && f.glyph[c] != 0 {
			glyphs = append(glyphs, f.glyph[c])
		}
	}
	return glyphs
}

// subsetTag returns the six capital letters that name a font subset,
// derived from the subset's bytes so that equal subsets get equal names.
func subsetTag(prog []byte) string {
	h := uint32(2166136261) // FNV-1a
	for _, b := range prog {
		h = (h ^ uint32(b)) * 16777619
	}
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + h%26)
		h /= 26
	}
	return string(tag)
}
