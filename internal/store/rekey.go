package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"sprang/internal/identity"
)

// RekeyResult counts what Rekey rewrote.
type RekeyResult struct {
	Residents   int // residents whose lookup hash and sealed columns were rewritten
	Users       int // staff users whose sealed columns were resealed
	Drafts      int // drafts whose answers were resealed
	Errands     int // sealed values of errands, events and files resealed
	Contacts    int // residents' contact preferences resealed
	Competence  int // competence self-assessments and their tallies resealed
	Initiatives int // initiatives' contact e-mail addresses resealed
}

// Rekey moves every sealed value and lookup hash onto the box's current
// key after a key rotation (the new key as SPRANG_SECRET_KEY, the old one
// as SPRANG_SECRET_KEY_PREVIOUS): residents get a new lookup hash computed
// from their decrypted personnummer or e-mail and their columns resealed
// for it; staff users' e-mail and TOTP secret are resealed, and so are
// drafts, errands, contact preferences, competence self-assessments and
// initiatives' contact addresses.
// Rows already on
// the current key are left alone, so it can be run again after a partial
// run. When it returns without error the previous key can be removed.
func (db *DB) Rekey(ctx context.Context) (RekeyResult, error) {
	var res RekeyResult
	ids, err := db.ids(ctx, `SELECT id FROM residents ORDER BY id`)
	if err != nil {
		return res, err
	}
	for _, id := range ids {
		done, err := db.rekeyResident(ctx, id)
		if err != nil {
			return res, fmt.Errorf("rekey resident %d: %w", id, err)
		}
		if done {
			res.Residents++
		}
	}
	if ids, err = db.ids(ctx, `SELECT id FROM users ORDER BY id`); err != nil {
		return res, err
	}
	for _, id := range ids {
		done, err := db.rekeyUser(ctx, id)
		if err != nil {
			return res, fmt.Errorf("rekey user %d: %w", id, err)
		}
		if done {
			res.Users++
		}
	}
	if err := db.rekeyEServices(ctx, &res); err != nil {
		return res, err
	}
	if res.Competence, err = db.RekeyCompetence(ctx); err != nil {
		return res, err
	}
	if res.Initiatives, err = db.RekeyInitiatives(ctx); err != nil {
		return res, err
	}
	return res, db.recordCurrentKey(ctx)
}

// rekeyEServices reseals the e-service data: drafts, errands (answers,
// e-mail addresses, message bodies, file names) and contact preferences.
// The contents of uploaded files live in blob storage and are resealed by
// the files package.
func (db *DB) rekeyEServices(ctx context.Context, res *RekeyResult) error {
	var err error
	if res.Drafts, err = db.RekeyDrafts(ctx); err != nil {
		return fmt.Errorf("rekey drafts: %w", err)
	}
	if res.Errands, err = db.RekeyErrands(ctx); err != nil {
		return fmt.Errorf("rekey errands: %w", err)
	}
	if res.Contacts, err = db.RekeyResidentContacts(ctx); err != nil {
		return fmt.Errorf("rekey contact preferences: %w", err)
	}
	return nil
}

// ids returns the ids a query selects.
func (db *DB) ids(ctx context.Context, query string) ([]int64, error) {
	rows, err := db.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list ids: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list ids: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// rekeyResident rewrites one resident onto the current key, reporting
// whether anything changed.
func (db *DB) rekeyResident(ctx context.Context, id int64) (bool, error) {
	r, err := db.FindResidentByID(ctx, id) // opens with the current or a previous key
	if err != nil {
		return false, err
	}
	row, err := db.residentRowOf(r)
	if err != nil {
		return false, err
	}
	changed := false
	err = db.tx(ctx, func(tx *sql.Tx) error {
		var lookup string
		var pnr, email []byte
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT lookup_hash, pnr_enc, email_enc FROM residents WHERE id = ?`), id).
			Scan(&lookup, &pnr, &email); err != nil {
			return err
		}
		if lookup == row.lookup && !db.needsReseal(pnr) && !db.needsReseal(email) {
			return nil
		}
		changed = true
		_, err := tx.ExecContext(ctx, db.rebind(`UPDATE residents SET lookup_hash = ?, pnr_enc = ?, email_enc = ?, name_enc = ? WHERE id = ?`),
			row.lookup, row.pnr, row.email, row.names, id)
		return err
	})
	return changed, err
}

// residentRowOf seals r's personal data for its lookup hash under the
// current key.
func (db *DB) residentRowOf(r identity.Resident) (residentRow, error) {
	var lookup string
	var err error
	if r.Kind == identity.ResidentEID {
		lookup, err = db.ResidentLookup(r.Personnummer)
	} else {
		lookup, err = db.EmailLookup(r.Email)
	}
	if err != nil {
		return residentRow{}, err
	}
	row := residentRow{lookup: lookup}
	if row.pnr, err = db.seal(string(r.Personnummer), residentAD("pnr_enc", lookup)); err != nil {
		return row, err
	}
	if row.email, err = db.seal(r.Email, residentAD("email_enc", lookup)); err != nil {
		return row, err
	}
	if r.GivenName != "" || r.FamilyName != "" {
		names, err := json.Marshal(residentNames{r.GivenName, r.FamilyName})
		if err != nil {
			return row, err
		}
		if row.names, err = db.seal(string(names), residentAD("name_enc", lookup)); err != nil {
			return row, err
		}
	}
	return row, nil
}

// needsReseal reports whether a sealed column (nil: NULL) is not on the
// current key.
func (db *DB) needsReseal(sealed []byte) bool {
	return sealed != nil && db.box.NeedsReseal(sealed)
}

// rekeyUser reseals a staff user's e-mail and TOTP secret under the current
// key, reporting whether anything changed.
func (db *DB) rekeyUser(ctx context.Context, id int64) (bool, error) {
	var email, totp []byte
	if err := db.queryRow(ctx, `SELECT email_enc, totp_secret_enc FROM users WHERE id = ?`, id).Scan(&email, &totp); err != nil {
		return false, notFound(err, "user")
	}
	if !db.needsReseal(email) && !db.needsReseal(totp) {
		return false, nil
	}
	plainEmail, err := db.open(email, userEmailAD(id))
	if err != nil {
		return false, err
	}
	plainTOTP, err := db.open(totp, userTOTPAD(id))
	if err != nil {
		return false, err
	}
	if email, err = db.seal(plainEmail, userEmailAD(id)); err != nil {
		return false, err
	}
	if totp, err = db.seal(plainTOTP, userTOTPAD(id)); err != nil {
		return false, err
	}
	_, err = db.exec(ctx, `UPDATE users SET email_enc = ?, totp_secret_enc = ? WHERE id = ?`, email, totp, id)
	return err == nil, err
}
