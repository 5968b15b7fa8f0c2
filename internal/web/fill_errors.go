package web

import (
	"fmt"
	"strings"

	"sprang/internal/eservice"
)

// errorMessages returns the text of the first error of each field, in
// the view's language: the author's own message when the error carries
// one, otherwise the catalog's text of its key.
func errorMessages(v *view, errs []eservice.FieldError) map[string]string {
	m := make(map[string]string, len(errs))
	for _, e := range errs {
		if _, ok := m[e.Field]; !ok {
			m[e.Field] = fieldErrorText(v, e)
		}
	}
	return m
}

// fieldErrorText returns the text of one field error.
func fieldErrorText(v *view, e eservice.FieldError) string {
	if !e.Custom.IsZero() {
		return e.Custom.In(string(v.Lang))
	}
	if v.cat.Has(v.Lang, e.Key) {
		return v.T(e.Key, e.Args...)
	}
	if t, ok := eservice.Messages()[e.Key]; ok {
		if len(e.Args) > 0 {
			return fmt.Sprintf(t.In(string(v.Lang)), e.Args...)
		}
		return t.In(string(v.Lang))
	}
	return v.T("form.invalid")
}

// summary returns the error summary of a step: one entry per field with
// an error, in order, each naming its question (the messages beside the
// inputs are short, "Skriv ditt svar.") and linking to the input it
// concerns (for an address or a group: its first input).
func summary(qs []questionView, errs []eservice.FieldError, messages, labels map[string]string) []fieldError {
	ids := inputIDs(qs, nil)
	var out []fieldError
	seen := map[string]bool{}
	for _, e := range errs {
		if seen[e.Field] {
			continue
		}
		seen[e.Field] = true
		msg := messages[e.Field]
		if l := labels[e.Field]; l != "" {
			msg = l + " – " + msg
		}
		out = append(out, fieldError{Field: errorTarget(ids, htmlID(e.Field)), Message: msg})
	}
	return out
}

// inputIDs appends the ids of the inputs of qs, in page order, to ids.
func inputIDs(qs []questionView, ids []string) []string {
	for _, q := range qs {
		switch {
		case q.Type == string(eservice.TypeInfo):
		case len(q.Parts) > 0:
			ids = inputIDs(q.Parts, ids)
		case q.Type == string(eservice.TypeGroup):
			for _, in := range q.Instances {
				ids = inputIDs(in.Questions, ids)
			}
			ids = append(ids, q.ID+"-add")
		case len(q.Options) > 0 && !q.Select:
			ids = append(ids, q.Options[0].ID)
		default:
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// errorTarget returns the input an error on the field with id links to:
// the input with that id, else the first input under it (id-…), else the
// first input of the page, else the main content.
func errorTarget(ids []string, id string) string {
	for _, x := range ids {
		if x == id {
			return x
		}
	}
	for _, x := range ids {
		if strings.HasPrefix(x, id+"-") {
			return x
		}
	}
	if len(ids) > 0 {
		return ids[0]
	}
	return "main"
}
