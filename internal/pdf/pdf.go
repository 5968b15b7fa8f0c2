// Package pdf writes small accessible documents — receipts, decisions,
// paper forms, reports — as tagged PDF 1.7 files that aim at PDF/UA-1: a structure
// tree (Document, H1–H3, P, L, LI, Lbl, LBody, Table, Caption, TR, TH, TD) that holds every run of text as
// marked content, decoration and page numbers as artifacts, the document's
// language and title (shown as the window title), XMP metadata, and the
// embedded Go fonts (regular and bold, subset to the characters used).
//
// Text is written in WinAnsiEncoding, which holds every letter Swedish and
// the other western European languages use (å ä ö é ü …) and the common
// punctuation (– — ’ ” … • €). A character outside it is written as "?".
// Pages are A4 with margins of 20 mm, numbered "1 (3)" at the bottom.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"
)

// Document is the content of a PDF file. Title and Lang are required.
type Document struct {
	Title   string    // shown as the window title and kept in the metadata
	Lang    string    // the language of the text as a BCP 47 tag: "sv-SE", "en-GB"
	Author  string    // optional: the person or organisation responsible
	Subject string    // optional: what the document is about
	Created time.Time // optional: the time of creation for the metadata; zero leaves it out
	Blocks  []Block
}

// Block is one part of a document's content; which fields count depends on
// its Kind (see the constants).
type Block struct {
	Kind  Kind
	Text  string     // the text of a heading, paragraph or the value of a Field; "\n" breaks the line
	Label string     // the label of a Field, Blank or Checkboxes; a lead-in for a List; the caption of a Table
	Items []string   // the items of a List or Checkboxes; the column headers of a Table
	Lines int        // the number of lines to write on of a Blank (at most 100)
	Rows  [][]string // the rows of a Table, each cell under the header of its column, the first one heading its row
}

// Kind is what a Block is. The zero Kind is Paragraph. For an accessible
// document, start with one H1 and go down the heading levels one at a time.
type Kind int

// The kinds of blocks.
const (
	Paragraph  Kind = iota // Text as a paragraph
	H1                     // Text as a heading of level 1
	H2                     // Text as a heading of level 2
	H3                     // Text as a heading of level 3
	Small                  // Text as a paragraph in smaller, grey type
	Field                  // Label in bold with its value Text below; consecutive fields form one list
	List                   // Items as a bulleted list, after Label in bold if given
	Blank                  // Label in bold and Lines empty ruled lines, to fill in by hand on paper
	Checkboxes             // Label in bold and Items, each after an empty square to tick
	PageBreak              // the next block starts a new page
	Table                  // Label as the caption, Items as the column headers and Rows as the rows (see table.go)
	numKinds
)

// String returns the name of the kind: "P", "H1" … as in the structure tree
// for headings and paragraphs.
func (k Kind) String() string {
	names := [...]string{"P", "H1", "H2", "H3", "Small", "Field", "List", "Blank", "Checkboxes", "PageBreak", "Table"}
	if k < 0 || k >= numKinds {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return names[k]
}

// langTag is the shape of a language tag we accept.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// validate returns an error naming what is wrong with d, or nil.
func (d Document) validate() error {
	switch {
	case d.Title == "":
		return errors.New("write pdf: the document has no title")
	case !langTag.MatchString(d.Lang):
		return fmt.Errorf("write pdf: the language %q is not a language tag such as sv-SE", d.Lang)
	}
	for i, b := range d.Blocks {
		if b.Kind < 0 || b.Kind >= numKinds {
			return fmt.Errorf("write pdf: block %d has the unknown kind %v", i, b.Kind)
		}
	}
	return nil
}

// WriteTo writes d as a PDF file to w and returns the number of bytes
// written. It returns an error, having written nothing, if the document has
// no title, its language is not a language tag or a block's kind is
// unknown; otherwise only if w fails.
func (d Document) WriteTo(w io.Writer) (int64, error) {
	file, err := d.bytes()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(file)
	if err != nil {
		return int64(n), fmt.Errorf("write pdf: %w", err)
	}
	return int64(n), nil
}

// bytes lays out d and returns the whole file.
func (d Document) bytes() ([]byte, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	fonts, err := loadFonts()
	if err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	l := newLayout(fonts)
	l.place(d.Blocks)
	l.footers()

	w := newWriter()
	catalog, pagesNum := w.reserve(), w.reserve()
	toUni := w.stream("", toUnicode())
	var fontNums [2]int
	for i, f := range fonts.faces {
		if fontNums[i], err = writeFont(w, f, &l.used[i], toUni); err != nil {
			return nil, fmt.Errorf("write pdf: %w", err)
		}
	}
	pages := make([]int, len(l.pages))
	for i := range pages {
		pages[i] = w.reserve()
	}
	kids := ""
	for i, content := range l.pages {
		c := w.stream("", content.Bytes())
		w.objectAt(pages[i], fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f]"+
			" /Resources << /Font << /F0 %d 0 R /F1 %d 0 R >> >> /Contents %d 0 R"+
			" /StructParents %d /Tabs /S >>", pagesNum, pageWidth, pageHeight, fontNums[0], fontNums[1], c, i))
		kids += fmt.Sprintf(" %d 0 R", pages[i])
	}
	w.objectAt(pagesNum, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids[1:], len(pages)))
	structRoot := l.tree.write(w, pages)
	meta := w.rawStream("/Type /Metadata /Subtype /XML", d.xmp())
	info := w.object(d.info())
	w.objectAt(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R"+
		" /MarkInfo << /Marked true >> /Lang (%s) /ViewerPreferences << /DisplayDocTitle true >>"+
		" /Metadata %d 0 R >>", pagesNum, structRoot, d.Lang, meta))
	return w.finish(catalog, info)
}
