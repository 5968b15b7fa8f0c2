package dcat

import (
	"strings"
	"unicode/utf8"
)

// Namespaces of the vocabularies the catalogue uses.
const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	nsXSD    = "http://www.w3.org/2001/XMLSchema#"
	nsOWL    = "http://www.w3.org/2002/07/owl#"
	nsDCAT   = "http://www.w3.org/ns/dcat#"
	nsDCT    = "http://purl.org/dc/terms/"
	nsFOAF   = "http://xmlns.com/foaf/0.1/"
	nsVCARD  = "http://www.w3.org/2006/vcard/ns#"
	nsSKOS   = "http://www.w3.org/2004/02/skos/core#"
	nsSPDX   = "http://spdx.org/rdf/terms#"
	nsDCATAP = "http://data.europa.eu/r5r/"
	nsELI    = "http://data.europa.eu/eli/ontology#"
)

// prefixes are the prefixes every serialization declares, in order.
var prefixes = []struct{ name, ns string }{
	{"rdf", nsRDF},
	{"rdfs", nsRDFS},
	{"xsd", nsXSD},
	{"owl", nsOWL},
	{"dcat", nsDCAT},
	{"dcterms", nsDCT},
	{"foaf", nsFOAF},
	{"vcard", nsVCARD},
	{"skos", nsSKOS},
	{"spdx", nsSPDX},
	{"dcatap", nsDCATAP},
	{"eli", nsELI},
}

// termKind says what a Term is.
type termKind uint8

const (
	kindIRI termKind = iota
	kindLiteral
)

// Term is an RDF term in object position: an IRI, or a literal with either
// a language tag or a datatype (none means xsd:string).
type Term struct {
	kind     termKind
	Value    string
	Lang     string
	Datatype string
}

// IsIRI reports whether t is an IRI.
func (t Term) IsIRI() bool { return t.kind == kindIRI }

// iri returns s as an IRI term, made safe for every syntax (see safeIRI).
func iri(s string) Term { return Term{kind: kindIRI, Value: safeIRI(s)} }

// lang returns a literal in language tag l, cleaned of what XML cannot hold.
func lang(s, l string) Term { return Term{kind: kindLiteral, Value: cleanText(s), Lang: l} }

// str returns a plain (xsd:string) literal.
func str(s string) Term { return Term{kind: kindLiteral, Value: cleanText(s)} }

// typed returns a literal of datatype dt.
func typed(s, dt string) Term { return Term{kind: kindLiteral, Value: cleanText(s), Datatype: dt} }

// Prop is one property of a node: a predicate IRI and its object.
type Prop struct {
	Pred string
	Obj  Term
}

// Node is one subject of the graph with its types and properties, the unit
// the serializers write. Every subject is an absolute IRI.
type Node struct {
	Subject string
	Types   []string
	Props   []Prop
}

// add appends a property when the object is not empty.
func (n *Node) add(pred string, obj Term) {
	if strings.TrimSpace(obj.Value) == "" {
		return
	}
	n.Props = append(n.Props, Prop{pred, obj})
}

// texts adds a literal in language l for each distinct non-blank value.
func (n *Node) texts(pred, l string, values []string) {
	seen := map[string]bool{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		n.add(pred, lang(v, l))
	}
}

// cleanText makes s valid UTF-8 and drops the control characters XML 1.0
// cannot carry (all but tab, line feed and carriage return), so that every
// serialization holds exactly the same text.
func cleanText(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if !xmlChar(r) {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// safeIRI percent-encodes every byte of s that an IRI may not hold in any
// of the three syntaxes (controls, space, <>"{}|^`\ and invalid UTF-8), so
// that a stored URL with such a character cannot break the document.
func safeIRI(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if badIRIByte(s[i]) {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (size == 1 && badIRIByte(s[i])) {
			b.WriteString("%" + strings.ToUpper(hex2(s[i])))
			i++
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

func badIRIByte(c byte) bool {
	return c <= 0x20 || c == 0x7F || strings.IndexByte("<>\"{}|^`\\", c) >= 0
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// split returns the prefix and local name of a predicate or class IRI in
// one of the declared namespaces, or ok false.
func split(iri string) (prefix, local string, ok bool) {
	for _, p := range prefixes {
		if l, found := strings.CutPrefix(iri, p.ns); found && validLocal(l) {
			return p.name, l, true
		}
	}
	return "", "", false
}

// validLocal reports whether l is a local name every syntax accepts as is:
// a letter, then letters, digits, '_' and '-'.
func validLocal(l string) bool {
	if l == "" {
		return false
	}
	for i, c := range []byte(l) {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if digit := c >= '0' && c <= '9'; !letter && !digit && c != '_' && c != '-' {
			return false
		}
	}
	return true
}
