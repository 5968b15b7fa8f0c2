package pdf

import "fmt"

// The styles of the blocks.
var (
	body     = style{font: regular, size: 11, color: "0 g"}
	small    = style{font: regular, size: 9, color: grey}
	label    = style{font: bold, size: 11, color: "0 g"}
	headings = map[Kind]style{
		H1: {font: bold, size: 20, color: "0 g"},
		H2: {font: bold, size: 15, color: "0 g"},
		H3: {font: bold, size: 12.5, color: "0 g"},
	}
)

// Attributes of lists: a bulleted list and one without labels to read out.
const (
	bullets     = " /A << /O /List /ListNumbering /Disc >>"
	noNumbering = " /A << /O /List /ListNumbering /None >>"
)

// maxLines limits the lines of a Blank, so that a wrong count cannot make
// a document of thousands of pages.
const maxLines = 100

// place lays out the blocks in order. Consecutive Field blocks form one
// list of label and value pairs, like a description list in HTML.
func (l *layout) place(blocks []Block) {
	var fields *elem
	for _, b := range blocks {
		if b.Kind != Field {
			fields = nil
		}
		switch b.Kind {
		case H1, H2, H3:
			l.heading(b)
		case Paragraph:
			l.paragraph(b.Text, body)
		case Small:
			l.paragraph(b.Text, small)
		case Field:
			if fields == nil {
				fields = l.tree.add(l.tree.root, "L", noNumbering)
			}
			l.field(fields, b)
		case List:
			l.list(b)
		case Blank:
			l.blank(b)
		case Checkboxes:
			l.checkboxes(b)
		case PageBreak:
			if !l.fresh {
				l.newPage()
			}
		case Table:
			l.table(b)
		}
	}
}

// heading places a heading, on a new page unless two lines of what follows
// fit below it.
func (l *layout) heading(b Block) {
	s := headings[b.Kind]
	lines := l.wrap(b.Text, s, textWidth)
	if empty(lines) {
		return
	}
	l.need(s.size + float64(len(lines))*s.lineHeight() + 2*body.lineHeight())
	l.space(s.size * 0.8)
	e := l.tree.add(l.tree.root, b.Kind.String(), "")
	l.lines(e, s, margin, lines)
	l.space(s.size * 0.3)
}

// paragraph places text as a P element; a paragraph of several lines never
// leaves its first line alone at the bottom of a page.
func (l *layout) paragraph(text string, s style) {
	lines := l.wrap(text, s, textWidth)
	if empty(lines) {
		return
	}
	l.need(float64(min(len(lines), 2)) * s.lineHeight())
	l.lines(l.tree.add(l.tree.root, "P", ""), s, margin, lines)
	l.space(s.size * 0.6)
}

// field places a bold label with its value below it as an item of list:
// LI with Lbl and LBody. The label always shares its page with the value.
func (l *layout) field(list *elem, b Block) {
	name := l.wrap(b.Label, label, textWidth)
	value := l.wrap(b.Text, body, textWidth)
	if empty(name) && empty(value) {
		return
	}
	l.need(float64(len(name)+1) * body.lineHeight())
	item := l.tree.add(list, "LI", "")
	if !empty(name) {
		l.lines(l.tree.add(item, "Lbl", ""), label, margin, name)
	}
	if !empty(value) {
		l.lines(l.tree.add(item, "LBody", ""), body, margin, value)
	}
	l.space(body.size * 0.5)
}

// list places the Label, if any, and the Items as a bulleted list.
func (l *layout) list(b Block) {
	l.paragraph(b.Label, label)
	list := l.tree.add(l.tree.root, "L", bullets)
	for _, it := range b.Items {
		lines := l.wrap(it, body, textWidth-6*mm)
		if empty(lines) {
			continue
		}
		l.need(body.lineHeight())
		item := l.tree.add(list, "LI", "")
		l.mark(l.tree.add(item, "Lbl", ""))
		l.show(body, margin+1.5*mm, l.y-body.size, encode("•", l.fonts))
		l.lines(l.tree.add(item, "LBody", ""), body, margin+6*mm, lines)
	}
	l.space(body.size * 0.6)
}

// blank places the Label and b.Lines ruled lines to write on, as artifacts.
func (l *layout) blank(b Block) {
	const gap = 9 * mm
	n := min(max(b.Lines, 0), maxLines)
	name := l.wrap(b.Label, label, textWidth)
	l.need(float64(len(name))*label.lineHeight() + min(float64(n), 1)*gap)
	if !empty(name) {
		l.lines(l.tree.add(l.tree.root, "P", ""), label, margin, name)
	}
	for range n {
		l.need(gap)
		l.y -= gap
		l.fresh = false
		l.artifact("/Type /Layout", fmt.Sprintf("q 0.5 w 0.33 G %.2f %.2f m %.2f %.2f l S Q\n",
			margin, l.y+2, pageWidth-margin, l.y+2))
	}
	l.space(body.size)
}

// checkboxes places the Label and the Items, each after an empty square
// drawn as an artifact, as a list without labels.
func (l *layout) checkboxes(b Block) {
	const box = 3.5 * mm
	l.paragraph(b.Label, label)
	list := l.tree.add(l.tree.root, "L", noNumbering)
	for _, it := range b.Items {
		lines := l.wrap(it, body, textWidth-7*mm)
		if empty(lines) {
			continue
		}
		l.need(body.lineHeight())
		base := l.y - body.size
		l.artifact("/Type /Layout", fmt.Sprintf("q 0.75 w 0 G %.2f %.2f %.2f %.2f re S Q\n",
			margin+0.5, base-1, box, box))
		l.lines(l.tree.add(l.tree.add(list, "LI", ""), "LBody", ""), body, margin+7*mm, lines)
		l.space(body.size * 0.4)
	}
	l.space(body.size * 0.6)
}

// lines places the lines of element e one below the other; the last line
// never goes alone to the top of a new page.
func (l *layout) lines(e *elem, s style, x float64, lines [][]byte) {
	for i, ln := range lines {
		if i > 0 && i == len(lines)-2 {
			l.need(2 * s.lineHeight())
		}
		l.line(e, s, x, ln)
	}
}

// empty reports whether lines hold no character to show.
func empty(lines [][]byte) bool {
	for _, ln := range lines {
		if len(ln) > 0 {
			return false
		}
	}
	return true
}
