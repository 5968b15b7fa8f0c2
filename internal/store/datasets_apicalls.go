package store

import (
	"context"
	"fmt"
)

// CountAPICalls adds n calls to the API call counter of day (UTC,
// "YYYY-MM-DD") and action (e.g. "datastore_search"); the follow-up reads
// the totals with APICalls.
func (db *DB) CountAPICalls(ctx context.Context, day, action string, n int64) error {
	_, err := db.exec(ctx, `INSERT INTO api_calls (day, action, calls) VALUES (?, ?, ?)
		ON CONFLICT (day, action) DO UPDATE SET calls = api_calls.calls + excluded.calls`, day, action, n)
	if err != nil {
		return fmt.Errorf("count api calls: %w", err)
	}
	return nil
}

// APICalls returns the API calls counted per day from..to (inclusive,
// "YYYY-MM-DD"), summed over actions except the follow-up dashboard's
// page views ("web_followup", counted only for the rate limits); days
// without calls are absent.
func (db *DB) APICalls(ctx context.Context, from, to string) (map[string]int64, error) {
	rows, err := db.query(ctx, `SELECT day, CAST(SUM(calls) AS BIGINT) FROM api_calls
		WHERE day >= ? AND day <= ? AND action <> 'web_followup' GROUP BY day`, from, to)
	if err != nil {
		return nil, fmt.Errorf("api calls: %w", err)
	}
	defer func() { _ = rows.Close() }()
	out := map[string]int64{}
	for rows.Next() {
		var day string
		var n int64
		if err := rows.Scan(&day, &n); err != nil {
			return nil, fmt.Errorf("api calls: %w", err)
		}
		out[day] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("api calls: %w", err)
	}
	return out, nil
}
