package eservice_test

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"sprang/internal/eservice"
)

// now is the time every test reads answers at.
var now = time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)

// felanmalanPath is the full, realistic spec several tests share.
const felanmalanPath = "testdata/felanmalan.json"

// felanmalan returns a fresh copy of the shared spec.
func felanmalan(t testing.TB) eservice.Spec {
	t.Helper()
	b, err := os.ReadFile(felanmalanPath)
	if err != nil {
		t.Fatal(err)
	}
	s, err := eservice.Import(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("import %s: %v", felanmalanPath, err)
	}
	return s
}

func ptr(f float64) *float64 { return &f }

func sv(s string) eservice.Text { return eservice.Text{SV: s} }

// oneQuestion returns a form of one page with question q.
func oneQuestion(q eservice.Question) eservice.Form {
	return eservice.Form{Pages: []eservice.Page{{ID: "sida", Title: sv("Sida"), Questions: []eservice.Question{q}}}}
}

// kitchenSink is a form with every question type on one page, plus a
// second page with conditions, for the fuzz test.
func kitchenSink() eservice.Form {
	yes := []eservice.Condition{{Question: "ja_nej", Values: []string{"yes"}}}
	opts := []eservice.Option{{Value: "a", Label: sv("A")}, {Value: "b", Label: sv("B")}, {Value: "c", Label: sv("C")}}
	return eservice.Form{Pages: []eservice.Page{
		{ID: "alla", Title: sv("Alla typer"), Questions: []eservice.Question{
			{ID: "text", Type: eservice.TypeText, Label: sv("Text"), MinLength: 2, MaxLength: 20},
			{ID: "monster", Type: eservice.TypeText, Label: sv("Mönster"), Pattern: "[A-Z]{3}[0-9]{3}", PatternMessage: sv("Skriv ett registreringsnummer.")},
			{ID: "lang", Type: eservice.TypeLongText, Label: sv("Lång text"), Required: true},
			{ID: "tal", Type: eservice.TypeNumber, Label: sv("Tal"), Min: ptr(-10), Max: ptr(1e6)},
			{ID: "datum", Type: eservice.TypeDate, Label: sv("Datum")},
			{ID: "epost", Type: eservice.TypeEmail, Label: sv("E-post")},
			{ID: "telefon", Type: eservice.TypePhone, Label: sv("Telefon")},
			{ID: "pnr", Type: eservice.TypePersonnummer, Label: sv("Personnummer"), Required: true},
			{ID: "orgnr", Type: eservice.TypeOrgNumber, Label: sv("Organisationsnummer")},
			{ID: "postadress", Type: eservice.TypeAddress, Label: sv("Postadress")},
			{ID: "val", Type: eservice.TypeChoice, Label: sv("Val"), Options: opts},
			{ID: "flerval", Type: eservice.TypeMulti, Label: sv("Flerval"), Options: opts, Min: ptr(1), Max: ptr(2)},
			{ID: "ja_nej", Type: eservice.TypeYesNo, Label: sv("Ja eller nej")},
			{ID: "fil", Type: eservice.TypeFile, Label: sv("Fil"), File: &eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 1000}},
			{ID: "info", Type: eservice.TypeInfo, Label: sv("Information")},
			{ID: "om_ja", Type: eservice.TypeText, Label: sv("Om ja"), Required: true, ShowIf: yes},
			{ID: "grupp", Type: eservice.TypeGroup, Label: sv("Grupp"), MaxRepeat: 3, Questions: []eservice.Question{
				{ID: "g_namn", Type: eservice.TypeText, Label: sv("Namn"), Required: true},
				{ID: "g_postadress", Type: eservice.TypeAddress, Label: sv("Postadress"), Required: true},
				{ID: "g_om_ja", Type: eservice.TypeYesNo, Label: sv("Om ja"), ShowIf: yes},
			}},
		}},
		{ID: "villkor", Title: sv("Villkor"), ShowIf: []eservice.Condition{{Question: "val", Values: []string{"a", "b"}}}, Questions: []eservice.Question{
			{ID: "om_a", Type: eservice.TypeText, Label: sv("Om a"), ShowIf: []eservice.Condition{{Question: "val", Values: []string{"a"}}}},
			{ID: "inte_c", Type: eservice.TypeYesNo, Label: sv("Inte c"), ShowIf: []eservice.Condition{{Question: "flerval", Values: []string{"c"}, Not: true}}},
			{ID: "kedja", Type: eservice.TypeText, Label: sv("Kedja"), ShowIf: []eservice.Condition{{Question: "inte_c", Values: []string{"yes"}}}},
		}},
	}}
}

// fieldNames returns the field names of page p, groups with up to n
// instances.
func fieldNames(p eservice.Page, n int) []string {
	var out []string
	var add func(q eservice.Question, field string)
	add = func(q eservice.Question, field string) {
		switch q.Type {
		case eservice.TypeInfo:
		case eservice.TypeAddress:
			s, pc, c := eservice.AddressFields(field)
			out = append(out, s, pc, c)
		case eservice.TypeGroup:
			out = append(out, field)
			for i := range n {
				for _, c := range q.Questions {
					add(c, eservice.InstanceField(q.ID, i, c.ID))
				}
			}
		default:
			out = append(out, field)
		}
	}
	for _, q := range p.Questions {
		add(q, q.ID)
	}
	return out
}

// keysOf returns the field → message key of errs, checking that every key
// has a text.
func keysOf(t testing.TB, errs []eservice.FieldError) map[string]string {
	t.Helper()
	msgs := eservice.Messages()
	out := map[string]string{}
	for _, e := range errs {
		if _, ok := msgs[e.Key]; !ok {
			t.Errorf("field %s: key %q has no text", e.Field, e.Key)
		}
		if _, dup := out[e.Field]; dup {
			t.Errorf("field %s has two problems", e.Field)
		}
		out[e.Field] = e.Key
	}
	return out
}

// luhnPnr completes the first 11 digits of a 12-digit personnummer with its
// check digit.
func luhnPnr(first11 string) string {
	d := first11[2:]
	sum := 0
	for i := range len(d) {
		n := int(d[i] - '0')
		if i%2 == 0 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return first11 + strconv.Itoa((10-sum%10)%10)
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
