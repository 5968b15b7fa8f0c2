package eservice_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang/internal/eservice"
)

// complete returns a full, valid set of answers to the felanmalan spec for
// a broken street light.
func complete() eservice.Answers {
	return eservice.Answers{
		"typ": {"belysning"}, "fara": {"no"},
		"antal_lampor": {"3"}, "stolpnummer": {"10234"},
		"adress.street": {"Storgatan 1"}, "adress.postcode": {"89188"}, "adress.city": {"Örnsköldsvik"},
		"plats_beskrivning": {"Gångvägen bakom skolan"}, "upptackt": {"2026-03-01"}, "bild": {"17"},
		"fler_platser": {"1"}, "fler_platser.0.fler_plats": {"Parkvägen"}, "fler_platser.0.fler_antal": {"2.5"},
		"vill_ha_svar": {"yes"}, "namn": {"Anna Svensson"}, "kontaktsatt": {"epost"}, "epost": {"anna@exempel.se"},
	}
}

func TestVisiblePages(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	tests := []struct {
		name string
		a    eservice.Answers
		want []int
	}{
		{"nothing answered", nil, []int{0, 3, 4}},
		{"street light", eservice.Answers{"typ": {"belysning"}}, []int{0, 1, 3, 4}},
		{"playground", eservice.Answers{"typ": {"lekplats"}}, []int{0, 2, 3, 4}},
		{"something else", eservice.Answers{"typ": {"annat"}}, []int{0, 3, 4}},
		{"not an option", eservice.Answers{"typ": {"belysning "}}, []int{0, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, form.VisiblePages(tt.a), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("VisiblePages (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPageWithoutShownQuestions checks that a page whose every question is
// hidden is skipped.
func TestPageWithoutShownQuestions(t *testing.T) {
	t.Parallel()
	cond := []eservice.Condition{{Question: "fraga", Values: []string{"yes"}}}
	form := eservice.Form{Pages: []eservice.Page{
		{ID: "a", Title: sv("A"), Questions: []eservice.Question{q("fraga", eservice.TypeYesNo)}},
		{ID: "b", Title: sv("B"), Questions: []eservice.Question{{ID: "x", Type: eservice.TypeText, Label: sv("X"), ShowIf: cond}}},
		{ID: "c", Title: sv("C"), Questions: []eservice.Question{q("y", eservice.TypeText)}},
	}}
	if got := form.VisiblePages(eservice.Answers{"fraga": {"no"}}); !cmp.Equal(got, []int{0, 2}) {
		t.Errorf("VisiblePages = %v, want [0 2]", got)
	}
	if got := form.VisiblePages(eservice.Answers{"fraga": {"yes"}}); !cmp.Equal(got, []int{0, 1, 2}) {
		t.Errorf("VisiblePages = %v, want [0 1 2]", got)
	}
}

func TestQuestionVisible(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	tests := []struct {
		name string
		id   string
		a    eservice.Answers
		want bool
	}{
		{"unconditional", "typ", nil, true},
		{"condition holds", "annat_beskrivning", eservice.Answers{"typ": {"annat"}}, true},
		{"condition fails", "annat_beskrivning", eservice.Answers{"typ": {"vag"}}, false},
		{"unanswered", "annat_beskrivning", nil, false},
		{"page shown and condition holds", "avstangt", eservice.Answers{"typ": {"lekplats"}, "fara": {"yes"}}, true},
		{"page hidden", "avstangt", eservice.Answers{"typ": {"vag"}, "fara": {"yes"}}, false},
		{"page shown, condition fails", "avstangt", eservice.Answers{"typ": {"lekplats"}, "fara": {"no"}}, false},
		{"on a hidden page", "antal_lampor", eservice.Answers{"typ": {"vag"}}, false},
		{"chain: first link", "kontaktsatt", eservice.Answers{"vill_ha_svar": {"yes"}}, true},
		{"chain: second link", "epost", eservice.Answers{"vill_ha_svar": {"yes"}, "kontaktsatt": {"epost"}}, true},
		{"chain: broken first link hides the second", "epost", eservice.Answers{"vill_ha_svar": {"no"}, "kontaktsatt": {"epost"}}, false},
		{"not: other answer", "telefon", eservice.Answers{"vill_ha_svar": {"yes"}, "kontaktsatt": {"telefon"}}, true},
		{"not: the answer", "telefon", eservice.Answers{"vill_ha_svar": {"yes"}, "kontaktsatt": {"epost"}}, false},
		{"not: unanswered holds", "telefon", eservice.Answers{"vill_ha_svar": {"yes"}}, true},
		{"not: hidden counts as unanswered", "telefon", eservice.Answers{"vill_ha_svar": {"no"}, "kontaktsatt": {"epost"}}, false},
		{"group child", "fler_plats", nil, true},
		{"group child with condition", "fler_antal", eservice.Answers{"typ": {"belysning"}}, true},
		{"group child, condition fails", "fler_antal", eservice.Answers{"typ": {"vag"}}, false},
		{"unknown question", "finns_inte", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := form.QuestionVisible(eservice.Question{ID: tt.id}, tt.a); got != tt.want {
				t.Errorf("QuestionVisible(%s) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

// TestMultiChoiceCondition checks that a condition on a multichoice
// question holds when any chosen value is among its values.
func TestMultiChoiceCondition(t *testing.T) {
	t.Parallel()
	form := kitchenSink()
	for _, tt := range []struct {
		chosen []string
		want   bool
	}{{nil, true}, {[]string{"a"}, true}, {[]string{"a", "c"}, false}, {[]string{"c"}, false}} {
		a := eservice.Answers{"val": {"b"}, "flerval": tt.chosen}
		if got := form.QuestionVisible(eservice.Question{ID: "inte_c"}, a); got != tt.want {
			t.Errorf("chosen %v: inte_c visible = %v, want %v", tt.chosen, got, tt.want)
		}
		a["inte_c"] = []string{"yes"}
		if got := form.QuestionVisible(eservice.Question{ID: "kedja"}, a); got != tt.want {
			t.Errorf("chosen %v: kedja visible = %v, want %v", tt.chosen, got, tt.want)
		}
	}
}

func TestReadPageConditions(t *testing.T) {
	t.Parallel()
	form := felanmalan(t).Form
	tests := []struct {
		name          string
		page          int
		posted, sofar eservice.Answers
		want          eservice.Answers
		errs          map[string]string
	}{
		{name: "same page: shown by a cleaned answer", page: 0, posted: eservice.Answers{"typ": {" annat "}, "fara": {"no"}},
			want: eservice.Answers{"typ": {"annat"}, "fara": {"no"}}, errs: map[string]string{"annat_beskrivning": eservice.MsgRequired}},
		{name: "same page: hidden answer dropped", page: 0, posted: eservice.Answers{"typ": {"vag"}, "annat_beskrivning": {"x"}, "fara": {"no"}},
			want: eservice.Answers{"typ": {"vag"}, "fara": {"no"}}},
		{name: "same page: posted wins over sofar", page: 0, posted: eservice.Answers{"typ": {"vag"}, "fara": {"no"}}, sofar: eservice.Answers{"typ": {"annat"}},
			want: eservice.Answers{"typ": {"vag"}, "fara": {"no"}}},
		{name: "same page: an invalid answer counts as unanswered", page: 0, posted: eservice.Answers{"typ": {"Annat"}, "annat_beskrivning": {"x"}, "fara": {"no"}},
			want: eservice.Answers{"fara": {"no"}}, errs: map[string]string{"typ": eservice.MsgChoose}},
		{name: "other pages' fields are ignored", page: 0, posted: eservice.Answers{"typ": {"vag"}, "fara": {"no"}, "namn": {"Anna"}, "okand": {"x"}},
			want: eservice.Answers{"typ": {"vag"}, "fara": {"no"}}},
		{name: "hidden page", page: 1, posted: eservice.Answers{"antal_lampor": {"x"}}, sofar: eservice.Answers{"typ": {"vag"}}},
		{name: "shown page", page: 1, posted: eservice.Answers{"antal_lampor": {"0"}}, sofar: eservice.Answers{"typ": {"belysning"}},
			errs: map[string]string{"antal_lampor": eservice.MsgNumberBetween}},
		{name: "earlier page from sofar", page: 2, posted: eservice.Answers{"utrustning": {"gunga"}, "avstangt": {"ja"}}, sofar: eservice.Answers{"typ": {"lekplats"}, "fara": {"yes"}},
			want: eservice.Answers{"utrustning": {"gunga"}}, errs: map[string]string{"avstangt": eservice.MsgYesNo}},
		{name: "chain on one page", page: 4, posted: eservice.Answers{"vill_ha_svar": {"no"}, "kontaktsatt": {"epost"}, "epost": {"x"}},
			want: eservice.Answers{"vill_ha_svar": {"no"}}},
		{name: "page out of range", page: 5, posted: complete()},
		{name: "negative page", page: -1, posted: complete()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, errs := form.ReadPage(tt.page, tt.posted, tt.sofar, now)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("answers (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, keysOf(t, errs), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
