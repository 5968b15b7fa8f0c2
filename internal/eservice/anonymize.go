package eservice

import "slices"

// Prune returns a copy of a without unknown fields and answers to hidden
// questions or pages: what remains are the fields of shown questions (an
// address's three fields, a group's count and the fields of its instances
// below that count and its limit), values unchanged. A group whose count
// is not a number is dropped whole.
func (f Form) Prune(a Answers) Answers {
	w := newWalker(a)
	out := Answers{}
	for _, p := range f.Pages {
		ps := w.all(p.ShowIf)
		for _, q := range p.Questions {
			if w.question(q, ps) {
				copyFields(out, a, q, q.ID, func(c Question) bool { return w.inner[c.ID] })
			}
		}
	}
	return out
}

// Anonymize returns a copy of a with only the answers that cannot identify
// anyone: those to choice, multichoice, yes/no, number and date questions
// without Personal, and the counts of groups without Personal (with the
// same answers of their instances). Everything else — Personal answers,
// text and long text, personnummer, organisation numbers (a sole trader's
// is their personnummer), e-mail, phone, address, files and unknown fields
// — is removed. What remains is kept for statistics.
func (f Form) Anonymize(a Answers) Answers {
	out := Answers{}
	keep := func(q Question) bool {
		return !q.Personal && slices.Contains([]QuestionType{TypeChoice, TypeMulti, TypeYesNo, TypeNumber, TypeDate, TypeGroup}, q.Type)
	}
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			if keep(q) {
				copyFields(out, a, q, q.ID, keep)
			}
		}
	}
	return out
}

// copyFields copies the fields of question q, named field, from a to out;
// for a group, the count and the fields of the instances' questions that
// inner accepts.
func copyFields(out, a Answers, q Question, field string, inner func(Question) bool) {
	put := func(name string) {
		if v, ok := a[name]; ok {
			out[name] = slices.Clone(v)
		}
	}
	switch q.Type {
	case TypeInfo:
	case TypeAddress:
		s, p, c := AddressFields(field)
		put(s)
		put(p)
		put(c)
	case TypeGroup:
		n, ok := groupCount(trimmedGet(a, q.ID))
		if !ok {
			return
		}
		put(q.ID)
		for i := range min(n, maxRepeat(q)) {
			for _, c := range q.Questions {
				if c.Type != TypeGroup && inner(c) {
					copyFields(out, a, c, InstanceField(q.ID, i, c.ID), inner)
				}
			}
		}
	default:
		put(field)
	}
}

// trimmedGet returns the first value of field in a, trimmed.
func trimmedGet(a Answers, field string) string {
	v, _ := cleanInput(a.Get(field), false)
	return v
}
