package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sprang/internal/followup"
)

// RekeyCompetence reseals the competence self-assessments and their
// tallies that are not on the box's current key, and returns how many
// values it resealed. Rows already on the current key are left alone;
// each row is read again and rewritten in a transaction of its own. A
// tally is rewritten under lockCompetence, as SaveCompetence rewrites
// it: on PostgreSQL a save on another node waits instead of being
// overwritten by the resealed old tally.
func (db *DB) RekeyCompetence(ctx context.Context) (int, error) {
	type answerKey struct {
		user int64
		year int
	}
	answers, err := staleRows(ctx, db, `SELECT user_id, year, answers_enc FROM competence_assessments`,
		func(rows *sql.Rows, k *answerKey, sealed *[]byte) error { return rows.Scan(&k.user, &k.year, sealed) })
	if err != nil {
		return 0, fmt.Errorf("rekey competence assessments: %w", err)
	}
	n := 0
	for _, k := range answers {
		done, err := db.resealOne(ctx, 0, competenceAD(k.user, k.year),
			`SELECT answers_enc FROM competence_assessments WHERE user_id = ? AND year = ?`,
			`UPDATE competence_assessments SET answers_enc = ? WHERE user_id = ? AND year = ?`, k.user, k.year)
		if err != nil {
			return n, fmt.Errorf("rekey competence assessment %d/%d: %w", k.user, k.year, err)
		}
		n += done
	}
	type tallyKey struct {
		year  int
		unit  int64
		group followup.RoleGroup
	}
	tallies, err := staleRows(ctx, db, `SELECT year, unit_id, role_group, tally_enc FROM competence_tallies`,
		func(rows *sql.Rows, k *tallyKey, sealed *[]byte) error {
			return rows.Scan(&k.year, &k.unit, &k.group, sealed)
		})
	if err != nil {
		return n, fmt.Errorf("rekey competence tallies: %w", err)
	}
	for _, k := range tallies {
		done, err := db.resealOne(ctx, lockCompetence, tallyAD(k.year, k.unit, k.group),
			`SELECT tally_enc FROM competence_tallies WHERE year = ? AND unit_id = ? AND role_group = ?`,
			`UPDATE competence_tallies SET tally_enc = ? WHERE year = ? AND unit_id = ? AND role_group = ?`, k.year, k.unit, string(k.group))
		if err != nil {
			return n, fmt.Errorf("rekey competence tally %d/%d/%s: %w", k.year, k.unit, k.group, err)
		}
		n += done
	}
	return n, nil
}

// staleRows runs query on db and returns the keys of the rows whose
// sealed value is not on the current key; scan reads one row's key and
// sealed value.
func staleRows[K any](ctx context.Context, db *DB, query string, scan func(rows *sql.Rows, key *K, sealed *[]byte) error) ([]K, error) {
	rows, err := db.query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []K
	for rows.Next() {
		var k K
		var sealed []byte
		if err := scan(rows, &k, &sealed); err != nil {
			return nil, err
		}
		if db.needsReseal(sealed) {
			out = append(out, k)
		}
	}
	return out, rows.Err()
}

// resealOne reads one sealed value with sel and, when it is not on the
// current key, writes it back resealed with update (the value first, then
// args), first taking the advisory lock lock when it is not 0. It
// reports 1 when it resealed, 0 when there was nothing to do (the row is
// gone or was resealed meanwhile).
func (db *DB) resealOne(ctx context.Context, lock int64, ad, sel, update string, args ...any) (int, error) {
	done := 0
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if lock != 0 {
			if err := db.advisoryXactLock(ctx, tx, lock); err != nil {
				return err
			}
		}
		var sealed []byte
		err := tx.QueryRowContext(ctx, db.rebind(sel), args...).Scan(&sealed)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !db.needsReseal(sealed)) {
			return nil
		}
		if err != nil {
			return err
		}
		plain, err := db.box.Open(sealed, []byte(ad))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(update), append([]any{db.box.Seal(plain, []byte(ad))}, args...)...)
		done = 1
		return err
	})
	return done, err
}
