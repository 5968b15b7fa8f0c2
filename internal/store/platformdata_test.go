package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// TestPlatformData checks the aggregate queries of the platform's own open
// data on the statistics fixture (February and March 2026, Swedish time):
// counts per month, service, unit and channel, lead times of closed
// errands per month and service, and the first errand.
func TestPlatformData(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, ef errandFixture) {
		f := newStatsFixture(t, ef)
		ctx := t.Context()
		sthlm := eservice.StatsLocation()
		months := []time.Time{time.Date(2026, 2, 1, 0, 0, 0, 0, sthlm), f.from}

		first, err := f.db.FirstErrandAt(ctx)
		if err != nil || !first.Equal(time.Date(2026, 2, 27, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("FirstErrandAt = %v, %v; want errand 1008's submission", first, err)
		}

		counts, err := f.db.PlatformErrandCounts(ctx, months, f.to)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			Month   int
			Service string
			Unit    int64
			Channel eservice.Channel
			Errands int
		}
		var got []row
		for _, c := range counts {
			if c.UnitSV == "" || c.Service.EN == "" {
				t.Errorf("count without names: %+v", c)
			}
			got = append(got, row{c.Month, c.Service.SV, c.UnitID, c.Channel, c.Errands})
		}
		// 1010 is April in Stockholm; 1009 is March there.
		want := []row{
			{0, "Bygglov", f.unit, eservice.ChannelDigital, 1},
			{1, "Bygglov", f.unit, eservice.ChannelDigital, 4},
			{1, "Bygglov", f.unit, eservice.ChannelPaper, 1},
			{1, "Bygglov", f.unit, eservice.ChannelPhone, 1},
			{1, "Bygglov", f.unit, eservice.ChannelVisit, 1},
			{1, "Bygglov", f.unit, eservice.ChannelLetter, 1},
			{1, "Hemhjälp", f.sub, eservice.ChannelDigital, 1},
			{1, "Parkeringstillstånd", f.otherUnit, eservice.ChannelDigital, 1},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("PlatformErrandCounts (-want +got):\n%s", d)
		}

		leads, err := f.db.PlatformLeadTimes(ctx, months, f.to)
		if err != nil {
			t.Fatal(err)
		}
		median, p90 := eservice.LeadSummary([]time.Duration{191 * time.Hour, 192 * time.Hour})
		wantLeads := []store.PlatformLeadTime{{Month: 1, ServiceID: f.service.ID, Service: f.service.Spec.Title,
			Closed: 2, Median: median, P90: p90}}
		if d := cmp.Diff(wantLeads, leads); d != "" {
			t.Errorf("PlatformLeadTimes (-want +got):\n%s", d)
		}

		if c, err := f.db.PlatformErrandCounts(ctx, nil, f.to); err != nil || len(c) != 0 {
			t.Errorf("no months: %v, %v", c, err)
		}
		if l, err := f.db.PlatformLeadTimes(ctx, months[:1], months[1]); err != nil || len(l) != 0 {
			t.Errorf("February has no closed errand: %v, %v", l, err)
		}
	})
}

// TestFirstErrandAtNone checks that a database without errands has no
// first errand.
func TestFirstErrandAtNone(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		if first, err := f.db.FirstErrandAt(t.Context()); err != nil || !first.IsZero() {
			t.Errorf("FirstErrandAt = %v, %v; want the zero time", first, err)
		}
	})
}
