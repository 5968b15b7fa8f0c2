package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"sprang/internal/dcat/shacltest"
)

// TestCatalogRDF fetches the catalogue in its three syntaxes from a
// platform with published, draft and withdrawn datasets, checks what it
// lists, its headers and conditional requests, and validates it with the
// SHACL shapes; the high-value dataset's own graph also with the HVD
// shapes.
func TestCatalogRDF(t *testing.T) {
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		b := e.anonymous(t)
		var docs []shacltest.Doc
		for _, f := range []struct{ path, ct, format string }{
			{"/data/catalog.rdf", "application/rdf+xml; charset=utf-8", "rdfxml"},
			{"/data/catalog.ttl", "text/turtle; charset=utf-8", "turtle"},
			{"/data/catalog.jsonld", "application/ld+json; charset=utf-8", "jsonld"},
		} {
			resp, body := b.get(f.path)
			wantStatus(t, f.path, resp, body, http.StatusOK, "")
			if got := resp.Header.Get("Content-Type"); got != f.ct {
				t.Errorf("%s: Content-Type %q, want %q", f.path, got, f.ct)
			}
			for _, want := range []string{dataBaseURL + "/data/catalog", dataBaseURL + "/data/badplatser",
				dataBaseURL + "/data/lekplatser", dataBaseURL + "/data/avfallsmangder",
				dataBaseURL + "/data/organisationer/kommunen", dataBaseURL + "/data/organisationer/avfallsbolaget",
				"Öppna data från Kommunkoncernen", "212000-2411", "http://data.europa.eu/eli/reg_impl/2023/138/oj",
				dataBaseURL + "/data/badplatser/resurser/" + e.fx.bathingCSV + "/fil"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: %s missing", f.path, want)
				}
			}
			for _, hidden := range []string{"hemligt-utkast", "gamla-matningar"} {
				if strings.Contains(body, hidden) {
					t.Errorf("%s lists %s, which is not published", f.path, hidden)
				}
			}
			etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if etag == "" || modified == "" || resp.Header.Get("Cache-Control") != "public, max-age=300" {
				t.Errorf("%s: ETag %q, Last-Modified %q, Cache-Control %q", f.path, etag, modified, resp.Header.Get("Cache-Control"))
			}
			b.header.Set("If-None-Match", etag)
			resp, body = b.get(f.path)
			wantStatus(t, f.path+" If-None-Match", resp, body, http.StatusNotModified, "")
			b.header.Del("If-None-Match")
			b.header.Set("If-Modified-Since", modified)
			resp, body = b.get(f.path)
			wantStatus(t, f.path+" If-Modified-Since", resp, body, http.StatusNotModified, "")
			b.header.Del("If-Modified-Since")
			docs = append(docs, shacltest.Doc{Name: f.path, Data: []byte(body), Format: f.format})
		}
		for _, r := range shacltest.Run(t, false, docs...) {
			for _, v := range r.Violations {
				t.Errorf("%s: SHACL violation: %s", r.File, v)
			}
		}
	})
}

// TestCatalogRDFEncoding checks the gzip-compressed catalogue, HEAD, and
// that a change to a dataset changes the ETag.
func TestCatalogRDFEncoding(t *testing.T) {
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		b := e.anonymous(t)
		_, plain := b.get("/data/catalog.ttl")
		resp, _ := b.get("/data/catalog.ttl")
		etag := resp.Header.Get("ETag")
		b.header.Set("Accept-Encoding", "gzip")
		resp, body := b.get("/data/catalog.ttl")
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("gzip: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(unzipped, []byte(plain)) {
			t.Errorf("gzipped catalogue differs from the plain one (%v)", err)
		}
		b.header.Del("Accept-Encoding")
		resp, body = b.do(http.MethodHead, "/data/catalog.rdf", nil)
		wantStatus(t, "HEAD", resp, body, http.StatusOK, "")
		if body != "" {
			t.Errorf("HEAD has a body of %d bytes", len(body))
		}
		d := e.fx.playgrounds.Dataset
		d.TitleSV = "Lekplatser i kommunen"
		if _, err := e.db.UpdateDataset(t.Context(), d); err != nil {
			t.Fatal(err)
		}
		resp, body = b.get("/data/catalog.ttl")
		if resp.Header.Get("ETag") == etag || !strings.Contains(body, "Lekplatser i kommunen") {
			t.Errorf("after a change: ETag %s (was %s)", resp.Header.Get("ETag"), etag)
		}
	})
}

// TestDatasetRDF asks a dataset's address for RDF by content negotiation.
func TestDatasetRDF(t *testing.T) {
	dataEngines(t, func(t *testing.T, e *dataEnv) {
		b := e.anonymous(t)
		path := "/data/" + e.fx.bathing.Dataset.Slug
		b.header.Set("Accept", "text/turtle")
		resp, body := b.get(path)
		wantStatus(t, "turtle", resp, body, http.StatusOK, "")
		if resp.Header.Get("Content-Type") != "text/turtle; charset=utf-8" || !strings.Contains(resp.Header.Get("Vary"), "Accept") {
			t.Errorf("turtle: Content-Type %q, Vary %q", resp.Header.Get("Content-Type"), resp.Header.Get("Vary"))
		}
		if !strings.Contains(body, "<"+dataBaseURL+path+"> a dcat:Dataset") || strings.Contains(body, "dcat:Catalog") {
			t.Errorf("turtle is not the dataset's own graph:\n%s", body)
		}
		var docs []shacltest.Doc
		for _, f := range []struct{ accept, ct, format string }{
			{"application/rdf+xml;q=0.9, text/html;q=0.8", "application/rdf+xml; charset=utf-8", "rdfxml"},
			{"application/ld+json", "application/ld+json; charset=utf-8", "jsonld"},
			{"text/turtle", "text/turtle; charset=utf-8", "turtle"},
		} {
			b.header.Set("Accept", f.accept)
			resp, body := b.get(path)
			wantStatus(t, f.accept, resp, body, http.StatusOK, "")
			if resp.Header.Get("Content-Type") != f.ct {
				t.Errorf("%s: Content-Type %q", f.accept, resp.Header.Get("Content-Type"))
			}
			docs = append(docs, shacltest.Doc{Name: f.format, Data: []byte(body), Format: f.format})
		}
		for _, r := range shacltest.Run(t, false, docs...) {
			for _, v := range r.Violations {
				t.Errorf("%s: SHACL violation: %s", r.File, v)
			}
		}
		b.header.Set("Accept", "text/turtle")
		_, hvd := b.get("/data/" + e.fx.waste.Dataset.Slug)
		shacltest.Validate(t, []byte(hvd), "turtle", true)

		b.header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
		resp, _ = b.get(path)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(resp.Header.Get("Vary"), "Accept") {
			t.Errorf("a browser got %q (Vary %q)", resp.Header.Get("Content-Type"), resp.Header.Get("Vary"))
		}
		b.header.Set("Accept", "text/turtle")
		resp, body = b.get("/data/" + e.fx.draft.Dataset.Slug)
		wantStatus(t, "draft, anonymous", resp, body, http.StatusNotFound, "")
		resp, _ = b.get("/data/" + e.fx.withdrawn.Dataset.Slug)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("withdrawn dataset as %q, want its page", resp.Header.Get("Content-Type"))
		}
		dan := e.staff(t, "dan")
		dan.header.Set("Accept", "text/turtle")
		resp, body = dan.get("/data/" + e.fx.draft.Dataset.Slug)
		wantStatus(t, "draft, steward", resp, body, http.StatusOK, "")
		if resp.Header.Get("Cache-Control") != "private, no-store" || !strings.Contains(body, "Hemligt utkast") {
			t.Errorf("draft for its steward: Cache-Control %q\n%s", resp.Header.Get("Cache-Control"), body)
		}
	})
}
