package files_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sprang/internal/files"
	"sprang/internal/i18n"
)

func TestCleanName(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("å", 200)
	tests := []struct {
		name, mediaType, want string
	}{
		{"Ansökan.pdf", files.TypePDF, "Ansökan.pdf"},
		{"ANSÖKAN.PDF", files.TypePDF, "ANSÖKAN.PDF"},
		{"/home/anna/ritning.pdf", files.TypePDF, "ritning.pdf"},
		{`C:\Users\anna\ritning.pdf`, files.TypePDF, "ritning.pdf"},
		{"../../etc/passwd", files.TypeText, "passwd.txt"},
		{"faktura\u202Efdp.exe", files.TypePDF, "fakturafdp.exe.pdf"},
		{"run.bat", files.TypeText, "run.bat.txt"},
		{"bild.jpeg", files.TypeJPEG, "bild.jpeg"},
		{"bild.png", files.TypeJPEG, "bild.png.jpg"},
		{"IMG_0001.HEIC", files.TypeHEIC, "IMG_0001.HEIC"},
		{"brev", files.TypeDOCX, "brev.docx"},
		{"  två   mellanslag\t.odt ", files.TypeODT, "två mellanslag.odt"},
		{"a\x00b\x1b[31mc\u200b.txt", files.TypeText, "ab[31mc.txt"},
		{`fråga: "ja" <nej> | kanske? *.pdf`, files.TypePDF, "fråga_ _ja_ _nej_ _ kanske_ _.pdf"},
		{".pdf", files.TypePDF, "pdf.pdf"},
		{" . .pdf", files.TypePDF, "pdf.pdf"},
		{"- .pdf", files.TypePDF, "-.pdf"},
		{"0 .0.", "", "0.0"},
		{"...", files.TypePDF, "bilaga.pdf"},
		{"", files.TypeText, "bilaga.txt"},
		{".bashrc", files.TypeText, "bashrc.txt"},
		{"slut...", files.TypeText, "slut.txt"},
		{"a\u0308r.txt", files.TypeText, "är.txt"}, // NFD from macOS becomes NFC
		{"bad\xffutf8.txt", files.TypeText, "badutf8.txt"},
		{long + ".pdf", files.TypePDF, strings.Repeat("å", 116) + ".pdf"},
		{"okänd.xyz", "", "okänd.xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := files.CleanName(tt.name, tt.mediaType)
			if got != tt.want {
				t.Errorf("CleanName(%q, %q) = %q, want %q", tt.name, tt.mediaType, got, tt.want)
			}
			checkClean(t, got, tt.mediaType)
		})
	}
}

// checkClean checks the promises of CleanName on a result.
func checkClean(t *testing.T, name, mediaType string) {
	t.Helper()
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > files.MaxNameRunes || !norm.NFC.IsNormalString(name) {
		t.Fatalf("name %q: empty, invalid, too long or not NFC", name)
	}
	if strings.ContainsAny(name, `/\<>:"|?*`) || strings.HasPrefix(name, ".") || strings.TrimSpace(name) != name {
		t.Fatalf("name %q has a path, a forbidden character, a leading dot or outer spaces", name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Fatalf("name %q has control or format character %U", name, r)
		}
	}
	if exts := files.Extensions(mediaType); len(exts) > 0 && !slices.ContainsFunc(exts, func(e string) bool {
		return strings.HasSuffix(strings.ToLower(name), e) && len(name) > len(e)
	}) {
		t.Fatalf("name %q does not end in an extension of %s", name, mediaType)
	}
	if again := files.CleanName(name, mediaType); again != name {
		t.Fatalf("CleanName is not idempotent: %q → %q", name, again)
	}
}

// FuzzCleanName cleans arbitrary names for every type.
func FuzzCleanName(f *testing.F) {
	f.Add("faktura\u202Efdp.exe", 0)
	f.Add(strings.Repeat("å", 130)+".docx", 5)
	f.Add("a\u0308\u200d\u0301.txt", 4)
	f.Add(" . . ", 7)
	f.Fuzz(func(t *testing.T, name string, typ int) {
		types := append(files.AcceptedTypes(), "", files.TypeUnknown)
		mt := types[(typ%len(types)+len(types))%len(types)]
		checkClean(t, files.CleanName(name, mt), mt)
	})
}

func TestTypeNamesAndSize(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	for _, mt := range files.AcceptedTypes() {
		for _, l := range i18n.Langs {
			if n := files.TypeName(cat, l, mt); n == mt || n == "" {
				t.Errorf("%s has no name in %s", mt, l)
			}
		}
	}
	tests := []struct{ got, want string }{
		{files.TypeNames(cat, i18n.Swedish, []string{files.TypePDF}), "PDF"},
		{files.TypeNames(cat, i18n.Swedish, []string{files.TypePDF, files.TypeJPEG, files.TypePNG}), "PDF, JPEG-bild eller PNG-bild"},
		{files.TypeNames(cat, i18n.English, []string{files.TypePDF, files.TypeJPEG, files.TypePDF}), "PDF or JPEG image"},
		{files.TypeNames(cat, i18n.English, []string{"x/y"}), "x/y"},
		{files.SizeMB(i18n.Swedish, 10<<20), "10"},
		{files.SizeMB(i18n.Swedish, 1536<<10), "1,5"},
		{files.SizeMB(i18n.English, 1536<<10), "1.5"},
		{files.SizeMB(i18n.English, (2<<20)-1), "1.9"},
		{files.SizeMB(i18n.Swedish, 50<<10), "0,04"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}
