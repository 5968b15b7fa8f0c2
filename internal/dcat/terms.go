package dcat

import (
	"regexp"
	"strings"

	"sprang/internal/opendata"
)

// IRIs of classes and fixed resources.
const (
	// MediaTypeBase is where IANA media types are named (dcat:mediaType).
	MediaTypeBase = "https://www.iana.org/assignments/media-types/"
	// ChecksumSHA256 is the checksum algorithm of distributions, SPDX's
	// checksumAlgorithm_sha256 spelled with https: DCAT-AP 3.0.1's
	// controlled-vocabulary shape (mdr-vocabularies.shape.ttl,
	// ChecksumAlgorithmRestriction) accepts only algorithm IRIs matching
	// "^https://spdx.org/rdf/terms", while SPDX's namespace is http. The
	// graph links it to SPDX's own IRI (ChecksumSHA256SPDX) with
	// owl:sameAs, so both readings find it.
	ChecksumSHA256 = "https://spdx.org/rdf/terms#checksumAlgorithm_sha256"
	// ChecksumSHA256SPDX is SPDX's IRI of the SHA-256 algorithm.
	ChecksumSHA256SPDX = nsSPDX + "checksumAlgorithm_sha256"

	languageBase = "http://publications.europa.eu/resource/authority/language/"
)

// terms collects the vocabulary terms a graph refers to, each described
// once at the end of the document with the class the DCAT-AP range shapes
// ask for (and labels for SKOS concepts). Only terms the portal knows are
// described; an unknown value stays bare and fails validation, as it
// should.
type terms struct {
	nodes map[string]*Node
	order []string
}

func newTerms() *terms { return &terms{nodes: map[string]*Node{}} }

// describe records iri as an instance of class, with labels when given,
// and returns its node; a term already recorded is returned unchanged.
func (t *terms) describe(iri, class string, labels ...Term) *Node {
	if n, ok := t.nodes[iri]; ok {
		return n
	}
	n := &Node{Subject: iri, Types: []string{class}}
	for _, l := range labels {
		pred := nsSKOS + "prefLabel"
		if class != nsSKOS+"Concept" {
			pred = nsRDFS + "label"
		}
		n.add(pred, l)
	}
	t.nodes[iri] = n
	t.order = append(t.order, iri)
	return n
}

// subClass records that class sub is a subclass of super, so that SHACL's
// sh:class, which follows rdfs:subClassOf in the data, accepts instances
// of sub where super is asked for.
func (t *terms) subClass(sub, super string) {
	if _, ok := t.nodes[sub]; ok {
		return
	}
	n := &Node{Subject: sub}
	n.add(nsRDFS+"subClassOf", iri(super))
	t.nodes[sub] = n
	t.order = append(t.order, sub)
}

// list returns the described terms in the order first met.
func (t *terms) list() []Node {
	out := make([]Node, 0, len(t.order))
	for _, k := range t.order {
		out = append(out, *t.nodes[k])
	}
	return out
}

// concept describes a term of vocabulary v as a skos:Concept with its
// labels, and reports whether v knows it.
func (t *terms) concept(v []opendata.Term, value string) bool {
	term, ok := opendata.FindTerm(v, value)
	if !ok || term.IRI != value {
		return false
	}
	t.describe(value, nsSKOS+"Concept", lang(term.LabelSV, "sv"), lang(term.LabelEN, "en"))
	return true
}

// known describes a term of vocabulary v as an instance of class.
func (t *terms) known(v []opendata.Term, value, class string) {
	if term, ok := opendata.FindTerm(v, value); ok && term.IRI == value {
		t.describe(value, class)
	}
}

// theme, frequency, licence, accessRights and hvdCategory describe the
// terms of the portal's vocabularies.
func (t *terms) theme(v string) { t.concept(opendata.Themes, v) }
func (t *terms) frequency(v string) {
	t.known(opendata.Frequencies, v, nsDCT+"Frequency")
}
func (t *terms) licence(v string) { t.known(opendata.Licences, v, nsDCT+"LicenseDocument") }
func (t *terms) accessRights(v string) {
	t.known(opendata.AccessRights, v, nsDCT+"RightsStatement")
}
func (t *terms) hvdCategory(v string) { t.concept(opendata.HVDCategories, v) }

// publisherType describes an ADMS publisher type.
func (t *terms) publisherType(v string) { t.concept(opendata.PublisherTypes, v) }

// fileType returns the EU file-type IRI of a distribution's format code and
// describes it when the portal knows it; an unknown code that looks like
// one is returned bare, anything else as "".
func (t *terms) fileType(code string) string {
	if f, ok := opendata.FindFileType(code); ok && f.Code == code {
		t.describe(f.IRI(), nsDCT+"MediaTypeOrExtent")
		return f.IRI()
	}
	if fileCode.MatchString(code) {
		return opendata.FileTypeBase + code
	}
	return ""
}

var fileCode = regexp.MustCompile(`^[A-Z0-9_]{1,40}$`)

// mediaTypeToken is a media type's type/subtype without parameters.
var mediaTypeToken = regexp.MustCompile(`^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$`)

// mediaType returns the IANA IRI of media type m ("text/csv;
// charset=utf-8" gives …/text/csv), or "" when m is not one.
func (t *terms) mediaType(m string) string {
	m, _, _ = strings.Cut(m, ";")
	m = strings.ToLower(strings.TrimSpace(m))
	if !mediaTypeToken.MatchString(m) {
		return ""
	}
	iri := MediaTypeBase + m
	t.describe(iri, nsDCT+"MediaType")
	return iri
}
