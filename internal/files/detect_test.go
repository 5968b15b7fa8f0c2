package files_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"sprang/internal/files"
)

// TestDetectAccepted detects every accepted type from a small real sample.
func TestDetectAccepted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"pdf", samplePDF(), files.TypePDF},
		{"png", samplePNG(t), files.TypePNG},
		{"jpeg", sampleJPEG(t), files.TypeJPEG},
		{"heic", sampleHEIC("heic"), files.TypeHEIC},
		{"heic heix", sampleHEIC("heix"), files.TypeHEIC},
		{"heif mif1", sampleHEIC("mif1"), files.TypeHEIC},
		{"text", sampleText(), files.TypeText},
		{"text with bom", append([]byte{0xEF, 0xBB, 0xBF}, sampleText()...), files.TypeText},
		{"text like csv", []byte("Hej, jag heter Anna.\nJag bor i Stockholm, Sverige.\nVi ses, hoppas jag.\n"), files.TypeText},
		{"docx", sampleDOCX(t), files.TypeDOCX},
		{"docx word part late", sampleDOCXLate(t), files.TypeDOCX},
		{"odt", sampleODT(t), files.TypeODT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := files.Detect(tt.content); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDetectDisguised refuses markup, programs, archives and broken text.
func TestDetectDisguised(t *testing.T) {
	t.Parallel()
	for name, content := range disguised(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := files.Detect(content); got != files.TypeUnknown {
				t.Errorf("Detect = %q, want %q", got, files.TypeUnknown)
			}
		})
	}
}

// TestStdlibCannotTellDocx records why Detect does not use
// net/http.DetectContentType: it calls a Word document a zip.
func TestStdlibCannotTellDocx(t *testing.T) {
	t.Parallel()
	if got := http.DetectContentType(sampleDOCX(t)); got != "application/zip" {
		t.Skipf("net/http now says %q for a .docx", got)
	}
}

func TestAcceptedTypes(t *testing.T) {
	t.Parallel()
	types := files.AcceptedTypes()
	if len(types) != 7 || slices.Contains(types, files.TypeUnknown) {
		t.Fatalf("AcceptedTypes = %v", types)
	}
	for _, mt := range types {
		if !files.Accepted(mt) {
			t.Errorf("Accepted(%q) = false", mt)
		}
	}
	if files.Accepted("text/html") || files.Accepted(files.TypeUnknown) {
		t.Error("Accepted takes types it cannot detect")
	}
	types[0] = "changed"
	if files.AcceptedTypes()[0] != files.TypePDF {
		t.Error("AcceptedTypes shares its slice")
	}
}

// FuzzDetect feeds arbitrary bytes: Detect must never panic and must
// answer an accepted type or TypeUnknown; an accepted verdict must hold up
// to the format's own first bytes.
func FuzzDetect(f *testing.F) {
	f.Add(samplePDF())
	f.Add(samplePNG(f))
	f.Add(sampleJPEG(f))
	f.Add(sampleHEIC("heic"))
	f.Add(sampleText())
	f.Add(sampleDOCX(f))
	f.Add(sampleODT(f))
	for _, c := range disguised(f) {
		f.Add(c)
	}
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, content []byte) {
		got := files.Detect(content)
		if got != files.TypeUnknown && !files.Accepted(got) {
			t.Fatalf("Detect = %q, not a known type", got)
		}
		switch got {
		case files.TypePDF:
			if !strings.HasPrefix(string(content), "%PDF-") {
				t.Fatalf("PDF without %%PDF- at the start: %q", content[:min(len(content), 40)])
			}
		case files.TypeDOCX, files.TypeODT:
			if !strings.HasPrefix(string(content), "PK") {
				t.Fatalf("%s that is no zip", got)
			}
		}
	})
}
