package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// producer names the program that wrote the file.
const producer = "Språnget (sprang/internal/pdf)"

// info returns the document information dictionary.
func (d Document) info() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Title %s /Producer %s", textString(d.Title), textString(producer))
	if d.Author != "" {
		fmt.Fprintf(&b, " /Author %s", textString(d.Author))
	}
	if d.Subject != "" {
		fmt.Fprintf(&b, " /Subject %s", textString(d.Subject))
	}
	if !d.Created.IsZero() {
		t := d.Created
		_, off := t.Zone()
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		fmt.Fprintf(&b, " /CreationDate (D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, off/60%60)
	}
	b.WriteString(" >>")
	return b.String()
}

// xmp returns the XMP metadata packet: title, author, subject and language
// in Dublin Core, the producer, and the PDF/UA-1 identification.
func (d Document) xmp() []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(strings.ToValidUTF8(s, "\uFFFD"))) // writing to memory cannot fail
		return e.String()
	}
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n"+
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n"+
		"<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(d.Title), esc(d.Lang))
	if d.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(d.Author))
	}
	if d.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(d.Subject))
	}
	if !d.Created.IsZero() {
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n", d.Created.Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n<pdfuaid:part>1</pdfuaid:part>\n"+
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>", esc(producer))
	return b.Bytes()
}
