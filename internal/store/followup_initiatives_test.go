package store_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// iniFixture is a database with a small group, a staff user, an
// e-service and a dataset for initiatives to link to.
type iniFixture struct {
	db      *store.DB
	clock   *storetest.Clock
	org     map[string]identity.Unit
	user    identity.User
	service store.Service
	dataset string
}

// eachInitiatives runs fn on both engines with a fresh fixture whose
// database has an encryption box.
func eachInitiatives(t *testing.T, fn func(t *testing.T, f iniFixture)) {
	t.Helper()
	eachClock(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		db = db.WithBox(mustBox(t, "initiative test key initiative test key 01"))
		org := testOrg(t, db)
		user := mustUser(t, db, identity.NewUser{Username: "ulla", DisplayName: "Ulla Utvecklare"})
		svc, err := db.CreateService(t.Context(), testSpec("felanmalan", "Felanmälan", org["kommunen"].ID), user.ID)
		if err != nil {
			t.Fatal(err)
		}
		ds := mustCreateDataset(t, db, testDataset(org["bostadsbolaget"].ID, "lagenheter", "Lägenheter"))
		fn(t, iniFixture{db: db, clock: clock, org: org, user: user, service: svc, dataset: ds.ID})
	})
}

// newInitiative returns a valid initiative owned by unit.
func newInitiative(unit int64, title string) followup.Initiative {
	return followup.Initiative{Title: title, OwnerUnitID: unit, Status: followup.StatusIdea,
		Perspectives: []followup.Perspective{followup.Trygghet}}
}

func TestInitiativeCreateReadUpdate(t *testing.T) {
	t.Parallel()
	eachInitiatives(t, func(t *testing.T, f iniFixture) {
		ctx := t.Context()
		ini := followup.Initiative{Title: "Digital felanmälan", Description: "Hyresgäster gör felanmälan digitalt.",
			OwnerUnitID: f.org["bostadsbolaget"].ID, ContactName: "Anna Ek", ContactEmail: "anna.ek@example.se",
			ParticipantUnitIDs: []int64{f.org["socialforvaltningen"].ID, f.org["bostadsbolaget"].ID},
			Perspectives:       []followup.Perspective{followup.Innovation, followup.Trygghet}, Goals: []int{11, 9},
			Status: followup.StatusOngoing, Start: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), BudgetSEK: 350_000.5, BenefitHypothesis: "Färre samtal.",
			Indicators: []string{"digital-andel"}, Supplier: &followup.Supplier{Name: "Felappen AB", OrgNumber: "5560360793"},
			ServiceIDs: []int64{f.service.ID}, DatasetIDs: []string{f.dataset}}
		created, err := f.db.CreateInitiative(ctx, ini, f.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := ini.Normalize()
		want.ID, want.CreatedAt, want.UpdatedAt = created.ID, f.clock.Now(), f.clock.Now()
		if diff := cmp.Diff(want, created, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("created (-want +got):\n%s", diff)
		}
		// The contact's address is sealed: its bytes are not in the row.
		var raw []byte
		if err := rawDB(t, f.db).QueryRowContext(ctx, "SELECT contact_email_enc FROM initiatives").Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if len(raw) == 0 || bytes.Contains(raw, []byte("anna.ek")) {
			t.Errorf("contact_email_enc = %q: not sealed", raw)
		}

		f.clock.Add(time.Hour)
		upd := created
		upd.Status, upd.Supplier, upd.ServiceIDs, upd.Goals = followup.StatusIntroduced, nil, nil, []int{3}
		got, err := f.db.UpdateInitiative(ctx, upd, f.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		upd.UpdatedAt = f.clock.Now()
		if diff := cmp.Diff(upd, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("updated (-want +got):\n%s", diff)
		}
		entries := auditOf(t, f.db, "initiative")
		if len(entries) != 2 || entries[0].Action != audit.InitiativeCreated || entries[1].Action != audit.InitiativeUpdated ||
			entries[1].Detail != "status ongoing->introduced" || entries[1].ActorName != "ulla" {
			t.Errorf("audit = %+v", entries)
		}
	})
}

func TestInitiativeRefusals(t *testing.T) {
	t.Parallel()
	eachInitiatives(t, func(t *testing.T, f iniFixture) {
		ctx := t.Context()
		unit := f.org["kommunen"].ID
		bad := []struct {
			name  string
			ini   followup.Initiative
			field string
		}{
			{"no title", newInitiative(unit, " "), "title"},
			{"unknown owner", newInitiative(9999, "X"), "owner"},
			{"unknown service", func() followup.Initiative { i := newInitiative(unit, "X"); i.ServiceIDs = []int64{9999}; return i }(), "services"},
			{"unknown dataset", func() followup.Initiative { i := newInitiative(unit, "X"); i.DatasetIDs = []string{"nope"}; return i }(), "datasets"},
		}
		for _, b := range bad {
			_, err := f.db.CreateInitiative(ctx, b.ini, f.user.ID)
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorFields(err)[b.field] == "" {
				t.Errorf("%s: err = %v, want Invalid on %s", b.name, err, b.field)
			}
		}
		all, err := f.db.Initiatives(ctx, followup.InitiativeFilter{})
		if err != nil || len(all) != 0 {
			t.Errorf("after refusals: %d initiatives, %v; want none stored", len(all), err)
		}
		if _, err := f.db.Initiative(ctx, 42); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("Initiative(42) = %v, want NotFound", err)
		}
		if _, err := f.db.UpdateInitiative(ctx, followup.Initiative{ID: 42, Title: "X", OwnerUnitID: unit, Status: followup.StatusIdea,
			Perspectives: []followup.Perspective{followup.Trygghet}}, f.user.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("UpdateInitiative(42) = %v, want NotFound", err)
		}
		ini, err := f.db.CreateInitiative(ctx, newInitiative(unit, "Utan leverantör"), f.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = f.db.SetCriteria(ctx, ini.ID, []followup.Criterion{{Kind: followup.CriterionEnvironment, Met: followup.MetYes, Evidence: "x"}}, f.user.ID)
		if sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("criteria without supplier: %v, want Invalid", err)
		}
		if _, err := f.db.AddBenefit(ctx, ini.ID, followup.Benefit{Description: "ingen dag"}, f.user.ID); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("benefit without date: %v, want Invalid", err)
		}
	})
}

func TestInitiativeBenefitsAndCriteria(t *testing.T) {
	t.Parallel()
	eachInitiatives(t, func(t *testing.T, f iniFixture) {
		ctx := t.Context()
		ini := newInitiative(f.org["socialforvaltningen"].ID, "Sensorer i kärl")
		ini.Supplier = &followup.Supplier{Name: "Sensorbolaget AB"}
		ini, err := f.db.CreateInitiative(ctx, ini, f.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
		for _, b := range []followup.Benefit{
			{Date: day(2026, 2, 1), Description: "Färre körningar", ValueSEK: 80_000},
			{Date: day(2025, 11, 3), Description: "Nöjdare kunder", IndicatorKey: "digital-andel"},
		} {
			if _, err := f.db.AddBenefit(ctx, ini.ID, b, f.user.ID); err != nil {
				t.Fatal(err)
			}
		}
		cs := []followup.Criterion{
			{Kind: followup.CriterionEnvironment, Met: followup.MetPartly, Evidence: "ISO 14001"},
			{Kind: followup.CriterionWorkingConditions, Met: followup.MetYes, Evidence: "Uppförandekod i avtalet"},
		}
		if err := f.db.SetCriteria(ctx, ini.ID, cs, f.user.ID); err != nil {
			t.Fatal(err)
		}
		got, err := f.db.Initiative(ctx, ini.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Benefits) != 2 || got.Benefits[0].Description != "Nöjdare kunder" || got.Benefits[1].ValueSEK != 80_000 ||
			got.Benefits[0].RecordedBy != "Ulla Utvecklare" || got.BenefitSum() != 80_000 {
			t.Errorf("benefits = %+v", got.Benefits)
		}
		c := got.Supplier.Criteria
		if len(c) != 2 || c[0].Kind != followup.CriterionWorkingConditions || c[1].Met != followup.MetPartly ||
			c[0].AssessedBy != "Ulla Utvecklare" || !c[0].AssessedAt.Equal(f.clock.Now()) {
			t.Errorf("criteria = %+v", c)
		}
		// Removing the supplier removes its criteria.
		got.Supplier = nil
		if got, err = f.db.UpdateInitiative(ctx, got, f.user.ID); err != nil || got.Supplier != nil {
			t.Fatalf("update = %+v, %v", got.Supplier, err)
		}
		got.Supplier = &followup.Supplier{Name: "Nytt bolag AB"}
		if got, err = f.db.UpdateInitiative(ctx, got, f.user.ID); err != nil || len(got.Supplier.Criteria) != 0 {
			t.Errorf("new supplier criteria = %+v, %v; want none", got.Supplier, err)
		}
	})
}

func TestInitiativesFilter(t *testing.T) {
	t.Parallel()
	eachInitiatives(t, func(t *testing.T, f iniFixture) {
		ctx := t.Context()
		social, bolag := f.org["socialforvaltningen"].ID, f.org["bostadsbolaget"].ID
		a := newInitiative(social, "A")
		a.Status, a.Start = followup.StatusOngoing, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		b := newInitiative(bolag, "B")
		b.ParticipantUnitIDs, b.Perspectives = []int64{social}, []followup.Perspective{followup.Hallbarhet}
		c := newInitiative(bolag, "C")
		for _, ini := range []followup.Initiative{a, b, c} {
			if _, err := f.db.CreateInitiative(ctx, ini, f.user.ID); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			f    followup.InitiativeFilter
			want []string
		}{
			{followup.InitiativeFilter{}, []string{"B", "C", "A"}},
			{followup.InitiativeFilter{UnitID: social}, []string{"B", "A"}},
			{followup.InitiativeFilter{Status: followup.StatusOngoing}, []string{"A"}},
			{followup.InitiativeFilter{Perspective: followup.Hallbarhet}, []string{"B"}},
			{followup.InitiativeFilter{Year: 2025}, []string{"A"}},
		}
		for _, tc := range tests {
			got, err := f.db.Initiatives(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, ini := range got {
				titles = append(titles, ini.Title)
			}
			if fmt.Sprint(titles) != fmt.Sprint(tc.want) {
				t.Errorf("%+v: %v, want %v", tc.f, titles, tc.want)
			}
		}
	})
}

func TestPortfolioSource(t *testing.T) {
	t.Parallel()
	eachInitiatives(t, func(t *testing.T, f iniFixture) {
		ctx := t.Context()
		social, bolag := f.org["socialforvaltningen"].ID, f.org["bostadsbolaget"].ID
		setClock(f.clock, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
		a, err := f.db.CreateInitiative(ctx, newInitiative(social, "A"), f.user.ID)
		if err != nil {
			t.Fatal(err)
		}
		b := newInitiative(bolag, "B")
		b.ParticipantUnitIDs = []int64{social}
		if b, err = f.db.CreateInitiative(ctx, b, f.user.ID); err != nil {
			t.Fatal(err)
		}
		setClock(f.clock, time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC))
		a.Status, a.Start = followup.StatusIntroduced, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		if _, err := f.db.UpdateInitiative(ctx, a, f.user.ID); err != nil {
			t.Fatal(err)
		}
		for _, bn := range []struct {
			id   int64
			date time.Time
			sek  float64
		}{{a.ID, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), 1000}, {a.ID, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 500},
			{a.ID, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), 0}, {b.ID, time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), 9000}} {
			if _, err := f.db.AddBenefit(ctx, bn.id, followup.Benefit{Date: bn.date, Description: "Nytta", ValueSEK: bn.sek}, f.user.ID); err != nil {
				t.Fatal(err)
			}
		}
		src := f.db.FollowUpSources(followup.Factors{}).Portfolio
		y2025from, y2025to := followup.YearPeriod(2025).Bounds(followup.Location())
		y2026from, y2026to := followup.YearPeriod(2026).Bounds(followup.Location())
		statuses := []struct {
			units    []int64
			from, to time.Time
			want     map[followup.InitiativeStatus]int
		}{
			{[]int64{social}, y2025from, y2025to, map[followup.InitiativeStatus]int{followup.StatusIdea: 2}},
			{[]int64{social}, y2026from, y2026to, map[followup.InitiativeStatus]int{followup.StatusIdea: 1, followup.StatusIntroduced: 1}},
			{[]int64{bolag}, y2026from, y2026to, map[followup.InitiativeStatus]int{followup.StatusIdea: 1}},
			{[]int64{social}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), map[followup.InitiativeStatus]int{}},
			{nil, y2026from, y2026to, map[followup.InitiativeStatus]int{}},
		}
		for _, tc := range statuses {
			got, err := src.InitiativeStatuses(ctx, tc.units, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("statuses %v %v (-want +got):\n%s", tc.units, tc.to, diff)
			}
		}
		benefits := []struct {
			units    []int64
			from, to time.Time
			count    int
			sek      float64
		}{
			{[]int64{social}, y2025from, y2025to, 1, 1000},
			{[]int64{social}, y2026from, y2026to, 2, 500},
			{[]int64{social, bolag}, y2026from, y2026to, 3, 9500},
			{[]int64{bolag}, y2025from, y2025to, 0, 0},
		}
		for _, tc := range benefits {
			n, sek, err := src.RealizedBenefits(ctx, tc.units, tc.from, tc.to)
			if err != nil || n != tc.count || sek != tc.sek {
				t.Errorf("benefits %v %v: %d, %v, %v; want %d, %v", tc.units, tc.from, n, sek, err, tc.count, tc.sek)
			}
		}
	})
}

// auditOf returns the audit entries about objects of type objectType, in
// order.
func auditOf(t *testing.T, db *store.DB, objectType string) []audit.Entry {
	t.Helper()
	page, err := db.FindAuditEntries(t.Context(), audit.Filter{ObjectType: objectType})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(page.Entries)
	return page.Entries
}

// setClock moves c to t.
func setClock(c *storetest.Clock, t time.Time) { c.Add(t.Sub(c.Now())) }
