package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"sprang/internal/eservice"
)

// The store computes the e-service statistics (eservice.StatsSource) with
// a few grouped queries over the errands and drafts of the chosen units
// and period, each read from one covering index (0006_stats.sql). Counts
// are GROUP BY in SQL. Lead times are read as one integer per decided
// errand, the seconds from submission to decision (secondsBetween, a
// dialect method), and their percentiles computed exactly in Go, so both
// engines share one code path (PostgreSQL has percentile_cont, SQLite
// nothing like it). Calendar months are Swedish months: their bounds are
// computed in Go and passed to a CASE, which needs no per-engine date
// arithmetic and puts an errand of 23:30 UTC on 31 January in February,
// as a Swede would.

var _ eservice.StatsSource = (*DB)(nil)

// statsKey is one row of ServiceStats.
type statsKey struct{ service, unit int64 }

// statsAcc accumulates the rows of one ServiceStats query, and the total
// when it is not nil.
type statsAcc struct {
	group      eservice.StatsGroup
	rows       map[statsKey]*eservice.ServiceStats
	leads      map[statsKey][]time.Duration
	total      *eservice.ServiceStats
	totalLeads []time.Duration
}

// key returns the row a service's figures in unit go to.
func (a *statsAcc) key(service, unit int64) statsKey {
	switch a.group {
	case eservice.ByUnit:
		return statsKey{unit: unit}
	case eservice.InTotal:
		return statsKey{}
	}
	return statsKey{service, unit}
}

// row returns the row of a service in unit, made on first use.
func (a *statsAcc) row(service, unit int64) *eservice.ServiceStats {
	k := a.key(service, unit)
	r := a.rows[k]
	if r == nil {
		r = &eservice.ServiceStats{ServiceID: k.service, UnitID: k.unit, ByChannel: eservice.ChannelCounts()}
		a.rows[k] = r
	}
	return r
}

// targets returns the rows a service's figures in unit add to: its row,
// and the total when there is one.
func (a *statsAcc) targets(service, unit int64) []*eservice.ServiceStats {
	if a.total == nil {
		return []*eservice.ServiceStats{a.row(service, unit)}
	}
	return []*eservice.ServiceStats{a.row(service, unit), a.total}
}

// statsScope returns the condition selecting q's units (and service) in
// table alias t ("" for none), and its arguments.
func statsScope(q eservice.StatsQuery, t string) (string, []any) {
	if t != "" {
		t += "."
	}
	cond := t + `unit_id IN (` + placeholderList(len(q.UnitIDs)) + `)`
	args := int64Any(q.UnitIDs)
	if q.ServiceID != 0 {
		cond += ` AND ` + t + `service_id = ?`
		args = append(args, q.ServiceID)
	}
	return cond, args
}

// ServiceStats implements eservice.StatsSource: the statistics of q's
// period grouped as q.Group asks. It returns Invalid for a query
// q.Validate refuses and an empty slice when q names no units. Rows are
// ordered by unit and service id.
func (db *DB) ServiceStats(ctx context.Context, q eservice.StatsQuery) ([]eservice.ServiceStats, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("service stats: %w", err)
	}
	if len(q.UnitIDs) == 0 {
		return []eservice.ServiceStats{}, nil
	}
	now := q.Now
	if now.IsZero() {
		now = db.Now()
	}
	a := &statsAcc{group: q.Group, rows: map[statsKey]*eservice.ServiceStats{}, leads: map[statsKey][]time.Duration{}}
	if q.WithTotal {
		a.total = &eservice.ServiceStats{ByChannel: eservice.ChannelCounts()}
	}
	steps := []func(context.Context, eservice.StatsQuery, *statsAcc) error{db.statsErrands(now), db.statsDecisions, db.statsDrafts}
	switch q.Group {
	case eservice.ByService:
		steps = append(steps, db.statsServices)
	case eservice.InTotal:
		a.row(0, 0) // the one row, even when nothing happened
	}
	for _, step := range steps {
		if err := step(ctx, q, a); err != nil {
			return nil, fmt.Errorf("service stats: %w", err)
		}
	}
	out := make([]eservice.ServiceStats, 0, len(a.rows))
	for k, r := range a.rows {
		r.LeadMedian, r.LeadP90 = eservice.LeadSummary(a.leads[k])
		out = append(out, *r)
	}
	slices.SortFunc(out, func(x, y eservice.ServiceStats) int {
		return cmp.Or(cmp.Compare(x.UnitID, y.UnitID), cmp.Compare(x.ServiceID, y.ServiceID))
	})
	if a.total != nil {
		a.total.LeadMedian, a.total.LeadP90 = eservice.LeadSummary(a.totalLeads)
		out = append(out, *a.total)
	}
	return out, nil
}

// statsErrands counts the errands submitted in q's period by channel, and
// those overdue at q.OverdueAt(now).
func (db *DB) statsErrands(now time.Time) func(context.Context, eservice.StatsQuery, *statsAcc) error {
	return func(ctx context.Context, q eservice.StatsQuery, a *statsAcc) error {
		at := q.OverdueAt(now).UTC()
		scope, args := statsScope(q, "")
		rows, err := db.query(ctx, `SELECT service_id, unit_id, channel, COUNT(*),
				SUM(CASE WHEN `+db.timeValue("due_at")+` < ? AND (decided_at IS NULL OR `+db.timeValue("decided_at")+` > ?)
					AND (closed_at IS NULL OR `+db.timeValue("closed_at")+` > ?)
					THEN 1 ELSE 0 END)
			FROM errands WHERE `+scope+` AND submitted_at >= ? AND submitted_at < ?
			GROUP BY service_id, unit_id, channel`,
			append(append([]any{at, at, at}, args...), q.From.UTC(), q.To.UTC())...)
		if err != nil {
			return fmt.Errorf("errands: %w", err)
		}
		defer func() { _ = rows.Close() }()
		for rows.Next() {
			var service, unit int64
			var channel string
			var n, overdue int
			if err := rows.Scan(&service, &unit, &channel, &n, &overdue); err != nil {
				return fmt.Errorf("errands: %w", err)
			}
			for _, r := range a.targets(service, unit) {
				r.Errands += n
				r.ByChannel[eservice.Channel(channel)] += n
				r.Overdue += overdue
			}
		}
		return rows.Err()
	}
}

// statsDecisions counts the errands decided in q's period, those decided
// by their due time, and collects their lead times.
func (db *DB) statsDecisions(ctx context.Context, q eservice.StatsQuery, a *statsAcc) error {
	return db.decisions(ctx, q, nil, func(service, unit int64, _ int, lead time.Duration, inTime bool) {
		for _, r := range a.targets(service, unit) {
			r.Decided++
			if inTime {
				r.DecidedInTime++
			}
		}
		k := a.key(service, unit)
		a.leads[k] = append(a.leads[k], lead)
		if a.total != nil {
			a.totalLeads = append(a.totalLeads, lead)
		}
	})
}

// decisions calls fn for every errand of q's scope decided in q's period:
// its service and unit, the index in months of the month of the decision
// (0 when months is nil), its lead time in whole seconds, and whether the
// decision came by its due time. The columns it reads are all in one
// index (0006_stats.sql), and the lead time comes as one integer.
func (db *DB) decisions(ctx context.Context, q eservice.StatsQuery, months []time.Time,
	fn func(service, unit int64, month int, lead time.Duration, inTime bool)) error {
	month, margs := db.monthCase("decided_at", months)
	scope, args := statsScope(q, "")
	rows, err := db.query(ctx, `SELECT service_id, unit_id, `+month+`, `+db.secondsBetween("submitted_at", "decided_at")+`,
			CASE WHEN decided_at <= due_at THEN 1 ELSE 0 END
		FROM errands WHERE `+scope+` AND decided_at >= ? AND decided_at < ?`,
		append(append(margs, args...), q.From.UTC(), q.To.UTC())...)
	if err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var service, unit, seconds int64
		var i, inTime int
		if err := rows.Scan(&service, &unit, &i, &seconds, &inTime); err != nil {
			return fmt.Errorf("decisions: %w", err)
		}
		fn(service, unit, i, time.Duration(seconds)*time.Second, inTime == 1)
	}
	return rows.Err()
}

// statsDrafts adds the funnel of the drafts started in q's period.
func (db *DB) statsDrafts(ctx context.Context, q eservice.StatsQuery, a *statsAcc) error {
	funnels := map[*eservice.ServiceStats]*Funnel{}
	err := db.draftCounts(ctx, q.From, q.To, draftScope{unitIDs: q.UnitIDs, serviceID: q.ServiceID}, `d.furthest`, nil,
		func(service, unit int64, page, started, submitted int) {
			for _, r := range a.targets(service, unit) {
				if funnels[r] == nil {
					funnels[r] = &Funnel{}
				}
				funnels[r].add(page, started, submitted)
			}
		})
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	for r, f := range funnels {
		r.Started, r.Submitted, r.DropOff = f.Started, f.Submitted, f.DropOff
	}
	return nil
}

// statsServices adds a row for every service the units own that was ever
// published, so that a service nobody used shows its zeros, and sets the
// title of every service row.
func (db *DB) statsServices(ctx context.Context, q eservice.StatsQuery, a *statsAcc) error {
	scope, args := statsScope(q, "")
	scope = strings.Replace(scope, "service_id", "id", 1)
	rows, err := db.query(ctx, `SELECT id, unit_id, title_sv, title_en FROM eservices
		WHERE `+scope+` AND published_version > 0`, args...)
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	defer func() { _ = rows.Close() }()
	titles := map[int64]eservice.Text{}
	for rows.Next() {
		var id, unit int64
		var t eservice.Text
		if err := rows.Scan(&id, &unit, &t.SV, &t.EN); err != nil {
			return fmt.Errorf("services: %w", err)
		}
		a.row(id, unit)
		titles[id] = t
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("services: %w", err)
	}
	_ = rows.Close()
	return db.statsTitles(ctx, a, titles)
}

// statsTitles sets the title of every row, reading those not in known.
func (db *DB) statsTitles(ctx context.Context, a *statsAcc, known map[int64]eservice.Text) error {
	var missing []int64
	for k := range a.rows {
		if _, ok := known[k.service]; !ok && !slices.Contains(missing, k.service) {
			missing = append(missing, k.service)
		}
	}
	if len(missing) > 0 {
		rows, err := db.query(ctx, `SELECT id, title_sv, title_en FROM eservices WHERE id IN (`+
			placeholderList(len(missing))+`)`, int64Any(missing)...)
		if err != nil {
			return fmt.Errorf("titles: %w", err)
		}
		defer func() { _ = rows.Close() }()
		for rows.Next() {
			var id int64
			var t eservice.Text
			if err := rows.Scan(&id, &t.SV, &t.EN); err != nil {
				return fmt.Errorf("titles: %w", err)
			}
			known[id] = t
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("titles: %w", err)
		}
	}
	for k, r := range a.rows {
		r.Title = known[k.service]
	}
	return nil
}

// MonthlyStats implements eservice.StatsSource: one entry per calendar
// month (in q's location) overlapping q's period, oldest first, empty
// months included. It returns Invalid for a query q.Validate refuses and
// an empty slice when q names no units.
func (db *DB) MonthlyStats(ctx context.Context, q eservice.StatsQuery) ([]eservice.MonthStats, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("monthly stats: %w", err)
	}
	if len(q.UnitIDs) == 0 {
		return []eservice.MonthStats{}, nil
	}
	months := eservice.MonthStarts(q.Period(), q.Loc())
	out := make([]eservice.MonthStats, len(months))
	for i, m := range months {
		out[i] = eservice.MonthStats{Month: m, ByChannel: eservice.ChannelCounts()}
	}
	if err := db.monthlyErrands(ctx, q, months, out); err != nil {
		return nil, fmt.Errorf("monthly stats: %w", err)
	}
	if err := db.monthlyDrafts(ctx, q, months, out); err != nil {
		return nil, fmt.Errorf("monthly stats: %w", err)
	}
	leads := make([][]time.Duration, len(months))
	err := db.decisions(ctx, q, months, func(_, _ int64, i int, lead time.Duration, _ bool) {
		if i >= 0 && i < len(out) {
			out[i].Decided++
			leads[i] = append(leads[i], lead)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("monthly stats: %w", err)
	}
	for i := range out {
		out[i].LeadMedian, out[i].LeadP90 = eservice.LeadSummary(leads[i])
	}
	return out, nil
}

// monthCase returns an expression giving the index in months of the month
// col falls in, for a col already known to lie in the period, and its
// arguments: the starts of the second and later months, in UTC.
func (db *DB) monthCase(col string, months []time.Time) (string, []any) {
	col = db.timeValue(col)
	if len(months) < 2 {
		return `0`, nil
	}
	var b strings.Builder
	args := make([]any, 0, len(months)-1)
	b.WriteString(`CASE`)
	for i, m := range months[1:] {
		fmt.Fprintf(&b, ` WHEN %s < ? THEN %d`, col, i)
		args = append(args, m.UTC())
	}
	fmt.Fprintf(&b, ` ELSE %d END`, len(months)-1)
	return b.String(), args
}

// monthlyErrands counts the errands submitted in each month by channel.
func (db *DB) monthlyErrands(ctx context.Context, q eservice.StatsQuery, months []time.Time, out []eservice.MonthStats) error {
	month, margs := db.monthCase("submitted_at", months)
	scope, args := statsScope(q, "")
	rows, err := db.query(ctx, `SELECT `+month+`, channel, COUNT(*) FROM errands
		WHERE `+scope+` AND submitted_at >= ? AND submitted_at < ? GROUP BY 1, 2`,
		append(append(margs, args...), q.From.UTC(), q.To.UTC())...)
	if err != nil {
		return fmt.Errorf("errands: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var i, n int
		var channel string
		if err := rows.Scan(&i, &channel, &n); err != nil {
			return fmt.Errorf("errands: %w", err)
		}
		if i >= 0 && i < len(out) {
			out[i].Errands += n
			out[i].ByChannel[eservice.Channel(channel)] += n
		}
	}
	return rows.Err()
}

// monthlyDrafts counts the drafts started in each month and how many of
// them were submitted.
func (db *DB) monthlyDrafts(ctx context.Context, q eservice.StatsQuery, months []time.Time, out []eservice.MonthStats) error {
	month, margs := db.monthCase("d.started_at", months)
	err := db.draftCounts(ctx, q.From, q.To, draftScope{unitIDs: q.UnitIDs, serviceID: q.ServiceID}, month, margs,
		func(_, _ int64, i, started, submitted int) {
			if i >= 0 && i < len(out) {
				out[i].Started += started
				out[i].Submitted += submitted
			}
		})
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	return nil
}
