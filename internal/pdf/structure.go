package pdf

import (
	"fmt"
	"strings"
)

// elem is one element of the structure tree: a standard structure type
// (Document, H1, P, L, LI, Lbl, LBody …) with its children in reading order.
type elem struct {
	typ   string // the standard structure type, without the slash
	attrs string // extra dictionary entries, such as /A for a list's numbering
	kids  []kid
	num   int // the object number, once reserved
}

// kid is a child of an element: another element, or (when elem is nil) the
// marked content with the given MCID on the given page.
type kid struct {
	elem       *elem
	page, mcid int
}

// tree is the logical structure of a document being laid out.
type tree struct {
	root  *elem
	marks [][]*elem // for each page, the element each MCID belongs to
}

// newTree returns a tree holding only the Document element.
func newTree() *tree { return &tree{root: &elem{typ: "Document"}} }

// add appends a new element of type typ under parent and returns it.
func (t *tree) add(parent *elem, typ, attrs string) *elem {
	e := &elem{typ: typ, attrs: attrs}
	parent.kids = append(parent.kids, kid{elem: e})
	return e
}

// mark records a new marked-content sequence of e on page and returns its
// MCID, the next free one on that page.
func (t *tree) mark(e *elem, page int) int {
	for len(t.marks) <= page {
		t.marks = append(t.marks, nil)
	}
	mcid := len(t.marks[page])
	t.marks[page] = append(t.marks[page], e)
	e.kids = append(e.kids, kid{page: page, mcid: mcid})
	return mcid
}

// write writes the structure tree root, every element and the parent tree.
// pages holds the object number of each page, and the result is the number
// of the StructTreeRoot.
func (t *tree) write(w *writer, pages []int) int {
	rootNum := w.reserve()
	t.reserve(w, t.root)
	t.writeElem(w, t.root, rootNum, pages)
	var nums strings.Builder
	for p := range pages {
		fmt.Fprintf(&nums, "%d [", p)
		if p < len(t.marks) {
			for i, e := range t.marks[p] {
				if i > 0 {
					nums.WriteByte(' ')
				}
				fmt.Fprintf(&nums, "%d 0 R", e.num)
			}
		}
		nums.WriteString("] ")
	}
	parentTree := w.object(fmt.Sprintf("<< /Nums [%s] >>", strings.TrimSpace(nums.String())))
	w.objectAt(rootNum, fmt.Sprintf("<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R"+
		" /ParentTreeNextKey %d >>", t.root.num, parentTree, len(pages)))
	return rootNum
}

// reserve gives e and all its descendants object numbers.
func (t *tree) reserve(w *writer, e *elem) {
	e.num = w.reserve()
	for _, k := range e.kids {
		if k.elem != nil {
			t.reserve(w, k.elem)
		}
	}
}

// writeElem writes e, whose parent is the object parent, and its descendants.
// A marked-content child on the element's own page (/Pg, that of its first
// marked content) is written as a bare MCID, one elsewhere as a reference.
func (t *tree) writeElem(w *writer, e *elem, parent int, pages []int) {
	pg := -1
	var ks []string
	for _, k := range e.kids {
		switch {
		case k.elem != nil:
			ks = append(ks, fmt.Sprintf("%d 0 R", k.elem.num))
		case pg == -1 || pg == k.page:
			pg = k.page
			ks = append(ks, fmt.Sprint(k.mcid))
		default:
			ks = append(ks, fmt.Sprintf("<< /Type /MCR /Pg %d 0 R /MCID %d >>", pages[k.page], k.mcid))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Type /StructElem /S /%s /P %d 0 R /K [%s]", e.typ, parent, strings.Join(ks, " "))
	if pg >= 0 {
		fmt.Fprintf(&b, " /Pg %d 0 R", pages[pg])
	}
	b.WriteString(e.attrs)
	b.WriteString(" >>")
	w.objectAt(e.num, b.String())
	for _, k := range e.kids {
		if k.elem != nil {
			t.writeElem(w, k.elem, e.num, pages)
		}
	}
}
