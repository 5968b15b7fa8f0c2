package store

import (
	"context"
	"fmt"

	"sprang"
	"sprang/internal/identity"
)

// findGrants returns the grants of the user_roles rows matching where
// (which may be empty for all), by user id, ordered by unit and role.
func (db *DB) findGrants(ctx context.Context, where string, args ...any) (map[int64][]identity.Grant, error) {
	rows, err := db.query(ctx, `SELECT user_id, unit_id, role FROM user_roles `+where+` ORDER BY user_id, unit_id, role`, args...)
	if err != nil {
		return nil, fmt.Errorf("find grants: %w", err)
	}
	defer func() { _ = rows.Close() }()
	out := map[int64][]identity.Grant{}
	for rows.Next() {
		var uid int64
		var g identity.Grant
		if err := rows.Scan(&uid, &g.UnitID, &g.Role); err != nil {
			return nil, fmt.Errorf("find grants: %w", err)
		}
		out[uid] = append(out[uid], g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find grants: %w", err)
	}
	return out, nil
}

// GrantRole gives the user with userID the role g.Role in unit g.UnitID
// (and so in the units below it). Granting a role the user has already is
// not an error. It returns Invalid for an unknown role and NotFound for an
// unknown user or unit.
func (db *DB) GrantRole(ctx context.Context, userID int64, g identity.Grant) error {
	if _, err := identity.ParseRole(string(g.Role)); err != nil {
		return fmt.Errorf("grant role: %w", err)
	}
	_, err := db.exec(ctx, `INSERT INTO user_roles (user_id, unit_id, role, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, unit_id, role) DO NOTHING`, userID, g.UnitID, g.Role, db.Now())
	if isForeignKeyViolation(err) {
		err = &sprang.Error{Kind: sprang.NotFound, Message: "user or unit not found", Cause: err}
	}
	if err != nil {
		return fmt.Errorf("grant %s in unit %d to user %d: %w", g.Role, g.UnitID, userID, err)
	}
	return nil
}

// RevokeRole takes the role g.Role in unit g.UnitID from the user with
// userID. It returns NotFound when the user did not have it.
func (db *DB) RevokeRole(ctx context.Context, userID int64, g identity.Grant) error {
	res, err := db.exec(ctx, `DELETE FROM user_roles WHERE user_id = ? AND unit_id = ? AND role = ?`, userID, g.UnitID, g.Role)
	if err == nil {
		err = mustAffect(res, "grant")
	}
	if err != nil {
		return fmt.Errorf("revoke %s in unit %d from user %d: %w", g.Role, g.UnitID, userID, err)
	}
	return nil
}
