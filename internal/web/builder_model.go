package web

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"sprang/internal/eservice"
)

// This file holds the e-service builder's pure helpers: ids made from
// labels, the option-lines format, the condition form, and finding and
// changing questions inside a spec. None of them does I/O.

// builderIDPattern is the form of page, question and status ids.
var builderIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// builderValuePattern is the form of an option's value.
var builderValuePattern = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)

// builderSlugPattern is the form of a service's URL name.
var builderSlugPattern = regexp.MustCompile(`^[a-z0-9-]{2,60}$`)

// builderFold returns s in lower case with the Swedish and common accented
// letters written as plain a–z (å, ä → a; ö → o; é → e; ü → u), every other
// run of characters but a–z and 0–9 as one sep, and no sep at either end.
func builderFold(s string, sep rune) string {
	var b strings.Builder
	pending := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä', 'á', 'à', 'â':
			r = 'a'
		case 'ö', 'ó', 'ò', 'ô', 'ø':
			r = 'o'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'ü', 'ú', 'ù':
			r = 'u'
		case 'í', 'ì', 'ï':
			r = 'i'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if pending && b.Len() > 0 {
				b.WriteRune(sep)
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r > unicode.MaxASCII {
			pending = true
		}
	}
	return b.String()
}

// builderID returns an id for a page, question or status made from label:
// folded to [a-z][a-z0-9_]{0,39}, prefix used when the label gives nothing
// usable or starts with a digit, and made unique against taken with a
// suffix _2, _3 ….
func builderID(label, prefix string, taken func(string) bool) string {
	base := builderFold(label, '_')
	if base == "" {
		base = prefix
	} else if base[0] < 'a' || base[0] > 'z' {
		base = prefix + "_" + base
	}
	return builderUnique(builderTruncate(base, 40), 40, taken)
}

// builderSlug returns a service slug made from title: [a-z0-9-]{2,60}, or
// "" when the title gives fewer than two usable characters.
func builderSlug(title string) string {
	s := builderTruncate(builderFold(title, '-'), 60)
	if len(s) < 2 {
		return ""
	}
	return s
}

// builderOptionValue returns an option value made from label, unique against
// taken.
func builderOptionValue(label string, taken func(string) bool) string {
	base := builderTruncate(builderFold(label, '_'), 40)
	if base == "" {
		base = "val"
	}
	return builderUnique(base, 40, taken)
}

// builderTruncate cuts id to at most n bytes without leaving a separator at
// its end. id holds ASCII only.
func builderTruncate(id string, n int) string {
	if len(id) > n {
		id = id[:n]
	}
	return strings.TrimRight(id, "_-")
}

// builderUnique returns base, or base with the first free suffix _2, _3 … (cut
// so the whole stays within n bytes), when taken reports base in use.
func builderUnique(base string, n int, taken func(string) bool) string {
	if taken == nil || !taken(base) {
		return base
	}
	for i := 2; ; i++ {
		suffix := "_" + strconv.Itoa(i)
		id := builderTruncate(base, n-len(suffix)) + suffix
		if !taken(id) {
			return id
		}
	}
}

// builderOptionProblem is one problem of the option lines: the line it is on
// (from 1) and a message key, whose text takes the line number.
type builderOptionProblem struct {
	Line int
	Key  string
}

// builderMaxOptions is the most options one question may have.
const builderMaxOptions = 200

// parseOptionLines reads the option lines of a choice question: one option a
// line, as "Svensk etikett", "value|Svensk etikett" or "value|Svensk
// etikett|English label"; blank lines are skipped. A value left out is
// made from the Swedish label. It returns the options and every problem
// found, by line; it never panics, whatever text it is given.
func parseOptionLines(text string) ([]eservice.Option, []builderOptionProblem) {
	var opts []eservice.Option
	var probs []builderOptionProblem
	given := map[string]bool{}
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), "\n")
	// Explicit values are reserved first, so a value made from a label
	// never takes one that a later line gives.
	for _, line := range lines {
		if parts := strings.Split(line, "|"); len(parts) >= 2 {
			given[strings.TrimSpace(parts[0])] = true
		}
	}
	used := map[string]bool{}
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		o, key := builderOptionLine(line, func(v string) bool { return used[v] || given[v] })
		switch {
		case key != "":
			probs = append(probs, builderOptionProblem{Line: i + 1, Key: key})
			continue
		case used[o.Value]:
			probs = append(probs, builderOptionProblem{Line: i + 1, Key: "builder.options.duplicate"})
			continue
		case len(opts) == builderMaxOptions:
			probs = append(probs, builderOptionProblem{Line: i + 1, Key: "builder.options.too_many"})
			return opts, probs
		}
		used[o.Value] = true
		opts = append(opts, o)
	}
	return opts, probs
}

// builderOptionLine reads one non-blank option line; taken tells which
// values a made value must avoid. It returns a message key on a problem.
func builderOptionLine(line string, taken func(string) bool) (eservice.Option, string) {
	parts := strings.Split(line, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	var o eservice.Option
	switch len(parts) {
	case 1:
		o.Label.SV = parts[0]
		o.Value = builderOptionValue(o.Label.SV, taken)
		return o, ""
	case 2, 3:
		o.Value, o.Label.SV = parts[0], parts[1]
		if len(parts) == 3 {
			o.Label.EN = parts[2]
		}
	default:
		return o, "builder.options.too_many_parts"
	}
	switch {
	case o.Label.SV == "":
		return o, "builder.options.no_label"
	case !builderValuePattern.MatchString(o.Value):
		return o, "builder.options.bad_value"
	}
	return o, ""
}

// formatOptionLines writes options as option lines that parseOptionLines reads
// back to the same options.
func formatOptionLines(opts []eservice.Option) string {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(o.Value)
		b.WriteString("|")
		b.WriteString(builderOneLine(o.Label.SV))
		if o.Label.EN != "" {
			b.WriteString("|")
			b.WriteString(builderOneLine(o.Label.EN))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// builderOneLine returns s with line breaks and the "|" separator replaced by
// spaces and the ends trimmed, so it fits in one option line.
func builderOneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r", " ", "\n", " ", "|", " ").Replace(s))
}

// builderCondSource is a question a condition may refer to: an earlier choice,
// multichoice or yes/no question, with the values it can take.
type builderCondSource struct {
	ID      string
	Label   eservice.Text
	Options []eservice.Option
}

// builderMaxConditions is the most conditions ("Visa bara om") one page or
// question may have.
const builderMaxConditions = 10

// builderCondPrefix returns the form field name prefix of condition row i.
func builderCondPrefix(i int) string { return "cond_" + strconv.Itoa(i) + "_" }

// parseConditionRows reads the condition rows of a form (cond_<i>_question,
// cond_<i>_values, cond_<i>_not for i from 0) against the questions a
// condition may refer to. A row without a question is left out. With
// strict set, a row without values is an error; without (while a
// question is being chosen) it is kept, empty. It returns the conditions
// and the problems as field name → message key; it never panics.
func parseConditionRows(form url.Values, sources []builderCondSource, strict bool) ([]eservice.Condition, map[string]string) {
	var out []eservice.Condition
	errs := map[string]string{}
	for i := range builderMaxConditions {
		p := builderCondPrefix(i)
		q := strings.TrimSpace(form.Get(p + "question"))
		if q == "" {
			continue
		}
		src, ok := builderFindSource(sources, q)
		if !ok {
			errs[p+"question"] = "builder.cond.unknown"
			continue
		}
		c := eservice.Condition{Question: q, Not: form.Get(p+"not") != ""}
		for _, v := range form[p+"values"] {
			if slices.ContainsFunc(src.Options, func(o eservice.Option) bool { return o.Value == v }) && !slices.Contains(c.Values, v) {
				c.Values = append(c.Values, v)
			}
		}
		if len(c.Values) == 0 && strict {
			errs[p+"values"] = "builder.cond.no_values"
		}
		out = append(out, c)
	}
	return out, errs
}

// builderFindSource returns the source with id.
func builderFindSource(sources []builderCondSource, id string) (builderCondSource, bool) {
	for _, s := range sources {
		if s.ID == id {
			return s, true
		}
	}
	return builderCondSource{}, false
}

// conditionRowValues writes conditions as the condition rows' form values.
func conditionRowValues(vals url.Values, conds []eservice.Condition) {
	for i, c := range conds {
		if i >= builderMaxConditions {
			break
		}
		p := builderCondPrefix(i)
		vals.Set(p+"question", c.Question)
		vals[p+"values"] = append([]string(nil), c.Values...)
		if c.Not {
			vals.Set(p+"not", "1")
		}
	}
}

// builderYesNo are the values a yes/no answer takes, for conditions.
func builderYesNo() []eservice.Option {
	return []eservice.Option{{Value: "yes", Label: eservice.Text{SV: "Ja", EN: "Yes"}},
		{Value: "no", Label: eservice.Text{SV: "Nej", EN: "No"}}}
}

// builderAsSource returns q as a condition source, and false when conditions
// cannot refer to its type.
func builderAsSource(q eservice.Question) (builderCondSource, bool) {
	switch q.Type {
	case eservice.TypeChoice, eservice.TypeMulti:
		return builderCondSource{ID: q.ID, Label: q.Label, Options: q.Options}, true
	case eservice.TypeYesNo:
		return builderCondSource{ID: q.ID, Label: q.Label, Options: builderYesNo()}, true
	}
	return builderCondSource{}, false
}

// builderLoc locates a question in a spec's form: its page, its index on the
// page, and for a question inside a group its index in the group (Inner
// is -1 for a question directly on the page).
type builderLoc struct {
	Page, Q, Inner int
}

// builderSourcesBefore returns the questions a condition of the question
// at loc may refer to: those before it in form order, outside groups (for
// a question inside a group: before the group), as Spec.Validate wants.
func builderSourcesBefore(f eservice.Form, loc builderLoc) []eservice.Question {
	var out []eservice.Question
	for pi, p := range f.Pages {
		for qi, q := range p.Questions {
			if pi == loc.Page && qi == loc.Q {
				return out
			}
			out = append(out, q)
		}
	}
	return out
}

// builderSourcesBeforePage returns the questions a condition of page pi may refer
// to: those on earlier pages, outside groups.
func builderSourcesBeforePage(f eservice.Form, pi int) []eservice.Question {
	var out []eservice.Question
	for _, p := range f.Pages[:min(pi, len(f.Pages))] {
		out = append(out, p.Questions...)
	}
	return out
}

// builderCondSources filters qs to the questions a condition can refer to.
func builderCondSources(qs []eservice.Question) []builderCondSource {
	var out []builderCondSource
	for _, q := range qs {
		if s, ok := builderAsSource(q); ok {
			out = append(out, s)
		}
	}
	return out
}

// builderQuestionIDs returns a function that reports whether id names a question
// of f (inside groups too), ignoring except.
func builderQuestionIDs(f eservice.Form, except string) func(string) bool {
	ids := map[string]bool{}
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			ids[q.ID] = true
			for _, in := range q.Questions {
				ids[in.ID] = true
			}
		}
	}
	delete(ids, except)
	return func(id string) bool { return ids[id] }
}

// builderPageIDs returns a function that reports whether id names a page of f,
// ignoring except.
func builderPageIDs(f eservice.Form, except string) func(string) bool {
	return func(id string) bool {
		return id != except && slices.ContainsFunc(f.Pages, func(p eservice.Page) bool { return p.ID == id })
	}
}

// builderRenameRefs changes every condition of f that refers to question
// from so that it refers to to.
func builderRenameRefs(f *eservice.Form, from, to string) {
	builderEachCondition(f, func(c *eservice.Condition) {
		if c.Question == from {
			c.Question = to
		}
	})
}

// builderEachCondition calls fn with every condition of f: of pages, questions
// and questions in groups.
func builderEachCondition(f *eservice.Form, fn func(*eservice.Condition)) {
	for pi := range f.Pages {
		p := &f.Pages[pi]
		for ci := range p.ShowIf {
			fn(&p.ShowIf[ci])
		}
		for qi := range p.Questions {
			q := &p.Questions[qi]
			for ci := range q.ShowIf {
				fn(&q.ShowIf[ci])
			}
			for ii := range q.Questions {
				for ci := range q.Questions[ii].ShowIf {
					fn(&q.Questions[ii].ShowIf[ci])
				}
			}
		}
	}
}

// builderConditionUsers returns the labels of the pages and questions whose
// conditions refer to any of ids, in form order.
func builderConditionUsers(f eservice.Form, ids []string) []eservice.Text {
	refers := func(cs []eservice.Condition) bool {
		return slices.ContainsFunc(cs, func(c eservice.Condition) bool { return slices.Contains(ids, c.Question) })
	}
	var out []eservice.Text
	for _, p := range f.Pages {
		if refers(p.ShowIf) {
			out = append(out, p.Title)
		}
		for _, q := range p.Questions {
			if refers(q.ShowIf) {
				out = append(out, q.Label)
			}
			for _, in := range q.Questions {
				if refers(in.ShowIf) {
					out = append(out, in.Label)
				}
			}
		}
	}
	return out
}

// builderDropConditions removes from f every condition that refers to any of
// ids (a deleted question's), so no condition points at nothing.
func builderDropConditions(f *eservice.Form, ids []string) {
	keep := func(cs []eservice.Condition) []eservice.Condition {
		return slices.DeleteFunc(cs, func(c eservice.Condition) bool { return slices.Contains(ids, c.Question) })
	}
	for pi := range f.Pages {
		p := &f.Pages[pi]
		p.ShowIf = keep(p.ShowIf)
		for qi := range p.Questions {
			q := &p.Questions[qi]
			q.ShowIf = keep(q.ShowIf)
			for ii := range q.Questions {
				q.Questions[ii].ShowIf = keep(q.Questions[ii].ShowIf)
			}
		}
	}
}

// builderIDsIn returns the id of q and of the questions inside it.
func builderIDsIn(q eservice.Question) []string {
	ids := []string{q.ID}
	for _, in := range q.Questions {
		ids = append(ids, in.ID)
	}
	return ids
}

// builderMove returns s with the element at i moved one step up (delta -1) or
// down (delta 1); an impossible move leaves s as it is.
func builderMove[T any](s []T, i, delta int) []T {
	j := i + delta
	if i < 0 || i >= len(s) || j < 0 || j >= len(s) {
		return s
	}
	s[i], s[j] = s[j], s[i]
	return s
}

// builderDecimal reads a decimal number written with a point or a Swedish
// comma and spaces as thousands separators; "" gives nil.
func builderDecimal(s string) (*float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".", "\u2212", "-").Replace(strings.TrimSpace(s))
	if s == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f || f > 1e15 || f < -1e15 {
		return nil, false
	}
	return &f, true
}

// builderCount reads a whole number from 0 to limit; "" gives 0.
func builderCount(s string, limit int) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > limit {
		return 0, false
	}
	return n, true
}

// builderFormatDecimal writes a number for a form field: as few digits as
// needed, "" for nil.
func builderFormatDecimal(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// builderFormatCount writes a whole number for a form field, "" for 0.
func builderFormatCount(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// builderKeywords reads comma-separated search words: trimmed, without
// blanks and repeats.
func builderKeywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		k = strings.Join(strings.Fields(k), " ")
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
