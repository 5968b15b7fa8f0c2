package dcat

import "strings"

// rdfxml writes RDF/XML, the syntax dataportal.se harvests: one node
// element per node, typed by its first class when that has a prefix.
type rdfxml struct{ w *errWriter }

func (x *rdfxml) begin() {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rdf:RDF")
	for _, p := range prefixes {
		b.WriteString("\n  xmlns:" + p.name + `="` + xmlEscape(p.ns, true) + `"`)
	}
	b.WriteString(">\n")
	x.w.str(b.String())
}

func (x *rdfxml) node(n Node) {
	if len(n.Types) == 0 && len(n.Props) == 0 {
		return
	}
	w := x.w
	elem, types := "rdf:Description", n.Types
	if len(types) > 0 {
		if p, l, ok := split(types[0]); ok {
			elem, types = p+":"+l, types[1:]
		}
	}
	w.str("  <" + elem + ` rdf:about="`)
	w.str(xmlEscape(safeIRI(n.Subject), true))
	w.str("\">\n")
	for _, c := range types {
		w.str(`    <rdf:type rdf:resource="`)
		w.str(xmlEscape(c, true))
		w.str("\"/>\n")
	}
	for _, p := range n.Props {
		xmlProp(w, p)
	}
	w.str("  </" + elem + ">\n")
}

func (x *rdfxml) end() { x.w.str("</rdf:RDF>\n") }

// xmlProp writes one property element. Every predicate the builder uses
// has a declared namespace; one that had not would be written with a
// namespace declared on the element itself.
func xmlProp(w *errWriter, p Prop) {
	name, decl := "", ""
	if pre, l, ok := split(p.Pred); ok {
		name = pre + ":" + l
	} else {
		ns, l := splitAnyLocal(p.Pred)
		name, decl = "ns0:"+l, ` xmlns:ns0="`+xmlEscape(ns, true)+`"`
	}
	o := p.Obj
	w.str("    <")
	w.str(name)
	w.str(decl)
	if o.IsIRI() {
		w.str(` rdf:resource="`)
		w.str(xmlEscape(o.Value, true))
		w.str("\"/>\n")
		return
	}
	switch {
	case o.Lang != "":
		w.str(` xml:lang="`)
		w.str(xmlEscape(o.Lang, true))
		w.str(`"`)
	case o.Datatype != "":
		w.str(` rdf:datatype="`)
		w.str(xmlEscape(o.Datatype, true))
		w.str(`"`)
	}
	w.str(">")
	w.str(xmlEscape(o.Value, false))
	w.str("</")
	w.str(name)
	w.str(">\n")
}

// splitAnyLocal splits an IRI after its last '#' or '/'.
func splitAnyLocal(iri string) (ns, local string) {
	i := strings.LastIndexAny(iri, "#/")
	return iri[:i+1], iri[i+1:]
}

var (
	xmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
	xmlAttrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\t", "&#9;", "\n", "&#10;", "\r", "&#13;")
)

// xmlEscape escapes s for element content or, with attr, for a
// double-quoted attribute value (keeping tabs and line breaks, which
// attribute normalization would otherwise turn into spaces).
func xmlEscape(s string, attr bool) string {
	if attr {
		return xmlAttrEscaper.Replace(s)
	}
	return xmlTextEscaper.Replace(s)
}
