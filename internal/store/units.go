package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sprang"
	"sprang/internal/identity"
)

// unitColumns are the columns scanUnit reads, in order.
const unitColumns = `id, parent_id, kind, slug, name_sv, name_en, org_number, created_at`

type scanner interface{ Scan(dest ...any) error }

func scanUnit(s scanner) (identity.Unit, error) {
	var u identity.Unit
	var parent sql.NullInt64
	err := s.Scan(&u.ID, &parent, &u.Kind, &u.Slug, &u.NameSV, &u.NameEN, &u.OrgNumber, &u.CreatedAt)
	u.ParentID, u.CreatedAt = parent.Int64, u.CreatedAt.UTC()
	return u, err
}

// FindUnits returns every organization unit, ordered by id, ready for
// identity.BuildTree.
func (db *DB) FindUnits(ctx context.Context) ([]identity.Unit, error) {
	return db.findUnits(ctx, db.read.QueryContext)
}

type queryFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

func (db *DB) findUnits(ctx context.Context, query queryFunc) ([]identity.Unit, error) {
	rows, err := query(ctx, `SELECT `+unitColumns+` FROM org_units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("find units: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []identity.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("find units: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find units: %w", err)
	}
	return out, nil
}

// FindUnitTree returns every organization unit as a tree. It returns an
// error when the stored units do not form one (corrupt data).
func (db *DB) FindUnitTree(ctx context.Context) (*identity.Tree, error) {
	units, err := db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	return identity.BuildTree(units)
}

// FindUnitByID returns the unit with id, or NotFound.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (identity.Unit, error) {
	u, err := scanUnit(db.queryRow(ctx, `SELECT `+unitColumns+` FROM org_units WHERE id = ?`, id))
	if err != nil {
		return identity.Unit{}, notFound(err, "unit")
	}
	return u, nil
}

// FindUnitBySlug returns the unit with slug, or NotFound.
func (db *DB) FindUnitBySlug(ctx context.Context, slug string) (identity.Unit, error) {
	u, err := scanUnit(db.queryRow(ctx, `SELECT `+unitColumns+` FROM org_units WHERE slug = ?`, slug))
	if err != nil {
		return identity.Unit{}, notFound(err, "unit")
	}
	return u, nil
}

// CreateUnit normalizes and validates u against the existing units (see
// identity.ValidateUnit) and stores it, returning it with its id. It
// returns Invalid for a faulty unit and Conflict when the slug is taken.
func (db *DB) CreateUnit(ctx context.Context, u identity.Unit) (identity.Unit, error) {
	u = identity.NormalizeUnit(u)
	u.ID, u.CreatedAt = 0, db.Now().Truncate(time.Microsecond) // as PostgreSQL keeps it
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.validateUnitTx(ctx, tx, u); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, db.rebind(`INSERT INTO org_units
			(parent_id, kind, slug, name_sv, name_en, org_number, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			nullID(u.ParentID), u.Kind, u.Slug, u.NameSV, u.NameEN, u.OrgNumber, u.CreatedAt).Scan(&u.ID)
	})
	if err != nil {
		return identity.Unit{}, unitError("create unit", err)
	}
	return u, nil
}

// UpdateUnit changes the parent, slug, names and org number of the stored
// unit with u.ID; its kind stays. It validates like CreateUnit (a unit
// cannot move below itself) and returns the stored unit, NotFound for an
// unknown id, Invalid or Conflict.
func (db *DB) UpdateUnit(ctx context.Context, u identity.Unit) (identity.Unit, error) {
	u = identity.NormalizeUnit(u)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanUnit(tx.QueryRowContext(ctx, db.rebind(`SELECT `+unitColumns+` FROM org_units WHERE id = ?`), u.ID))
		if err != nil {
			return notFound(err, "unit")
		}
		u.Kind, u.CreatedAt = old.Kind, old.CreatedAt
		if err := db.validateUnitTx(ctx, tx, u); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE org_units SET parent_id = ?, slug = ?, name_sv = ?, name_en = ?, org_number = ?
			WHERE id = ?`), nullID(u.ParentID), u.Slug, u.NameSV, u.NameEN, u.OrgNumber, u.ID)
		return err
	})
	if err != nil {
		return identity.Unit{}, unitError(fmt.Sprintf("update unit %d", u.ID), err)
	}
	return u, nil
}

// validateUnitTx checks u against the units as they are inside tx.
func (db *DB) validateUnitTx(ctx context.Context, tx *sql.Tx, u identity.Unit) error {
	units, err := db.findUnits(ctx, func(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
		return tx.QueryContext(ctx, db.rebind(q), args...)
	})
	if err != nil {
		return err
	}
	t, err := identity.BuildTree(units)
	if err != nil {
		return err
	}
	return identity.ValidateUnit(u, t)
}

// unitError wraps err with op, turning a unique violation into Conflict:
// the slug is taken, or a second group was created at the same moment.
func unitError(op string, err error) error {
	if isUniqueViolation(err) {
		err = &sprang.Error{Kind: sprang.Conflict, Message: identity.MsgSlugTaken,
			Fields: map[string]string{"slug": identity.MsgSlugTaken}, Cause: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}
