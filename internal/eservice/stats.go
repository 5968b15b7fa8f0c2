package eservice

import (
	"context"
	"math"
	"slices"
	"time"

	"sprang"
)

// E-service statistics: how residents use the services (started,
// submitted, where they stop), how errands arrive (by channel) and how
// fast they are decided. The store computes them (StatsSource); the staff
// statistics page shows them and the follow-up module reads them through
// an interface of its own with the same methods.

// Period is the half-open interval of time [From, To).
type Period struct {
	From time.Time // inclusive
	To   time.Time // exclusive
}

// Contains reports whether t lies in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// StatsGroup says what one row of ServiceStats covers.
type StatsGroup int

// The groupings of ServiceStats.
const (
	ByService StatsGroup = iota // one row per service and unit (the default)
	ByUnit                      // one row per unit, every service together
	InTotal                     // one row for everything the query selects
)

// MaxStatsMonths is the longest period, in calendar months, a statistics
// query may span.
const MaxStatsMonths = 120

// Message keys of the errors of StatsQuery.Validate.
const (
	MsgStatsPeriod   = "stats.query.period"    // To is not after From
	MsgStatsTooLong  = "stats.query.too_long"  // more than MaxStatsMonths months
	MsgStatsGrouping = "stats.query.grouping"  // an unknown StatsGroup
	MsgStatsNoPeriod = "stats.query.no_period" // From or To is zero
)

// StatsQuery selects what statistics count.
type StatsQuery struct {
	// UnitIDs are the units whose errands and services count: a unit and
	// its sub-units, as the caller may see them. None selects nothing.
	UnitIDs   []int64
	ServiceID int64     // one service, or 0 for every service of the units
	From      time.Time // inclusive
	To        time.Time // exclusive
	Group     StatsGroup
	// WithTotal asks ServiceStats for one more row after the others: the
	// total of everything selected (ServiceID and UnitID 0), with its own
	// exact lead-time percentiles, computed in the same pass.
	WithTotal bool
	// Now is when Overdue is judged for a period that has not ended; zero
	// means the store's clock.
	Now time.Time
	// Location is the time zone of the calendar months of MonthlyStats;
	// nil means Swedish time (StatsLocation).
	Location *time.Location
}

// Period returns the query's period.
func (q StatsQuery) Period() Period { return Period{From: q.From, To: q.To} }

// Loc returns the time zone of the query's months: Location, or
// StatsLocation when it is nil.
func (q StatsQuery) Loc() *time.Location {
	if q.Location != nil {
		return q.Location
	}
	return StatsLocation()
}

// Validate returns an Invalid error naming what is wrong with q: a
// missing bound, To not after From, a period of more than MaxStatsMonths
// calendar months, or an unknown grouping. It returns nil for a usable
// query.
func (q StatsQuery) Validate() error {
	switch {
	case q.From.IsZero() || q.To.IsZero():
		return sprang.Errorf(sprang.Invalid, MsgStatsNoPeriod)
	case !q.To.After(q.From):
		return sprang.Errorf(sprang.Invalid, MsgStatsPeriod)
	case len(MonthStarts(q.Period(), q.Loc())) > MaxStatsMonths:
		return sprang.Errorf(sprang.Invalid, MsgStatsTooLong)
	case q.Group < ByService || q.Group > InTotal:
		return sprang.Errorf(sprang.Invalid, MsgStatsGrouping)
	}
	return nil
}

// OverdueAt returns when the query judges overdue errands: the end of the
// period, or now when the period has not ended yet.
func (q StatsQuery) OverdueAt(now time.Time) time.Time {
	if q.To.Before(now) {
		return q.To
	}
	return now
}

// ServiceStats are the statistics of one service in one unit over a
// period, or of a unit or of everything (see StatsGroup). Errand counts
// are by the time the errand was submitted; decisions and lead times by
// the time of the decision; drafts by the time they were started.
type ServiceStats struct {
	ServiceID int64 // 0 unless grouped ByService
	UnitID    int64 // 0 when InTotal
	Title     Text  // the service's title; zero unless grouped ByService

	// The e-service's funnel: drafts the residents started in the period,
	// how many of those were submitted, and where the others stopped:
	// DropOff[i] drafts went no further than page i (0-based). DropOff is
	// as long as the furthest such page plus one, empty when every draft
	// was submitted.
	Started   int
	Submitted int
	DropOff   []int

	Errands   int             // errands submitted in the period, every channel
	ByChannel map[Channel]int // errands by channel; every channel of Channels() is present

	Decided       int           // errands decided in the period
	DecidedInTime int           // of those, decided by their due time
	LeadMedian    time.Duration // median time from submission to decision of those; 0 when none
	LeadP90       time.Duration // its 90th percentile; 0 when none

	// Overdue counts the errands submitted in the period that were past
	// their due time without a decision or closing at the end of the
	// period (now, for a period not yet ended).
	Overdue int
}

// CompletionRate returns the share of the drafts started in the period
// that were submitted, from 0 to 1; 0 when none was started.
func (s ServiceStats) CompletionRate() float64 { return share(s.Submitted, s.Started) }

// DigitalShare returns the share of the period's errands that came
// through the e-service, from 0 to 1; 0 when there were none.
func (s ServiceStats) DigitalShare() float64 { return share(s.ByChannel[ChannelDigital], s.Errands) }

// InTimeRate returns the share of the period's decisions made by the due
// time, from 0 to 1; 0 when there were none.
func (s ServiceStats) InTimeRate() float64 { return share(s.DecidedInTime, s.Decided) }

// Abandoned returns how many drafts started in the period were not
// submitted.
func (s ServiceStats) Abandoned() int { return s.Started - s.Submitted }

// MonthStats are the statistics of one calendar month of a period, over
// everything the query selects. The first and the last month count only
// the part of them inside the period.
type MonthStats struct {
	Month      time.Time       // the first instant of the month, in the query's location
	Started    int             // drafts started in the month
	Submitted  int             // of those, submitted
	Errands    int             // errands submitted in the month, every channel
	ByChannel  map[Channel]int // errands by channel; every channel present
	Decided    int             // errands decided in the month
	LeadMedian time.Duration   // median lead time of those; 0 when none
	LeadP90    time.Duration   // its 90th percentile; 0 when none
}

// CompletionRate returns the share of the month's started drafts that were
// submitted, from 0 to 1; 0 when none was started.
func (m MonthStats) CompletionRate() float64 { return share(m.Submitted, m.Started) }

// DigitalShare returns the share of the month's errands that came through
// the e-service, from 0 to 1; 0 when there were none.
func (m MonthStats) DigitalShare() float64 { return share(m.ByChannel[ChannelDigital], m.Errands) }

// StatsSource computes e-service statistics. The store implements it; the
// follow-up module declares the same methods for what it reads.
type StatsSource interface {
	// ServiceStats returns the statistics of q's period grouped as q.Group
	// asks: by service, the services the units own (published at least
	// once) and any other service with errands there, each once per unit
	// with activity; ordered by unit and service id, and with the total
	// last when q.WithTotal is set. It returns Invalid for a query Validate
	// refuses and an empty slice when q names no units.
	ServiceStats(ctx context.Context, q StatsQuery) ([]ServiceStats, error)
	// MonthlyStats returns one entry per calendar month (in q's location)
	// overlapping q's period, oldest first, empty months included; q.Group
	// is ignored. It returns Invalid for a query Validate refuses and an
	// empty slice when q names no units.
	MonthlyStats(ctx context.Context, q StatsQuery) ([]MonthStats, error)
}

// ChannelCounts returns a map with every channel at zero, for ByChannel.
func ChannelCounts() map[Channel]int {
	m := make(map[Channel]int, len(Channels()))
	for _, c := range Channels() {
		m[c] = 0
	}
	return m
}

// share returns part/whole, or 0 when whole is not positive.
func share(part, whole int) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Percentile returns the p-th percentile (0 ≤ p ≤ 1) of sorted, which must
// be in ascending order, interpolating linearly between the two nearest
// ranks as PostgreSQL's percentile_cont does: the median of 1, 2, 3 and 4
// is 2.5. It returns 0 for no values; p outside [0, 1] is clamped.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	p = min(max(p, 0), 1)
	rank := p * float64(n-1)
	lo := int(math.Floor(rank))
	hi := min(lo+1, n-1)
	frac := rank - float64(lo)
	if frac == 0 || lo == hi {
		return sorted[lo]
	}
	return sorted[lo] + time.Duration(math.Round(frac*float64(sorted[hi]-sorted[lo])))
}

// LeadSummary sorts leads in place and returns their median and 90th
// percentile (see Percentile); both are 0 for no lead times.
func LeadSummary(leads []time.Duration) (median, p90 time.Duration) {
	slices.Sort(leads)
	return Percentile(leads, 0.5), Percentile(leads, 0.9)
}

// MonthStarts returns the first instant, in loc, of every calendar month
// that overlaps p, oldest first; none when p is empty. It stops after
// MaxStatsMonths+1 months, enough for Validate to refuse a longer period.
func MonthStarts(p Period, loc *time.Location) []time.Time {
	if !p.To.After(p.From) {
		return nil
	}
	f := p.From.In(loc)
	m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, loc)
	var out []time.Time
	for m.Before(p.To) && len(out) <= MaxStatsMonths {
		out = append(out, m)
		m = m.AddDate(0, 1, 0)
	}
	return out
}

// stockholm is Swedish time, or UTC+1 without a zone database.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// StatsLocation returns the time zone statistics count calendar months
// in: Europe/Stockholm, or UTC+1 when the zone database is missing.
func StatsLocation() *time.Location { return stockholm }
