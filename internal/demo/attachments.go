package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"strings"

	"sprang/internal/eservice"
)

// Files stores the content of an uploaded file, encrypted, and returns the
// File to record (name, media type, size and blob key); *files.Store is
// one. Put refuses content the rule does not accept.
type Files interface {
	Put(ctx context.Context, name string, r io.Reader, rule eservice.FileRule) (eservice.File, error)
}

// attachmentKind is what a generated attachment looks like.
type attachmentKind int

// The kinds of generated attachments.
const (
	attachDocument attachmentKind = iota // a one-page PDF with a title and a few lines
	attachPhoto                          // a small JPEG
)

// attachment is a generated file for a question of a form, or for a
// completion when question is "".
type attachment struct {
	question string
	kind     attachmentKind
	name     string   // the file name the resident "uploaded"
	title    string   // the document's heading
	lines    []string // the document's text
	shade    uint8    // varies the photo
}

// content returns the file's bytes.
func (a attachment) content() ([]byte, error) {
	if a.kind == attachPhoto {
		return photo(a.shade)
	}
	return document(a.title, a.lines), nil
}

// document returns a minimal one-page PDF showing title and lines, with a
// correct cross-reference table. The text is written in PDFDocEncoding's
// Latin-1 range (å, ä, ö as octal escapes) with the standard Helvetica font.
func document(title string, lines []string) []byte {
	var text strings.Builder
	text.WriteString("BT /F1 16 Tf 72 760 Td (" + pdfString(title) + ") Tj ET\n")
	for i, l := range append([]string{"Exempel skapat för demon av Språnget - ingen riktig person."}, lines...) {
		fmt.Fprintf(&text, "BT /F1 11 Tf 72 %d Td (%s) Tj ET\n", 720-18*i, pdfString(l))
	}
	stream := text.String()
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString escapes s for a PDF literal string in WinAnsiEncoding:
// backslashes and parentheses escaped, Latin-1 letters as octal escapes,
// anything else outside ASCII as "?".
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == '(' || r == ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '–':
			b.WriteByte('-')
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// photo returns a small JPEG: a soft portrait-like shape on a plain
// background, tinted by shade.
func photo(shade uint8) ([]byte, error) {
	const w, h = 240, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{R: 200 - shade/4, G: 210, B: 220 + shade/8, A: 255}
	fg := color.RGBA{R: 150 + shade/4, G: 120, B: 100, A: 255}
	for y := range h {
		for x := range w {
			c := bg
			dx, dy := x-w/2, y-h*2/5
			if dx*dx+dy*dy*3/4 < 60*60 || (y > h*2/3 && dx*dx < (y-h/2)*(y-h/2)) {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 70}); err != nil {
		return nil, fmt.Errorf("demo photo: %w", err)
	}
	return b.Bytes(), nil
}
