package dcat

import "strings"

// turtle writes Turtle (RDF 1.1): the prefixes, then one block per node.
type turtle struct{ w *errWriter }

func (t *turtle) begin() {
	for _, p := range prefixes {
		t.w.str("@prefix " + p.name + ": <" + p.ns + "> .\n")
	}
}

func (t *turtle) node(n Node) {
	if len(n.Types) == 0 && len(n.Props) == 0 {
		return
	}
	w := t.w
	w.str("\n<")
	w.str(safeIRI(n.Subject))
	w.str(">")
	sep := " "
	if len(n.Types) > 0 {
		w.str(" a ")
		for i, c := range n.Types {
			if i > 0 {
				w.str(", ")
			}
			w.str(turtleName(c))
		}
		sep = " ;\n\t"
	}
	for _, p := range n.Props {
		w.str(sep)
		w.str(turtleName(p.Pred))
		w.str(" ")
		turtleTerm(w, p.Obj)
		sep = " ;\n\t"
	}
	w.str(" .\n")
}

func (t *turtle) end() {}

// turtleName writes an IRI as a prefixed name when it has a declared
// namespace and a plain local name, else in angle brackets.
func turtleName(iri string) string {
	if p, l, ok := split(iri); ok {
		return p + ":" + l
	}
	return "<" + safeIRI(iri) + ">"
}

func turtleTerm(w *errWriter, t Term) {
	if t.IsIRI() {
		w.str("<")
		w.str(t.Value)
		w.str(">")
		return
	}
	w.str(`"`)
	w.str(turtleEscape(t.Value))
	w.str(`"`)
	switch {
	case t.Lang != "":
		w.str("@" + t.Lang)
	case t.Datatype != "":
		w.str("^^" + turtleName(t.Datatype))
	}
}

var turtleEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

func turtleEscape(s string) string { return turtleEscaper.Replace(s) }
