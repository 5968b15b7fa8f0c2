package store_test

import (
	"slices"
	"testing"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestStoredValuesOf reads the stored values of every indicator for some
// units and periods in one call, on both engines: the values asked for
// with their source and comment, nothing of other units or periods.
func TestStoredValuesOf(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		group, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"})
		if err != nil {
			t.Fatal(err)
		}
		unit, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolan", ParentID: group.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"a", "b"} {
			ind := followup.Indicator{Key: "ind-" + key, Perspective: followup.Trygghet, OwnerUnitID: group.ID, Name: followup.Text{SV: key},
				Method: followup.Text{SV: "För hand."}, Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Source: followup.Manual}
			if err := db.SaveIndicator(ctx, ind, 0); err != nil {
				t.Fatal(err)
			}
		}
		v := func(key string, unit int64, year int, x float64) followup.Value {
			return followup.Value{Indicator: key, UnitID: unit, Period: followup.YearPeriod(year), Value: x, Known: true, Source: "Källa " + key}
		}
		if err := db.SaveValues(ctx, []followup.Value{v("ind-a", 0, 2024, 1), v("ind-a", unit.ID, 2025, 2), v("ind-b", 0, 2025, 3),
			v("ind-b", 0, 2023, 4), v("ind-b", 99, 2025, 5)}, 0); err != nil {
			t.Fatal(err)
		}
		got, err := db.StoredValuesOf(ctx, []int64{0, unit.ID}, followup.Years(2024, 2025))
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(a, b followup.Value) int { return int(a.Value - b.Value) })
		want := []followup.Value{v("ind-a", 0, 2024, 1), v("ind-a", unit.ID, 2025, 2), v("ind-b", 0, 2025, 3)}
		if !slices.Equal(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
		if none, err := db.StoredValuesOf(ctx, nil, followup.Years(2024, 2025)); err != nil || len(none) != 0 {
			t.Errorf("no units: %v, %v", none, err)
		}
	})
}
