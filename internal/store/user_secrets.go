package store

import (
	"context"
	"database/sql"
	"fmt"

	"sprang/internal/secret"
)

// UserCredentials are the secrets a login checks. Only the login code asks
// for them; identity.User never carries them.
type UserCredentials struct {
	PasswordHash string // argon2id PHC string, "" when the user has no password
	TOTPSecret   string // base32, "" when none is set
	TOTPEnabled  bool   // the secret was confirmed with a code
}

// FindUserCredentials returns the password hash and the decrypted TOTP
// secret of the user with id, or NotFound.
func (db *DB) FindUserCredentials(ctx context.Context, id int64) (UserCredentials, error) {
	var c UserCredentials
	var totp []byte
	err := db.queryRow(ctx, `SELECT password_hash, totp_secret_enc, totp_enabled FROM users WHERE id = ?`, id).
		Scan(&c.PasswordHash, &totp, &c.TOTPEnabled)
	if err != nil {
		return UserCredentials{}, notFound(err, "user")
	}
	c.TOTPSecret, err = db.open(totp, userTOTPAD(id))
	if err != nil {
		return UserCredentials{}, fmt.Errorf("find credentials of user %d: %w", id, err)
	}
	return c, nil
}

// SetPasswordHash stores a new password hash (from secret.HashPassword) for
// the user with id; "" removes the password. It returns NotFound for an
// unknown user.
func (db *DB) SetPasswordHash(ctx context.Context, id int64, hash string) error {
	if hash != "" {
		if _, _, _, err := secret.ParsePHC(hash); err != nil {
			return fmt.Errorf("set password of user %d: %w", id, err)
		}
	}
	res, err := db.exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, db.Now(), id)
	return affectedUser(res, err, "set password", id)
}

// SetTOTPSecret stores a new TOTP secret, encrypted, for the user with id
// and leaves TOTP disabled until EnableTOTP confirms it. It returns
// NotFound for an unknown user.
func (db *DB) SetTOTPSecret(ctx context.Context, id int64, totpSecret string) error {
	sealed, err := db.seal(totpSecret, userTOTPAD(id))
	if err != nil {
		return fmt.Errorf("set totp secret of user %d: %w", id, err)
	}
	res, err := db.exec(ctx, `UPDATE users SET totp_secret_enc = ?, totp_enabled = FALSE, updated_at = ? WHERE id = ?`,
		sealed, db.Now(), id)
	return affectedUser(res, err, "set totp secret", id)
}

// EnableTOTP turns on the second factor for the user with id, once its
// secret was confirmed with a code. It returns NotFound for an unknown
// user or one without a TOTP secret.
func (db *DB) EnableTOTP(ctx context.Context, id int64) error {
	res, err := db.exec(ctx, `UPDATE users SET totp_enabled = TRUE, updated_at = ?
		WHERE id = ? AND totp_secret_enc IS NOT NULL`, db.Now(), id)
	return affectedUser(res, err, "enable totp", id)
}

// DisableTOTP turns off the second factor of the user with id and forgets
// its secret. It returns NotFound for an unknown user.
func (db *DB) DisableTOTP(ctx context.Context, id int64) error {
	res, err := db.exec(ctx, `UPDATE users SET totp_secret_enc = NULL, totp_enabled = FALSE, updated_at = ? WHERE id = ?`,
		db.Now(), id)
	return affectedUser(res, err, "disable totp", id)
}

// affectedUser wraps the outcome of an UPDATE of user id: err, or NotFound
// when no row changed.
func affectedUser(res sql.Result, err error, op string, id int64) error {
	if err == nil {
		err = mustAffect(res, "user")
	}
	if err != nil {
		return fmt.Errorf("%s of user %d: %w", op, id, err)
	}
	return nil
}
