package dcat

import (
	"encoding/json"
	"strings"
)

// jsonld writes JSON-LD 1.1: a context of the prefixes and a @graph with
// one node object per node, properties grouped by predicate.
type jsonld struct {
	w     *errWriter
	first bool
}

func (j *jsonld) begin() {
	var b strings.Builder
	b.WriteString(`{"@context":{`)
	for i, p := range prefixes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonString(p.name) + ":" + jsonString(p.ns))
	}
	b.WriteString("},\n\"@graph\":[")
	j.w.str(b.String())
	j.first = true
}

func (j *jsonld) node(n Node) {
	if len(n.Types) == 0 && len(n.Props) == 0 {
		return
	}
	w := j.w
	if !j.first {
		w.str(",")
	}
	j.first = false
	w.str("\n{\"@id\":")
	w.str(jsonString(safeIRI(n.Subject)))
	if len(n.Types) > 0 {
		w.str(`,"@type":[`)
		for i, c := range n.Types {
			if i > 0 {
				w.str(",")
			}
			w.str(jsonString(jsonName(c)))
		}
		w.str("]")
	}
	for _, g := range groupProps(n.Props) {
		w.str(",")
		w.str(jsonString(jsonName(g.pred)))
		w.str(":[")
		for i, o := range g.objs {
			if i > 0 {
				w.str(",")
			}
			jsonTerm(w, o)
		}
		w.str("]")
	}
	w.str("}")
}

func (j *jsonld) end() { j.w.str("\n]}\n") }

// group is a predicate and its objects.
type group struct {
	pred string
	objs []Term
}

// groupProps groups props by predicate, predicates in first-seen order.
// Nodes have few predicates, so a linear search beats a map.
func groupProps(props []Prop) []group {
	out := make([]group, 0, 16)
	for _, p := range props {
		i := len(out) - 1
		for i >= 0 && out[i].pred != p.Pred {
			i--
		}
		if i < 0 {
			out = append(out, group{pred: p.Pred})
			i = len(out) - 1
		}
		out[i].objs = append(out[i].objs, p.Obj)
	}
	return out
}

// jsonName writes a predicate or class as a compact IRI when it has a
// declared prefix, else in full.
func jsonName(iri string) string {
	if p, l, ok := split(iri); ok {
		return p + ":" + l
	}
	return iri
}

func jsonTerm(w *errWriter, t Term) {
	if t.IsIRI() {
		w.str(`{"@id":`)
		w.str(jsonString(t.Value))
		w.str("}")
		return
	}
	w.str(`{"@value":`)
	w.str(jsonString(t.Value))
	switch {
	case t.Lang != "":
		w.str(`,"@language":`)
		w.str(jsonString(t.Lang))
	case t.Datatype != "":
		w.str(`,"@type":`)
		w.str(jsonString(jsonName(t.Datatype)))
	}
	w.str("}")
}

// jsonString returns s as a JSON string. The text is valid UTF-8 (see
// cleanText), so marshalling cannot fail.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return `""`
	}
	return string(b)
}
