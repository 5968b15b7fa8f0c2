package store

import (
	"context"
	"fmt"
	"time"
)

// Funnel is how a service's drafts fared over a period: how many were
// started, how many became errands, and where the others stopped.
type Funnel struct {
	Started   int // drafts started in the period
	Submitted int // of those, submitted
	// DropOff counts the drafts started in the period and not submitted
	// (still open or abandoned) by the furthest page they reached:
	// DropOff[i] stopped at page i. It is as long as the furthest page
	// reached plus one, and empty when every draft was submitted.
	DropOff []int
}

// maxFunnelPage bounds the pages a funnel counts; a form has far fewer.
const maxFunnelPage = 1000

// ServiceFunnel returns the funnel of service serviceID for the drafts
// started from from (inclusive) to to (exclusive). A draft a resident
// deleted is not counted.
func (db *DB) ServiceFunnel(ctx context.Context, serviceID int64, from, to time.Time) (Funnel, error) {
	rows, err := db.query(ctx, `SELECT furthest, COUNT(*), COUNT(submitted_at) FROM eservice_drafts
		WHERE service_id = ? AND started_at >= ? AND started_at < ? GROUP BY furthest`,
		serviceID, from.UTC(), to.UTC())
	if err != nil {
		return Funnel{}, fmt.Errorf("service funnel: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var f Funnel
	for rows.Next() {
		var page, started, submitted int
		if err := rows.Scan(&page, &started, &submitted); err != nil {
			return Funnel{}, fmt.Errorf("service funnel: %w", err)
		}
		f.Started += started
		f.Submitted += submitted
		if open := started - submitted; open > 0 {
			page = min(max(page, 0), maxFunnelPage)
			for len(f.DropOff) <= page {
				f.DropOff = append(f.DropOff, 0)
			}
			f.DropOff[page] += open
		}
	}
	if err := rows.Err(); err != nil {
		return Funnel{}, fmt.Errorf("service funnel: %w", err)
	}
	return f, nil
}
