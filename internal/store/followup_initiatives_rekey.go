package store

import (
	"context"
	"fmt"
)

// RekeyInitiatives reseals the initiatives' contact addresses that are
// not on the box's current key and returns how many it rewrote. Rekey
// calls it with the other sealed columns; rows on the current key are
// left alone, so it can be run again after a partial run.
func (db *DB) RekeyInitiatives(ctx context.Context) (int, error) {
	ids, err := db.ids(ctx, `SELECT id FROM initiatives WHERE contact_email_enc IS NOT NULL ORDER BY id`)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		var sealed []byte
		if err := db.queryRow(ctx, `SELECT contact_email_enc FROM initiatives WHERE id = ?`, id).Scan(&sealed); err != nil {
			return n, fmt.Errorf("rekey initiative %d: %w", id, err)
		}
		if !db.needsReseal(sealed) {
			continue
		}
		plain, err := db.open(sealed, initiativeEmailAD(id))
		if err != nil {
			return n, fmt.Errorf("rekey initiative %d: %w", id, err)
		}
		resealed, err := db.seal(plain, initiativeEmailAD(id))
		if err != nil {
			return n, err
		}
		if _, err := db.exec(ctx, `UPDATE initiatives SET contact_email_enc = ? WHERE id = ?`, resealed, id); err != nil {
			return n, fmt.Errorf("rekey initiative %d: %w", id, err)
		}
		n++
	}
	return n, nil
}
