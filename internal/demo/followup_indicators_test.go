package demo_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"sprang/internal/demo"
	"sprang/internal/followup"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestSeedIndicators: the demo has the indicators the policy links, in
// every perspective, some public, with targets around this year, five
// years of manual values and the Kolada file's values; seeding again
// changes nothing.
func TestSeedIndicators(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		for range 2 {
			if err := demo.Seed(ctx, db); err != nil {
				t.Fatal(err)
			}
		}
		inds, err := db.Indicators(ctx)
		if err != nil || len(inds) < 20 {
			t.Fatalf("%d indicators, %v; want about 20", len(inds), err)
		}
		year := time.Now().In(followup.Location()).Year()
		per, public := map[followup.Perspective]int{}, 0
		for _, ind := range inds {
			per[ind.Perspective]++
			if ind.Public {
				public++
			}
			if errs := ind.Check(); len(errs) > 0 {
				t.Errorf("indicator %s: %v", ind.Key, errs)
			}
		}
		for _, p := range followup.Perspectives() {
			if per[p] == 0 {
				t.Errorf("no indicator in %s", p)
			}
		}
		if public < 5 || public == len(inds) {
			t.Errorf("%d of %d indicators are public", public, len(inds))
		}
		for _, k := range []string{"e-tjanster-antal", "digital-andel", "handlaggningstid-median", "oppna-dataset", "sidvikt",
			"co2-per-sidvisning", "papper-undvikt", "kompetens-medel", "mognad-medel", "initiativ-pagaende", "realiserad-nytta",
			followup.MeetingsIndicator, "resor-undvikta"} {
			ind, err := db.Indicator(ctx, k)
			if err != nil {
				t.Errorf("indicator %s: %v", k, err)
				continue
			}
			if _, ok := ind.TargetFor(year - 1); ind.Key != "api-anrop" && !ok {
				t.Errorf("indicator %s has no target for last year", k)
			}
		}
		meetings, err := db.StoredValues(ctx, followup.MeetingsIndicator, []int64{0}, followup.Years(year-5, year-1))
		if err != nil || len(meetings) != 5 {
			t.Errorf("meetings: %d values, %v; want five years", len(meetings), err)
		}
		entries, err := db.IndicatorValueEntries(ctx, "kolada-webbinformation")
		if err != nil || len(entries) != 5 || entries[0].Source != "Kolada N00945" {
			t.Errorf("Kolada values: %+v, %v", entries, err)
		}
	})
}

// TestDemoKoladaFileIsTheFixture keeps the demo's copy of the Kolada file
// the same as the importer's test fixture.
func TestDemoKoladaFileIsTheFixture(t *testing.T) {
	t.Parallel()
	a, err := os.ReadFile("followup_indicators_kolada.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../followup/testdata/kolada-2284.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("internal/demo/followup_indicators_kolada.json differs from internal/followup/testdata/kolada-2284.json")
	}
}
