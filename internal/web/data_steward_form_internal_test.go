package web

import (
	"net/url"
	"reflect"
	"testing"

	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// FuzzStewardForm feeds the metadata form arbitrary values: reading it
// never panics, and whatever it accepts is metadata the catalogue can
// publish as it is (a slug, dates, an address and links of the right
// form, terms of the vocabularies); read back, the stored values give
// the same dataset.
func FuzzStewardForm(f *testing.F) {
	f.Add("Badplatser", "bad, vatten", "miljo@kommun.se", "2024-6-1", "2024-08-31", "https://kommun.se/bad", opendata.ThemeBase+"ENVI", opendata.LicenceCC0, "ANNUAL", "badplatser")
	f.Add("", ",,,", "a@b", "2024-02-30", "0999-01-01", "javascript:alert(1)", "ENVI", "CC-BY-4.0", opendata.FrequencyBase+"NEVER", "Å")
	f.Add("x\r\ny", "\x00", "<a@b.se>", "31/8", "", "http://[::1]/", "x", "", "", "--")
	f.Fuzz(func(t *testing.T, title, keywords, email, start, end, link, theme, licence, freq, slug string) {
		vals := url.Values{"title_sv": {title}, "keywords": {keywords}, "contact_email": {email}, "temporal_start": {start},
			"temporal_end": {end}, "landing_page": {link}, "spatial": {link}, "themes": {theme}, "hvd_categories": {theme},
			"licence": {licence}, "access_rights": {licence}, "frequency": {freq}, "slug": {slug}, "unit": {"1"}}
		d, errs := stewardFromForm(opendata.Dataset{}, vals, func(id int64) bool { return id == 1 })
		if len(errs) > 0 {
			return
		}
		ok := stewardSlugOK(d.Slug) && d.TitleSV != "" && (d.ContactEmail == "" || identity.ValidEmail(d.ContactEmail)) &&
			(d.TemporalStart == "" || opendata.ValidDate(d.TemporalStart)) && (d.TemporalEnd == "" || opendata.ValidDate(d.TemporalEnd)) &&
			(d.LandingPage == "" || opendata.WebURL(d.LandingPage)) && (d.Spatial == "" || opendata.WebURL(d.Spatial))
		for _, th := range d.Themes {
			tm, found := opendata.FindTerm(opendata.Themes, th)
			ok = ok && found && tm.IRI == th
		}
		if _, found := opendata.FindTerm(opendata.Licences, d.Licence); d.Licence != "" && !found {
			ok = false
		}
		if !ok {
			t.Fatalf("accepted bad metadata: %+v", d)
		}
		again, errs := stewardFromForm(opendata.Dataset{}, stewardValues(d), func(id int64) bool { return id == 1 })
		if len(errs) > 0 || !reflect.DeepEqual(again, d) {
			t.Fatalf("read back: %v\n%+v\n%+v", errs, again, d)
		}
	})
}

// TestStewardSlugOf suggests slugs from titles.
func TestStewardSlugOf(t *testing.T) {
	t.Parallel()
	for title, want := range map[string]string{
		"Badplatser & vattenprover": "badplatser-vattenprover",
		"Förskolor i Åre 2024":      "forskolor-i-are-2024",
		"!":                         "",
		"Ö":                         "",
	} {
		if got := stewardSlugOf(title); got != want {
			t.Errorf("stewardSlugOf(%q) = %q, want %q", title, got, want)
		}
	}
}
