package pdf

import (
	"bytes"
	"testing"
)

// FuzzWriteTo writes documents of arbitrary text: WriteTo never panics and
// always writes a whole file.
func FuzzWriteTo(f *testing.F) {
	f.Add("Räksmörgås", "Åsa Öberg ÉÜ", "sv-SE", uint8(0), 2)
	f.Add("(\\)", "中文 ✓ \x00\xff\n\n", "en", uint8(5), 0)
	f.Add("", "a very long word: "+string(bytes.Repeat([]byte("å"), 400)), "sv", uint8(7), 300)
	f.Fuzz(func(t *testing.T, title, text, lang string, kind uint8, lines int) {
		d := Document{Title: "T" + title, Lang: "sv-SE", Author: text, Subject: lang}
		for i := range 4 {
			d.Blocks = append(d.Blocks, Block{Kind: Kind(int(kind)+i) % numKinds, Text: text, Label: title,
				Items: []string{text, title, ""}, Lines: lines})
		}
		var buf bytes.Buffer
		if _, err := d.WriteTo(&buf); err != nil {
			t.Fatalf("WriteTo: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.7\n")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
			t.Fatalf("not a whole PDF file: %q … %q", buf.Bytes()[:min(20, buf.Len())], buf.Bytes()[max(0, buf.Len()-20):])
		}
	})
}

// BenchmarkReceipt writes a receipt of 40 fields (three pages).
func BenchmarkReceipt(b *testing.B) {
	d := receipt(40)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if _, err := d.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}
