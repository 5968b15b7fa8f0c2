package store

import (
	"context"
	"database/sql"
	"fmt"
)

// deleteDraftFilesTx deletes the rows of the files uploaded to draft id
// (errand_files, migration 0003) and returns their blob keys, for the
// caller to delete the contents. Files that moved to an errand are not the
// draft's any more and stay.
func (db *DB) deleteDraftFilesTx(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, db.rebind(`DELETE FROM errand_files WHERE draft_id = ? AND errand_id IS NULL
		RETURNING blob_key`), id)
	if err != nil {
		return nil, fmt.Errorf("delete draft files: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("delete draft files: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("delete draft files: %w", err)
	}
	return keys, nil
}
