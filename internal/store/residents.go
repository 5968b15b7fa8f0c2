package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"sprang"
	"sprang/internal/identity"
)

// Lookup kinds: the namespaces of residents' lookup hashes.
const (
	lookupPnr   = "pnr"
	lookupEmail = "email"
)

// ResidentLookup returns the keyed lookup hash under which a resident with
// personnummer p is stored, for tables that refer to a resident by it.
func (db *DB) ResidentLookup(p identity.Personnummer) (string, error) {
	return db.lookup(lookupPnr, p.String())
}

// EmailLookup returns the keyed lookup hash of a normalized e-mail address,
// the same hash residents who log in by e-mail are stored under, for rate
// limits and pending e-mail codes.
func (db *DB) EmailLookup(email string) (string, error) {
	return db.lookup(lookupEmail, identity.NormalizeEmail(email))
}

// residentNames is what name_enc holds, sealed.
type residentNames struct {
	Given  string `json:"g,omitempty"`
	Family string `json:"f,omitempty"`
}

// residentAD binds a sealed column to its resident row by lookup hash.
func residentAD(column, lookup string) string { return "residents." + column + ":" + lookup }

// FindOrCreateResidentByEID returns the resident with l's personnummer,
// creating them on their first e-ID login; either way the level of
// assurance is updated to l's, the names too when l has any, and the last
// login time to now. The
// personnummer and names are stored encrypted and found by a keyed lookup
// hash, never in clear. It returns Invalid when l has no personnummer.
func (db *DB) FindOrCreateResidentByEID(ctx context.Context, l identity.EIDLogin) (identity.Resident, error) {
	if len(l.Personnummer) != 12 {
		return identity.Resident{}, sprang.Errorf(sprang.Invalid, identity.MsgPnrFormat)
	}
	lookup, err := db.ResidentLookup(l.Personnummer)
	if err != nil {
		return identity.Resident{}, fmt.Errorf("find or create resident: %w", err)
	}
	row := residentRow{kind: identity.ResidentEID, lookup: lookup, loa: l.LoA,
		pnr: db.box.Seal([]byte(l.Personnummer), []byte(residentAD("pnr_enc", lookup)))}
	if l.GivenName != "" || l.FamilyName != "" {
		names, err := json.Marshal(residentNames{l.GivenName, l.FamilyName})
		if err != nil {
			return identity.Resident{}, fmt.Errorf("find or create resident: %w", err)
		}
		row.names = db.box.Seal(names, []byte(residentAD("name_enc", lookup)))
	}
	return db.upsertResident(ctx, row)
}

// FindOrCreateResidentByEmail returns the resident who logs in with the
// verified e-mail address, creating them on first login, and sets their
// last login time. The address is stored encrypted and found by a keyed
// lookup hash. It returns Invalid for a malformed address.
func (db *DB) FindOrCreateResidentByEmail(ctx context.Context, email string) (identity.Resident, error) {
	email, err := identity.ParseEmail(email)
	if err != nil {
		return identity.Resident{}, fmt.Errorf("find or create resident: %w", err)
	}
	lookup, err := db.EmailLookup(email)
	if err != nil {
		return identity.Resident{}, fmt.Errorf("find or create resident: %w", err)
	}
	row := residentRow{kind: identity.ResidentEmail, lookup: lookup, loa: identity.LoA1,
		email: db.box.Seal([]byte(email), []byte(residentAD("email_enc", lookup)))}
	return db.upsertResident(ctx, row)
}

// residentRow is a resident as written: sealed columns ready.
type residentRow struct {
	kind              identity.ResidentKind
	lookup            string
	loa               identity.LoA
	pnr, email, names []byte
}

// upsertResident inserts r or, when its lookup hash exists, refreshes the
// login fields (and the names, when r has them) in one statement, so two
// nodes logging in the same new resident at once make one row.
func (db *DB) upsertResident(ctx context.Context, r residentRow) (identity.Resident, error) {
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		return tx.QueryRowContext(ctx, db.rebind(`INSERT INTO residents
			(kind, lookup_hash, pnr_enc, email_enc, name_enc, loa, created_at, last_login_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (lookup_hash) DO UPDATE SET loa = excluded.loa, last_login_at = excluded.last_login_at,
				name_enc = COALESCE(excluded.name_enc, residents.name_enc)
			RETURNING id`), r.kind, r.lookup, r.pnr, r.email, r.names, r.loa, now, now).Scan(&id)
	})
	if err != nil {
		return identity.Resident{}, fmt.Errorf("find or create resident: %w", err)
	}
	return db.FindResidentByID(ctx, id)
}

// FindResidentByID returns the resident with id, personal fields
// decrypted, or NotFound. Reading it is a read of personal data: the
// caller audits it.
func (db *DB) FindResidentByID(ctx context.Context, id int64) (identity.Resident, error) {
	return db.findResident(ctx, `id = ?`, id)
}

// ResidentIDByPersonnummer returns the id of the resident with
// personnummer p, found by its lookup hash, or NotFound — for staff
// registering an errand on someone's behalf. It decrypts nothing: staff who
// need the resident's details read them with ReadResident, which audits the
// read.
func (db *DB) ResidentIDByPersonnummer(ctx context.Context, p identity.Personnummer) (int64, error) {
	lookup, err := db.ResidentLookup(p)
	if err != nil {
		return 0, fmt.Errorf("find resident: %w", err)
	}
	var id int64
	if err := db.queryRow(ctx, `SELECT id FROM residents WHERE lookup_hash = ?`, lookup).Scan(&id); err != nil {
		return 0, notFound(err, "resident")
	}
	return id, nil
}

func (db *DB) findResident(ctx context.Context, where string, arg any) (identity.Resident, error) {
	if db.box == nil {
		return identity.Resident{}, fmt.Errorf("find resident: %w", errNoBox())
	}
	var r identity.Resident
	var lookup string
	var pnr, email, names []byte
	err := db.queryRow(ctx, `SELECT id, kind, lookup_hash, pnr_enc, email_enc, name_enc, loa, created_at, last_login_at
		FROM residents WHERE `+where, arg).
		Scan(&r.ID, &r.Kind, &lookup, &pnr, &email, &names, &r.LoA, &r.CreatedAt, &r.LastLoginAt)
	if err != nil {
		return identity.Resident{}, notFound(err, "resident")
	}
	r.CreatedAt, r.LastLoginAt = r.CreatedAt.UTC(), r.LastLoginAt.UTC()
	if err := db.openResident(&r, lookup, pnr, email, names); err != nil {
		return identity.Resident{}, fmt.Errorf("find resident %d: %w", r.ID, err)
	}
	return r, nil
}

// openResident decrypts the sealed columns into r.
func (db *DB) openResident(r *identity.Resident, lookup string, pnr, email, names []byte) error {
	p, err := db.open(pnr, residentAD("pnr_enc", lookup))
	if err != nil {
		return err
	}
	r.Personnummer = identity.Personnummer(p)
	if r.Email, err = db.open(email, residentAD("email_enc", lookup)); err != nil {
		return err
	}
	n, err := db.open(names, residentAD("name_enc", lookup))
	if err != nil || n == "" {
		return err
	}
	var rn residentNames
	if err := json.Unmarshal([]byte(n), &rn); err != nil {
		return fmt.Errorf("decode names: %w", err)
	}
	r.GivenName, r.FamilyName = rn.Given, rn.Family
	return nil
}
