package store

import (
	"context"
	"fmt"

	"sprang/internal/followup"
)

// StoredValuesOf returns the stored values (entered by hand or imported)
// of every indicator for the units (0: the group as a whole) and periods,
// in one query, for a page that shows many indicators at once (the
// follow-up dashboard). Like StoredValues, a unit and period without a
// value is left out.
func (db *DB) StoredValuesOf(ctx context.Context, unitIDs []int64, periods []followup.Period) ([]followup.Value, error) {
	if len(unitIDs) == 0 || len(periods) == 0 {
		return nil, nil
	}
	ps := make([]any, len(periods))
	for i, p := range periods {
		ps[i] = p.String()
	}
	rows, err := db.query(ctx, `SELECT indicator_key, unit_id, period, value, source, comment FROM indicator_values
		WHERE unit_id IN (`+placeholderList(len(unitIDs))+`) AND period IN (`+placeholderList(len(ps))+`)`,
		append(int64Any(unitIDs), ps...)...)
	if err != nil {
		return nil, fmt.Errorf("stored values of indicators: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Value
	for rows.Next() {
		v := followup.Value{Known: true}
		var period string
		if err := rows.Scan(&v.Indicator, &v.UnitID, &period, &v.Value, &v.Source, &v.Comment); err != nil {
			return nil, fmt.Errorf("stored values of indicators: %w", err)
		}
		if v.Period, err = followup.ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("stored values of indicators: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stored values of indicators: %w", err)
	}
	return out, nil
}
