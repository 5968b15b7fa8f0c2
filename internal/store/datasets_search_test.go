package store_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// searchFixture is a small catalogue: the units and the datasets' ids by
// slug.
type searchFixture struct {
	miljo, social, bolag, kommun int64
	ids                          map[string]string
}

const (
	envi = opendata.ThemeBase + "ENVI"
	heal = opendata.ThemeBase + "HEAL"
	educ = opendata.ThemeBase + "EDUC"
	soci = opendata.ThemeBase + "SOCI"
	gove = opendata.ThemeBase + "GOVE"
)

// newSearchFixture stores datasets one hour apart, in the order listed
// (so "modified" and "created" are newest-last-listed first).
func newSearchFixture(t *testing.T, db *store.DB, clock *storetest.Clock) searchFixture {
	t.Helper()
	org := testOrg(t, db)
	f := searchFixture{miljo: org["hemtjanst"].ID, social: org["socialforvaltningen"].ID,
		bolag: org["bostadsbolaget"].ID, kommun: org["kommunen"].ID, ids: map[string]string{}}
	hvdGeo, hvdEarth := opendata.HVDCategories[0].IRI, opendata.HVDCategories[1].IRI
	for _, s := range []struct {
		slug, sv, en, desc string
		unit               int64
		keywords           []string
		themes, formats    []string
		ccby               bool
		hvd                string
		state              opendata.State
	}{
		{"badplatser", "Badplatser och vattenprover", "Bathing sites and water samples", "Provtagning vid kommunens stränder.",
			f.miljo, []string{"bad", "Vattenkvalitet"}, []string{envi, heal}, []string{"CSV", "CSV"}, false, hvdEarth, opendata.Published},
		{"avfall", "Avfallsmängder per år", "Waste quantities per year", "Insamlat hushållsavfall i ton.",
			f.miljo, nil, []string{envi}, []string{"CSV", "PDF"}, true, "", opendata.Published},
		{"forskolor", "Förskolor", "Preschools", "Förskolor med gårdar och lekplatser i närheten.",
			f.social, nil, []string{educ}, []string{"GEOJSON"}, false, "", opendata.Published},
		{"lekplatser", "Lekplatser", "Playgrounds", "Öppna lekplatser med koordinater.",
			f.bolag, []string{"lek"}, []string{soci}, []string{"CSV"}, false, hvdGeo, opendata.Published},
		{"sammantraden", "Politiska sammanträden", "", "Datum för nämndernas möten.",
			f.kommun, nil, []string{gove}, nil, false, "", opendata.Published},
		{"atervinning", "Återvinningscentraler", "Recycling centres", "Centraler nära ÄNGAR och skog.",
			f.miljo, []string{"ÖPPETTIDER"}, nil, nil, false, "", opendata.Published},
		{"angsmarker", "Ängsmarker", "Meadows", "Slåtterängar i kommunen.",
			f.social, nil, nil, nil, false, "", opendata.Published},
		{"luftkvalitet", "Luftkvalitet", "Air quality", "Mätningar av kvävedioxid.",
			f.miljo, nil, []string{envi}, []string{"CSV"}, false, "", opendata.Draft},
		{"gammal", "Gamla vattenprover", "", "Ersatt.",
			f.miljo, nil, []string{envi}, nil, false, "", opendata.Withdrawn},
	} {
		clock.Add(time.Hour)
		d := testDataset(s.unit, s.slug, s.sv)
		d.TitleEN, d.DescriptionSV, d.Keywords, d.Themes = s.en, s.desc, s.keywords, s.themes
		if s.ccby {
			d.Licence = opendata.LicenceCCBY40
		}
		if s.hvd != "" {
			d.HVDCategories = []string{s.hvd}
		}
		d = mustCreateDataset(t, db, d)
		for _, format := range s.formats {
			mustCreateDistribution(t, db, fileDistribution(d.ID, s.slug+" "+format, format))
		}
		if s.state != opendata.Draft {
			mustSetState(t, db, d.ID, s.state)
		}
		f.ids[s.slug] = d.ID
	}
	return f
}

// search runs q, failing the test on error, and returns the slugs of the
// page and the page.
func search(t *testing.T, db *store.DB, q opendata.DatasetQuery) ([]string, opendata.DatasetPage) {
	t.Helper()
	p, err := db.SearchDatasets(t.Context(), q)
	if err != nil {
		t.Fatalf("SearchDatasets(%+v): %v", q, err)
	}
	slugs := []string{}
	for _, e := range p.Entries {
		slugs = append(slugs, e.Dataset.Slug)
	}
	return slugs, p
}

func TestSearchDatasets(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		f := newSearchFixture(t, db, clock)
		newest := []string{"angsmarker", "atervinning", "sammantraden", "lekplatser", "forskolor", "avfall", "badplatser"}
		tests := []struct {
			name string
			q    opendata.DatasetQuery
			want []string
		}{
			{"all, newest first", opendata.DatasetQuery{}, newest},
			{"inside a Swedish word", opendata.DatasetQuery{Text: "vatten"}, []string{"badplatser"}},
			{"English", opendata.DatasetQuery{Text: "WATER samples"}, []string{"badplatser"}},
			{"every word required", opendata.DatasetQuery{Text: "bathing waste"}, []string{}},
			{"upper-case Å in the title", opendata.DatasetQuery{Text: "återvinningscentraler"}, []string{"atervinning"}},
			{"lower-case search of an upper-case keyword", opendata.DatasetQuery{Text: "öppettider"}, []string{"atervinning"}},
			{"upper-case search of a description", opendata.DatasetQuery{Text: "ÄNGAR"}, []string{"angsmarker", "atervinning"}},
			{"ä is not a", opendata.DatasetQuery{Text: "angar"}, []string{}},
			{"keyword", opendata.DatasetQuery{Text: "vattenkvalitet"}, []string{"badplatser"}},
			{"relevance: title before description", opendata.DatasetQuery{Text: "lekplatser"}, []string{"lekplatser", "forskolor"}},
			{"relevance sort asked without text", opendata.DatasetQuery{Sort: "relevance", Limit: 2}, newest[:2]},
			{"only punctuation", opendata.DatasetQuery{Text: "%_*!"}, []string{}},
			{"drafts hidden", opendata.DatasetQuery{Text: "luftkvalitet"}, []string{}},
			{"drafts of another unit hidden", opendata.DatasetQuery{Text: "luftkvalitet", IncludeDraftsOf: []int64{f.social}}, []string{}},
			{"drafts of own unit shown", opendata.DatasetQuery{Text: "luftkvalitet", IncludeDraftsOf: []int64{f.social, f.miljo}}, []string{"luftkvalitet"}},
			{"withdrawn shown to own unit only", opendata.DatasetQuery{Text: "vattenprover", IncludeDraftsOf: []int64{f.miljo}}, []string{"gammal", "badplatser"}},
			{"theme", opendata.DatasetQuery{Themes: []string{envi}}, []string{"avfall", "badplatser"}},
			{"every theme", opendata.DatasetQuery{Themes: []string{envi, heal}}, []string{"badplatser"}},
			{"format", opendata.DatasetQuery{Formats: []string{"CSV"}}, []string{"lekplatser", "avfall", "badplatser"}},
			{"every format", opendata.DatasetQuery{Formats: []string{"CSV", "PDF"}}, []string{"avfall"}},
			{"publisher", opendata.DatasetQuery{Publishers: []int64{f.social}}, []string{"angsmarker", "forskolor"}},
			{"any of the publishers", opendata.DatasetQuery{Publishers: []int64{f.social, f.bolag}}, []string{"angsmarker", "lekplatser", "forskolor"}},
			{"licence", opendata.DatasetQuery{Licences: []string{opendata.LicenceCCBY40}}, []string{"avfall"}},
			{"any of the licences", opendata.DatasetQuery{Licences: []string{opendata.LicenceCCBY40, opendata.LicenceCC0}}, newest},
			{"high value", opendata.DatasetQuery{HighValue: true}, []string{"lekplatser", "badplatser"}},
			{"text and facets", opendata.DatasetQuery{Text: "år", Themes: []string{envi}}, []string{"avfall"}},
			{"title, Swedish order", opendata.DatasetQuery{Sort: "title"},
				[]string{"avfall", "badplatser", "forskolor", "lekplatser", "sammantraden", "atervinning", "angsmarker"}},
			{"title, English order", opendata.DatasetQuery{Sort: "title", Lang: "en"},
				[]string{"badplatser", "angsmarker", "lekplatser", "sammantraden", "forskolor", "atervinning", "avfall"}},
			{"created", opendata.DatasetQuery{Sort: "created"}, newest},
			{"page", opendata.DatasetQuery{Limit: 3, Offset: 2}, newest[2:5]},
			{"page past the end", opendata.DatasetQuery{Limit: 3, Offset: 7}, []string{}},
		}
		for _, tt := range tests {
			got, _ := search(t, db, tt.q)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.name, diff)
			}
		}

		// A change makes a dataset the most recently modified; created
		// keeps the order of creation.
		clock.Add(time.Hour)
		e, _ := db.Dataset(t.Context(), "badplatser")
		if _, err := db.UpdateDataset(t.Context(), e.Dataset); err != nil {
			t.Fatal(err)
		}
		if got, _ := search(t, db, opendata.DatasetQuery{Sort: "modified", Limit: 2}); !cmp.Equal(got, []string{"badplatser", "angsmarker"}) {
			t.Errorf("modified after a change = %v", got)
		}
		if got, _ := search(t, db, opendata.DatasetQuery{Sort: "created", Limit: 1}); !cmp.Equal(got, []string{"angsmarker"}) {
			t.Errorf("created after a change = %v", got)
		}
	})
}

func TestSearchDatasetsFacets(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		f := newSearchFixture(t, db, clock)
		id := func(u int64) string { return strconv.FormatInt(u, 10) }
		cc0, ccby := opendata.LicenceCC0, opendata.LicenceCCBY40

		_, all := search(t, db, opendata.DatasetQuery{Limit: 2})
		want := opendata.DatasetPage{
			Total:      7,
			Themes:     facets(fc(envi, 2), fc(educ, 1), fc(gove, 1), fc(heal, 1), fc(soci, 1)),
			Publishers: sortedFacets(map[string]int{id(f.miljo): 3, id(f.social): 2, id(f.bolag): 1, id(f.kommun): 1}),
			Formats:    facets(fc("CSV", 3), fc("GEOJSON", 1), fc("PDF", 1)),
			Licences:   facets(fc(cc0, 6), fc(ccby, 1)),
			HighValue:  2,
		}
		all.Entries = nil
		if diff := cmp.Diff(want, all); diff != "" {
			t.Errorf("facets of everything (-want +got):\n%s", diff)
		}

		// Counts are over every match of the filters, not over the page.
		_, page := search(t, db, opendata.DatasetQuery{Themes: []string{envi}, Sort: "title", Limit: 1, IncludeDraftsOf: []int64{f.miljo}})
		want = opendata.DatasetPage{
			Total:      4, // badplatser, avfall, the draft luftkvalitet and the withdrawn gammal
			Themes:     facets(fc(envi, 4), fc(heal, 1)),
			Publishers: facets(fc(id(f.miljo), 4)),
			Formats:    facets(fc("CSV", 3), fc("PDF", 1)),
			Licences:   facets(fc(cc0, 3), fc(ccby, 1)),
			HighValue:  1,
		}
		if len(page.Entries) != 1 || page.Entries[0].Dataset.Slug != "avfall" || len(page.Entries[0].Distributions) != 2 ||
			page.Entries[0].Distributions[1].Format != "PDF" || page.Entries[0].Publisher.UnitID != f.miljo {
			t.Errorf("page of one: %+v", page.Entries)
		}
		page.Entries = nil
		if diff := cmp.Diff(want, page); diff != "" {
			t.Errorf("facets of a theme (-want +got):\n%s", diff)
		}

		_, none := search(t, db, opendata.DatasetQuery{Text: "finnsinte"})
		if diff := cmp.Diff(opendata.DatasetPage{}, none); diff != "" {
			t.Errorf("no match (-want +got):\n%s", diff)
		}
	})
}

// fc is a facet value with its count.
func fc(v string, n int) opendata.FacetCount { return opendata.FacetCount{Value: v, Count: n} }

// facets lists fs.
func facets(fs ...opendata.FacetCount) []opendata.FacetCount { return fs }

// sortedFacets returns counts as facets, most first, then by value.
func sortedFacets(counts map[string]int) []opendata.FacetCount {
	var out []opendata.FacetCount
	for v, n := range counts {
		out = append(out, opendata.FacetCount{Value: v, Count: n})
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Count > out[i].Count || out[j].Count == out[i].Count && out[j].Value < out[i].Value {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// FuzzSearchDatasets checks that any search text and facet value search
// without error and find only published datasets: nothing a visitor types
// reaches SQL but as a bound parameter.
func FuzzSearchDatasets(f *testing.F) {
	for _, s := range append(hostileSearches, "100%", "a_b", "ÅTERVINNING") {
		if len(s) < 200 {
			f.Add(s, s)
		}
	}
	db := storetest.Open(f)
	u, err := db.CreateUnit(f.Context(), identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen", NameEN: "The municipality"})
	if err != nil {
		f.Fatal(err)
	}
	for i, title := range []string{"Återvinningscentraler", "Badplatser och vattenprover", "Luftkvalitet 100%"} {
		d := mustCreateDataset(f, db, testDataset(u.ID, slugOf(title), title))
		d.Themes = []string{opendata.ThemeBase + "ENVI"}
		mustCreateDistribution(f, db, fileDistribution(d.ID, title, "CSV"))
		if i > 0 {
			mustSetState(f, db, d.ID, opendata.Published)
		}
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		for _, q := range []opendata.DatasetQuery{
			{Text: text, Sort: value, Lang: value},
			{Text: text, Themes: []string{value}, Formats: []string{value}, Licences: []string{value}, HighValue: true},
		} {
			p, err := db.SearchDatasets(t.Context(), q)
			if err != nil {
				t.Fatalf("SearchDatasets(%+v): %v", q, err)
			}
			for _, e := range p.Entries {
				if e.Dataset.State != opendata.Published {
					t.Fatalf("SearchDatasets(%q) found the draft %s", text, e.Dataset.Slug)
				}
			}
		}
	})
}
