package dcat

import (
	"bufio"
	"fmt"
	"io"

	"sprang/internal/opendata"
)

// Format is an RDF syntax the catalogue is written in.
type Format int

// The formats.
const (
	RDFXML Format = iota
	Turtle
	JSONLD
)

// Formats lists every format.
var Formats = []Format{RDFXML, Turtle, JSONLD}

// ContentType returns the media type a document in f is served with.
func (f Format) ContentType() string {
	switch f {
	case Turtle:
		return "text/turtle; charset=utf-8"
	case JSONLD:
		return "application/ld+json; charset=utf-8"
	default:
		return "application/rdf+xml; charset=utf-8"
	}
}

// MediaType returns f's media type without parameters.
func (f Format) MediaType() string {
	switch f {
	case Turtle:
		return "text/turtle"
	case JSONLD:
		return "application/ld+json"
	default:
		return "application/rdf+xml"
	}
}

// Extension returns the usual file name extension of f, with its dot.
func (f Format) Extension() string {
	switch f {
	case Turtle:
		return ".ttl"
	case JSONLD:
		return ".jsonld"
	default:
		return ".rdf"
	}
}

// String returns f's name.
func (f Format) String() string {
	switch f {
	case Turtle:
		return "turtle"
	case JSONLD:
		return "jsonld"
	default:
		return "rdfxml"
	}
}

// serializer writes nodes in one syntax. Errors are sticky in the
// underlying errWriter and returned by end.
type serializer interface {
	begin()
	node(n Node)
	end()
}

// errWriter is a buffered writer that remembers its first error.
type errWriter struct {
	w   *bufio.Writer
	err error
}

func (e *errWriter) str(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *errWriter) flush() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

func newSerializer(w *errWriter, f Format) serializer {
	switch f {
	case Turtle:
		return &turtle{w: w}
	case JSONLD:
		return &jsonld{w: w}
	default:
		return &rdfxml{w: w}
	}
}

// WriteCatalog writes the catalogue of entries (published datasets, in the
// order given) to w in format f: the catalogue, its publisher and API,
// then each dataset with its distributions, contact point and publisher,
// one dataset at a time, and last the vocabulary terms used. It returns
// the first write error, wrapped.
func WriteCatalog(w io.Writer, f Format, c Catalog, entries []opendata.Entry) error {
	b := newBuilder(c)
	out := &errWriter{w: bufio.NewWriterSize(w, 32<<10)}
	s := newSerializer(out, f)
	s.begin()
	nodes := b.catalog(entries)
	nodes = append(nodes, b.service(entries)...)
	for _, n := range nodes {
		s.node(n)
	}
	for _, e := range entries {
		for _, n := range b.entry(e) {
			s.node(n)
		}
		if out.err != nil {
			break
		}
	}
	for _, n := range b.terms.list() {
		s.node(n)
	}
	s.end()
	if err := out.flush(); err != nil {
		return fmt.Errorf("write catalog as %s: %w", f, err)
	}
	return nil
}

// WriteDataset writes one dataset's own graph to w in format f: the
// dataset, its distributions, contact point, publisher and the vocabulary
// terms it uses (what its IRI returns by content negotiation). It returns
// the first write error, wrapped.
func WriteDataset(w io.Writer, f Format, c Catalog, e opendata.Entry) error {
	b := newBuilder(c)
	out := &errWriter{w: bufio.NewWriterSize(w, 8<<10)}
	s := newSerializer(out, f)
	s.begin()
	for _, n := range b.entry(e) {
		s.node(n)
	}
	for _, n := range b.terms.list() {
		s.node(n)
	}
	s.end()
	if err := out.flush(); err != nil {
		return fmt.Errorf("write dataset %s as %s: %w", e.Dataset.Slug, f, err)
	}
	return nil
}
