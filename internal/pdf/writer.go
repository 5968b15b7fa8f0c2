package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
)

// writer assembles the objects of one PDF file in memory, in the order they
// are written, and ends the file with the cross-reference table.
type writer struct {
	buf     bytes.Buffer
	offsets []int        // by object number - 1; 0 while reserved but unwritten
	z       bytes.Buffer // the compressed data of a stream
	zw      *zlib.Writer // reused: a new one allocates most of a megabyte
}

// newWriter starts a PDF 1.7 file. The comment of high bytes tells
// transfer programs that the file is binary.
func newWriter() *writer {
	w := &writer{}
	w.buf.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	return w
}

// reserve returns a new object number to be written later with objectAt, for
// objects that others refer to before they can be written.
func (w *writer) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets)
}

// object writes body as a new object and returns its number.
func (w *writer) object(body string) int {
	n := w.reserve()
	w.objectAt(n, body)
	return n
}

// objectAt writes body as the reserved object n.
func (w *writer) objectAt(n int, body string) {
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes data Flate-compressed as a new stream object whose
// dictionary has the extra entries in dict, and returns its number.
func (w *writer) stream(dict string, data []byte) int {
	w.z.Reset()
	if w.zw == nil {
		w.zw = zlib.NewWriter(&w.z)
	} else {
		w.zw.Reset(&w.z)
	}
	_, _ = w.zw.Write(data) // writing to memory cannot fail
	_ = w.zw.Close()
	return w.rawStream(dict+" /Filter /FlateDecode", w.z.Bytes())
}

// rawStream writes data as it is as a new stream object.
func (w *writer) rawStream(dict string, data []byte) int {
	n := w.reserve()
	w.offsets[n-1] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
	return n
}

// finish writes the cross-reference table and the trailer and returns the
// whole file. Every reserved object must have been written.
func (w *writer) finish(root, info int) ([]byte, error) {
	sum := sha256.Sum256(w.buf.Bytes())
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for i, off := range w.offsets {
		if off == 0 {
			return nil, fmt.Errorf("write pdf: object %d was reserved but not written", i+1)
		}
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%X> <%X>] >>\n"+
		"startxref\n%d\n%%%%EOF\n", len(w.offsets)+1, root, info, sum[:16], sum[:16], xref)
	return w.buf.Bytes(), nil
}
