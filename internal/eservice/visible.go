package eservice

import (
	"slices"
	"strconv"
)

// walker decides, in form order, which questions are shown for a set of
// answers. A condition looks at the answer of a question only when that
// question has been passed and is shown, so a hidden question counts as
// unanswered (conditions chain), and a condition on a later or unknown
// question (which Validate forbids) never sees an answer.
type walker struct {
	a     Answers
	shown map[string]bool // top-level question id → shown, for questions passed
	inner map[string]bool // group child id → shown (the group shown and its conditions hold)
}

func newWalker(a Answers) *walker {
	return &walker{a: a, shown: map[string]bool{}, inner: map[string]bool{}}
}

// holds reports whether condition c holds now.
func (w *walker) holds(c Condition) bool {
	var vals []string
	if w.shown[c.Question] {
		vals = w.a[c.Question]
	}
	match := false
	for _, v := range vals {
		if slices.Contains(c.Values, v) {
			match = true
			break
		}
	}
	return match != c.Not
}

// all reports whether every condition of cs holds now.
func (w *walker) all(cs []Condition) bool {
	for _, c := range cs {
		if !w.holds(c) {
			return false
		}
	}
	return true
}

// question records whether q (a top-level question) is shown on a page
// that is shown or not, and returns it.
func (w *walker) question(q Question, pageShown bool) bool {
	shown := pageShown && w.all(q.ShowIf)
	w.shown[q.ID] = shown
	if q.Type == TypeGroup {
		for _, c := range q.Questions {
			w.inner[c.ID] = shown && w.all(c.ShowIf)
		}
	}
	return shown
}

// page passes page p and reports whether it is shown: its conditions hold
// and at least one of its questions is shown.
func (w *walker) page(p Page) bool {
	ps := w.all(p.ShowIf)
	some := false
	for _, q := range p.Questions {
		if w.question(q, ps) {
			some = true
		}
	}
	return some
}

// walk passes every page of f for answers a and returns the walker and
// which pages are shown.
func (f Form) walk(a Answers) (*walker, []bool) {
	w := newWalker(a)
	shown := make([]bool, len(f.Pages))
	for i, p := range f.Pages {
		shown[i] = w.page(p)
	}
	return w, shown
}

// VisiblePages returns the indexes of the pages shown for answers a, in
// order: the pages whose conditions hold and that show at least one
// question (a page whose every question is hidden is skipped).
func (f Form) VisiblePages(a Answers) []int {
	_, shown := f.walk(a)
	var out []int
	for i, s := range shown {
		if s {
			out = append(out, i)
		}
	}
	return out
}

// QuestionVisible reports whether question q (found by its ID, inside
// groups too) is shown for answers a: its page is shown, its group (if
// any) is shown and every condition holds. It is false for a question the
// form does not have.
func (f Form) QuestionVisible(q Question, a Answers) bool {
	w, _ := f.walk(a)
	if s, ok := w.shown[q.ID]; ok {
		return s
	}
	return w.inner[q.ID]
}

// Question returns the question with id (inside groups too), and false when
// there is none.
func (f Form) Question(id string) (Question, bool) {
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			if q.ID == id {
				return q, true
			}
			for _, c := range q.Questions {
				if c.ID == id {
					return c, true
				}
			}
		}
	}
	return Question{}, false
}

// The field name suffixes of an address question's three inputs.
const (
	StreetSuffix   = ".street"
	PostcodeSuffix = ".postcode"
	CitySuffix     = ".city"
)

// AddressFields returns the three field names of the address question whose
// field name is field: street, postcode and city.
func AddressFields(field string) (street, postcode, city string) {
	return field + StreetSuffix, field + PostcodeSuffix, field + CitySuffix
}

// InstanceField returns the field name of question id in instance i (from
// 0) of group: "<group>.<i>.<id>".
func InstanceField(group string, i int, id string) string {
	return group + "." + strconv.Itoa(i) + "." + id
}

// DefaultMaxRepeat is the number of instances of a group without MaxRepeat.
const DefaultMaxRepeat = 10

// maxRepeat returns the most instances group q allows.
func maxRepeat(q Question) int {
	if q.MaxRepeat > 0 {
		return q.MaxRepeat
	}
	return DefaultMaxRepeat
}

// groupCount reads the number of instances of group q from the value raw
// (a's "<group>" field): "" means 1, the one instance a group starts with.
// It returns false when raw is not a decimal number.
func groupCount(raw string) (int, bool) {
	if raw == "" {
		return 1, true
	}
	if len(raw) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			return 0, false
		}
		n = n*10 + int(raw[i]-'0')
	}
	return n, true
}
