package eservice

import "slices"

// Clone returns a deep copy of s: changing the copy's pages, questions,
// options, conditions, statuses or keywords never changes s.
func (s Spec) Clone() Spec {
	c := s
	c.Keywords = slices.Clone(s.Keywords)
	c.Statuses = make([]Status, len(s.Statuses))
	for i, st := range s.Statuses {
		st.Next = slices.Clone(st.Next)
		c.Statuses[i] = st
	}
	if s.Statuses == nil {
		c.Statuses = nil
	}
	c.Form = s.Form.Clone()
	return c
}

// Clone returns a deep copy of f.
func (f Form) Clone() Form {
	if f.Pages == nil {
		return Form{}
	}
	pages := make([]Page, len(f.Pages))
	for i, p := range f.Pages {
		p.Questions = cloneQuestions(p.Questions)
		p.ShowIf = cloneConditions(p.ShowIf)
		pages[i] = p
	}
	return Form{Pages: pages}
}

// cloneQuestions deep-copies qs, groups' inner questions included.
func cloneQuestions(qs []Question) []Question {
	if qs == nil {
		return nil
	}
	out := make([]Question, len(qs))
	for i, q := range qs {
		q.Options = slices.Clone(q.Options)
		if q.Min != nil {
			v := *q.Min
			q.Min = &v
		}
		if q.Max != nil {
			v := *q.Max
			q.Max = &v
		}
		if q.File != nil {
			f := *q.File
			f.Types = slices.Clone(f.Types)
			q.File = &f
		}
		q.Questions = cloneQuestions(q.Questions)
		q.ShowIf = cloneConditions(q.ShowIf)
		out[i] = q
	}
	return out
}

// cloneConditions deep-copies cs.
func cloneConditions(cs []Condition) []Condition {
	if cs == nil {
		return nil
	}
	out := make([]Condition, len(cs))
	for i, c := range cs {
		c.Values = slices.Clone(c.Values)
		out[i] = c
	}
	return out
}
