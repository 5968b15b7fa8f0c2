package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// RecordLoginAttempt notes a failed login attempt under keyHash (a keyed
// hash of a client address or a username, never the clear value), so that
// every node sees the same count.
func (db *DB) RecordLoginAttempt(ctx context.Context, keyHash string) error {
	if _, err := db.exec(ctx, `INSERT INTO login_attempts (key_hash, at) VALUES (?, ?)`, keyHash, db.Now()); err != nil {
		return fmt.Errorf("record login attempt: %w", err)
	}
	return nil
}

// AttemptWindow is how many attempts were recorded under a key since a
// time, and when the oldest of them was made (zero when there are none).
type AttemptWindow struct {
	Count  int
	Oldest time.Time
}

// CountLoginAttempts returns the attempts recorded under keyHash at or
// after since.
func (db *DB) CountLoginAttempts(ctx context.Context, keyHash string, since time.Time) (AttemptWindow, error) {
	var w AttemptWindow
	since = since.UTC()
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE key_hash = ? AND at >= ?`, keyHash, since).Scan(&w.Count)
	if err != nil {
		return AttemptWindow{}, fmt.Errorf("count login attempts: %w", err)
	}
	if w.Count == 0 {
		return w, nil
	}
	// A column, not MIN(at): SQLite keeps the column's time type only then.
	err = db.queryRow(ctx, `SELECT at FROM login_attempts WHERE key_hash = ? AND at >= ? ORDER BY at LIMIT 1`, keyHash, since).Scan(&w.Oldest)
	if err != nil {
		return AttemptWindow{}, fmt.Errorf("find oldest login attempt: %w", err)
	}
	w.Oldest = w.Oldest.UTC()
	return w, nil
}

// LoginFailure is the state of an account after a failed login was
// counted: the failures in a row and, when this failure locked the
// account, until when.
type LoginFailure struct {
	Failures    int
	LockedUntil time.Time // zero unless this failure locked the account
}

// RecordLoginFailure counts a failed login of the user with id userID. On
// the max-th failure in a row it locks the account until now+lockFor and
// starts the count again. It returns NotFound for an unknown user.
func (db *DB) RecordLoginFailure(ctx context.Context, userID int64, maxFailures int, lockFor time.Duration) (LoginFailure, error) {
	var out LoginFailure
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		err := tx.QueryRowContext(ctx, db.rebind(`UPDATE users SET failed_logins = failed_logins + 1, updated_at = ?
			WHERE id = ? RETURNING failed_logins`), now, userID).Scan(&out.Failures)
		if err != nil {
			return notFound(err, "user")
		}
		if out.Failures < maxFailures {
			return nil
		}
		out.LockedUntil = now.Add(lockFor)
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?`), out.LockedUntil, userID)
		return err
	})
	if err != nil {
		return LoginFailure{}, fmt.Errorf("record login failure of user %d: %w", userID, err)
	}
	return out, nil
}

// ResetLoginFailures clears the failure count and any lock of a user after
// a successful login.
func (db *DB) ResetLoginFailures(ctx context.Context, userID int64) error {
	_, err := db.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)`, userID)
	if err != nil {
		return fmt.Errorf("reset login failures of user %d: %w", userID, err)
	}
	return nil
}

// totpStepKey is the settings key holding the last time step in which a
// user's TOTP code was accepted.
func totpStepKey(userID int64) string { return "totp.last_step." + strconv.FormatInt(userID, 10) }

// LastTOTPStep returns the time step of the last TOTP code accepted for
// the user, 0 when none was.
func (db *DB) LastTOTPStep(ctx context.Context, userID int64) (int64, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, totpStepKey(userID)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("last totp step of user %d: %w", userID, err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("last totp step of user %d: %w", userID, err)
	}
	return n, nil
}

// ClaimTOTPStep records that the user's TOTP code for time step was
// accepted and reports whether this is the first claim: false when a code
// of this or a later step was accepted before (perhaps on another node a
// moment ago), so that a code cannot be replayed within its validity. The
// claim is one atomic statement.
func (db *DB) ClaimTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	// Zero-padded so that comparing text orders steps numerically.
	v := fmt.Sprintf("%020d", step)
	res, err := db.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
		WHERE settings.value < excluded.value`, totpStepKey(userID), v, db.Now())
	if err != nil {
		return false, fmt.Errorf("claim totp step: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim totp step: %w", err)
	}
	return n == 1, nil
}
