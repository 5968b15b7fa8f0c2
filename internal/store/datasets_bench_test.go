package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// benchDatasets is the size of the catalogue BenchmarkSearchDatasets
// searches: ten times what a large municipality publishes.
const benchDatasets = 2000

// BenchmarkSearchDatasets searches a catalogue of 2,000 published datasets
// with one or two distributions each, on every engine: the first page of
// everything (with all facet counts), a word found in a tenth of the
// datasets, a word found in none, a word with a theme filter, and
// everything sorted by Swedish title.
func BenchmarkSearchDatasets(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.OpenEngine(b, e)
			seedCatalogue(b, db)
			for _, c := range []struct {
				name string
				q    opendata.DatasetQuery
			}{
				{"all", opendata.DatasetQuery{}},
				{"word", opendata.DatasetQuery{Text: "badplatser"}},
				{"no-match", opendata.DatasetQuery{Text: "zyxvåäö"}},
				{"word+theme", opendata.DatasetQuery{Text: "mätningar", Themes: []string{opendata.ThemeBase + "ENVI"}}},
				{"title", opendata.DatasetQuery{Sort: "title", Offset: 1000}},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						p, err := db.SearchDatasets(b.Context(), c.q)
						if err != nil {
							b.Fatal(err)
						}
						if c.name != "no-match" && p.Total == 0 {
							b.Fatalf("%s matched nothing", c.name)
						}
					}
				})
			}
		})
	}
}

// seedCatalogue stores benchDatasets published datasets of a few units,
// with generated Swedish and English metadata, in parallel (so SQLite's
// group commit shares the syncs).
func seedCatalogue(b *testing.B, db *store.DB) {
	b.Helper()
	var units []int64
	parent := int64(0)
	for i, kind := range []identity.UnitKind{identity.KindGroup, identity.KindForvaltning, identity.KindForvaltning, identity.KindBolag} {
		u, err := db.CreateUnit(b.Context(), identity.Unit{ParentID: parent, Kind: kind, Slug: fmt.Sprintf("enhet-%d", i),
			NameSV: fmt.Sprintf("Enhet %d", i), NameEN: fmt.Sprintf("Unit %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		if parent == 0 {
			parent = u.ID
		}
		units = append(units, u.ID)
	}
	subjects := []string{"Badplatser", "Avfallsmängder", "Förskolor", "Lekplatser", "Luftkvalitet", "Trafikflöden",
		"Bygglov", "Parkeringar", "Cykelvägar", "Återvinning"}
	themes := []string{"ENVI", "EDUC", "SOCI", "TRAN", "GOVE", "HEAL", "REGI", "ECON"}
	formats := []string{"CSV", "GEOJSON", "PDF", "XLSX", "JSON"}
	work := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range work {
				seedDataset(b, db, i, units[i%len(units)], subjects[i%len(subjects)],
					[]string{opendata.ThemeBase + themes[i%len(themes)], opendata.ThemeBase + themes[i%3]},
					formats[i%len(formats)], formats[(i/5)%len(formats)])
			}
		})
	}
	for i := range benchDatasets {
		work <- i
	}
	close(work)
	wg.Wait()
}

// seedDataset stores and publishes dataset i of the benchmark catalogue.
func seedDataset(b *testing.B, db *store.DB, i int, unit int64, subject string, themes []string, formats ...string) {
	d := testDataset(unit, fmt.Sprintf("mangd-%04d", i), fmt.Sprintf("%s i område %d, %d", subject, i%97, 2000+i%25))
	d.TitleEN = fmt.Sprintf("Dataset %d about %s", i, strings.ToLower(subject))
	d.DescriptionSV = strings.Repeat(fmt.Sprintf("Mätningar och uppgifter om %s som kommunen samlar in varje år. ",
		strings.ToLower(subject)), 4)
	d.DescriptionEN = "Figures the municipality collects every year, published as open data."
	d.Keywords, d.KeywordsEN, d.Themes = []string{strings.ToLower(subject), "kommun", fmt.Sprint(i % 50)}, []string{"open data"}, themes
	if i%10 == 0 {
		d.HVDCategories = []string{opendata.HVDCategories[i%6].IRI}
	}
	if i%4 == 0 {
		d.Licence = opendata.LicenceCCBY40
	}
	d, err := db.CreateDataset(b.Context(), d)
	if err != nil {
		b.Error(err)
		return
	}
	for _, f := range formats {
		if _, err := db.CreateDistribution(b.Context(), fileDistribution(d.ID, f, f)); err != nil {
			b.Error(err)
		}
	}
	if err := db.SetDatasetState(b.Context(), d.ID, opendata.Published, db.Now()); err != nil {
		b.Error(err)
	}
}
