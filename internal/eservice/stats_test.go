package eservice_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"sprang"
	"sprang/internal/eservice"
)

func hours(hs ...float64) []time.Duration {
	out := make([]time.Duration, len(hs))
	for i, h := range hs {
		out[i] = time.Duration(h * float64(time.Hour))
	}
	return out
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 0.5, 0},
		{"empty p90", []time.Duration{}, 0.9, 0},
		{"one value median", hours(5), 0.5, 5 * time.Hour},
		{"one value p90", hours(5), 0.9, 5 * time.Hour},
		{"two values median", hours(2, 4), 0.5, 3 * time.Hour},
		{"odd median", hours(1, 2, 3), 0.5, 2 * time.Hour},
		{"even median interpolates", hours(1, 2, 3, 4), 0.5, 150 * time.Minute},
		{"p90 of ten", hours(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9*time.Hour + 6*time.Minute},
		{"p90 of eleven hits a rank", hours(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9 * time.Hour},
		{"p0 is the least", hours(3, 7, 9), 0, 3 * time.Hour},
		{"p100 is the most", hours(3, 7, 9), 1, 9 * time.Hour},
		{"below 0 clamps", hours(3, 7, 9), -1, 3 * time.Hour},
		{"above 1 clamps", hours(3, 7, 9), 2, 9 * time.Hour},
		{"equal values", hours(4, 4, 4, 4), 0.9, 4 * time.Hour},
		{"skewed", hours(1, 1, 1, 1, 100), 0.9, time.Duration(60.4 * float64(time.Hour))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := eservice.Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestLeadSummary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		leads       []time.Duration
		median, p90 time.Duration
	}{
		{"none", nil, 0, 0},
		{"one", hours(48), 48 * time.Hour, 48 * time.Hour},
		{"unsorted", hours(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), 330 * time.Minute, 9*time.Hour + 6*time.Minute},
		{"two days and a week", hours(48, 168), 108 * time.Hour, 156 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, p := eservice.LeadSummary(slices.Clone(tt.leads))
			if m != tt.median || p != tt.p90 {
				t.Errorf("LeadSummary(%v) = %v, %v; want %v, %v", tt.leads, m, p, tt.median, tt.p90)
			}
		})
	}
}

// TestPercentileMatchesDefinition checks Percentile against a direct
// reading of the definition on random samples: the value at rank p·(n−1),
// interpolated.
func TestPercentileMatchesDefinition(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := 1 + r.IntN(50)
		d := make([]time.Duration, n)
		for i := range d {
			d[i] = time.Duration(r.Int64N(int64(30 * 24 * time.Hour)))
		}
		slices.Sort(d)
		p := r.Float64()
		got := eservice.Percentile(d, p)
		if got < d[0] || got > d[n-1] {
			t.Fatalf("Percentile %v of %v = %v, outside the values", p, d, got)
		}
		rank := p * float64(n-1)
		lo := int(rank)
		if lo+1 < n {
			want := float64(d[lo]) + (rank-float64(lo))*float64(d[lo+1]-d[lo])
			if diff := float64(got) - want; diff > 1 || diff < -1 {
				t.Fatalf("Percentile %v of %v = %v, want %v", p, d, got, time.Duration(want))
			}
		}
	}
}

func TestServiceStatsRates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		s                      eservice.ServiceStats
		completion, digital, i float64
	}{
		{"nothing", eservice.ServiceStats{}, 0, 0, 0},
		{"no errands but drafts", eservice.ServiceStats{Started: 4, Submitted: 1}, 0.25, 0, 0},
		{"every channel", eservice.ServiceStats{Started: 10, Submitted: 10, Errands: 8, Decided: 5, DecidedInTime: 4,
			ByChannel: map[eservice.Channel]int{eservice.ChannelDigital: 6, eservice.ChannelPaper: 2}}, 1, 0.75, 0.8},
		{"paper only", eservice.ServiceStats{Errands: 3, ByChannel: map[eservice.Channel]int{eservice.ChannelPaper: 3}}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.s.CompletionRate(); got != tt.completion {
				t.Errorf("CompletionRate = %v, want %v", got, tt.completion)
			}
			if got := tt.s.DigitalShare(); got != tt.digital {
				t.Errorf("DigitalShare = %v, want %v", got, tt.digital)
			}
			if got := tt.s.InTimeRate(); got != tt.i {
				t.Errorf("InTimeRate = %v, want %v", got, tt.i)
			}
		})
	}
	m := eservice.MonthStats{Started: 5, Submitted: 2, Errands: 4, ByChannel: map[eservice.Channel]int{eservice.ChannelDigital: 1}}
	if m.CompletionRate() != 0.4 || m.DigitalShare() != 0.25 {
		t.Errorf("MonthStats rates = %v, %v; want 0.4, 0.25", m.CompletionRate(), m.DigitalShare())
	}
}

func TestMonthStarts(t *testing.T) {
	t.Parallel()
	sthlm := eservice.StatsLocation()
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, sthlm) }
	tests := []struct {
		name string
		p    eservice.Period
		want []time.Time
	}{
		{"empty", eservice.Period{From: at(2026, 3, 1, 0), To: at(2026, 3, 1, 0)}, nil},
		{"reversed", eservice.Period{From: at(2026, 4, 1, 0), To: at(2026, 3, 1, 0)}, nil},
		{"inside one month", eservice.Period{From: at(2026, 3, 5, 0), To: at(2026, 3, 9, 0)}, []time.Time{at(2026, 3, 1, 0)}},
		{"exactly one month", eservice.Period{From: at(2026, 3, 1, 0), To: at(2026, 4, 1, 0)}, []time.Time{at(2026, 3, 1, 0)}},
		{"30 days across months", eservice.Period{From: at(2026, 2, 20, 0), To: at(2026, 3, 22, 0)},
			[]time.Time{at(2026, 2, 1, 0), at(2026, 3, 1, 0)}},
		{"across a year", eservice.Period{From: at(2025, 12, 1, 0), To: at(2026, 2, 1, 0)},
			[]time.Time{at(2025, 12, 1, 0), at(2026, 1, 1, 0)}},
		// Midnight of 1 March in Stockholm is 23:00 UTC on 28 February: a UTC
		// bound there belongs to March.
		{"utc bound", eservice.Period{From: time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC), To: at(2026, 3, 2, 0)},
			[]time.Time{at(2026, 3, 1, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := eservice.MonthStarts(tt.p, sthlm)
			if !slices.EqualFunc(got, tt.want, time.Time.Equal) {
				t.Errorf("MonthStarts = %v, want %v", got, tt.want)
			}
		})
	}
	year := eservice.MonthStarts(eservice.Period{From: at(2025, 1, 1, 0), To: at(2026, 1, 1, 0)}, sthlm)
	if len(year) != 12 || year[11] != at(2025, 12, 1, 0) {
		t.Errorf("a year has %d months ending %v", len(year), year[len(year)-1])
	}
}

func TestStatsQueryValidate(t *testing.T) {
	t.Parallel()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    eservice.StatsQuery
		msg  string
	}{
		{"ok", eservice.StatsQuery{From: from, To: from.AddDate(1, 0, 0)}, ""},
		{"ten years", eservice.StatsQuery{From: from, To: from.AddDate(10, 0, -1)}, ""},
		{"no from", eservice.StatsQuery{To: from}, eservice.MsgStatsNoPeriod},
		{"no to", eservice.StatsQuery{From: from}, eservice.MsgStatsNoPeriod},
		{"empty", eservice.StatsQuery{From: from, To: from}, eservice.MsgStatsPeriod},
		{"reversed", eservice.StatsQuery{From: from, To: from.Add(-time.Hour)}, eservice.MsgStatsPeriod},
		{"too long", eservice.StatsQuery{From: from, To: from.AddDate(11, 0, 0)}, eservice.MsgStatsTooLong},
		{"bad group", eservice.StatsQuery{From: from, To: from.Add(time.Hour), Group: 7}, eservice.MsgStatsGrouping},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.q.Validate()
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.msg {
				t.Fatalf("Validate = %v, want Invalid %q", err, tt.msg)
			}
		})
	}
}

func TestStatsQueryOverdueAt(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	past := eservice.StatsQuery{From: now.AddDate(-1, 0, 0), To: now.AddDate(0, -1, 0)}
	if got := past.OverdueAt(now); !got.Equal(past.To) {
		t.Errorf("ended period: OverdueAt = %v, want its end", got)
	}
	running := eservice.StatsQuery{From: now.AddDate(0, -1, 0), To: now.AddDate(0, 1, 0)}
	if got := running.OverdueAt(now); !got.Equal(now) {
		t.Errorf("running period: OverdueAt = %v, want now", got)
	}
	if (eservice.StatsQuery{}).Loc() != eservice.StatsLocation() || (eservice.StatsQuery{Location: time.UTC}).Loc() != time.UTC {
		t.Error("Loc does not default to Swedish time")
	}
	p := eservice.Period{From: now, To: now.Add(time.Hour)}
	if !p.Contains(now) || p.Contains(p.To) || p.Contains(now.Add(-time.Nanosecond)) {
		t.Error("Period is not half-open")
	}
}

func TestChannelCounts(t *testing.T) {
	t.Parallel()
	m := eservice.ChannelCounts()
	if len(m) != len(eservice.Channels()) {
		t.Fatalf("ChannelCounts has %d channels, want %d", len(m), len(eservice.Channels()))
	}
	for _, c := range eservice.Channels() {
		if n, ok := m[c]; !ok || n != 0 {
			t.Errorf("channel %s: %d, %v", c, n, ok)
		}
	}
}
