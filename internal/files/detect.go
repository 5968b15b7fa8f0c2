package files

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// The media types a file question can accept (the e-service builder offers
// these and no others), and the type Detect gives everything else.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeHEIC = "image/heic"
	TypeText = "text/plain"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeODT  = "application/vnd.oasis.opendocument.text"

	// TypeUnknown is what Detect returns for content that is none of the
	// accepted types.
	TypeUnknown = "application/octet-stream"
)

// extensions lists, per accepted type, the file name extensions that fit
// it; the first is the one CleanName appends when the name has none of them.
var extensions = map[string][]string{
	TypePDF:  {".pdf"},
	TypeJPEG: {".jpg", ".jpeg", ".jpe", ".jfif"},
	TypePNG:  {".png"},
	TypeHEIC: {".heic", ".heif"},
	TypeText: {".txt"},
	TypeDOCX: {".docx"},
	TypeODT:  {".odt"},
}

// AcceptedTypes returns the media types Detect can recognize, which are the
// types an e-service's file question may accept, in the order the builder
// offers them. The slice is new on every call.
func AcceptedTypes() []string {
	return []string{TypePDF, TypeJPEG, TypePNG, TypeHEIC, TypeText, TypeDOCX, TypeODT}
}

// Extensions returns the file name extensions (with the dot, in lower
// case) that fit an accepted media type, the usual one first, or nil for
// any other type; for the accept attribute of a file input, and for names.
func Extensions(mediaType string) []string {
	return slices.Clone(extensions[mediaType])
}

// Accepted reports whether mediaType is one of AcceptedTypes.
func Accepted(mediaType string) bool {
	_, ok := extensions[mediaType]
	return ok
}

// Detect returns the media type of content from its bytes alone (never from
// a name): one of AcceptedTypes, or TypeUnknown for anything else,
// including HTML, SVG, XML, scripts, executables, plain zip archives, Word
// documents with macros and text that is not UTF-8. It never fails and is
// safe for any input.
//
// Detection uses github.com/gabriel-vasile/mimetype (maintained, pure Go,
// MIT), chosen over net/http.DetectContentType, which implements only the
// browser sniffing algorithm: it calls every .docx and .odt "application/zip"
// and knows no HEIC. mimetype's verdict is then narrowed by checks of our
// own, because the verdict is a gate, not a guess:
//   - a PDF must start with "%PDF-" (mimetype accepts the marker anywhere in
//     the first kilobyte, so markup could come first);
//   - a .docx must be a readable zip whose [Content_Types].xml declares a
//     Word document, an .odt one whose first entry is its "mimetype" naming
//     an OpenDocument text (both checks read the zip's directory and at
//     most a small entry, so a zip bomb costs nothing);
//   - text must be UTF-8 (a byte order mark allowed) without control
//     characters other than tab, line and page breaks, in the whole
//     content, not only in the part mimetype looks at.
func Detect(content []byte) string {
	mt, _ := detect(content)
	return mt
}

// Why Detect may refuse content that looked like an accepted type, so the
// user gets a message saying how to fix it.
const (
	reasonNone         = ""
	reasonTextEncoding = "text-encoding" // text, but not UTF-8
)

// detect returns the media type and, for TypeUnknown, a reason with a
// more specific fix than "choose another type", or reasonNone.
func detect(content []byte) (string, string) {
	m := mimetype.Detect(content)
	switch base(m.String()) {
	case TypePDF:
		if bytes.HasPrefix(content, []byte("%PDF-")) {
			return TypePDF, reasonNone
		}
	case TypeJPEG:
		return TypeJPEG, reasonNone
	case TypePNG, "image/apng", "image/vnd.mozilla.apng": // an animated PNG is a PNG
		return TypePNG, reasonNone
	case TypeHEIC, "image/heif": // one container; iPhones write heic, some others mif1
		return TypeHEIC, reasonNone
	case TypeDOCX, TypeODT, "application/zip":
		return detectZip(content), reasonNone
	case TypeText, "text/csv", "text/tab-separated-values": // prose can look like a table
		return detectText(content)
	}
	return TypeUnknown, reasonNone
}

// base returns the media type without parameters, in lower case.
func base(mt string) string {
	mt, _, _ = strings.Cut(mt, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// Limits of the zip checks: how much of the one entry read is inflated.
const (
	maxContentTypes = 1 << 20
	odtMimetype     = "application/vnd.oasis.opendocument.text"
	docxMainPart    = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

// detectZip tells a Word document and an OpenDocument text from any other
// zip by the entries their formats require.
func detectZip(content []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil || len(zr.File) == 0 {
		return TypeUnknown
	}
	if zr.File[0].Name == "mimetype" {
		if b, ok := readEntry(zr.File[0], len(odtMimetype)+1); ok && string(bytes.TrimSpace(b)) == odtMimetype {
			return TypeODT
		}
		return TypeUnknown
	}
	for _, f := range zr.File {
		if f.Name != "[Content_Types].xml" {
			continue
		}
		if b, ok := readEntry(f, maxContentTypes); ok && (bytes.Contains(b, []byte(`"`+docxMainPart+`"`)) || bytes.Contains(b, []byte(`'`+docxMainPart+`'`))) {
			return TypeDOCX
		}
		return TypeUnknown
	}
	return TypeUnknown
}

// readEntry inflates at most limit bytes of a zip entry; false when the
// entry is larger or unreadable.
func readEntry(f *zip.File, limit int) ([]byte, bool) {
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer func() { _ = rc.Close() }()
	b, err := io.ReadAll(io.LimitReader(rc, int64(limit)+1))
	if err != nil || len(b) > limit {
		return nil, false
	}
	return b, true
}

// detectText accepts UTF-8 text without binary control characters.
func detectText(content []byte) (string, string) {
	if other := [][]byte{{0xFE, 0xFF}, {0xFF, 0xFE}}; slices.ContainsFunc(other, func(bom []byte) bool { return bytes.HasPrefix(content, bom) }) {
		return TypeUnknown, reasonTextEncoding // UTF-16 (or UTF-32)
	}
	body := bytes.TrimPrefix(content, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(body) {
		return TypeUnknown, reasonTextEncoding
	}
	if bytes.ContainsFunc(body, binaryControl) {
		return TypeUnknown, reasonNone
	}
	return TypeText, reasonNone
}

// binaryControl reports the control characters that do not occur in text:
// all C0 controls but tab, line feed, form feed, carriage return and
// escape (which some tools write for colour), and DEL.
func binaryControl(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r', 0x1B:
		return false
	}
	return r < 0x20 || r == 0x7F
}
