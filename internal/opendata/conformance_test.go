package opendata_test

import (
	"slices"
	"testing"

	"sprang/internal/opendata"
)

// goodEntry is an entry with every property filled in well: Check finds
// nothing at all.
func goodEntry() opendata.Entry {
	return opendata.Entry{
		Dataset: opendata.Dataset{
			ID: "d1", Slug: "badplatser", TitleSV: "Badplatser", TitleEN: "Bathing sites",
			DescriptionSV: "Kommunens badplatser.", DescriptionEN: "The municipality's bathing sites.",
			ContactName: "Miljöenheten", ContactEmail: "miljo@kommun.example.se",
			Keywords: []string{"bad"}, KeywordsEN: []string{"bathing"},
			Themes:  []string{opendata.ThemeBase + "ENVI"},
			Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic,
			Frequency:     opendata.FrequencyBase + "ANNUAL",
			TemporalStart: "2020-01-01", TemporalEnd: "2024-12-31",
			Spatial: "https://sws.geonames.org/2670781/",
		},
		Publisher: opendata.Publisher{Slug: "miljo", NameSV: "Miljöförvaltningen", Type: opendata.PublisherTypeBase + "LocalAuthority"},
		Distributions: []opendata.Distribution{
			{ID: "r1", Kind: opendata.KindFile, TitleSV: "Badplatser (CSV)", DescriptionSV: "En rad per badplats.", Format: "CSV", MediaType: "text/csv", Version: 1},
			{ID: "r2", Kind: opendata.KindLink, TitleSV: "Karta", DescriptionSV: "Karta över badplatserna.", URL: "https://karta.example.se/bad", Format: "HTML", Licence: opendata.LicenceCCBY40},
		},
	}
}

func TestCheckGoodEntry(t *testing.T) {
	t.Parallel()
	if ps := opendata.Check(goodEntry()); len(ps) != 0 {
		t.Fatalf("Check(good) = %+v, want nothing", ps)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	type want struct {
		field, key string
		violation  bool
	}
	tests := []struct {
		name   string
		change func(e *opendata.Entry)
		want   []want
	}{
		{"no Swedish title", func(e *opendata.Entry) { e.Dataset.TitleSV = "  " }, []want{{"title_sv", opendata.MsgCheckTitleSV, true}}},
		{"no English title", func(e *opendata.Entry) { e.Dataset.TitleEN = "" }, []want{{"title_en", opendata.MsgCheckTitleEN, false}}},
		{"no Swedish description", func(e *opendata.Entry) { e.Dataset.DescriptionSV = "" }, []want{{"description_sv", opendata.MsgCheckDescriptionSV, true}}},
		{"no English description", func(e *opendata.Entry) { e.Dataset.DescriptionEN = "" }, []want{{"description_en", opendata.MsgCheckDescriptionEN, false}}},
		{"publisher without name", func(e *opendata.Entry) { e.Publisher.NameSV = "" }, []want{{"unit", opendata.MsgCheckPublisher, true}}},
		{"publisher without type", func(e *opendata.Entry) { e.Publisher.Type = "" }, []want{{"unit", opendata.MsgCheckPublisherType, true}}},
		{"publisher of unknown type", func(e *opendata.Entry) { e.Publisher.Type = opendata.PublisherTypeBase + "Kommun" }, []want{{"unit", opendata.MsgCheckPublisherType, true}}},
		{"a company", func(e *opendata.Entry) { e.Publisher.Type = opendata.PublisherTypeBase + "Company" }, nil},
		{"no contact", func(e *opendata.Entry) { e.Dataset.ContactName, e.Dataset.ContactEmail = "", "" }, []want{{"contact_name", opendata.MsgCheckContact, false}}},
		{"contact without name", func(e *opendata.Entry) { e.Dataset.ContactName = "" }, []want{{"contact_name", opendata.MsgCheckContactName, true}}},
		{"contact without email", func(e *opendata.Entry) { e.Dataset.ContactEmail = "" }, []want{{"contact_email", opendata.MsgCheckContactEmail, true}}},
		{"contact email broken", func(e *opendata.Entry) { e.Dataset.ContactEmail = "miljo at kommun" }, []want{{"contact_email", opendata.MsgCheckContactEmailFormat, true}}},
		{"no keywords", func(e *opendata.Entry) { e.Dataset.Keywords, e.Dataset.KeywordsEN = nil, nil }, []want{{"keywords", opendata.MsgCheckKeywords, false}}},
		{"no English keywords", func(e *opendata.Entry) { e.Dataset.KeywordsEN = []string{" "} }, []want{{"keywords_en", opendata.MsgCheckKeywordsEN, false}}},
		{"no themes", func(e *opendata.Entry) { e.Dataset.Themes = nil }, []want{{"themes", opendata.MsgCheckThemes, false}}},
		{"unknown theme", func(e *opendata.Entry) { e.Dataset.Themes = append(e.Dataset.Themes, opendata.ThemeBase+"XYZ") }, []want{{"themes", opendata.MsgCheckThemeUnknown, true}}},
		{"theme as a code", func(e *opendata.Entry) { e.Dataset.Themes = []string{"ENVI"} }, []want{{"themes", opendata.MsgCheckThemeUnknown, true}}},
		{"no licence", func(e *opendata.Entry) { e.Dataset.Licence = "" }, []want{{"licence", opendata.MsgCheckLicence, true}}},
		{"other licence", func(e *opendata.Entry) { e.Dataset.Licence = "https://opensource.org/licenses/MIT" }, []want{{"licence", opendata.MsgCheckLicenceUnknown, true}}},
		{"no access rights", func(e *opendata.Entry) { e.Dataset.AccessRights = "" }, []want{{"access_rights", opendata.MsgCheckAccessRights, false}}},
		{"unknown access rights", func(e *opendata.Entry) { e.Dataset.AccessRights = opendata.AccessRightBase + "SENSITIVE" }, []want{{"access_rights", opendata.MsgCheckAccessRightsUnknown, true}}},
		{"no frequency", func(e *opendata.Entry) { e.Dataset.Frequency = "" }, []want{{"frequency", opendata.MsgCheckFrequency, false}}},
		{"unknown frequency", func(e *opendata.Entry) { e.Dataset.Frequency = "varje vecka" }, []want{{"frequency", opendata.MsgCheckFrequencyUnknown, true}}},
		{"no temporal", func(e *opendata.Entry) { e.Dataset.TemporalStart, e.Dataset.TemporalEnd = "", "" }, []want{{"temporal_start", opendata.MsgCheckTemporal, false}}},
		{"only a start", func(e *opendata.Entry) { e.Dataset.TemporalEnd = "" }, nil},
		{"only an end", func(e *opendata.Entry) { e.Dataset.TemporalStart = "" }, nil},
		{"start not a date", func(e *opendata.Entry) { e.Dataset.TemporalStart = "2020-02-30" }, []want{{"temporal_start", opendata.MsgCheckDate, true}}},
		{"end not a date", func(e *opendata.Entry) { e.Dataset.TemporalEnd = "31/12/2024" }, []want{{"temporal_end", opendata.MsgCheckDate, true}}},
		{"end before start", func(e *opendata.Entry) { e.Dataset.TemporalEnd = "2019-12-31" }, []want{{"temporal_end", opendata.MsgCheckTemporalOrder, true}}},
		{"one-day period", func(e *opendata.Entry) { e.Dataset.TemporalEnd = e.Dataset.TemporalStart }, nil},
		{"no spatial", func(e *opendata.Entry) { e.Dataset.Spatial = "" }, []want{{"spatial", opendata.MsgCheckSpatial, false}}},
		{"spatial not a URL", func(e *opendata.Entry) { e.Dataset.Spatial = "Sundsvall" }, []want{{"spatial", opendata.MsgCheckSpatialFormat, true}}},
		{"landing page relative", func(e *opendata.Entry) { e.Dataset.LandingPage = "/data/bad" }, []want{{"landing_page", opendata.MsgCheckLandingPage, true}}},
		{"landing page ftp", func(e *opendata.Entry) { e.Dataset.LandingPage = "ftp://example.se/bad" }, []want{{"landing_page", opendata.MsgCheckLandingPage, true}}},
		{"landing page with space", func(e *opendata.Entry) { e.Dataset.LandingPage = "https://example.se/bad platser" }, []want{{"landing_page", opendata.MsgCheckLandingPage, true}}},
		{"landing page fine", func(e *opendata.Entry) { e.Dataset.LandingPage = "http://example.se/bad?x=1&y=2" }, nil},
		{"high value", func(e *opendata.Entry) {
			e.Dataset.HVDCategories = []string{opendata.HVDCategories[0].IRI, opendata.HVDCategories[3].IRI}
		}, nil},
		{"high value, restricted", func(e *opendata.Entry) {
			e.Dataset.HVDCategories = []string{opendata.HVDCategories[0].IRI}
			e.Dataset.AccessRights = opendata.AccessRightBase + "RESTRICTED"
		}, []want{{"access_rights", opendata.MsgCheckHVDAccess, true}}},
		{"unknown HVD category", func(e *opendata.Entry) { e.Dataset.HVDCategories = []string{"geospatial"} }, []want{{"hvd_categories", opendata.MsgCheckHVDUnknown, true}}},
		{"no distributions", func(e *opendata.Entry) { e.Distributions = nil }, []want{{"distributions", opendata.MsgCheckNoDistributions, false}}},
		{"distribution without title", func(e *opendata.Entry) { e.Distributions[0].TitleSV = "" }, []want{{"distribution.r1.title_sv", opendata.MsgCheckDistTitle, false}}},
		{"distribution without description", func(e *opendata.Entry) { e.Distributions[1].DescriptionSV = "" }, []want{{"distribution.r2.description_sv", opendata.MsgCheckDistDescription, false}}},
		{"distribution without format", func(e *opendata.Entry) { e.Distributions[0].Format = "" }, []want{{"distribution.r1.format", opendata.MsgCheckDistFormat, true}}},
		{"distribution format a media type", func(e *opendata.Entry) { e.Distributions[0].Format = "text/csv" }, []want{{"distribution.r1.format", opendata.MsgCheckDistFormatUnknown, true}}},
		{"distribution format unknown", func(e *opendata.Entry) { e.Distributions[0].Format = "SHP" }, []want{{"distribution.r1.format", opendata.MsgCheckDistFormatUnknown, true}}},
		{"file never uploaded", func(e *opendata.Entry) { e.Distributions[0].Version = 0 }, []want{{"distribution.r1.file", opendata.MsgCheckDistFile, true}}},
		{"link not a URL", func(e *opendata.Entry) { e.Distributions[1].URL = "karta.example.se" }, []want{{"distribution.r2.url", opendata.MsgCheckDistURL, true}}},
		{"link with credentials", func(e *opendata.Entry) { e.Distributions[1].URL = "https://user:pw@karta.example.se" }, []want{{"distribution.r2.url", opendata.MsgCheckDistURL, true}}},
		{"distribution of no kind", func(e *opendata.Entry) { e.Distributions[1].Kind = "" }, []want{{"distribution.r2.kind", opendata.MsgCheckDistKind, true}}},
		{"distribution licence unknown", func(e *opendata.Entry) { e.Distributions[1].Licence = "CC-BY" }, []want{{"distribution.r2.licence", opendata.MsgCheckLicenceUnknown, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := goodEntry()
			tt.change(&e)
			ps := opendata.Check(e)
			var got []want
			for _, p := range ps {
				got = append(got, want{p.Field, p.Key, p.Violation})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Check = %+v, want %+v", got, tt.want)
			}
			if opendata.HasViolation(ps) != slices.ContainsFunc(tt.want, func(w want) bool { return w.violation }) {
				t.Errorf("HasViolation disagrees with the problems %+v", ps)
			}
		})
	}
}

// TestCheckArgs checks that problems about a value name it, so the
// message can show what to fix.
func TestCheckArgs(t *testing.T) {
	t.Parallel()
	e := goodEntry()
	e.Dataset.ContactEmail = "fel@"
	e.Distributions[0].Format = "SHP"
	e.Publisher.Type = ""
	ps := opendata.Check(e)
	args := map[string]string{}
	for _, p := range ps {
		args[p.Key] = p.Arg
	}
	for key, want := range map[string]string{
		opendata.MsgCheckContactEmailFormat: "fel@",
		opendata.MsgCheckDistFormatUnknown:  "SHP",
		opendata.MsgCheckPublisherType:      "Miljöförvaltningen",
	} {
		if args[key] != want {
			t.Errorf("Arg of %s = %q, want %q", key, args[key], want)
		}
	}
}

func TestWebURLAndValidDate(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"https://example.se": true, "http://example.se/a?b=c#d": true, "https://example.se/å": true,
		"": false, "example.se": false, "/data": false, "mailto:a@b.se": false, "https://": false,
		"https://example.se/a b": false, "https://example.se/<x>": false, "javascript:alert(1)": false,
		"https://example.se/\x01": false, "https://u:p@example.se": false,
	} {
		if got := opendata.WebURL(s); got != want {
			t.Errorf("WebURL(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"2024-02-29": true, "2023-02-29": false, "2024-1-01": false, "24-01-01": false, "": false, "2024-01-01T00:00:00Z": false,
	} {
		if got := opendata.ValidDate(s); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzCheck checks that Check never panics and that every problem has a
// field and a message key with a text.
func FuzzCheck(f *testing.F) {
	f.Add("Badplatser", "", "miljo@kommun.se", "2020-01-01", "2019-01-01", "https://x.se", "CSV", "https://y.se")
	f.Add("", "\x00", "@", "2020-13-01", "x", "ftp://", "", "")
	texts := opendata.Messages()
	f.Fuzz(func(t *testing.T, title, desc, email, start, end, landing, format, link string) {
		e := goodEntry()
		e.Dataset.TitleSV, e.Dataset.DescriptionSV, e.Dataset.ContactEmail = title, desc, email
		e.Dataset.TemporalStart, e.Dataset.TemporalEnd, e.Dataset.LandingPage = start, end, landing
		e.Distributions[0].Format, e.Distributions[1].URL = format, link
		for _, p := range opendata.Check(e) {
			if p.Field == "" || texts[p.Key].SV == "" {
				t.Fatalf("problem without field or text: %+v", p)
			}
		}
	})
}
