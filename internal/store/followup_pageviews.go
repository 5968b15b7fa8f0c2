package store

import (
	"context"
	"fmt"
	"time"

	"sprang/internal/followup"
)

// The platform's page views per day, for the page weight and CO₂e of the
// follow-up: each node counts in memory and adds its counts here every
// few minutes (web/pageviews.go), so a row is the sum over the nodes.

// AddPageViews adds views and bytes to the counts of day ("YYYY-MM-DD",
// Swedish time).
func (db *DB) AddPageViews(ctx context.Context, day string, views, bytes int64) error {
	if views == 0 && bytes == 0 {
		return nil
	}
	_, err := db.exec(ctx, `INSERT INTO page_views (day, views, bytes) VALUES (?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET views = page_views.views + excluded.views, bytes = page_views.bytes + excluded.bytes`,
		day, views, bytes)
	if err != nil {
		return fmt.Errorf("add page views: %w", err)
	}
	return nil
}

// PageViews implements followup.PlatformSource: the page views and bytes
// of the Swedish days that [from, to) touches.
func (db *DB) PageViews(ctx context.Context, from, to time.Time) (followup.PageViews, error) {
	var pv followup.PageViews
	if !to.After(from) {
		return pv, nil
	}
	loc := followup.Location()
	first, last := from.In(loc).Format(time.DateOnly), to.Add(-time.Nanosecond).In(loc).Format(time.DateOnly)
	err := db.queryRow(ctx, `SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT), CAST(COALESCE(SUM(bytes), 0) AS BIGINT)
		FROM page_views WHERE day >= ? AND day <= ?`, first, last).Scan(&pv.Views, &pv.Bytes)
	if err != nil {
		return pv, fmt.Errorf("page views: %w", err)
	}
	return pv, nil
}

var _ followup.PlatformSource = (*DB)(nil)
