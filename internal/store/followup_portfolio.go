package store

import (
	"context"
	"fmt"
	"time"

	"sprang/internal/followup"
)

// portfolioSource returns what the follow-up reads of the initiative
// portfolio: initiatives by status over time and realized benefits.
func (db *DB) portfolioSource() followup.PortfolioSource { return portfolio{db} }

// portfolio implements followup.PortfolioSource over the store.
type portfolio struct{ db *DB }

// InitiativeStatuses counts the initiatives that the units own or take
// part in by the status each had at to (its last status change before
// to); an initiative made at or after to is not counted. from is not
// used: a status is a state, not an event.
func (p portfolio) InitiativeStatuses(ctx context.Context, unitIDs []int64, _, to time.Time) (map[followup.InitiativeStatus]int, error) {
	out := map[followup.InitiativeStatus]int{}
	if len(unitIDs) == 0 {
		return out, nil
	}
	in := placeholders(len(unitIDs))
	args := append(append(int64Args(unitIDs), int64Args(unitIDs)...), to.UTC())
	rows, err := p.db.query(ctx, `SELECT initiative_id, status FROM initiative_status_changes
		WHERE initiative_id IN (SELECT id FROM initiatives WHERE owner_unit_id IN (`+in+`)
			UNION SELECT initiative_id FROM initiative_participants WHERE unit_id IN (`+in+`))
		AND since < ? ORDER BY initiative_id, since, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("initiative statuses: %w", err)
	}
	last := map[int64]string{}
	for rows.Next() {
		var id int64
		var status string
		if err := rows.Scan(&id, &status); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("initiative statuses: %w", err)
		}
		last[id] = status
	}
	if err := iniCloseRows(rows); err != nil {
		return nil, fmt.Errorf("initiative statuses: %w", err)
	}
	for _, s := range last {
		out[followup.InitiativeStatus(s)]++
	}
	return out, nil
}

// RealizedBenefits counts the benefits realized in [from, to) (by their
// date, a day counting when it begins in the interval, in Swedish time)
// of the initiatives the units own, and sums those valued in kronor.
func (p portfolio) RealizedBenefits(ctx context.Context, unitIDs []int64, from, to time.Time) (int, float64, error) {
	if len(unitIDs) == 0 {
		return 0, 0, nil
	}
	args := append(int64Args(unitIDs), iniDayFrom(from), iniDayFrom(to))
	var count int
	var sum float64
	err := p.db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(b.value_sek), 0) FROM initiative_benefits b
		JOIN initiatives i ON i.id = b.initiative_id
		WHERE i.owner_unit_id IN (`+placeholders(len(unitIDs))+`) AND b.realized_on >= ? AND b.realized_on < ?`, args...).
		Scan(&count, &sum)
	if err != nil {
		return 0, 0, fmt.Errorf("realized benefits: %w", err)
	}
	return count, sum, nil
}

// iniDayFrom returns the first day (YYYY-MM-DD) that begins at or after
// t in Swedish time.
func iniDayFrom(t time.Time) string {
	t = t.In(followup.Location())
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, followup.Location())
	if day.Before(t) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Format(time.DateOnly)
}
