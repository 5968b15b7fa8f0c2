package dcat_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"sprang/internal/dcat"
	"sprang/internal/opendata"
)

// TestIRIs checks the IRIs of the catalogue's resources and that none of
// the resources harvesters keep is a blank node, in any syntax.
func TestIRIs(t *testing.T) {
	t.Parallel()
	c := testCatalog()
	c.Base = "https://sundsvall.example.se/" // a trailing slash is dropped
	e := fullEntry()
	for _, f := range dcat.Formats {
		var b bytes.Buffer
		if err := dcat.WriteCatalog(&b, f, c, []opendata.Entry{e}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{
			"https://sundsvall.example.se/data/catalog",
			"https://sundsvall.example.se/data/badplatser",
			"https://sundsvall.example.se/data/badplatser/resurser/6f1d1c1e-0000-4000-8000-000000000001",
			"https://sundsvall.example.se/data/badplatser/resurser/6f1d1c1e-0000-4000-8000-000000000001/fil",
			"https://sundsvall.example.se/data/organisationer/miljoforvaltningen",
			"https://sundsvall.example.se/data/organisationer/sundsvalls-kommun",
			"https://sundsvall.example.se/data/badplatser#kontakt",
			"https://sundsvall.example.se/data/badplatser#period",
			"https://sundsvall.example.se/api/3/action/",
			"https://sundsvall.example.se/api/3/openapi.json",
			"mailto:miljo@sundsvall.example.se",
			"https://www.iana.org/assignments/media-types/text/csv",
			"http://publications.europa.eu/resource/authority/file-type/CSV",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: %s missing", f, want)
			}
		}
		for _, blank := range []string{"_:", "rdf:nodeID", "//data/", `"@id":"_`} {
			if strings.Contains(out, blank) {
				t.Errorf("%s: found %q", f, blank)
			}
		}
	}
	if got := c.DatasetIRI("x"); got != "https://sundsvall.example.se/data/x" {
		t.Errorf("DatasetIRI = %s", got)
	}
}

// TestWellFormed parses the RDF/XML with encoding/xml and the JSON-LD with
// encoding/json, with the text every serializer must escape.
func TestWellFormed(t *testing.T) {
	t.Parallel()
	entries := sorted(edgeCases())
	for _, e := range robustCases() {
		entries = append(entries, e)
	}
	var x, j bytes.Buffer
	if err := dcat.WriteCatalog(&x, dcat.RDFXML, testCatalog(), entries); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&x)
	for {
		if _, err := d.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("RDF/XML: %v", err)
		}
	}
	if err := dcat.WriteCatalog(&j, dcat.JSONLD, testCatalog(), entries); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	for _, n := range doc.Graph {
		if id, _ := n["@id"].(string); id == "" {
			t.Errorf("JSON-LD node without @id: %v", n)
		}
	}
	if !strings.Contains(j.String(), `Titel Å ä ö \u003cb\u003e\u0026amp;\u003c/b\u003e \"citat\" 'apostrof' \\ back\\slash`) {
		t.Errorf("JSON-LD lost the special text")
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		f                    dcat.Format
		name, media, ext, ct string
	}{
		{dcat.RDFXML, "rdfxml", "application/rdf+xml", ".rdf", "application/rdf+xml; charset=utf-8"},
		{dcat.Turtle, "turtle", "text/turtle", ".ttl", "text/turtle; charset=utf-8"},
		{dcat.JSONLD, "jsonld", "application/ld+json", ".jsonld", "application/ld+json; charset=utf-8"},
	} {
		if tt.f.String() != tt.name || tt.f.MediaType() != tt.media || tt.f.Extension() != tt.ext || tt.f.ContentType() != tt.ct {
			t.Errorf("%v: %s %s %s %s", tt.f, tt.f, tt.f.MediaType(), tt.f.Extension(), tt.f.ContentType())
		}
	}
}

// manyEntries returns n published datasets of three distributions each,
// spread over 20 publishers.
func manyEntries(n int) []opendata.Entry {
	out := make([]opendata.Entry, n)
	for i := range out {
		e := fullEntry()
		e.Dataset.Slug = fmt.Sprintf("datamangd-%05d", i)
		e.Publisher.Slug = fmt.Sprintf("enhet-%d", i%20)
		e.Distributions = append(e.Distributions, e.Distributions[0])
		e.Distributions[2].ID = "third"
		out[i] = e
	}
	return out
}

// maxWriter records the largest single write it is given.
type maxWriter struct{ total, max int }

func (m *maxWriter) Write(p []byte) (int, error) {
	m.total += len(p)
	m.max = max(m.max, len(p))
	return len(p), nil
}

// TestStreaming checks that a catalogue of 10,000 datasets reaches the
// writer in small pieces, a dataset at a time, not as one buffer.
func TestStreaming(t *testing.T) {
	t.Parallel()
	entries := manyEntries(10000)
	for _, f := range dcat.Formats {
		var w maxWriter
		if err := dcat.WriteCatalog(&w, f, testCatalog(), entries); err != nil {
			t.Fatal(err)
		}
		if w.total < 50<<20 || w.max > 64<<10 {
			t.Errorf("%s: %d bytes in writes of at most %d; want > 50 MB in writes of at most 64 KB", f, w.total, w.max)
		}
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	t.Parallel()
	err := dcat.WriteCatalog(&failWriter{after: 100 << 10}, dcat.Turtle, testCatalog(), manyEntries(100))
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "write catalog") {
		t.Errorf("WriteCatalog = %v, want the write error", err)
	}
	err = dcat.WriteDataset(&failWriter{after: 10}, dcat.JSONLD, testCatalog(), fullEntry())
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteDataset = %v, want the write error", err)
	}
}

// BenchmarkWriteCatalog writes a catalogue of 10,000 datasets.
func BenchmarkWriteCatalog(b *testing.B) {
	entries := manyEntries(10000)
	for _, f := range dcat.Formats {
		b.Run(f.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var w maxWriter
				if err := dcat.WriteCatalog(&w, f, testCatalog(), entries); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(w.total))
			}
		})
	}
}

// FuzzWriteDataset writes datasets with arbitrary text and addresses and
// checks that the RDF/XML stays well-formed and the JSON-LD valid JSON.
func FuzzWriteDataset(f *testing.F) {
	f.Add("Badplatser", "https://example.se/a?b=c&d", "miljo@example.se", "2020-01-01", "bad")
	f.Add("\x00<]]>&\"'\r\n", "javascript:x", "a@b", "x", "\xff")
	f.Fuzz(func(t *testing.T, text, url, email, date, keyword string) {
		e := fullEntry()
		e.Dataset.TitleSV, e.Dataset.DescriptionEN, e.Dataset.LandingPage = text, text, url
		e.Dataset.ContactEmail, e.Dataset.TemporalStart, e.Dataset.Keywords = email, date, []string{keyword}
		e.Dataset.Spatial, e.Distributions[1].URL = url, url
		e.Publisher.NameSV = text
		var x, j bytes.Buffer
		if err := dcat.WriteDataset(&x, dcat.RDFXML, testCatalog(), e); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&x)
		for {
			if _, err := d.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("RDF/XML: %v\n%s", err, x.String())
			}
		}
		if err := dcat.WriteDataset(&j, dcat.JSONLD, testCatalog(), e); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(j.Bytes()) {
			t.Fatalf("JSON-LD is not JSON:\n%s", j.String())
		}
	})
}
