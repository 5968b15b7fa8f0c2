package files_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// Small real samples of every accepted type, and of files that must be
// refused whatever they are called. Each is made here, so the tests need
// no fixtures.

func samplePDF() []byte {
	return []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
}

func sampleImage(t testing.TB, encode func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 200, G: 30, B: 30, A: 255})
	var b bytes.Buffer
	if err := encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func samplePNG(t testing.TB) []byte {
	return sampleImage(t, func(b *bytes.Buffer, img image.Image) error { return png.Encode(b, img) })
}

func sampleJPEG(t testing.TB) []byte {
	return sampleImage(t, func(b *bytes.Buffer, img image.Image) error { return jpeg.Encode(b, img, nil) })
}

// box returns an ISO BMFF box: size, type, payload.
func box(typ string, payload []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(out, typ...), payload...)
}

// sampleHEIC returns the start of a HEIC file as an iPhone writes it: an
// ftyp box with major brand heic, then an (empty) meta box.
func sampleHEIC(major string) []byte {
	ftyp := append([]byte(major), 0, 0, 0, 0)
	ftyp = append(ftyp, "mif1miafMiHBheic"...)
	return append(box("ftyp", ftyp), box("meta", make([]byte, 24))...)
}

type zipEntry struct {
	name, body string
	store      bool
}

func sampleZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const wordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

func contentTypes(main string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + main + `"/></Types>`
}

const (
	rels    = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	wordDoc = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hej</w:t></w:r></w:p></w:body></w:document>`
)

// sampleDOCX is a minimal Word document as Word lays it out.
func sampleDOCX(t testing.TB) []byte {
	return sampleZip(t,
		zipEntry{name: "[Content_Types].xml", body: contentTypes(wordMain)},
		zipEntry{name: "_rels/.rels", body: rels},
		zipEntry{name: "word/document.xml", body: wordDoc})
}

// sampleDOCXLate is a Word document whose word/ part comes after more
// than mimetype's 4 KiB look-ahead (large uncompressible parts first, as
// some generators write them).
func sampleDOCXLate(t testing.TB) []byte {
	noise := make([]byte, 6000)
	for i := range noise {
		noise[i] = byte(i*7919 + i/3)
	}
	return sampleZip(t,
		zipEntry{name: "[Content_Types].xml", body: contentTypes(wordMain)},
		zipEntry{name: "docProps/thumbnail.jpeg", body: string(noise), store: true},
		zipEntry{name: "_rels/.rels", body: rels},
		zipEntry{name: "word/document.xml", body: wordDoc})
}

// sampleODT is a minimal OpenDocument text: the stored mimetype entry first.
func sampleODT(t testing.TB) []byte {
	return sampleZip(t,
		zipEntry{name: "mimetype", body: "application/vnd.oasis.opendocument.text", store: true},
		zipEntry{name: "content.xml", body: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`},
		zipEntry{name: "META-INF/manifest.xml", body: `<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`})
}

func sampleText() []byte {
	return []byte("Hej!\r\nJag söker bygglov för ett uterum, 12,5 m², på Storgatan 1.\r\nMed vänlig hälsning\r\nÅsa Öberg\r\n")
}

// disguised returns content that must never pass as an accepted type,
// whatever its name says.
func disguised(t testing.TB) map[string][]byte {
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 120)...)
	pe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...)
	binary.LittleEndian.PutUint32(pe[0x3c:], 0x80)
	copy(pe[0x80:], "PE\x00\x00")
	return map[string][]byte{
		"html":                []byte("<!DOCTYPE html><html><head><title>Faktura</title></head><body><script>alert(document.cookie)</script></body></html>"),
		"html with pdf tag":   []byte("<html><body><script>alert(1)</script>\n%PDF-1.4\n</body></html>"),
		"html lowercase":      []byte("<html><body onload=alert(1)>"),
		"svg":                 []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>`),
		"xml":                 []byte(`<?xml version="1.0"?><a>b</a>`),
		"elf executable":      elf,
		"windows executable":  pe,
		"shell script":        []byte("#!/bin/sh\nrm -rf ~\n"),
		"php":                 []byte("<?php system($_GET['c']); ?>"),
		"plain zip":           sampleZip(t, zipEntry{name: "faktura.pdf.exe", body: "MZ"}),
		"zip with word dir":   sampleZip(t, zipEntry{name: "word/document.xml", body: wordDoc}),
		"word with macros":    sampleZip(t, zipEntry{name: "[Content_Types].xml", body: contentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")}, zipEntry{name: "word/document.xml", body: wordDoc}),
		"odt spreadsheet":     sampleZip(t, zipEntry{name: "mimetype", body: "application/vnd.oasis.opendocument.spreadsheet", store: true}),
		"gif":                 []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"),
		"heic sequence":       sampleHEIC("hevc"),
		"mp4 video":           sampleHEIC("isom"),
		"text with nul late":  append([]byte(strings.Repeat("vanlig text ", 500)), 0, 1, 2),
		"utf-16 text":         []byte("\xff\xfeH\x00e\x00j\x00"),
		"latin-1 text":        []byte("Hej fr\xe5n \xc5sa\n"),
		"json":                []byte(`{"a": [1, 2, 3]}`),
		"pdf marker not head": append(bytes.Repeat([]byte{' '}, 10), samplePDF()...),
	}
}
