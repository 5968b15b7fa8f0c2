package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"sprang/internal/eservice"
)

// FuzzParseOptionLines checks the option-lines parser: whatever the text,
// it does not panic, every option it returns has a valid, unique value
// and a Swedish label, problems name lines of the text, and the options
// written back as lines parse to the same options.
func FuzzParseOptionLines(f *testing.F) {
	for _, s := range []string{"", "Ja\nNej", "hal|Hål i vägen|Pothole\nBelysning", "a|b|c|d", "|x", "X|Y", "\r\n\r\n", "a|\n|", "Å\rÄ|Ö",
		"val\nval\nval_2|x", strings.Repeat("x\n", 300), "ab|  \t|en"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		opts, probs := parseOptionLines(text)
		lines := len(strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), "\n"))
		seen := map[string]bool{}
		for _, o := range opts {
			if !builderValuePattern.MatchString(o.Value) || seen[o.Value] || strings.TrimSpace(o.Label.SV) == "" {
				t.Fatalf("parseOptionLines(%q) gave option %+v", text, o)
			}
			if strings.ContainsAny(o.Label.SV+o.Label.EN, "|\n\r") {
				t.Fatalf("parseOptionLines(%q) gave label %+v with a separator", text, o.Label)
			}
			seen[o.Value] = true
		}
		if len(opts) > builderMaxOptions {
			t.Fatalf("%d options", len(opts))
		}
		for _, p := range probs {
			if p.Line < 1 || p.Line > lines || !strings.HasPrefix(p.Key, "builder.options.") {
				t.Fatalf("parseOptionLines(%q) gave problem %+v", text, p)
			}
		}
		again, probs2 := parseOptionLines(formatOptionLines(opts))
		if len(probs2) > 0 || !slices.Equal(again, opts) {
			t.Fatalf("round trip of %q: %+v (%v), want %+v", text, again, probs2, opts)
		}
	})
}

// builderFuzzSources are the questions the condition fuzz test may refer
// to.
var builderFuzzSources = []builderCondSource{
	{ID: "typ", Options: []eservice.Option{{Value: "hal"}, {Value: "lampa"}}},
	{ID: "bil", Options: builderYesNo()},
}

// FuzzConditionForm checks the condition form: whatever is posted, it
// does not panic, every condition refers to a question it may refer to,
// with values of that question, each once, and problems are on condition
// fields.
func FuzzConditionForm(f *testing.F) {
	f.Add("typ", "hal", "lampa", "1", "bil", "yes", true)
	f.Add("", "", "", "", "finns_inte", "x", false)
	f.Add("typ", "hal", "hal", "", "bil", "", true)
	f.Fuzz(func(t *testing.T, q0, v0, v1, not, q1, v2 string, strict bool) {
		form := url.Values{"cond_0_question": {q0}, "cond_0_values": {v0, v1}, "cond_0_not": {not},
			"cond_3_question": {q1}, "cond_3_values": {v2}, "cond_12_question": {q0}}
		conds, errs := parseConditionRows(form, builderFuzzSources, strict)
		for _, c := range conds {
			src, ok := builderFindSource(builderFuzzSources, c.Question)
			if !ok {
				t.Fatalf("condition on %q", c.Question)
			}
			seen := map[string]bool{}
			for _, v := range c.Values {
				if seen[v] || !slices.ContainsFunc(src.Options, func(o eservice.Option) bool { return o.Value == v }) {
					t.Fatalf("condition %+v has value %q", c, v)
				}
				seen[v] = true
			}
			if strict && len(c.Values) == 0 && errs["cond_0_values"] == "" && errs["cond_3_values"] == "" {
				t.Fatalf("condition %+v without values and without a problem", c)
			}
		}
		for k := range errs {
			if !strings.HasPrefix(k, "cond_") {
				t.Fatalf("problem on %q", k)
			}
		}
		// The rows written back read to the same conditions.
		vals := url.Values{}
		conditionRowValues(vals, conds)
		again, _ := parseConditionRows(vals, builderFuzzSources, false)
		if len(again) != len(conds) {
			t.Fatalf("round trip: %+v, want %+v", again, conds)
		}
	})
}

// FuzzQuestionForm checks the question editor's parser: whatever is
// posted, it does not panic, the type is one of the offered ones (never a
// group inside a group), and no setting of another type survives.
func FuzzQuestionForm(f *testing.F) {
	f.Add("choice", "Ja\nNej", "1", "2", "5", "application/pdf", "ny_id", true)
	f.Add("group", "", "x", "-1", "1e9", "", "", false)
	f.Add("file", "", "", "", "0,5", "image/png", "1abc", true)
	f.Add("", "a|b|c|d", "NaN", "Inf", "abc", "", "", false)
	f.Fuzz(func(t *testing.T, typ, options, lo, hi, mb, ft, id string, inGroup bool) {
		base := eservice.Question{ID: "fraga", Type: eservice.TypeText, Label: eservice.Text{SV: "Fråga"}}
		form := url.Values{"type": {typ}, "options": {options}, "min": {lo}, "max": {hi}, "min_length": {lo}, "max_length": {hi},
			"file_max_mb": {mb}, "file_types": {ft}, "id": {id}, "max_repeat": {hi}, "label_sv": {"Fråga"}, "cond_0_question": {"typ"}, "cond_0_values": {"hal"}}
		q, errs, _ := builderQuestionFromForm(builderQuestionInput{Base: base, Sources: builderFuzzSources, InGroup: inGroup, Strict: true}, form)
		if !slices.Contains(eservice.QuestionTypes(), q.Type) || (inGroup && q.Type == eservice.TypeGroup) {
			t.Fatalf("type %q from %q", q.Type, typ)
		}
		if errs["id"] == "" && !builderIDPattern.MatchString(q.ID) {
			t.Fatalf("id %q", q.ID)
		}
		switch {
		case q.Type != eservice.TypeFile && q.File != nil,
			q.Type != eservice.TypeChoice && q.Type != eservice.TypeMulti && len(q.Options) > 0,
			q.Type != eservice.TypeNumber && q.Type != eservice.TypeMulti && (q.Min != nil || q.Max != nil),
			q.Type != eservice.TypeGroup && (q.MaxRepeat != 0 || len(q.Questions) > 0),
			q.Type != eservice.TypeText && q.Type != eservice.TypeLongText && (q.MinLength != 0 || q.MaxLength != 0 || q.Pattern != ""):
			t.Fatalf("question of type %s keeps another type's setting: %+v", q.Type, q)
		}
		if q.File != nil {
			for _, t2 := range q.File.Types {
				if !slices.Contains(eservice.FileTypes(), t2) {
					t.Fatalf("file type %q", t2)
				}
			}
		}
	})
}

// FuzzProblemPlace checks that any path, as Spec.Validate or a broken
// import may give, is placed and described without panicking, on a spec
// that may not have what the path names.
func FuzzProblemPlace(f *testing.F) {
	for _, s := range []string{"title.sv", "form.pages.0.questions.2.questions.1.label.en", "statuses.3", "statuses", "form", "form.pages.x",
		"form.pages.0.show_if.12.values.3", "keywords.7", "", ".", "form.pages.-1.questions.0", "statuses.99999999999999999999.next"} {
		f.Add(s)
	}
	spec := eservice.Spec{Form: eservice.Form{Pages: []eservice.Page{{ID: "p", Questions: []eservice.Question{{ID: "g", Type: eservice.TypeGroup,
		Questions: []eservice.Question{{ID: "i"}}}}}}}, Statuses: eservice.DefaultStatuses()}
	f.Fuzz(func(t *testing.T, path string) {
		pl := builderPlaceOf(path)
		u := builderPlaceURL(1, spec, pl)
		if !strings.HasPrefix(u, "/personal/e-tjanster/1") {
			t.Fatalf("url %q for %q", u, path)
		}
		_ = builderComparePaths(path, "form.pages.0")
		_, _ = builderQuestionAt(spec, pl)
	})
}
