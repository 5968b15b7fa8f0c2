package ckan

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseFQ(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		textOK   bool
		terms    []fqTerm
		text     string
		errKey   string
	}{
		{"empty", "", false, nil, "", ""},
		{"one", "tags:bad", false, []fqTerm{{"tags", "bad"}}, "", ""},
		{"plus and AND", `+organization:miljo AND res_format:CSV`, false,
			[]fqTerm{{"organization", "miljo"}, {"res_format", "CSV"}}, "", ""},
		{"quoted", `tags:"öppna data" theme:"http://x/a b"`, false,
			[]fqTerm{{"tags", "öppna data"}, {"theme", "http://x/a b"}}, "", ""},
		{"escaped quote", `tags:"a \"b\""`, false, []fqTerm{{"tags", `a "b"`}}, "", ""},
		{"iri unquoted", `theme:http://publications.europa.eu/resource/authority/data-theme/ENVI`, false,
			[]fqTerm{{"theme", "http://publications.europa.eu/resource/authority/data-theme/ENVI"}}, "", ""},
		{"text in q", `vatten tags:bad prover`, true, []fqTerm{{"tags", "bad"}}, "vatten prover", ""},
		{"word in fq", `vatten`, false, nil, "", "api.fq.no_field"},
		{"negation", `-tags:bad`, false, nil, "", "api.fq.syntax"},
		{"or", `tags:a OR tags:b`, false, nil, "", "api.fq.syntax"},
		{"group", `tags:(a b)`, false, nil, "", "api.fq.syntax"},
		{"wildcard", `tags:ba*`, false, nil, "", "api.fq.syntax"},
		{"open quote", `tags:"bad`, false, nil, "", "api.fq.quote"},
		{"no value", `tags: x`, false, nil, "", "api.fq.no_value"},
		{"trailing plus", `tags:a +`, false, []fqTerm{{"tags", "a"}}, "", ""},
		{"sql-ish", `tags:'; DROP TABLE datasets; --`, false, nil, "", "api.fq.no_field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			terms, text, err := parseFQ(tc.in, tc.textOK)
			if tc.errKey != "" {
				var fe *fqError
				if !errors.As(err, &fe) || fe.key != tc.errKey {
					t.Fatalf("parseFQ(%q) error = %v, want %s", tc.in, err, tc.errKey)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseFQ(%q): %v", tc.in, err)
			}
			if !reflect.DeepEqual(terms, tc.terms) || text != tc.text {
				t.Errorf("parseFQ(%q) = %v, %q; want %v, %q", tc.in, terms, text, tc.terms, tc.text)
			}
		})
	}
}

// FuzzParseFQ checks that no filter query makes the parser panic, and
// that every term it returns has a field of the allowed characters (the
// caller maps fields to known filters; nothing reaches SQL).
func FuzzParseFQ(f *testing.F) {
	for _, s := range []string{"tags:a", `+organization:"x y" AND res_format:CSV`, "a b c", `tags:"`, "+", "AND", ":::"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, textOK bool) {
		terms, _, err := parseFQ(s, textOK)
		if err != nil {
			return
		}
		if len(terms) > maxFQTerms {
			t.Fatalf("%d terms", len(terms))
		}
		for _, term := range terms {
			if term.field == "" {
				t.Fatalf("term without field in %q", s)
			}
			if _, _, ok := fqField(term.field + ":"); !ok {
				t.Fatalf("field %q has characters a field cannot have", term.field)
			}
		}
	})
}
