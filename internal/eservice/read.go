package eservice

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// PageError is a FieldError with the index of the page it is on.
type PageError struct {
	Page int
	FieldError
}

// ReadPage validates and normalizes the posted values of page i (only that
// page's fields; other fields of posted are ignored) against the answers
// given so far, and returns the page's cleaned answers (e.g. a personnummer
// in its canonical 12-digit form, "12,5" as "12.5") and every problem
// found, in page order. File fields are not read from posted: pass their
// stored ids in posted like any other value. Hidden questions are dropped,
// and so is every answer with a problem. A question's conditions see the
// cleaned answers of the questions before it on the page and sofar's
// answers to earlier pages. A page that is hidden, or an index out of
// range, gives empty answers and no problems.
//
// Every value is trimmed; invalid UTF-8 and control characters (other than
// line breaks and tabs in long text) are refused with MsgInvalidChars.
// An empty optional answer is left out of the result. A group's instance
// count (field "<group>") is always kept, "0" included; when it is not
// posted the group has one instance.
func (f Form) ReadPage(i int, posted, sofar Answers, now time.Time) (Answers, []FieldError) {
	out := Answers{}
	if i < 0 || i >= len(f.Pages) {
		return out, nil
	}
	cur := make(Answers, len(sofar))
	for k, v := range sofar {
		cur[k] = v
	}
	w := newWalker(cur)
	for p := range i {
		w.page(f.Pages[p])
	}
	page := f.Pages[i]
	pageShown := w.all(page.ShowIf)
	r := &reader{posted: posted, out: out, now: now}
	for _, q := range page.Questions {
		if w.question(q, pageShown) {
			r.read(q, q.ID, w)
		}
		if v, ok := out[q.ID]; ok {
			cur[q.ID] = v
		} else {
			delete(cur, q.ID)
		}
	}
	return out, r.errs
}

// Check validates every visible page of a complete set of answers before
// submission, returning every problem with the page it is on, in form
// order; none means a may be submitted (after Prune).
func (f Form) Check(a Answers, now time.Time) []PageError {
	cleaned := Answers{}
	var out []PageError
	for i := range f.Pages {
		got, errs := f.ReadPage(i, a, cleaned, now)
		for k, v := range got {
			cleaned[k] = v
		}
		for _, e := range errs {
			out = append(out, PageError{Page: i, FieldError: e})
		}
	}
	return out
}

// reader collects the cleaned answers and the problems of one page.
type reader struct {
	posted Answers
	out    Answers
	errs   []FieldError
	now    time.Time
}

func (r *reader) fail(field string, p problem) {
	r.errs = append(r.errs, FieldError{Field: field, Key: p.key, Args: p.args, Custom: p.custom})
}

// read reads the answer to q, a shown question, under field name field.
func (r *reader) read(q Question, field string, w *walker) {
	switch q.Type {
	case TypeInfo:
	case TypeGroup:
		r.group(q, w)
	case TypeAddress:
		r.address(q, field)
	case TypeMulti:
		r.multi(q, field)
	default:
		r.single(q, field)
	}
}

// single reads a question with one value.
func (r *reader) single(q Question, field string) {
	v, ok := cleanInput(r.posted.Get(field), q.Type == TypeLongText)
	if !ok {
		r.fail(field, problem{key: MsgInvalidChars})
		return
	}
	if v == "" {
		if q.Required {
			r.fail(field, problem{key: requiredKey(q.Type)})
		}
		return
	}
	v, p := cleanValue(q, v, r.now)
	if p != nil {
		r.fail(field, *p)
		return
	}
	r.out[field] = []string{v}
}

// The longest street and town names accepted, in characters.
const (
	maxStreet = 100
	maxCity   = 60
)

// address reads the three fields of an address question. An optional
// address may be left empty; once any part is given, all three are needed.
func (r *reader) address(q Question, field string) {
	names := [3]string{}
	names[0], names[1], names[2] = AddressFields(field)
	vals := [3]string{}
	bad := false
	for i, n := range names {
		v, ok := cleanInput(r.posted.Get(n), false)
		if !ok {
			r.fail(n, problem{key: MsgInvalidChars})
			bad = true
		}
		vals[i] = v
	}
	if bad || (!q.Required && vals == [3]string{}) {
		return
	}
	checks := [3]func(string) (string, *problem){
		lineOf(maxStreet, MsgStreetRequired), cleanPostcode, lineOf(maxCity, MsgCityRequired),
	}
	for i, check := range checks {
		if v, p := check(vals[i]); p != nil {
			r.fail(names[i], *p)
		} else {
			r.out[names[i]] = []string{v}
		}
	}
}

// lineOf returns a check of a required line of at most limit characters.
func lineOf(limit int, required string) func(string) (string, *problem) {
	return func(v string) (string, *problem) {
		if v == "" {
			return "", &problem{key: required}
		}
		if utf8.RuneCountInString(v) > limit {
			return "", &problem{key: MsgTooLong, args: []any{limit}}
		}
		return v, nil
	}
}

// multi reads a multichoice question: every posted value must be an
// option; they are kept once each, in the order of the options.
func (r *reader) multi(q Question, field string) {
	chosen := map[string]bool{}
	for _, v := range r.posted[field] {
		v, ok := cleanInput(v, false)
		if v == "" && ok {
			continue
		}
		if !ok || !hasOption(q, v) {
			r.fail(field, problem{key: MsgChoose})
			return
		}
		chosen[v] = true
	}
	var vals []string
	for _, o := range q.Options {
		if chosen[o.Value] {
			vals = append(vals, o.Value)
			delete(chosen, o.Value) // an option listed twice counts once
		}
	}
	n := len(vals)
	switch {
	case n == 0 && q.Required:
		r.fail(field, problem{key: MsgChooseSome})
		return
	case n == 0:
		return
	case q.Min != nil && float64(n) < *q.Min:
		r.fail(field, problem{key: MsgChooseMin, args: []any{int(*q.Min)}})
		return
	case q.Max != nil && float64(n) > *q.Max:
		r.fail(field, problem{key: MsgChooseMax, args: []any{int(*q.Max)}})
		return
	}
	r.out[field] = vals
}

// group reads a group's instance count and then each instance's shown
// questions. A group in a group (which Validate forbids) is skipped.
func (r *reader) group(q Question, w *walker) {
	raw, ok := cleanInput(r.posted.Get(q.ID), false)
	n, okCount := groupCount(raw)
	switch limit := maxRepeat(q); {
	case !ok || !okCount:
		r.fail(q.ID, problem{key: MsgGroupCount})
		return
	case n > limit:
		r.fail(q.ID, problem{key: MsgGroupMax, args: []any{limit}})
		return
	case n == 0 && q.Required:
		r.fail(q.ID, problem{key: MsgGroupRequired})
		return
	}
	r.out[q.ID] = []string{strconv.Itoa(n)}
	for i := range n {
		for _, c := range q.Questions {
			if c.Type != TypeGroup && w.inner[c.ID] {
				r.read(c, InstanceField(q.ID, i, c.ID), w)
			}
		}
	}
}

// hasOption reports whether v is the value of one of q's options.
func hasOption(q Question, v string) bool {
	for _, o := range q.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// requiredKey returns the message key for a missing answer of type t.
func requiredKey(t QuestionType) string {
	switch t {
	case TypeNumber:
		return MsgNumberRequired
	case TypeDate:
		return MsgDateRequired
	case TypeEmail:
		return MsgEmailRequired
	case TypePhone:
		return MsgPhoneRequired
	case TypePersonnummer:
		return MsgPnrRequired
	case TypeOrgNumber:
		return MsgOrgRequired
	case TypeChoice:
		return MsgChoose
	case TypeYesNo:
		return MsgYesNo
	case TypeFile:
		return MsgFileRequired
	default:
		return MsgRequired
	}
}
