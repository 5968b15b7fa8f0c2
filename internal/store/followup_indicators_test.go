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

// TestAnalogShareEndToEnd submits an errand on paper and one digitally
// through the store and reads the analog/digital share the follow-up
// computes from them.
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
		if v := read(share, f.unit); !v.Known || v.Value != 1 {
			t.Errorf("share after one digital errand: %+v, want 1", v)
		}
		submitPaper(t, f)
		if v := read(share, f.unit); !v.Known || v.Value != 0.5 {
			t.Errorf("share after a paper errand: %+v, want 0.5", v)
		}
		if v := read(share, f.otherUnit); v.Known {
			t.Errorf("the other unit's share moved: %+v", v)
		}
		if v := read(share, 0); !v.Known || v.Value != 0.5 {
			t.Errorf("the group's share: %+v, want 0.5", v)
		}
		if v := read(paper, 0); !v.Known || v.Value != 3 {
			t.Errorf("paper avoided: %+v, want 1 digital errand × 3 sheets", v)
		}
		if v := read(analog, f.unit); !v.Known || v.Value != 0 {
			t.Errorf("mostly analog with two errands: %+v, want 0 (too few to judge)", v)
		}
		for range followup.MinErrandsForShare {
			submitPaper(t, f)
		}
		if v := read(analog, f.unit); !v.Known || v.Value != 1 {
			t.Errorf("mostly analog after more paper: %+v, want 1", v)
		}
		if v := read(share, f.unit); math.Abs(v.Value-1.0/7) > 1e-9 {
			t.Errorf("share after more paper: %+v, want 1/7", v)
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
