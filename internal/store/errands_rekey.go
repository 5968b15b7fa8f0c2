package store

import (
	"context"
	"database/sql"
	"fmt"
)

// sealedColumn names a sealed column of the errand tables and how its
// associated data is made from the row id.
type sealedColumn struct {
	table, column string
	ad            func(id int64) string
}

// errandSealedColumns are every sealed column the errand tables have.
var errandSealedColumns = []sealedColumn{
	{"errands", "answers_enc", func(id int64) string { return errandAD("answers_enc", id) }},
	{"errands", "email_enc", func(id int64) string { return errandAD("email_enc", id) }},
	{"errand_events", "body_enc", eventAD},
	{"errand_files", "name_enc", fileAD},
}

// rekeyBatch is how many rows RekeyErrands rewrites per transaction.
const rekeyBatch = 500

// RekeyErrands reseals, under the box's current key, every sealed value of
// the errand tables (answers, e-mail addresses, message bodies, file
// names) that is on a previous key, and returns how many values it
// rewrote. Values on the current key are left alone, so it can run again
// after a partial run. Rekey must call it before the previous key may be
// removed.
func (db *DB) RekeyErrands(ctx context.Context) (int, error) {
	if db.box == nil {
		return 0, fmt.Errorf("rekey errands: %w", errNoBox())
	}
	total := 0
	for _, c := range errandSealedColumns {
		n, err := db.resealColumn(ctx, c)
		total += n
		if err != nil {
			return total, fmt.Errorf("rekey %s.%s: %w", c.table, c.column, err)
		}
	}
	return total, nil
}

// resealColumn reseals column c batch by batch, in id order.
func (db *DB) resealColumn(ctx context.Context, c sealedColumn) (int, error) {
	total := 0
	for after := int64(0); ; {
		n, last, err := db.resealBatch(ctx, c, after)
		total += n
		if err != nil || last == 0 {
			return total, err
		}
		after = last
	}
}

// resealBatch reseals the values of up to rekeyBatch rows after id after
// in one transaction, returning how many it rewrote and the last id it
// looked at (0 when there were none).
func (db *DB) resealBatch(ctx context.Context, c sealedColumn, after int64) (int, int64, error) {
	n, last := 0, int64(0)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, db.rebind(`SELECT id, `+c.column+` FROM `+c.table+`
			WHERE id > ? AND `+c.column+` IS NOT NULL ORDER BY id LIMIT ?`), after, rekeyBatch)
		if err != nil {
			return err
		}
		type value struct {
			id     int64
			sealed []byte
		}
		var stale []value
		for rows.Next() {
			var v value
			if err := rows.Scan(&v.id, &v.sealed); err != nil {
				_ = rows.Close()
				return err
			}
			last = v.id
			if db.needsReseal(v.sealed) {
				stale = append(stale, v)
			}
		}
		if err := rows.Err(); err != nil {
			_ = rows.Close()
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, v := range stale {
			plain, err := db.open(v.sealed, c.ad(v.id))
			if err != nil {
				return err
			}
			sealed, err := db.seal(plain, c.ad(v.id))
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE `+c.table+` SET `+c.column+` = ? WHERE id = ?`), sealed, v.id); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, last, err
}
