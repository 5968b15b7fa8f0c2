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

// Attempt is a login attempt counted by ClaimLoginAttempt: its row (to
// forget it when it succeeds), whether it is within the limit, and the
// attempts in the window including it.
type Attempt struct {
	ID      int64
	Allowed bool
	Window  AttemptWindow
}

// ClaimLoginAttempt records an attempt under keyHash before the attempt
// is checked, then counts the attempts since since, this one included. When
// there are more than limit, the attempt is refused and its row removed
// again (refused attempts do not count). Because every attempt is
// committed before it counts, parallel attempts on any node see each
// other: at most limit of them are allowed in a window, on both engines.
func (db *DB) ClaimLoginAttempt(ctx context.Context, keyHash string, limit int, since time.Time) (Attempt, error) {
	var a Attempt
	err := db.write.QueryRowContext(ctx, db.rebind(`INSERT INTO login_attempts (key_hash, at) VALUES (?, ?) RETURNING id`),
		keyHash, db.Now()).Scan(&a.ID)
	if err != nil {
		return Attempt{}, fmt.Errorf("record login attempt: %w", err)
	}
	if a.Window, err = db.CountLoginAttempts(ctx, keyHash, since); err != nil {
		return Attempt{}, err
	}
	a.Allowed = a.Window.Count <= limit
	if !a.Allowed {
		if err := db.ForgetLoginAttempt(ctx, a.ID); err != nil {
			return Attempt{}, err
		}
	}
	return a, nil
}

// ForgetLoginAttempt removes the attempt with id, counted by
// ClaimLoginAttempt, when it turned out not to be a failure.
func (db *DB) ForgetLoginAttempt(ctx context.Context, id int64) error {
	if _, err := db.exec(ctx, `DELETE FROM login_attempts WHERE id = ?`, id); err != nil {
		return fmt.Errorf("forget login attempt: %w", err)
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

// LoginFailure is the state of an account (or of an unknown username)
// after a failed login was counted: the failures in a row and, when it is
// locked, until when.
type LoginFailure struct {
	Failures    int
	LockedUntil time.Time // zero unless locked now
	NewlyLocked bool      // this failure locked it; false when it was locked already
}

// RecordLoginFailure counts a failed login of the user with id userID. On
// the max-th failure in a row it locks the account until now+lockFor and
// starts the count again. A failure while the account is locked is not
// counted: it reports the lock as it stands. The check and the count are
// one update of the row, so parallel failures on any node count each
// other. It returns NotFound for an unknown user.
func (db *DB) RecordLoginFailure(ctx context.Context, userID int64, maxFailures int, lockFor time.Duration) (LoginFailure, error) {
	f, err := db.countFailure(ctx, "users", "id", userID, maxFailures, lockFor)
	if err != nil {
		return LoginFailure{}, fmt.Errorf("record login failure of user %d: %w", userID, err)
	}
	return f, nil
}

// RecordUnknownLoginFailure is RecordLoginFailure for a username that
// names no account, counted under keyHash (a keyed hash of the username),
// so that unknown names lock after the same failures as known ones and the
// answers do not tell them apart.
func (db *DB) RecordUnknownLoginFailure(ctx context.Context, keyHash string, maxFailures int, lockFor time.Duration) (LoginFailure, error) {
	_, err := db.exec(ctx, `INSERT INTO login_locks (key_hash, failed_logins, updated_at) VALUES (?, 0, ?)
		ON CONFLICT (key_hash) DO NOTHING`, keyHash, db.Now())
	if err != nil {
		return LoginFailure{}, fmt.Errorf("record login failure of an unknown username: %w", err)
	}
	f, err := db.countFailure(ctx, "login_locks", "key_hash", keyHash, maxFailures, lockFor)
	if err != nil {
		return LoginFailure{}, fmt.Errorf("record login failure of an unknown username: %w", err)
	}
	return f, nil
}

// countFailure counts a failure on the row of table whose column keyCol
// is key (the users table or login_locks, which share the failed_logins
// and locked_until columns), unless the row is locked.
func (db *DB) countFailure(ctx context.Context, table, keyCol string, key any, maxFailures int, lockFor time.Duration) (LoginFailure, error) {
	var out LoginFailure
	where := ` WHERE ` + keyCol + ` = ?`
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		err := tx.QueryRowContext(ctx, db.rebind(`UPDATE `+table+` SET failed_logins = failed_logins + 1, updated_at = ?`+
			where+` AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_logins`), now, key, now).Scan(&out.Failures)
		if errors.Is(err, sql.ErrNoRows) {
			out.LockedUntil, err = db.lockedUntilTx(ctx, tx, table, where, key)
			return err
		}
		if err != nil || out.Failures < maxFailures {
			return err
		}
		out.LockedUntil, out.NewlyLocked = now.Add(lockFor), true
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE `+table+` SET failed_logins = 0, locked_until = ?`+where), out.LockedUntil, key)
		return err
	})
	return out, err
}

// lockedUntilTx returns the lock of the row of table matching where (a
// row that the caller found locked), or NotFound when there is no row.
func (db *DB) lockedUntilTx(ctx context.Context, tx *sql.Tx, table, where string, key any) (time.Time, error) {
	var locked sql.NullTime
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT locked_until FROM `+table+where), key).Scan(&locked)
	if err != nil {
		return time.Time{}, notFound(err, "login account")
	}
	return locked.Time.UTC(), nil
}

// ClearLoginFailures clears the failure count of a user whose password or
// code was right — unless the account is locked, checked in the same
// statement, so a lock set a moment ago by parallel wrong guesses on any
// node is seen. It returns the end of the lock then, and zero time when
// the failures were cleared. NotFound for an unknown user.
func (db *DB) ClearLoginFailures(ctx context.Context, userID int64) (time.Time, error) {
	var until time.Time
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		var id int64
		err := tx.QueryRowContext(ctx, db.rebind(`UPDATE users SET failed_logins = 0, locked_until = NULL
			WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING id`), userID, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			until, err = db.lockedUntilTx(ctx, tx, "users", " WHERE id = ?", userID)
		}
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("clear login failures of user %d: %w", userID, err)
	}
	return until, nil
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
