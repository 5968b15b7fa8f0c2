package i18n_test

import (
	"slices"
	"testing"
	"time"

	"sprang/internal/i18n"
)

// TestCatalogComplete keeps both languages complete: every key in one
// language exists in the other, and no text is empty.
func TestCatalogComplete(t *testing.T) {
	t.Parallel()
	c := i18n.MustLoad()
	for _, a := range i18n.Langs {
		for _, b := range i18n.Langs {
			for _, k := range c.Keys(a) {
				if !c.Has(b, k) {
					t.Errorf("key %q exists in %s but not in %s", k, a, b)
				}
				if c.T(a, k) == "" {
					t.Errorf("key %q is empty in %s", k, a)
				}
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	t.Parallel()
	c := i18n.MustLoad()
	tests := []struct {
		lang i18n.Lang
		key  string
		want string
	}{
		{i18n.Swedish, "nav.login", "Logga in"},
		{i18n.English, "nav.login", "Log in"},
		{i18n.English, "no.such.key", "no.such.key"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.key); got != tt.want {
			t.Errorf("T(%s, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]i18n.Lang{"en": i18n.English, "EN-gb": i18n.English, "sv": i18n.Swedish, "": i18n.Swedish, "de": i18n.Swedish} {
		if got := i18n.ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestSwedishSort checks the Swedish alphabet: å, ä, ö come after z, in that
// order, and case does not split words apart.
func TestSwedishSort(t *testing.T) {
	t.Parallel()
	in := []string{"Östersund", "Åre", "Zinkgruvan", "Ängelholm", "Arboga", "ödeshög", "Älmhult", "Bollnäs"}
	want := []string{"Arboga", "Bollnäs", "Zinkgruvan", "Åre", "Älmhult", "Ängelholm", "ödeshög", "Östersund"}
	got := slices.Clone(in)
	i18n.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Sort = %v, want %v", got, want)
	}
	if i18n.Compare("ö", "z") <= 0 {
		t.Error("Compare(ö, z) should be positive")
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 3, 5, 13, 7, 0, 0, time.UTC)
	tests := []struct{ name, got, want string }{
		{"date sv", i18n.Date(i18n.Swedish, day), "5 mars 2026"},
		{"date en", i18n.Date(i18n.English, day), "5 March 2026"},
		{"datetime in Stockholm", i18n.DateTime(day), "2026-03-05 14:07"},
		{"number sv", i18n.Number(i18n.Swedish, 1234567), "1\u00a0234\u00a0567"},
		{"number en", i18n.Number(i18n.English, 1234567), "1,234,567"},
		{"negative", i18n.Number(i18n.Swedish, -1200), "−1\u00a0200"},
		{"small", i18n.Number(i18n.Swedish, 12), "12"},
		{"decimal sv", i18n.Decimal(i18n.Swedish, 3.26, 1), "3,3"},
		{"decimal en", i18n.Decimal(i18n.English, 3.5, 2), "3.50"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
