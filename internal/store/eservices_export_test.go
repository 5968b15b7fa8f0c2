package store

import (
	"context"
	"database/sql"
	"time"
)

// CountServiceUseForTest counts an errand of service id made at at, as
// SubmitErrand does.
func (db *DB) CountServiceUseForTest(ctx context.Context, id int64, at time.Time) error {
	return db.tx(ctx, func(tx *sql.Tx) error { return db.countServiceUseTx(ctx, tx, id, at) })
}

// SearchTermsForTest exposes searchTerms.
func SearchTermsForTest(text string) []string { return searchTerms(text) }
