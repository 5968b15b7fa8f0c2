package store_test

import (
	"testing"
	"time"

	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// eachClock is storetest.Each with a settable clock per database, for
// tests of what depends on when things were stored.
func eachClock(t *testing.T, fn func(t *testing.T, db *store.DB, clock *storetest.Clock)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
			fn(t, storetest.OpenEngineClock(t, e, clock.Now), clock)
		})
	}
}

// testDataset returns a dataset of unit with the given slug and Swedish
// title and the catalogue's defaults.
func testDataset(unit int64, slug, title string) opendata.Dataset {
	return opendata.Dataset{Slug: slug, UnitID: unit, TitleSV: title, DescriptionSV: "Beskrivning av " + title,
		ContactName: "Miljöenheten", ContactEmail: "miljo@example.se", Licence: opendata.LicenceCC0,
		AccessRights: opendata.AccessPublic}
}

// mustCreateDataset stores d, failing the test on error.
func mustCreateDataset(t testing.TB, db *store.DB, d opendata.Dataset) opendata.Dataset {
	t.Helper()
	out, err := db.CreateDataset(t.Context(), d)
	if err != nil {
		t.Fatalf("CreateDataset %s: %v", d.Slug, err)
	}
	return out
}

// mustSetState moves dataset id to state, failing the test on error.
func mustSetState(t testing.TB, db *store.DB, id string, state opendata.State) {
	t.Helper()
	if err := db.SetDatasetState(t.Context(), id, state, db.Now()); err != nil {
		t.Fatalf("SetDatasetState %s %s: %v", id, state, err)
	}
}

// mustCreateDistribution stores d, failing the test on error.
func mustCreateDistribution(t testing.TB, db *store.DB, d opendata.Distribution) opendata.Distribution {
	t.Helper()
	out, err := db.CreateDistribution(t.Context(), d)
	if err != nil {
		t.Fatalf("CreateDistribution %s: %v", d.TitleSV, err)
	}
	return out
}

// fileDistribution returns a file distribution of dataset id in format.
func fileDistribution(id, title, format string) opendata.Distribution {
	return opendata.Distribution{DatasetID: id, Kind: opendata.KindFile, TitleSV: title, Format: format}
}
