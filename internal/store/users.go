package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// userColumns are the columns scanUser reads, in order.
const userColumns = `id, username, display_name, email_enc, totp_enabled, oidc_issuer, oidc_subject,
	disabled, failed_logins, locked_until, created_at, updated_at`

// scanUser reads a users row and decrypts its e-mail address. Grants are
// loaded separately.
func (db *DB) scanUser(s scanner) (identity.User, error) {
	var u identity.User
	var email []byte
	var locked sql.NullTime
	err := s.Scan(&u.ID, &u.Username, &u.DisplayName, &email, &u.TOTPEnabled, &u.OIDCIssuer, &u.OIDCSubject,
		&u.Disabled, &u.FailedLogins, &locked, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return identity.User{}, err
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if locked.Valid {
		u.LockedUntil = locked.Time.UTC()
	}
	u.Email, err = db.open(email, userEmailAD(u.ID))
	return u, err
}

// userEmailAD binds a sealed e-mail address to its user row.
func userEmailAD(id int64) string { return "users.email_enc:" + strconv.FormatInt(id, 10) }

// userTOTPAD binds a sealed TOTP secret to its user row.
func userTOTPAD(id int64) string { return "users.totp_secret_enc:" + strconv.FormatInt(id, 10) }

// CreateUser normalizes and validates n and stores a staff account without
// password or roles, its e-mail address encrypted. It returns Invalid for
// faulty fields and Conflict when the username (or the single sign-on
// identity) is taken.
func (db *DB) CreateUser(ctx context.Context, n identity.NewUser) (identity.User, error) {
	n = n.Normalize()
	if err := n.Validate(); err != nil {
		return identity.User{}, fmt.Errorf("create user: %w", err)
	}
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.insertUserTx(ctx, tx, n)
		return err
	})
	if err != nil {
		return identity.User{}, userError("create user", err)
	}
	return db.FindUserByID(ctx, id)
}

// insertUserTx stores the normalized, valid n with its e-mail address
// sealed and returns its id.
func (db *DB) insertUserTx(ctx context.Context, tx *sql.Tx, n identity.NewUser) (int64, error) {
	var id int64
	now := db.Now()
	err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO users
		(username, display_name, oidc_issuer, oidc_subject, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		n.Username, n.DisplayName, n.OIDCIssuer, n.OIDCSubject, now, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	return id, db.setUserEmailTx(ctx, tx, id, n.Email)
}

// NewStaffAccount is a staff account to create in one transaction: the
// account, its password hash (from secret.HashPassword; "" for none), its
// first grants and the audit entries telling of it.
type NewStaffAccount struct {
	User         identity.NewUser
	PasswordHash string
	Grants       []identity.Grant
	Audit        func(id int64) []audit.Entry // the entries, given the new account's id
}

// CreateStaffAccount stores n — account, password hash, grants and audit
// entries — in one transaction, so that none of it exists without the
// rest. It returns Invalid for faulty fields, a malformed hash or an
// unknown role, Conflict when the username (or the single sign-on
// identity) is taken, and NotFound for an unknown unit.
func (db *DB) CreateStaffAccount(ctx context.Context, n NewStaffAccount) (identity.User, error) {
	n.User = n.User.Normalize()
	if err := n.validate(); err != nil {
		return identity.User{}, fmt.Errorf("create user: %w", err)
	}
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = db.insertUserTx(ctx, tx, n.User); err != nil {
			return err
		}
		return db.fillStaffAccountTx(ctx, tx, id, n)
	})
	if err != nil {
		return identity.User{}, userError("create user", err)
	}
	return db.FindUserByID(ctx, id)
}

// validate checks what CreateStaffAccount can before writing anything.
func (n NewStaffAccount) validate() error {
	if err := n.User.Validate(); err != nil {
		return err
	}
	if n.PasswordHash != "" {
		if _, _, _, err := secret.ParsePHC(n.PasswordHash); err != nil {
			return err
		}
	}
	for _, g := range n.Grants {
		if _, err := identity.ParseRole(string(g.Role)); err != nil {
			return err
		}
	}
	return nil
}

// fillStaffAccountTx stores the password hash, grants and audit entries of
// the account n just inserted with id.
func (db *DB) fillStaffAccountTx(ctx context.Context, tx *sql.Tx, id int64, n NewStaffAccount) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), n.PasswordHash, id); err != nil {
		return err
	}
	for _, g := range n.Grants {
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO user_roles (user_id, unit_id, role, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, unit_id, role) DO NOTHING`), id, g.UnitID, g.Role, db.Now())
		if isForeignKeyViolation(err) {
			return &sprang.Error{Kind: sprang.NotFound, Message: "unit not found", Cause: err}
		}
		if err != nil {
			return fmt.Errorf("grant %s in unit %d: %w", g.Role, g.UnitID, err)
		}
	}
	if n.Audit == nil {
		return nil
	}
	for _, e := range n.Audit(id) {
		if _, err := db.AppendAuditTx(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// setUserEmailTx seals and stores the e-mail address of user id.
func (db *DB) setUserEmailTx(ctx context.Context, tx *sql.Tx, id int64, email string) error {
	sealed, err := db.seal(email, userEmailAD(id))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.rebind(`UPDATE users SET email_enc = ? WHERE id = ?`), sealed, id)
	return err
}

// UpdateUser normalizes, validates and applies the set fields of up to the
// user with id and returns the user as stored. It returns NotFound for an
// unknown user and Invalid for faulty fields.
func (db *DB) UpdateUser(ctx context.Context, id int64, up identity.UserUpdate) (identity.User, error) {
	up = up.Normalize()
	if err := up.Validate(); err != nil {
		return identity.User{}, fmt.Errorf("update user %d: %w", id, err)
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE users SET
			display_name = COALESCE(?, display_name), disabled = COALESCE(?, disabled), updated_at = ?
			WHERE id = ?`), up.DisplayName, up.Disabled, db.Now(), id)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "user"); err != nil {
			return err
		}
		if up.Email == nil {
			return nil
		}
		return db.setUserEmailTx(ctx, tx, id, *up.Email)
	})
	if err != nil {
		return identity.User{}, fmt.Errorf("update user %d: %w", id, err)
	}
	return db.FindUserByID(ctx, id)
}

// LinkUserOIDC connects the user with id to a single sign-on identity,
// only when the account has none yet (checked in the same statement, so
// two first logins cannot both link). It returns NotFound for an unknown
// user and Conflict when the account is linked already or another user has
// that identity.
func (db *DB) LinkUserOIDC(ctx context.Context, id int64, issuer, subject string) error {
	op := fmt.Sprintf("link user %d to single sign-on", id)
	if subject == "" {
		return sprang.Errorf(sprang.Invalid, "%s: empty subject", op)
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE users SET oidc_issuer = ?, oidc_subject = ?, updated_at = ?
			WHERE id = ? AND oidc_subject = ''`), issuer, subject, db.Now(), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var linked string
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT oidc_subject FROM users WHERE id = ?`), id).Scan(&linked); err != nil {
			return notFound(err, "user")
		}
		return sprang.Errorf(sprang.Conflict, "account is linked to another identity already")
	})
	if err != nil {
		return userError(op, err)
	}
	return nil
}

// userError wraps err with op, turning a unique violation into Conflict.
func userError(op string, err error) error {
	if isUniqueViolation(err) {
		err = &sprang.Error{Kind: sprang.Conflict, Message: identity.MsgUsernameTaken,
			Fields: map[string]string{"username": identity.MsgUsernameTaken}, Cause: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// FindUserByID returns the user with id and their grants, or NotFound.
func (db *DB) FindUserByID(ctx context.Context, id int64) (identity.User, error) {
	return db.findUser(ctx, "id = ?", id)
}

// FindUserByUsername returns the user with the (normalized) username and
// their grants, or NotFound.
func (db *DB) FindUserByUsername(ctx context.Context, username string) (identity.User, error) {
	return db.findUser(ctx, "username = ?", identity.NormalizeUsername(username))
}

// FindUserByOIDC returns the user linked to the single sign-on identity
// issuer + subject and their grants, or NotFound.
func (db *DB) FindUserByOIDC(ctx context.Context, issuer, subject string) (identity.User, error) {
	if subject == "" {
		return identity.User{}, sprang.Errorf(sprang.NotFound, "user not found")
	}
	return db.findUser(ctx, "oidc_issuer = ? AND oidc_subject = ?", issuer, subject)
}

func (db *DB) findUser(ctx context.Context, where string, args ...any) (identity.User, error) {
	u, err := db.scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, args...))
	if err != nil {
		return identity.User{}, notFound(err, "user")
	}
	grants, err := db.findGrants(ctx, `WHERE user_id = ?`, u.ID)
	if err != nil {
		return identity.User{}, err
	}
	u.Grants = grants[u.ID]
	return u, nil
}

// FindUsers returns every staff user with their grants, ordered by
// username.
func (db *DB) FindUsers(ctx context.Context) ([]identity.User, error) {
	rows, err := db.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []identity.User
	for rows.Next() {
		u, err := db.scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("find users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	grants, err := db.findGrants(ctx, ``)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Grants = grants[out[i].ID]
	}
	return out, nil
}
