package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// Page geometry in points (1/72 inch): A4 with margins of 20 mm.
const (
	mm         = 72 / 25.4
	pageWidth  = 210 * mm
	pageHeight = 297 * mm
	margin     = 20 * mm
	textWidth  = pageWidth - 2*margin
	footerY    = 10 * mm  // the baseline of the page number, inside the bottom margin
	grey       = "0.33 g" // #545454: 7.5:1 against white
)

// style is how a run of text looks.
type style struct {
	font  int
	size  float64
	color string // a fill colour operator, "0 g" for black
}

// lineHeight is the distance between the baselines of two lines of s.
func (s style) lineHeight() float64 { return s.size * 1.3 }

// layout places the blocks of a document on pages: it writes one content
// stream per page and records the structure of what it writes.
type layout struct {
	fonts *fontSet
	tree  *tree
	pages []*bytes.Buffer
	y     float64 // the top of the free space on the current page
	fresh bool    // nothing has been placed on the current page yet
	open  *elem   // the element whose marked content is open, if any
	used  [2][256]bool
}

// newLayout returns a layout with one empty page.
func newLayout(fonts *fontSet) *layout {
	l := &layout{fonts: fonts, tree: newTree()}
	l.newPage()
	return l
}

// page returns the content stream of the current page.
func (l *layout) page() *bytes.Buffer { return l.pages[len(l.pages)-1] }

// newPage ends the current page, if any, and starts an empty one.
func (l *layout) newPage() {
	if len(l.pages) > 0 {
		l.endMark()
	}
	l.pages = append(l.pages, &bytes.Buffer{})
	l.y, l.fresh = pageHeight-margin, true
}

// need starts a new page unless h points fit on the current one. On a fresh
// page everything "fits", so that a block taller than a page still goes on.
func (l *layout) need(h float64) {
	if !l.fresh && l.y-h < margin {
		l.newPage()
	}
}

// space leaves h points empty, unless at the top of a page.
func (l *layout) space(h float64) {
	if !l.fresh {
		l.y -= h
	}
}

// mark makes sure the marked content of e is open on the current page.
func (l *layout) mark(e *elem) {
	if l.open == e {
		return
	}
	l.endMark()
	mcid := l.tree.mark(e, len(l.pages)-1)
	fmt.Fprintf(l.page(), "/%s <</MCID %d>> BDC\n", e.typ, mcid)
	l.open = e
}

// endMark closes the open marked content, if any.
func (l *layout) endMark() {
	if l.open != nil {
		l.page().WriteString("EMC\n")
		l.open = nil
	}
}

// show draws codes in style s with the baseline at y and the left edge at
// x. The caller has opened marked content or an artifact.
func (l *layout) show(s style, x, y float64, codes []byte) {
	l.page().WriteString(l.text(s, x, y, codes))
}

// text returns the operators that draw codes, and notes the codes as used.
func (l *layout) text(s style, x, y float64, codes []byte) string {
	if len(codes) == 0 {
		return ""
	}
	for _, c := range codes {
		l.used[s.font][c] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "BT /F%d %.2f Tf %s %.2f %.2f Td ", s.font, s.size, s.color, x, y)
	literal(&b, codes)
	b.WriteString(" Tj ET\n")
	return b.String()
}

// line places one line of text of e at x, below the free space, and moves
// the free space down by one line height.
func (l *layout) line(e *elem, s style, x float64, codes []byte) {
	l.need(s.lineHeight())
	if len(codes) > 0 {
		l.mark(e)
		l.show(s, x, l.y-s.size, codes)
	}
	l.y -= s.lineHeight()
	l.fresh = false
}

// artifact writes drawing operators that are not content (a rule, a box,
// a page number) as an artifact of the given kind, e.g. "/Type /Layout".
func (l *layout) artifact(kind, ops string) {
	l.endMark()
	fmt.Fprintf(l.page(), "/Artifact <<%s>> BDC\n%sEMC\n", kind, ops)
}

// footers writes "1 (3)" at the bottom right of every page, as artifacts.
func (l *layout) footers() {
	l.endMark()
	s := style{font: regular, size: 9, color: grey}
	for i, p := range l.pages {
		codes := fmt.Appendf(nil, "%d (%d)", i+1, len(l.pages))
		x := pageWidth - margin - l.fonts.width(s.font, s.size, codes)
		fmt.Fprintf(p, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n%sEMC\n",
			l.text(s, x, footerY, codes))
	}
}

// wrap breaks text into lines no wider than width in style s (not counting
// the space kept at the end of a line broken between words). A newline in
// text always breaks; a word wider than a line is broken where it must.
func (l *layout) wrap(text string, s style, width float64) [][]byte {
	w := func(codes ...byte) float64 { return l.fonts.width(s.font, s.size, codes) }
	space := w(' ')
	var lines [][]byte
	for _, hard := range strings.Split(text, "\n") {
		var cur []byte
		curW := 0.0
		for _, word := range bytes.Split(encode(hard, l.fonts), []byte{' '}) {
			wordW := w(word...)
			if len(cur) > 0 && curW+space+wordW <= width {
				cur, curW = append(append(cur, ' '), word...), curW+space+wordW
				continue
			}
			if len(cur) > 0 { // the space stays, so that the words stay apart in the text
				lines, cur, curW = append(lines, append(cur, ' ')), nil, 0
			}
			for _, c := range word { // a word wider than a line is broken anywhere
				if cw := w(c); curW+cw <= width || len(cur) == 0 {
					cur, curW = append(cur, c), curW+cw
					continue
				}
				lines, cur, curW = append(lines, cur), []byte{c}, w(c)
			}
		}
		lines = append(lines, cur)
	}
	return lines
}
