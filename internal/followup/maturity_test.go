package followup_test

import (
	"errors"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/followup"
)

// fields returns the field errors of err, nil when err is nil.
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *sprang.Error
	if !errors.As(err, &e) || e.Kind != sprang.Invalid {
		t.Fatalf("error %v is not Invalid", err)
	}
	return e.Fields
}

func TestDefaultMaturityQuestionsAreValid(t *testing.T) {
	t.Parallel()
	qs := followup.DefaultMaturityQuestions()
	if err := followup.ValidateQuestions(qs); err != nil {
		t.Fatal(err)
	}
	per := map[followup.Dimension]int{}
	for _, q := range qs {
		per[q.Dimension]++
		if q.Text.EN == "" {
			t.Errorf("%s has no English text", q.Key)
		}
	}
	if len(qs) != 12 || per[followup.Capability] != 6 || per[followup.Heritage] != 6 {
		t.Errorf("default questions: %d, per dimension %v; want 6 + 6", len(qs), per)
	}
}

func TestValidateQuestions(t *testing.T) {
	t.Parallel()
	c := followup.MaturityQuestion{Key: "a", Dimension: followup.Capability, Text: followup.Text{SV: "Fråga"}}
	h := followup.MaturityQuestion{Key: "b", Dimension: followup.Heritage, Text: followup.Text{SV: "Fråga"}}
	with := func(q followup.MaturityQuestion, f func(*followup.MaturityQuestion)) followup.MaturityQuestion {
		f(&q)
		return q
	}
	many := []followup.MaturityQuestion{h}
	for i := range followup.MaxMaturityQuestions {
		many = append(many, with(c, func(q *followup.MaturityQuestion) { q.Key = "c" + string(rune('a'+i%26)) + string(rune('a'+i/26)) }))
	}
	for _, tc := range []struct {
		name  string
		qs    []followup.MaturityQuestion
		field string // "" when valid
		msg   string
	}{
		{"one of each", []followup.MaturityQuestion{c, h}, "", ""},
		{"none", nil, "questions", "followup.maturity.err.both_dimensions"},
		{"heritage missing", []followup.MaturityQuestion{c}, "questions", "followup.maturity.err.both_dimensions"},
		{"key taken", []followup.MaturityQuestion{c, with(h, func(q *followup.MaturityQuestion) { q.Key = "a" })}, "q1-key", "followup.maturity.err.key_taken"},
		{"bad key", []followup.MaturityQuestion{with(c, func(q *followup.MaturityQuestion) { q.Key = "Ä b" }), h}, "q0-key", "followup.maturity.err.key"},
		{"bad dimension", []followup.MaturityQuestion{c, h, with(c, func(q *followup.MaturityQuestion) { q.Key, q.Dimension = "x", "other" })}, "q2-dimension", "followup.maturity.err.dimension"},
		{"no text", []followup.MaturityQuestion{with(c, func(q *followup.MaturityQuestion) { q.Text.SV = "  " }), h}, "q0-sv", "followup.maturity.err.text_required"},
		{"long English", []followup.MaturityQuestion{c, with(h, func(q *followup.MaturityQuestion) { q.Text.EN = strings.Repeat("å", 301) })}, "q1-en", "followup.maturity.err.text_long"},
		{"control character", []followup.MaturityQuestion{with(c, func(q *followup.MaturityQuestion) { q.Text.SV = "a\x00b" }), h}, "q0-sv", "followup.maturity.err.text_invalid"},
		{"too many", many, "questions", "followup.maturity.err.too_many"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fields(t, followup.ValidateQuestions(tc.qs))
			if tc.field == "" {
				if f != nil {
					t.Fatalf("refused: %v", f)
				}
				return
			}
			if f[tc.field] != tc.msg {
				t.Errorf("fields %v; want %s: %s", f, tc.field, tc.msg)
			}
		})
	}
}

// twoByTwo is a small question set: two per dimension.
func twoByTwo() []followup.MaturityQuestion {
	return []followup.MaturityQuestion{
		{Key: "c1", Dimension: followup.Capability, Text: followup.Text{SV: "c1"}},
		{Key: "c2", Dimension: followup.Capability, Text: followup.Text{SV: "c2"}},
		{Key: "h1", Dimension: followup.Heritage, Text: followup.Text{SV: "h1"}},
		{Key: "h2", Dimension: followup.Heritage, Text: followup.Text{SV: "h2"}},
	}
}

func TestValidateAnswers(t *testing.T) {
	t.Parallel()
	dk := followup.DontKnow
	for _, tc := range []struct {
		name    string
		answers map[string]int
		field   string
		msg     string
	}{
		{"all answered", map[string]int{"c1": 0, "c2": 4, "h1": 2, "h2": dk}, "", ""},
		{"one missing", map[string]int{"c1": 0, "c2": 4, "h1": 2}, "h2", "followup.maturity.err.unanswered"},
		{"above the scale", map[string]int{"c1": 5, "c2": 4, "h1": 2, "h2": 1}, "c1", "followup.maturity.err.scale"},
		{"below the scale", map[string]int{"c1": -2, "c2": 4, "h1": 2, "h2": 1}, "c1", "followup.maturity.err.scale"},
		{"unknown question", map[string]int{"c1": 1, "c2": 4, "h1": 2, "h2": 1, "x": 1}, "answers", "followup.maturity.err.unknown_question"},
		{"capability all unknown", map[string]int{"c1": dk, "c2": dk, "h1": 2, "h2": 1}, "answers", "followup.maturity.err.all_unknown_capability"},
		{"heritage all unknown", map[string]int{"c1": 1, "c2": 1, "h1": dk, "h2": dk}, "answers", "followup.maturity.err.all_unknown_heritage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fields(t, followup.ValidateAnswers(twoByTwo(), tc.answers))
			if tc.field == "" {
				if f != nil {
					t.Fatalf("refused: %v", f)
				}
				return
			}
			if f[tc.field] != tc.msg {
				t.Errorf("fields %v; want %s: %s", f, tc.field, tc.msg)
			}
		})
	}
}

func TestScore(t *testing.T) {
	t.Parallel()
	dk := followup.DontKnow
	for _, tc := range []struct {
		name    string
		answers map[string]int
		want    followup.MaturityScore
	}{
		{"all top", map[string]int{"c1": 4, "c2": 4, "h1": 4, "h2": 4}, followup.MaturityScore{Capability: 100, Heritage: 100, Total: 100}},
		{"all zero", map[string]int{"c1": 0, "c2": 0, "h1": 0, "h2": 0}, followup.MaturityScore{}},
		{"mixed", map[string]int{"c1": 1, "c2": 2, "h1": 3, "h2": 4}, followup.MaturityScore{Capability: 37.5, Heritage: 87.5, Total: 62.5}},
		{"don't know left out", map[string]int{"c1": 3, "c2": dk, "h1": 1, "h2": 0}, followup.MaturityScore{Capability: 75, Heritage: 12.5, Total: 43.8}},
		{"out of scale ignored", map[string]int{"c1": 9, "c2": 2, "h1": 2, "h2": 2}, followup.MaturityScore{Capability: 50, Heritage: 50, Total: 50}},
		{"dimension without answers", map[string]int{"c1": dk, "c2": dk, "h1": 4, "h2": 4}, followup.MaturityScore{Capability: 0, Heritage: 100, Total: 50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := followup.Score(twoByTwo(), tc.answers); got != tc.want {
				t.Errorf("Score = %+v; want %+v", got, tc.want)
			}
		})
	}
}

func TestScoreThirds(t *testing.T) {
	t.Parallel()
	qs := append(twoByTwo(), followup.MaturityQuestion{Key: "c3", Dimension: followup.Capability, Text: followup.Text{SV: "c3"}})
	got := followup.Score(qs, map[string]int{"c1": 1, "c2": 1, "c3": 2, "h1": 2, "h2": 2})
	if got.Capability != 33.3 || got.Heritage != 50 || got.Total != 41.7 {
		t.Errorf("Score = %+v; want 33.3, 50, 41.7", got)
	}
}
