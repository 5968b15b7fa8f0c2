package web

import (
	"mime"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCaseFileName checks the download name made from an uploader's file
// name: never empty, no directory, no control or quoting characters, at
// most 100 characters, and a Content-Disposition header that reads back
// as the same name.
func FuzzCaseFileName(f *testing.F) {
	for _, s := range []string{"beslut.pdf", "", "..", `..\..\windows\system32`, "/etc/passwd", "a\"b;c.pdf", "\x00\r\nx.png",
		"räkning åäö.pdf", strings.Repeat("x", 300) + ".pdf", "\xff\xfe.pdf", " . "} {
		f.Add(s, "application/pdf")
	}
	f.Fuzz(func(t *testing.T, name, mediaType string) {
		got := caseFileName(name, mediaType)
		if got == "" || got == "." || got == ".." || strings.ContainsAny(got, "/\\\":;*?<>|") || !utf8.ValidString(got) ||
			utf8.RuneCountInString(got) > 100+len(".jpeg") {
			t.Fatalf("caseFileName(%q) = %q", name, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) {
				t.Fatalf("caseFileName(%q) = %q holds a control character", name, got)
			}
		}
		h := mime.FormatMediaType("attachment", map[string]string{"filename": got})
		if _, params, err := mime.ParseMediaType(h); err != nil || params["filename"] != got {
			t.Fatalf("Content-Disposition %q for %q does not read back: %v %q", h, got, err, params["filename"])
		}
		if mt := caseMediaType(mediaType); !strings.Contains(mt, "/") || strings.ContainsAny(mt, "\r\n;") {
			t.Fatalf("caseMediaType(%q) = %q", mediaType, mt)
		}
	})
}

// FuzzInboxBack checks where "Tilldela mig" returns to: always the inbox
// of this site, whatever the form said.
func FuzzInboxBack(f *testing.F) {
	for _, s := range []string{"/personal/arenden?kanal=paper&efter=abc", "https://evil.example/personal/arenden", "//evil.example/personal/arenden",
		"/personal/arenden/../../logga-ut", "javascript:alert(1)", "/personal/arenden?sok=%00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, back string) {
		got := inboxBack(back)
		u, err := url.Parse(got)
		if err != nil || u.Path != "/personal/arenden" || u.Host != "" || u.Scheme != "" || strings.HasPrefix(got, "//") {
			t.Fatalf("inboxBack(%q) = %q", back, got)
		}
	})
}
