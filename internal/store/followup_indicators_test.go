package store_test

import (
	"crypto/rand"
	"math"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// meetings returns a manual indicator owned by unit, with targets.
func meetings(unit int64) followup.Indicator {
	return followup.Indicator{Key: "digitala-moten", Perspective: followup.Hallbarhet, OwnerUnitID: unit,
		Name: followup.Text{SV: "Digitala möten", EN: "Digital meetings"}, Method: followup.Text{SV: "Möten i Teams."},
		Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Source: followup.Manual, Public: true, Margin: 0.2,
		Targets: []followup.Target{{Year: 2025, Value: 100}, {Year: 2026, Value: 120}}, Order: 3}
}

func TestIndicatorRegistry(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		user := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Utveckling"})
		ind := meetings(org["socialforvaltningen"].ID)
		if err := db.SaveIndicator(ctx, ind, user.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Indicator(ctx, ind.Key)
		if err != nil || got.Name != ind.Name || len(got.Targets) != 2 || got.Targets[1] != ind.Targets[1] || !got.Public || got.Margin != 0.2 || got.Order != 3 {
			t.Fatalf("Indicator = %+v, %v", got, err)
		}
		ind.Targets = ind.Targets[:1]
		ind.Name.SV = "Möten på distans"
		if err := db.SaveIndicator(ctx, ind, user.ID); err != nil {
			t.Fatal(err)
		}
		computed := followup.Indicator{Key: "digital-andel", Perspective: followup.Trygghet, OwnerUnitID: org["kommunen"].ID,
			Name: followup.Text{SV: "Digital andel"}, Measure: followup.MeasureShare, Direction: followup.HigherIsBetter,
			Source: followup.Computed, Computation: "digital-andel"}
		if err := db.SaveIndicator(ctx, computed, 0); err != nil {
			t.Fatal(err)
		}
		all, err := db.Indicators(ctx)
		if err != nil || len(all) != 2 || all[0].Key != "digital-andel" || all[1].Name.SV != "Möten på distans" || len(all[1].Targets) != 1 {
			t.Fatalf("Indicators = %+v, %v (want trygghet before hållbarhet)", all, err)
		}
		bad := ind
		bad.Key, bad.Name.SV = "Ny Indikator", ""
		err = db.SaveIndicator(ctx, bad, user.ID)
		if fe := sprang.ErrorFields(err); fe["key"] == "" || fe["name_sv"] == "" {
			t.Errorf("an invalid indicator: %v", err)
		}
		twice := ind
		twice.Targets = []followup.Target{{Year: 2025, Value: 1}, {Year: 2025, Value: 2}}
		if err := db.SaveIndicator(ctx, twice, user.ID); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("two targets of a year: %v", err)
		}
		noUnit := ind
		noUnit.OwnerUnitID = 99999
		if err := db.SaveIndicator(ctx, noUnit, user.ID); sprang.ErrorFields(err)["owner"] == "" {
			t.Errorf("an unknown owner unit: %v", err)
		}
		if _, err := db.Indicator(ctx, "finns-inte"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("an unknown indicator: %v", err)
		}
		page, err := db.FindAuditEntries(ctx, audit.Filter{ObjectType: "indicator", ObjectID: ind.Key})
		if err != nil || len(page.Entries) != 2 || page.Entries[1].Action != audit.IndicatorCreated || page.Entries[0].Action != audit.IndicatorUpdated ||
			page.Entries[0].ActorName != "utveckling" {
			t.Errorf("audit of the indicator: %+v, %v", page.Entries, err)
		}
	})
}

func TestIndicatorValues(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		user := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Utveckling"})
		unit := org["socialforvaltningen"].ID
		ind := meetings(unit)
		if err := db.SaveIndicator(ctx, ind, user.ID); err != nil {
			t.Fatal(err)
		}
		v := followup.Value{Indicator: ind.Key, UnitID: unit, Period: followup.YearPeriod(2025), Value: 80, Known: true, Source: "Teams", Comment: "Hela året"}
		group := followup.Value{Indicator: ind.Key, UnitID: 0, Period: followup.YearPeriod(2025), Value: 300, Known: true, Source: "Kolada N00001"}
		if err := db.SaveValues(ctx, []followup.Value{v, group}, user.ID); err != nil {
			t.Fatal(err)
		}
		v.Value, v.Comment = 96.5, "Rättat"
		if err := db.SaveValues(ctx, []followup.Value{v}, user.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.StoredValues(ctx, ind.Key, []int64{unit, 0}, followup.Years(2024, 2026))
		if err != nil || len(got) != 2 {
			t.Fatalf("StoredValues = %+v, %v", got, err)
		}
		for _, g := range got {
			want := group
			if g.UnitID == unit {
				want = v
			}
			if g != want {
				t.Errorf("stored %+v, want %+v (the newer value replaces the older)", g, want)
			}
		}
		entries, err := db.IndicatorValueEntries(ctx, ind.Key)
		if err != nil || len(entries) != 2 || entries[0].EnteredBy != "utveckling" {
			t.Errorf("IndicatorValueEntries = %+v, %v", entries, err)
		}
		if err := db.SaveValues(ctx, []followup.Value{{Indicator: "finns-inte", Period: followup.YearPeriod(2025), Known: true}}, user.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("a value of an unknown indicator: %v", err)
		}
		if err := db.SaveValues(ctx, []followup.Value{{Indicator: ind.Key, Period: followup.YearPeriod(2025)}}, user.ID); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("a value not known: %v", err)
		}
		page, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.IndicatorValuesSaved})
		if err != nil || len(page.Entries) != 2 {
			t.Errorf("audit of saved values: %+v, %v", page.Entries, err)
		}

		// A manual value with a target yields its status through the engine.
		tree, err := db.FindUnitTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e := followup.Engine{Sources: db.FollowUpSources(followup.Factors{}), Tree: tree, Now: db.Now}
		for _, tt := range []struct {
			value float64
			want  followup.Status
		}{{100, followup.OnTrack}, {130, followup.OnTrack}, {85, followup.AtRisk}, {79, followup.OffTrack}} {
			v.Value = tt.value
			if err := db.SaveValues(ctx, []followup.Value{v}, user.ID); err != nil {
				t.Fatal(err)
			}
			vals, err := e.Values(ctx, ind, []int64{unit, 0}, []followup.Period{followup.YearPeriod(2025)})
			if err != nil || len(vals) != 2 || !vals[0].Known || vals[0].Value != tt.value {
				t.Fatalf("Values = %+v, %v", vals, err)
			}
			if got := followup.StatusOf(ind, vals[0]); got != tt.want {
				t.Errorf("%v against the target 100 with margin 20 %%: %s, want %s", tt.value, got, tt.want)
			}
			if vals[1].Value != 300 || vals[1].Source != "Kolada N00001" {
				t.Errorf("the group's value: %+v", vals[1])
			}
		}
	})
}

// TestCreateIndicatorKeyTaken checks that creating an indicator never
// replaces one with its key, also when two creates race: one wins, the
// other gets the field error key_taken, and the stored indicator is the
// winner's, untouched.
func TestCreateIndicatorKeyTaken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		user := mustUser(t, db, identity.NewUser{Username: "utveckling", DisplayName: "Utveckling"})
		first := meetings(org["socialforvaltningen"].ID)
		if err := db.CreateIndicator(ctx, first, user.ID); err != nil {
			t.Fatal(err)
		}
		second := first
		second.Name.SV, second.Targets = "Någon annans möten", nil
		err := db.CreateIndicator(ctx, second, user.ID)
		if got := sprang.ErrorFields(err)["key"]; got != store.MsgIndicatorKeyTaken {
			t.Errorf("creating a key taken: %v, want the field error %s", err, store.MsgIndicatorKeyTaken)
		}
		got, err := db.Indicator(ctx, first.Key)
		if err != nil || got.Name.SV != first.Name.SV || len(got.Targets) != 2 {
			t.Errorf("the first indicator after a second create: %+v, %v", got, err)
		}
		// Two creates at once: exactly one succeeds.
		race := first
		race.Key = "samtidig"
		errs := make(chan error, 2)
		for _, name := range []string{"Den ena", "Den andra"} {
			go func() {
				ind := race
				ind.Name.SV = name
				errs <- db.CreateIndicator(ctx, ind, user.ID)
			}()
		}
		taken := 0
		for range 2 {
			err := <-errs
			switch {
			case sprang.ErrorFields(err)["key"] == store.MsgIndicatorKeyTaken:
				taken++
			case err != nil:
				t.Errorf("a racing create failed otherwise: %v", err)
			}
		}
		if taken != 1 {
			t.Errorf("%d of two racing creates were refused, want 1", taken)
		}
		page, err := db.FindAuditEntries(ctx, audit.Filter{ObjectType: "indicator", ObjectID: race.Key})
		if err != nil || len(page.Entries) != 1 || page.Entries[0].Action != audit.IndicatorCreated {
			t.Errorf("audit of the raced indicator: %+v, %v", page.Entries, err)
		}
	})
}

// TestAnalogShareEndToEnd submits errands on paper and digitally through
// the store and reads the analog/digital share the follow-up computes
// from them: suppressed while fewer than followup.MinGroup errands (or
// digital errands, for what they avoided) arrived, shown from then on.
func TestAnalogShareEndToEnd(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		tree, err := f.db.FindUnitTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e := followup.Engine{Sources: f.db.FollowUpSources(followup.Factors{SheetsPerErrand: 3}), Tree: tree, Now: f.db.Now}
		share := followup.Indicator{Key: "digital-andel", Source: followup.Computed, Computation: "digital-andel"}
		analog := followup.Indicator{Key: "analoga-tjanster", Source: followup.Computed, Computation: "analoga-tjanster"}
		paper := followup.Indicator{Key: "papper-undvikt", Source: followup.Computed, Computation: "papper-undvikt"}
		services := followup.Indicator{Key: "e-tjanster-antal", Source: followup.Computed, Computation: "e-tjanster-antal"}
		year := []followup.Period{followup.YearPeriod(2026)}
		read := func(ind followup.Indicator, unit int64) followup.Value {
			t.Helper()
			f.clock.Add(time.Minute)
			vs, err := e.Values(ctx, ind, []int64{unit}, year)
			if err != nil || len(vs) != 1 {
				t.Fatalf("Values %s: %v, %v", ind.Key, vs, err)
			}
			return vs[0]
		}
		if v := read(share, f.unit); v.Known || v.Reason != followup.NoData {
			t.Errorf("share before any errand: %+v, want NoData", v)
		}
		if v := read(services, 0); !v.Known || v.Value != 2 {
			t.Errorf("published services of the group: %+v, want 2", v)
		}
		f.submit(t, digital(f.service, f.resident.ID))
		if v := read(share, f.unit); v.Known || v.Reason != followup.Suppressed {
			t.Errorf("share after one digital errand: %+v, want Suppressed (fewer than %d errands)", v, followup.MinGroup)
		}
		submitPaper(t, f)
		for _, unit := range []int64{f.unit, 0} {
			if v := read(share, unit); v.Known || v.Reason != followup.Suppressed {
				t.Errorf("share of unit %d after two errands: %+v, want Suppressed", unit, v)
			}
			if v := read(analog, unit); v.Known || v.Reason != followup.Suppressed {
				t.Errorf("mostly analog of unit %d with two errands: %+v, want Suppressed", unit, v)
			}
		}
		if v := read(share, f.otherUnit); v.Known || v.Reason != followup.NoData {
			t.Errorf("the other unit's share moved: %+v", v)
		}
		if v := read(paper, 0); v.Known || v.Reason != followup.Suppressed {
			t.Errorf("paper avoided by one digital errand: %+v, want Suppressed (it would tell the errand count)", v)
		}
		for range followup.MinErrandsForShare {
			submitPaper(t, f)
		}
		if v := read(analog, f.unit); !v.Known || v.Value != 1 {
			t.Errorf("mostly analog after more paper: %+v, want 1", v)
		}
		if v := read(paper, 0); v.Known || v.Reason != followup.Suppressed {
			t.Errorf("paper avoided by still one digital errand among seven: %+v, want Suppressed", v)
		}
		if v := read(share, f.unit); !v.Known || math.Abs(v.Value-1.0/7) > 1e-9 || !v.Partial {
			t.Errorf("share after more paper: %+v, want 1/7 of a year not ended", v)
		}
		for range followup.MinGroup - 1 {
			f.submit(t, digital(f.service, f.resident.ID))
		}
		if v := read(paper, 0); !v.Known || v.Value != float64(followup.MinGroup)*3 {
			t.Errorf("paper avoided by %d digital errands: %+v, want them × 3 sheets", followup.MinGroup, v)
		}
		found, err := e.AnalogServices(ctx, 0, followup.YearPeriod(2026))
		if err != nil || len(found) != 1 || found[0].ServiceID != f.service.ID || found[0].Service.SV != "Bygglov" {
			t.Errorf("AnalogServices = %+v, %v", found, err)
		}
	})
}

// submitPaper registers an errand that came on paper, as an officer does.
func submitPaper(t *testing.T, f errandFixture) {
	t.Helper()
	n := store.NewErrand{ServiceID: f.service.ID, Version: f.service.Published, Channel: eservice.ChannelPaper,
		Answers: eservice.Answers{"what": {"Altan"}}, ByUserID: f.officer.ID}
	if _, err := f.db.SubmitErrand(t.Context(), n, rand.Reader); err != nil {
		t.Fatalf("submit a paper errand: %v", err)
	}
}

func TestPageViews(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		for _, add := range []struct {
			day          string
			views, bytes int64
		}{{"2026-03-01", 10, 200_000}, {"2026-03-01", 5, 50_000}, {"2026-03-02", 1, 30_000}, {"2026-04-01", 7, 1}} {
			if err := db.AddPageViews(ctx, add.day, add.views, add.bytes); err != nil {
				t.Fatal(err)
			}
		}
		from, to := followup.Period{Year: 2026, Month: 3}.Bounds(followup.Location())
		pv, err := db.PageViews(ctx, from, to)
		if err != nil || pv.Views != 16 || pv.Bytes != 280_000 {
			t.Errorf("March: %+v, %v; want the two nodes' counts added", pv, err)
		}
		testOrg(t, db)
		tree, err := db.FindUnitTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e := followup.Engine{Sources: db.FollowUpSources(followup.Factors{GridIntensity: 50}), Tree: tree,
			Now: func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }}
		vs, err := e.Values(ctx, followup.Indicator{Key: "sidvikt", Source: followup.Computed, Computation: "sidvikt"}, []int64{0},
			[]followup.Period{{Year: 2026, Month: 3}})
		if err != nil || !vs[0].Known || vs[0].Value != 17.5 {
			t.Errorf("page weight = %+v, %v; want 280 000 / 16 / 1000 = 17.5 kB", vs, err)
		}
	})
}
