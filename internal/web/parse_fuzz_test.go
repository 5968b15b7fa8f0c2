package web

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzSafeNext checks the redirect guard: whatever it is given, the result
// is a path on this site — one leading slash, no scheme, no host — so a
// redirect to it can never leave the site.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "/personal?x=1", "//evil.example", "/\\evil.example", "https://evil.example/", "/%2F%2Fevil", "/a\\b", " /x", "/\t/evil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("safeNext(%q) = %q, not a local path", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeNext(%q) = %q parses to host %q scheme %q", next, got, u.Host, u.Scheme)
		}
		if p, ok := localPath(next); ok && (!strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//")) {
			t.Fatalf("localPath(%q) = %q", next, p)
		}
	})
}

// FuzzSplitAccept checks that any Accept-Language header splits into
// trimmed, non-empty ranges without panicking.
func FuzzSplitAccept(f *testing.F) {
	for _, s := range []string{"sv-SE,sv;q=0.9,en;q=0.8", "", ",,;", " en ; q=1 , sv"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for _, p := range splitAccept(h) {
			if p == "" || strings.HasPrefix(p, " ") || strings.Contains(p, ",") || strings.Contains(p, ";") {
				t.Fatalf("splitAccept(%q) gave range %q", h, p)
			}
		}
	})
}
