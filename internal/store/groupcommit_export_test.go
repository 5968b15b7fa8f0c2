package store

import (
	"context"
	"database/sql"
)

// TxGroupedForTest runs fn as a grouped write transaction, as busy write
// paths do.
func (db *DB) TxGroupedForTest(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.txGrouped(ctx, fn)
}
