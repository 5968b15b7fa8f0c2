package eservice

import (
	"strconv"
	"strings"
)

// Rows returns the answers as rows for display, in form order, visible
// questions only, information texts left out; an unanswered question has
// an empty Value. lang ("sv" or "en") picks the language of choice labels
// and yes/no, and the decimal sign of numbers (a comma in Swedish). An
// address is one row whose Field is its street field, with the value
// "Storgatan 1, 891 88 Örnsköldsvik". A file row has the file's id as its
// Value and FileID; the caller shows the file's name. A group gives a row
// per shown inner question and instance.
func (f Form) Rows(a Answers, lang string) []Row {
	w := newWalker(a)
	var rows []Row
	for pi, p := range f.Pages {
		ps := w.all(p.ShowIf)
		for _, q := range p.Questions {
			switch {
			case !w.question(q, ps) || q.Type == TypeInfo:
			case q.Type == TypeGroup:
				rows = append(rows, groupRows(pi, q, a, lang, w)...)
			default:
				rows = append(rows, row(pi, q, q.ID, a, lang))
			}
		}
	}
	return rows
}

// groupRows returns the rows of the instances of group q.
func groupRows(page int, q Question, a Answers, lang string, w *walker) []Row {
	n, ok := groupCount(trimmedGet(a, q.ID))
	if !ok {
		return nil
	}
	var rows []Row
	for i := range min(n, maxRepeat(q)) {
		for _, c := range q.Questions {
			if c.Type == TypeInfo || c.Type == TypeGroup || !w.inner[c.ID] {
				continue
			}
			r := row(page, c, InstanceField(q.ID, i, c.ID), a, lang)
			r.Instance, r.Group = i+1, q.Label
			rows = append(rows, r)
		}
	}
	return rows
}

// row returns the row of question q under field name field.
func row(page int, q Question, field string, a Answers, lang string) Row {
	r := Row{Page: page, Field: field, Label: q.Label}
	v := a.Get(field)
	switch q.Type {
	case TypeAddress:
		s, p, c := AddressFields(field)
		r.Field, r.Value = s, formatAddress(a.Get(s), a.Get(p), a.Get(c))
	case TypeMulti:
		for _, v := range a[field] {
			r.Values = append(r.Values, optionLabel(q, v, lang))
		}
		r.Value = strings.Join(r.Values, ", ")
	case TypeChoice:
		r.Value = optionLabel(q, v, lang)
	case TypeYesNo:
		r.Value = yesNoLabel(v, lang)
	case TypeNumber:
		r.Value = v
		if lang != "en" {
			r.Value = strings.ReplaceAll(v, ".", ",")
		}
	case TypePersonnummer:
		r.Value = v
		if len(v) == 12 {
			r.Value = v[:8] + "-" + v[8:]
		}
	case TypeFile:
		r.Value = v
		r.FileID, _ = strconv.ParseInt(v, 10, 64)
	default:
		r.Value = v
	}
	return r
}

// optionLabel returns the label of q's option v in lang, or v itself when q
// has no such option.
func optionLabel(q Question, v, lang string) string {
	for _, o := range q.Options {
		if o.Value == v {
			return o.Label.In(lang)
		}
	}
	return v
}

// yesNoLabel returns "Ja"/"Nej" ("Yes"/"No" in English) for "yes"/"no".
func yesNoLabel(v, lang string) string {
	labels := map[string][2]string{"yes": {"Ja", "Yes"}, "no": {"Nej", "No"}}
	l, ok := labels[v]
	switch {
	case !ok:
		return v
	case lang == "en":
		return l[1]
	default:
		return l[0]
	}
}

// formatAddress writes an address on one line, the postcode as "NNN NN".
func formatAddress(street, postcode, city string) string {
	if len(postcode) == 5 {
		postcode = postcode[:3] + " " + postcode[3:]
	}
	var parts []string
	if street != "" {
		parts = append(parts, street)
	}
	if place := strings.TrimSpace(postcode + " " + city); place != "" {
		parts = append(parts, place)
	}
	return strings.Join(parts, ", ")
}
