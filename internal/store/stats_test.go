package store_test

import (
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// statsFixture is the errand fixture with a known month of errands and
// drafts, inserted directly so that every time is exact: March 2026 in
// Swedish time, from 2026-02-28 23:00 UTC to 2026-03-31 22:00 UTC.
type statsFixture struct {
	errandFixture
	sub      int64         // hemtjanst, a sub-unit of f.unit
	home     store.Service // a service of sub
	idle     store.Service // a published service of f.unit nobody used
	from, to time.Time     // March 2026, Swedish time
}

// march returns the time of day h:00 UTC on March d, 2026.
func march(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }

const day = 24 * time.Hour

func newStatsFixture(t *testing.T, f errandFixture) statsFixture {
	t.Helper()
	ctx := t.Context()
	sub, err := f.db.FindUnitBySlug(ctx, "hemtjanst")
	if err != nil {
		t.Fatal(err)
	}
	sthlm := eservice.StatsLocation()
	sf := statsFixture{errandFixture: f, sub: sub.ID,
		home: f.publish(t, errandSpec("hemhjalp", "Hemhjälp", sub.ID)),
		idle: f.publish(t, errandSpec("tom", "Tom tjänst", f.unit)),
		from: time.Date(2026, 3, 1, 0, 0, 0, 0, sthlm), to: time.Date(2026, 4, 1, 0, 0, 0, 0, sthlm)}
	// A service never published has no row.
	if _, err := f.db.CreateService(ctx, errandSpec("utkast", "Utkast", f.unit), f.officer.ID); err != nil {
		t.Fatal(err)
	}
	var zero time.Time
	bygg, home, other := f.service, sf.home, f.other
	for _, e := range []struct {
		id                              int64
		sv                              store.Service
		ch                              eservice.Channel
		submitted, due, decided, closed time.Time
	}{
		{1001, bygg, eservice.ChannelDigital, march(2, 10), march(16, 10), march(4, 10), zero},          // 48 h, in time
		{1002, bygg, eservice.ChannelDigital, march(3, 10), march(17, 10), march(10, 10), march(11, 9)}, // 168 h, in time
		{1003, bygg, eservice.ChannelPaper, march(5, 10), march(19, 10), march(25, 10), zero},           // 480 h, late
		{1004, bygg, eservice.ChannelPhone, march(10, 10), march(24, 10), zero, zero},                   // overdue at the end
		{1005, bygg, eservice.ChannelDigital, march(20, 10), march(20, 10).Add(14 * day), zero, zero},   // due after the period
		{1006, bygg, eservice.ChannelVisit, march(12, 10), march(26, 10), zero, march(20, 10)},          // closed undecided
		{1007, bygg, eservice.ChannelLetter, march(14, 10), march(28, 10), time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC), zero},
		// Submitted in February, decided in March (96 h, in time).
		{1008, bygg, eservice.ChannelDigital, time.Date(2026, 2, 27, 10, 0, 0, 0, time.UTC), march(13, 10), march(3, 10), zero},
		// 00:30 on 1 March in Stockholm, still February in UTC: March.
		{1009, bygg, eservice.ChannelDigital, time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC), march(14, 10), zero, zero},
		// 00:30 on 1 April in Stockholm, still March in UTC: April.
		{1010, bygg, eservice.ChannelDigital, time.Date(2026, 3, 31, 22, 30, 0, 0, time.UTC), march(31, 22).Add(14 * day), zero, zero},
		{1011, home, eservice.ChannelDigital, march(6, 10), march(20, 10), march(8, 10), zero}, // 48 h, in time
		{1012, other, eservice.ChannelDigital, march(7, 10), march(21, 10), march(9, 10), zero},
	} {
		sf.insertErrand(t, e.id, e.sv, e.ch, e.submitted, e.due, e.decided, e.closed)
	}
	for _, d := range []struct {
		id                 int64
		sv                 store.Service
		furthest           int
		started, submitted time.Time
		errand             int64
	}{
		{2001, bygg, 0, march(2, 8), zero, 0},
		{2002, bygg, 1, march(2, 9), zero, 0},
		{2003, bygg, 1, march(9, 9), zero, 0},
		{2004, bygg, 2, march(2, 9), march(2, 10), 1001},
		{2005, bygg, 0, march(3, 9), march(3, 10), 1002},
		{2006, bygg, 0, march(5, 9), march(5, 10), 1003},                                         // the officer's registration of the paper errand
		{2007, bygg, 0, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC), zero, 0},                   // February
		{2008, bygg, 0, time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC), zero, 0},                 // March in Stockholm
		{2009, home, 3, march(6, 9), march(6, 10), 1011},                                         // submitted from page 3
		{2010, other, 1, march(7, 9), zero, 0},                                                   // another unit's
		{2011, bygg, 4, time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC), zero, 0},                    // April
		{2012, bygg, 0, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC), march(5, 10).Add(-day), 0}, // February, submitted in March
	} {
		sf.insertDraft(t, d.id, d.sv, d.furthest, d.started, d.submitted, d.errand)
	}
	return sf
}

// insertErrand inserts errand id of sv directly.
func (f statsFixture) insertErrand(t *testing.T, id int64, sv store.Service, ch eservice.Channel, submitted, due, decided, closed time.Time) {
	t.Helper()
	status, kind := "mottaget", "received"
	switch {
	case !closed.IsZero():
		status, kind = "avslutat", "closed"
	case !decided.IsZero():
		status, kind = "beslutat", "decided"
	}
	var registeredBy any
	if ch != eservice.ChannelDigital {
		registeredBy = f.officer.ID
	}
	err := f.db.ExecForTest(t.Context(), `INSERT INTO errands (id, reference, diary_number, service_id, version, unit_id,
		channel, status, status_kind, submitted_at, due_at, decided_at, closed_at, registered_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, fmt.Sprintf("REF-%d", id), fmt.Sprintf("T 2026/%05d", id), sv.ID, sv.Published, sv.Spec.UnitID,
		string(ch), status, kind, submitted, due, nullTime(decided), nullTime(closed), registeredBy)
	if err != nil {
		t.Fatalf("insert errand %d: %v", id, err)
	}
}

// insertDraft inserts draft id of sv directly.
func (f statsFixture) insertDraft(t *testing.T, id int64, sv store.Service, furthest int, started, submitted time.Time, errand int64) {
	t.Helper()
	var errandID any
	if errand != 0 {
		errandID = errand
	}
	err := f.db.ExecForTest(t.Context(), `INSERT INTO eservice_drafts (id, service_id, version, token_hash, page, furthest,
		started_at, updated_at, expires_at, submitted_at, errand_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, sv.ID, sv.Published, secret.HashToken(secret.Token()), furthest, furthest, started, started,
		started.Add(day), nullTime(submitted), errandID)
	if err != nil {
		t.Fatalf("insert draft %d: %v", id, err)
	}
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// channels returns ByChannel counts for digital, paper, phone, visit and
// letter.
func channels(digital, paper, phone, visit, letter int) map[eservice.Channel]int {
	return map[eservice.Channel]int{eservice.ChannelDigital: digital, eservice.ChannelPaper: paper,
		eservice.ChannelPhone: phone, eservice.ChannelVisit: visit, eservice.ChannelLetter: letter}
}

// TestServiceStats checks every figure of a known month, grouped by
// service, by unit and in total, on both engines.
func TestServiceStats(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, ef errandFixture) {
		f := newStatsFixture(t, ef)
		ctx := t.Context()
		after := time.Date(2026, 4, 15, 12, 0, 0, 0, time.UTC) // the period has ended: overdue at its end
		units := []int64{f.unit, f.sub}
		bygg := eservice.ServiceStats{ServiceID: f.service.ID, UnitID: f.unit, Title: f.service.Spec.Title,
			Started: 6, Submitted: 2, DropOff: []int{2, 2},
			Errands: 8, ByChannel: channels(4, 1, 1, 1, 1),
			Decided: 4, DecidedInTime: 3, LeadMedian: 132 * time.Hour, LeadP90: 386*time.Hour + 24*time.Minute,
			Overdue: 3}
		home := eservice.ServiceStats{ServiceID: f.home.ID, UnitID: f.sub, Title: f.home.Spec.Title,
			Started: 1, Submitted: 1, Errands: 1, ByChannel: channels(1, 0, 0, 0, 0),
			Decided: 1, DecidedInTime: 1, LeadMedian: 48 * time.Hour, LeadP90: 48 * time.Hour}
		idle := eservice.ServiceStats{ServiceID: f.idle.ID, UnitID: f.unit, Title: f.idle.Spec.Title, ByChannel: channels(0, 0, 0, 0, 0)}
		total := eservice.ServiceStats{Started: 7, Submitted: 3, DropOff: []int{2, 2},
			Errands: 9, ByChannel: channels(5, 1, 1, 1, 1),
			Decided: 5, DecidedInTime: 4, LeadMedian: 96 * time.Hour, LeadP90: 355*time.Hour + 12*time.Minute, Overdue: 3}
		unitRow := bygg
		unitRow.ServiceID, unitRow.Title = 0, eservice.Text{}
		homeUnit := home
		homeUnit.ServiceID, homeUnit.Title = 0, eservice.Text{}
		other := eservice.ServiceStats{ServiceID: f.other.ID, UnitID: f.otherUnit, Title: f.other.Spec.Title,
			Started: 1, DropOff: []int{0, 1}, Errands: 1, ByChannel: channels(1, 0, 0, 0, 0),
			Decided: 1, DecidedInTime: 1, LeadMedian: 48 * time.Hour, LeadP90: 48 * time.Hour}
		q := eservice.StatsQuery{UnitIDs: units, From: f.from, To: f.to, Now: after}
		tests := []struct {
			name string
			mut  func(*eservice.StatsQuery)
			want []eservice.ServiceStats
		}{
			{"by service", func(*eservice.StatsQuery) {}, sortStats(bygg, idle, home)},
			{"by unit", func(q *eservice.StatsQuery) { q.Group = eservice.ByUnit }, []eservice.ServiceStats{unitRow, homeUnit}},
			{"in total", func(q *eservice.StatsQuery) { q.Group = eservice.InTotal }, []eservice.ServiceStats{total}},
			{"with total", func(q *eservice.StatsQuery) { q.WithTotal = true }, append(sortStats(bygg, idle, home), total)},
			{"by unit with total", func(q *eservice.StatsQuery) { q.Group, q.WithTotal = eservice.ByUnit, true },
				[]eservice.ServiceStats{unitRow, homeUnit, total}},
			{"one service", func(q *eservice.StatsQuery) { q.ServiceID = f.home.ID }, []eservice.ServiceStats{home}},
			{"another unit's service", func(q *eservice.StatsQuery) { q.ServiceID = f.other.ID }, []eservice.ServiceStats{}},
			{"the other unit", func(q *eservice.StatsQuery) { q.UnitIDs = []int64{f.otherUnit} }, []eservice.ServiceStats{other}},
			{"no units", func(q *eservice.StatsQuery) { q.UnitIDs = nil }, []eservice.ServiceStats{}},
			{"sub-unit alone", func(q *eservice.StatsQuery) { q.UnitIDs = []int64{f.sub} }, []eservice.ServiceStats{home}},
		}
		for _, tt := range tests {
			q := q
			tt.mut(&q)
			got, err := f.db.ServiceStats(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.name, diff)
			}
		}
	})
}

// sortStats orders rows as ServiceStats does: by unit, then service.
func sortStats(rows ...eservice.ServiceStats) []eservice.ServiceStats {
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			a, b := rows[i], rows[j]
			if b.UnitID < a.UnitID || (b.UnitID == a.UnitID && b.ServiceID < a.ServiceID) {
				rows[i], rows[j] = b, a
			}
		}
	}
	return rows
}

// TestServiceStatsOverdueNow: in a period that has not ended, overdue is
// judged now, with what was decided after now not yet decided.
func TestServiceStatsOverdueNow(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, ef errandFixture) {
		f := newStatsFixture(t, ef)
		q := eservice.StatsQuery{UnitIDs: []int64{f.unit}, ServiceID: f.service.ID, From: f.from, To: f.to.AddDate(0, 1, 0),
			Now: march(21, 10), Group: eservice.InTotal}
		got, err := f.db.ServiceStats(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		// 1003 (due 19 March, decided on the 25th) and 1009 (due the 14th).
		if len(got) != 1 || got[0].Overdue != 2 {
			t.Fatalf("overdue on 21 March = %+v, want 2", got)
		}
		q.Now = time.Time{} // the store's clock: 10 March 2026, 09:00 UTC
		if got, err = f.db.ServiceStats(t.Context(), q); err != nil || got[0].Overdue != 0 {
			t.Fatalf("overdue by the store's clock = %+v, %v; want 0", got, err)
		}
	})
}

// TestMonthlyStats checks the series of February and March: the errand
// and the draft of 00:30 on 1 March (still February in UTC) are March's.
func TestMonthlyStats(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, ef errandFixture) {
		f := newStatsFixture(t, ef)
		sthlm := eservice.StatsLocation()
		feb := time.Date(2026, 2, 1, 0, 0, 0, 0, sthlm)
		q := eservice.StatsQuery{UnitIDs: []int64{f.unit, f.sub}, From: feb, To: f.to}
		got, err := f.db.MonthlyStats(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		want := []eservice.MonthStats{
			{Month: feb, Started: 2, Submitted: 1, Errands: 1, ByChannel: channels(1, 0, 0, 0, 0)},
			{Month: f.from, Started: 7, Submitted: 3, Errands: 9, ByChannel: channels(5, 1, 1, 1, 1),
				Decided: 5, LeadMedian: 96 * time.Hour, LeadP90: 355*time.Hour + 12*time.Minute},
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(time.Time.Equal)); diff != "" {
			t.Errorf("months (-want +got):\n%s", diff)
		}
		// One month, part of it: from 10 March.
		q.From = march(10, 0)
		if got, err = f.db.MonthlyStats(t.Context(), q); err != nil || len(got) != 1 || got[0].Errands != 4 || got[0].Decided != 2 {
			t.Errorf("from 10 March = %+v, %v; want one month of 4 errands and 2 decisions", got, err)
		}
		if got, err := f.db.MonthlyStats(t.Context(), eservice.StatsQuery{From: feb, To: f.to}); err != nil || len(got) != 0 {
			t.Errorf("no units = %+v, %v", got, err)
		}
	})
}

// TestStatsRefuse: a query Validate refuses is Invalid, on both methods.
func TestStatsRefuse(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		q := eservice.StatsQuery{UnitIDs: []int64{f.unit}, From: errandStart, To: errandStart}
		if _, err := f.db.ServiceStats(t.Context(), q); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("ServiceStats of an empty period: %v", err)
		}
		if _, err := f.db.MonthlyStats(t.Context(), q); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("MonthlyStats of an empty period: %v", err)
		}
	})
}

// TestServiceFunnelLeavesOutRegistrations: ServiceFunnel agrees with the
// statistics, the officer's registration left out.
func TestServiceFunnelLeavesOutRegistrations(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, ef errandFixture) {
		f := newStatsFixture(t, ef)
		got, err := f.db.ServiceFunnel(t.Context(), f.service.ID, f.from, f.to)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Funnel{Started: 6, Submitted: 2, DropOff: []int{2, 2}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("funnel (-want +got):\n%s", diff)
		}
	})
}

// TestStatsThroughWritePaths makes the figures the way the platform does:
// a resident's draft submitted, an officer's paper registration through a
// draft, a decision two days later.
func TestStatsThroughWritePaths(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		start := f.db.Now()
		resident := store.DraftOwner{ResidentID: f.resident.ID}
		d, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: f.service.Published}, resident)
		if err != nil {
			t.Fatal(err)
		}
		n := digital(f.service, f.resident.ID)
		n.DraftID, n.Owner = d.ID, resident
		e := f.submit(t, n)
		officer := store.DraftOwner{Token: secret.Token()}
		reg, err := f.db.StartDraft(ctx, store.Draft{ServiceID: f.service.ID, Version: f.service.Published}, officer)
		if err != nil {
			t.Fatal(err)
		}
		paper := store.NewErrand{ServiceID: f.service.ID, Version: f.service.Published, Channel: eservice.ChannelPaper,
			Answers: eservice.Answers{"what": {"Altan"}}, ByUserID: f.officer.ID, DraftID: reg.ID, Owner: officer}
		if _, err := f.db.SubmitErrand(ctx, paper, rand.Reader); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(2 * day)
		f.change(t, store.ErrandChange{ErrandID: e.ID, ByUserID: f.officer.ID, Decision: "Beviljas."})
		got, err := f.db.ServiceStats(ctx, eservice.StatsQuery{UnitIDs: []int64{f.unit}, ServiceID: f.service.ID,
			From: start.Add(-time.Hour), To: start.Add(3 * day)})
		if err != nil {
			t.Fatal(err)
		}
		want := []eservice.ServiceStats{{ServiceID: f.service.ID, UnitID: f.unit, Title: f.service.Spec.Title,
			Started: 1, Submitted: 1, Errands: 2, ByChannel: channels(1, 1, 0, 0, 0),
			Decided: 1, DecidedInTime: 1, LeadMedian: 2 * day, LeadP90: 2 * day}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
	})
}
