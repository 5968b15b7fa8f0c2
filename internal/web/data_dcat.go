package web

// The catalogue as RDF for harvesters (dataportal.se harvests
// /data/catalog.rdf), and a dataset's own graph at its page's address by
// content negotiation. Both are streamed, gzip-compressed when the client
// accepts it (the data is public: nothing secret sits beside text an
// attacker chose), and cacheable with an ETag and Last-Modified.

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sprang/internal/dcat"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// dcatVersion is part of every ETag: a change of the serialization makes
// the old ETags stale.
const dcatVersion = "dcat-1"

func (s *Server) handleCatalogRDF(w http.ResponseWriter, r *http.Request) {
	s.serveCatalog(w, r, dcat.RDFXML)
}

func (s *Server) handleCatalogTurtle(w http.ResponseWriter, r *http.Request) {
	s.serveCatalog(w, r, dcat.Turtle)
}

func (s *Server) handleCatalogJSONLD(w http.ResponseWriter, r *http.Request) {
	s.serveCatalog(w, r, dcat.JSONLD)
}

// serveCatalog sends the catalogue of every published dataset in format f.
func (s *Server) serveCatalog(w http.ResponseWriter, r *http.Request, f dcat.Format) {
	entries, err := s.db.PublishedEntries(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.dcatCatalog(r, entries)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*")
	if !preconditions(w, r, f, catalogTag(c, entries), modifiedOf(c.Modified, entries)) {
		return
	}
	h.Set("Content-Disposition", `inline; filename="catalog`+f.Extension()+`"`)
	s.writeRDF(w, r, f, func(out io.Writer) error { return dcat.WriteCatalog(out, f, c, entries) })
}

// datasetRDF serves the dataset's own graph when the request's Accept
// header prefers Turtle, RDF/XML or JSON-LD to HTML, and reports whether it
// did; otherwise the caller renders the page. It always adds "Vary:
// Accept", so caches keep the page and the graph apart. Withdrawn datasets
// are left to the page, which says they are withdrawn; a draft's graph is
// served to those who may see the draft, uncached.
func (s *Server) datasetRDF(w http.ResponseWriter, r *http.Request, e opendata.Entry) bool {
	w.Header().Add("Vary", "Accept")
	f, ok := negotiateRDF(r.Header.Get("Accept"))
	if !ok || e.Dataset.State == opendata.Withdrawn {
		return false
	}
	c, err := s.dcatCatalog(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return true
	}
	h := w.Header()
	if e.Dataset.State == opendata.Draft {
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Access-Control-Allow-Origin", "*")
		if !preconditions(w, r, f, catalogTag(c, []opendata.Entry{e}), modifiedOf(time.Time{}, []opendata.Entry{e})) {
			return true
		}
	}
	h.Set("Content-Location", datasetPath(e.Dataset.Slug))
	s.writeRDF(w, r, f, func(out io.Writer) error { return dcat.WriteDataset(out, f, c, e) })
	return true
}

// writeRDF sets the content type and streams write's document, gzipped
// when the client accepts it. An error after the first byte can only be
// logged: the status is sent.
func (s *Server) writeRDF(w http.ResponseWriter, r *http.Request, f dcat.Format, write func(io.Writer) error) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Add("Vary", "Accept-Encoding")
	if r.Method == http.MethodHead {
		return
	}
	var err error
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		zw := gzipWriters.Get().(*gzip.Writer) //nolint:forcetypeassert // the pool holds only these
		zw.Reset(w)
		if err = write(zw); err == nil {
			err = zw.Close()
		}
		zw.Reset(io.Discard)
		gzipWriters.Put(zw)
	} else {
		err = write(w)
	}
	if err != nil {
		s.log.WarnContext(r.Context(), "send RDF", "path", r.URL.Path, "error", err.Error())
	}
}

// dcatCatalog returns the catalogue's facts: the platform's address, the
// group's root unit as publisher, titles naming it, and as contact point
// the contact of the first high-value dataset, or else of the first
// dataset that has one. Issued is the first publication.
func (s *Server) dcatCatalog(r *http.Request, entries []opendata.Entry) (dcat.Catalog, error) {
	tree, err := s.db.FindUnitTree(r.Context())
	if err != nil {
		return dcat.Catalog{}, err
	}
	var group identity.Unit
	if roots := tree.Roots(); len(roots) > 0 {
		group = roots[0]
	}
	nameEN := group.Name("en")
	c := dcat.Catalog{
		Base:          s.cfg.BaseURL,
		TitleSV:       s.cat.T(i18n.Swedish, "dcat.catalog.title", group.NameSV),
		TitleEN:       s.cat.T(i18n.English, "dcat.catalog.title", nameEN),
		DescriptionSV: s.cat.T(i18n.Swedish, "dcat.catalog.description", group.NameSV),
		DescriptionEN: s.cat.T(i18n.English, "dcat.catalog.description", nameEN),
		Publisher: opendata.Publisher{UnitID: group.ID, Slug: group.Slug, NameSV: group.NameSV, NameEN: group.NameEN,
			OrgNumber: group.OrgNumber, Type: opendata.PublisherTypeOf(group.Kind)},
	}
	c.ContactName, c.ContactEmail = catalogContact(entries)
	for _, e := range entries {
		if p := e.Dataset.PublishedAt; !p.IsZero() && (c.Issued.IsZero() || p.Before(c.Issued)) {
			c.Issued = p
		}
	}
	return c, nil
}

// catalogContact returns the contact point of the catalogue's API: that
// of the first high-value dataset with an e-mail address, or else of the
// first dataset with one, or none.
func catalogContact(entries []opendata.Entry) (name, email string) {
	for _, hvdOnly := range []bool{true, false} {
		for _, e := range entries {
			d := e.Dataset
			if (!hvdOnly || d.HighValue()) && identity.ValidEmail(strings.TrimSpace(d.ContactEmail)) && strings.TrimSpace(d.ContactName) != "" {
				return d.ContactName, strings.TrimSpace(d.ContactEmail)
			}
		}
	}
	return "", ""
}

// catalogTag returns a weak ETag of the RDF of entries under catalogue c:
// a hash of everything the document is made from, so that any change to
// a dataset, its distributions or publisher, or the catalogue changes it.
func catalogTag(c dcat.Catalog, entries []opendata.Entry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%+v\x00%d\n", dcatVersion, c, len(entries))
	for _, e := range entries {
		fmt.Fprintf(h, "%+v\n", e)
	}
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// modifiedOf returns the newest change among entries (and since).
func modifiedOf(since time.Time, entries []opendata.Entry) time.Time {
	m := since
	for _, e := range entries {
		for _, t := range []time.Time{e.Dataset.UpdatedAt, e.Dataset.PublishedAt} {
			if t.After(m) {
				m = t
			}
		}
		for _, d := range e.Distributions {
			if d.UpdatedAt.After(m) {
				m = d.UpdatedAt
			}
		}
	}
	return m
}

// preconditions sets the ETag (one per format) and Last-Modified headers
// and answers a conditional request whose copy is current with 304 Not
// Modified. It reports whether the document should still be sent.
func preconditions(w http.ResponseWriter, r *http.Request, f dcat.Format, tag string, modified time.Time) bool {
	h := w.Header()
	tag = strings.TrimSuffix(tag, `"`) + "-" + f.String() + `"`
	h.Set("ETag", tag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	notModified := false
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		notModified = etagMatches(inm, strings.TrimPrefix(tag, "W/"))
	} else if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !modified.IsZero() {
		notModified = !modified.Truncate(time.Second).After(ims)
	}
	if notModified {
		w.WriteHeader(http.StatusNotModified)
		return false
	}
	return true
}

// rdfOffers are what a dataset's address can answer with, in the order
// preferred when the client likes several equally: the page first, then
// RDF/XML (what dataportal.se harvests), Turtle and JSON-LD.
var rdfOffers = []struct {
	media string
	rdf   bool
	f     dcat.Format
}{
	{"text/html", false, 0},
	{"application/xhtml+xml", false, 0},
	{"application/rdf+xml", true, dcat.RDFXML},
	{"text/turtle", true, dcat.Turtle},
	{"application/ld+json", true, dcat.JSONLD},
}

// negotiateRDF reads an Accept header and reports whether it prefers one
// of the RDF formats to HTML, and which. The quality of each offer is that
// of the most specific media range matching it (type/subtype over type/*
// over */*); the best quality wins, ties going to the earlier offer, so
// "*/*" and a browser's Accept get the page. A missing or unreadable
// header gets the page.
func negotiateRDF(accept string) (dcat.Format, bool) {
	ranges := parseAccept(accept)
	best, bestQ := -1, 0.0
	for i, o := range rdfOffers {
		if q := acceptQuality(ranges, o.media); q > bestQ {
			best, bestQ = i, q
		}
	}
	if best < 0 || !rdfOffers[best].rdf {
		return 0, false
	}
	return rdfOffers[best].f, true
}

// mediaRange is one entry of an Accept header.
type mediaRange struct {
	typ, sub string
	q        float64
}

// parseAccept parses an Accept header, leaving out entries it cannot read.
func parseAccept(accept string) []mediaRange {
	var out []mediaRange
	for _, part := range strings.Split(accept, ",") {
		fields := strings.Split(part, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(fields[0])), "/")
		if !ok || typ == "" || sub == "" || (typ == "*" && sub != "*") {
			continue
		}
		m := mediaRange{typ: typ, sub: sub, q: 1}
		for _, p := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || q < 0 || q > 1 {
					q = 0
				}
				m.q = q
			}
		}
		out = append(out, m)
	}
	return out
}

// acceptQuality returns the quality ranges give media ("type/subtype"):
// that of the most specific matching range, or 0.
func acceptQuality(ranges []mediaRange, media string) float64 {
	typ, sub, _ := strings.Cut(media, "/")
	q, spec := 0.0, -1
	for _, m := range ranges {
		s := -1
		switch {
		case m.typ == typ && m.sub == sub:
			s = 2
		case m.typ == typ && m.sub == "*":
			s = 1
		case m.typ == "*" && m.sub == "*":
			s = 0
		}
		if s > spec || (s == spec && s >= 0 && m.q > q) {
			q, spec = m.q, s
		}
	}
	return q
}
