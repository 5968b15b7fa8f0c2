package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RekeyDrafts reseals the answers of every draft that has them onto the
// box's current key after a key rotation (see Rekey), and returns how many
// it rewrote. Drafts already on the current key are left alone, so it can
// run again after a partial run. Rekey should call it before the previous
// key is removed; expired drafts have no answers left to reseal.
func (db *DB) RekeyDrafts(ctx context.Context) (int, error) {
	if db.box == nil {
		return 0, errNoBox()
	}
	ids, err := db.ids(ctx, `SELECT id FROM eservice_drafts WHERE answers_enc IS NOT NULL ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("rekey drafts: %w", err)
	}
	n := 0
	for _, id := range ids {
		done, err := db.rekeyDraft(ctx, id)
		if err != nil {
			return n, fmt.Errorf("rekey draft %d: %w", id, err)
		}
		if done {
			n++
		}
	}
	return n, nil
}

// rekeyDraft reseals one draft's answers under the current key, reporting
// whether anything changed.
func (db *DB) rekeyDraft(ctx context.Context, id int64) (bool, error) {
	changed := false
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var sealed []byte
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT answers_enc FROM eservice_drafts WHERE id = ?`), id).Scan(&sealed)
		if err != nil || !db.needsReseal(sealed) {
			if errNoRowsOrNil(err) {
				return nil // deleted meanwhile
			}
			return err
		}
		plain, err := db.open(sealed, draftAnswersAD(id))
		if err != nil {
			return err
		}
		if sealed, err = db.seal(plain, draftAnswersAD(id)); err != nil {
			return err
		}
		changed = true
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE eservice_drafts SET answers_enc = ? WHERE id = ?`), sealed, id)
		return err
	})
	return changed, err
}

// errNoRowsOrNil reports whether err is nil or sql.ErrNoRows.
func errNoRowsOrNil(err error) bool { return err == nil || errors.Is(err, sql.ErrNoRows) }
