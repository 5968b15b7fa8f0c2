package platformdata_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"sprang/internal/datastore"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/platformdata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestPublishIndicators publishes the public follow-up indicators on both
// engines: a published, conformant and loaded dataset with a row per
// public indicator, unit and ended year, values with decimal commas and
// shares in per cent, the status against the target, a missing value
// empty with its reason, no internal indicator, and the current year left
// out; a refresh without changes adds no version, a changed value does.
func TestPublishIndicators(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		e := newEnv(t, db, false)
		clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
		group, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"})
		if err != nil {
			t.Fatal(err)
		}
		skola, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolförvaltningen", ParentID: group.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, ind := range []followup.Indicator{
			{Key: "andel-digitala", Perspective: followup.Trygghet, OwnerUnitID: group.ID, Name: followup.Text{SV: "Andel digitala ärenden"},
				Method: followup.Text{SV: "För hand."}, Measure: followup.MeasureShare, Direction: followup.HigherIsBetter,
				Source: followup.Manual, Public: true, Targets: []followup.Target{{Year: 2025, Value: 0.8}}},
			{Key: "intern", Perspective: followup.Kompetens, OwnerUnitID: group.ID, Name: followup.Text{SV: "Intern"},
				Method: followup.Text{SV: "För hand."}, Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Source: followup.Manual},
		} {
			if err := db.SaveIndicator(ctx, ind, 0); err != nil {
				t.Fatal(err)
			}
		}
		save := func(unit int64, year int, value float64) {
			t.Helper()
			if err := db.SaveValues(ctx, []followup.Value{{Indicator: "andel-digitala", UnitID: unit, Period: followup.YearPeriod(year),
				Value: value, Known: true}, {Indicator: "intern", Period: followup.YearPeriod(year), Value: 1, Known: true}}, 0); err != nil {
				t.Fatal(err)
			}
		}
		save(0, 2025, 0.735)
		save(skola.ID, 2025, 0.5)
		save(0, 2026, 0.9) // this year: not published yet
		src := db.FollowUpSources(followup.Factors{})
		pub := platformdata.New(e.db, e.fs, datastore.NewLoader(e.db, e.fs, nil), nil, platformdata.Options{Now: clock.Now, FollowUp: &src})
		if err := pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		entry, up, rows := e.file(t, platformdata.IndicatorsSlug)
		if entry.Dataset.State != opendata.Published || up.LoadState != opendata.LoadDone {
			t.Fatalf("state %s, load %s (%s)", entry.Dataset.State, up.LoadState, up.LoadMessage)
		}
		for _, p := range opendata.Check(entry) {
			if p.Violation {
				t.Errorf("conformance: %s on %s", p.Key, p.Field)
			}
		}
		if entry.Dataset.TemporalStart != "2021-01-01" || entry.Dataset.TemporalEnd != "2025-12-31" {
			t.Errorf("temporal coverage %s – %s, want the five ended years", entry.Dataset.TemporalStart, entry.Dataset.TemporalEnd)
		}
		want := [][]string{
			{"Indikator", "Namn", "Perspektiv", "Enhet", "År", "Värde", "Mål", "Status", "Måttenhet", "Förklaring"},
			{"andel-digitala", "Andel digitala ärenden", "Digital trygghet", "Kommunkoncernen", "2025", "73,5", "80,0", "Nära målet", "procent", ""},
			{"andel-digitala", "Andel digitala ärenden", "Digital trygghet", "Skolförvaltningen", "2024", "", "", "", "procent", "Inga uppgifter"},
			{"andel-digitala", "Andel digitala ärenden", "Digital trygghet", "Skolförvaltningen", "2025", "50,0", "80,0", "Långt från målet", "procent", ""},
		}
		if len(rows) != 1+2*5 {
			t.Errorf("%d rows, want a header and 2 units × 5 years", len(rows))
		}
		for _, w := range want {
			if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, w) }) {
				t.Errorf("no row %q in\n%q", w, rows)
			}
		}
		for _, r := range rows {
			if r[0] == "intern" || r[4] == "2026" {
				t.Errorf("published %q: an internal indicator or the current year", r)
			}
		}

		if err := pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		if _, up, _ := e.file(t, platformdata.IndicatorsSlug); up.Version != 1 {
			t.Errorf("a refresh without changes made version %d", up.Version)
		}
		save(skola.ID, 2024, 0.25)
		if err := pub.Publish(ctx); err != nil {
			t.Fatal(err)
		}
		_, up, rows = e.file(t, platformdata.IndicatorsSlug)
		if up.Version != 2 || !slices.ContainsFunc(rows, func(r []string) bool { return strings.Join(r[3:6], "|") == "Skolförvaltningen|2024|25,0" }) {
			t.Errorf("after a new value: version %d, rows %q", up.Version, rows)
		}
	})
}

// TestPublishWithoutFollowUp checks that a Publisher without the
// follow-up's sources leaves the indicators out.
func TestPublishWithoutFollowUp(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, false)
		if _, err := e.db.CreateUnit(t.Context(), identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"}); err != nil {
			t.Fatal(err)
		}
		if err := e.pub.Publish(t.Context()); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.Dataset(t.Context(), platformdata.IndicatorsSlug); err == nil {
			t.Error("published the indicators without the follow-up's sources")
		}
	})
}
