package pdf

import (
	"fmt"
	"strings"
)

// A Table block is a table of text: a Caption (Label), one row of column
// headers (Items, TH elements with /Scope /Column) and the rows (Rows),
// whose first cell is a TH with /Scope /Row and the others TD, all as
// Table › Caption, TR › TH/TD in the structure tree. Columns get widths
// in proportion to their longest text, a cell's text wraps within its
// column, and a row never breaks across pages; on a new page the column
// headers are drawn again as an artifact, so a reader of the page sees
// them and a screen reader hears them once.

// Table geometry.
const (
	cellGap      = 3 * mm // between two columns
	maxTableCols = 20     // more columns are left out: they would not fit anyway
)

// The attributes of header cells: the column or the row they head.
const (
	columnScope = " /A << /O /Table /Scope /Column >>"
	rowScope    = " /A << /O /Table /Scope /Row >>"
)

// table places b as a table.
func (l *layout) table(b Block) {
	cols := min(len(b.Items), maxTableCols)
	for _, r := range b.Rows {
		cols = max(cols, min(len(r), maxTableCols))
	}
	if cols == 0 {
		return
	}
	widths := l.columnWidths(b, cols)
	t := l.tree.add(l.tree.root, "Table", "")
	if caption := l.wrap(b.Label, label, textWidth); !empty(caption) {
		l.need(float64(len(caption)+2) * body.lineHeight())
		l.lines(l.tree.add(t, "Caption", ""), label, margin, caption)
		l.space(body.size * 0.3)
	}
	header := cellsOf(b.Items, cols)
	hasHeader := strings.Join(header, "") != ""
	if hasHeader {
		l.row(t, header, widths, true, false)
		l.rule()
	}
	for _, r := range b.Rows {
		cells := cellsOf(r, cols)
		if hasHeader && l.rowBreaks(cells, widths) {
			l.newPage()
			l.repeatHeader(header, widths)
		}
		l.row(t, cells, widths, false, true)
	}
	l.space(body.size * 0.8)
}

// cellsOf returns r with exactly cols cells.
func cellsOf(r []string, cols int) []string {
	out := make([]string, cols)
	copy(out, r[:min(len(r), cols)])
	return out
}

// columnWidths shares the text width among cols columns in proportion to
// the width of each column's longest text on one line, each at least a
// fair share of a fifth of the width when that is what its text needs.
func (l *layout) columnWidths(b Block, cols int) []float64 {
	avail := textWidth - float64(cols-1)*cellGap
	natural := make([]float64, cols)
	measure := func(cells []string, s style) {
		for c := range min(len(cells), cols) {
			for _, ln := range strings.Split(cells[c], "\n") {
				natural[c] = max(natural[c], l.fonts.width(s.font, s.size, encode(ln, l.fonts)))
			}
		}
	}
	measure(b.Items, label)
	for _, r := range b.Rows {
		measure(r, body)
	}
	total := 0.0
	for c := range natural {
		natural[c] = max(natural[c], 4*mm)
		total += natural[c]
	}
	widths := make([]float64, cols)
	if total <= avail {
		copy(widths, natural)
		return widths
	}
	floor := min(avail/float64(cols), avail/5)
	rest, flexible := avail, 0.0
	for c := range natural {
		if natural[c] <= floor {
			widths[c] = natural[c]
			rest -= natural[c]
		} else {
			flexible += natural[c]
		}
	}
	for c := range natural {
		if widths[c] == 0 {
			widths[c] = max(floor, rest*natural[c]/flexible)
		}
	}
	return widths
}

// wrapRow wraps the cells of a row in their columns.
func (l *layout) wrapRow(cells []string, widths []float64, s style) ([][][]byte, float64) {
	wrapped := make([][][]byte, len(cells))
	lines := 1
	for c, text := range cells {
		wrapped[c] = l.wrap(text, s, widths[c])
		lines = max(lines, len(wrapped[c]))
	}
	return wrapped, float64(lines)*s.lineHeight() + body.size*0.4
}

// rowBreaks reports whether a body row of cells does not fit on the rest
// of the page (and the page holds something already).
func (l *layout) rowBreaks(cells []string, widths []float64) bool {
	_, h := l.wrapRow(cells, widths, body)
	return !l.fresh && l.y-h < margin
}

// row places one row of cells under the table t: a header row's cells as
// TH for their columns; in a body row the first cell as TH for its row
// when rowHeader, the others as TD.
func (l *layout) row(t *elem, cells []string, widths []float64, header, rowHeader bool) {
	s := body
	if header {
		s = label
	}
	wrapped, h := l.wrapRow(cells, widths, s)
	l.need(h)
	tr := l.tree.add(t, "TR", "")
	top, x := l.y, margin
	for c := range cells {
		typ, attrs, cs := "TD", "", s
		switch {
		case header:
			typ, attrs = "TH", columnScope
		case rowHeader && c == 0:
			typ, attrs = "TH", rowScope
		}
		cell := l.tree.add(tr, typ, attrs)
		y := top
		for _, ln := range wrapped[c] {
			if len(ln) > 0 {
				l.mark(cell)
				l.show(cs, x, y-cs.size, ln)
			}
			y -= cs.lineHeight()
		}
		x += widths[c] + cellGap
	}
	l.y, l.fresh = top-h, false
}

// repeatHeader draws the column headers again at the top of a new page,
// as an artifact, with the rule below them.
func (l *layout) repeatHeader(header []string, widths []float64) {
	wrapped, h := l.wrapRow(header, widths, label)
	var ops strings.Builder
	x := margin
	for c := range header {
		y := l.y
		for _, ln := range wrapped[c] {
			ops.WriteString(l.text(label, x, y-label.size, ln))
			y -= label.lineHeight()
		}
		x += widths[c] + cellGap
	}
	l.artifact("/Type /Pagination", ops.String())
	l.y, l.fresh = l.y-h, false
	l.rule()
}

// rule draws a thin line across the text width below the free space's
// top, as an artifact.
func (l *layout) rule() {
	l.artifact("/Type /Layout", fmt.Sprintf("q 0.5 w 0.33 G %.2f %.2f m %.2f %.2f l S Q\n",
		margin, l.y+2, pageWidth-margin, l.y+2))
	l.y -= 2
}
