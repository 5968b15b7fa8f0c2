package web

import (
	"testing"

	"sprang/internal/dcat"
)

func TestNegotiateRDF(t *testing.T) {
	t.Parallel()
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
	tests := []struct {
		accept string
		rdf    bool
		f      dcat.Format
	}{
		{"", false, 0},
		{"*/*", false, 0},
		{browser, false, 0},
		{"text/turtle", true, dcat.Turtle},
		{"application/rdf+xml", true, dcat.RDFXML},
		{"application/ld+json", true, dcat.JSONLD},
		{"APPLICATION/LD+JSON; profile=\"http://www.w3.org/ns/json-ld#expanded\"", true, dcat.JSONLD},
		{"text/turtle;q=0.9, application/rdf+xml", true, dcat.RDFXML},
		{"text/turtle, application/rdf+xml", true, dcat.RDFXML}, // a tie: the harvested syntax
		{"text/turtle, application/ld+json;q=1", true, dcat.Turtle},
		{"text/html;q=0.5, text/turtle", true, dcat.Turtle},
		{"text/html, text/turtle", false, 0},
		{"text/html;q=0.9, text/turtle;q=0.9, */*;q=0.1", false, 0},
		{"text/*, application/rdf+xml;q=0.5", false, 0}, // text/* covers text/html
		{"text/turtle;q=0, */*", false, 0},
		{"application/rdf+xml;q=0.001", true, dcat.RDFXML},
		{"text/turtle;q=abc", false, 0},
		{"text/turtle;q=2", false, 0},
		{"application/json", false, 0},
		{"*/turtle, text/turtle;q=0.1", true, dcat.Turtle},
		{",,;;text/turtle", false, 0},
		{"text/html;q=0, application/rdf+xml;q=0", false, 0},
	}
	for _, tt := range tests {
		f, rdf := negotiateRDF(tt.accept)
		if rdf != tt.rdf || (rdf && f != tt.f) {
			t.Errorf("negotiateRDF(%q) = %v %v, want %v %v", tt.accept, f, rdf, tt.f, tt.rdf)
		}
	}
}

func FuzzNegotiateRDF(f *testing.F) {
	f.Add("text/html,application/xhtml+xml,*/*;q=0.8")
	f.Add("text/turtle;q=0.5, application/rdf+xml;q=0.7")
	f.Add(";;,,q=1/")
	f.Fuzz(func(t *testing.T, accept string) {
		if f, rdf := negotiateRDF(accept); rdf && f != dcat.RDFXML && f != dcat.Turtle && f != dcat.JSONLD {
			t.Fatalf("negotiateRDF(%q) = %v", accept, f)
		}
	})
}
