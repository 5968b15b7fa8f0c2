package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"deflate", false},
		{"x-gzip", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", c.header)
		if got := acceptsGzip(r); got != c.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}

// TestEncodePage: large pages are compressed for clients that accept it,
// round-trip exactly, and small pages or other clients get plain bytes.
func TestEncodePage(t *testing.T) {
	t.Parallel()
	page := []byte("<!doctype html><p>" + strings.Repeat("Räksmörgås ", 500) + "</p>")
	gzipClient := httptest.NewRequest("GET", "/", nil)
	gzipClient.Header.Set("Accept-Encoding", "gzip")
	plainClient := httptest.NewRequest("GET", "/", nil)

	enc, gz := encodePage(gzipClient, page)
	if !gz || len(enc) >= len(page)/4 {
		t.Fatalf("large page for a gzip client: compressed %v, %d of %d bytes", gz, len(enc), len(page))
	}
	zr, err := gzip.NewReader(bytes.NewReader(enc))
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(back, page) {
		t.Fatalf("round trip: %v, equal %v", err, bytes.Equal(back, page))
	}
	if enc, gz := encodePage(plainClient, page); gz || !bytes.Equal(enc, page) {
		t.Error("a client without gzip got a compressed page")
	}
	if _, gz := encodePage(gzipClient, []byte("<p>kort</p>")); gz {
		t.Error("a tiny page was compressed")
	}
}

// TestMayCompress: pages that may show personal data are compressed only
// when nothing on them can come from an attacker.
func TestMayCompress(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		target   string
		status   int
		personal bool // a logged-in person's page not marked impersonal
		want     bool
	}{
		{"/", 200, false, true},
		{"/e-tjanster?q=gata", 200, false, true},
		{"/finns-inte", 404, false, true},
		{"/mina-sidor", 200, true, true},
		{"/mina-sidor?x=gissning", 200, true, false},
		{"/personal/arenden?sok=ABC", 200, true, false},
		{"/finns-inte", 404, true, false},
		{"/personal/arenden/7", 422, true, false},
	} {
		r := httptest.NewRequest("GET", c.target, nil)
		if got := mayCompress(r, c.status, c.personal); got != c.want {
			t.Errorf("mayCompress(%s, %d, personal %v) = %v, want %v", c.target, c.status, c.personal, got, c.want)
		}
	}
}
