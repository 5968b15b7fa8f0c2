package store

import (
	"context"
	"fmt"
)

// FileBlobKeys returns the blob key of every uploaded file the database
// knows, in id order, for the key rotation of file contents.
func (db *DB) FileBlobKeys(ctx context.Context) ([]string, error) {
	rows, err := db.query(ctx, `SELECT blob_key FROM errand_files ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list file keys: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("list file keys: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list file keys: %w", err)
	}
	return keys, nil
}
