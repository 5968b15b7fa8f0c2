package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sprang"
)

// EmailCode is a pending e-mail login: a one-time code typed into the
// browser that asked for it and a one-time link, both mailed to the
// address. Only hashes of the flow id, code and link are kept; the address
// is kept as a lookup hash and sealed (encrypted by the caller), so that
// the resident can be created with it once the code is used.
type EmailCode struct {
	ID          int64
	EmailHash   string // keyed lookup hash of the normalized address
	EmailSealed []byte // the address, sealed by the caller
	FlowHash    string // hash of the random flow id in the browser's cookie
	CodeHash    string // hash of the code, bound to the flow id
	LinkHash    string // hash of the link's token
	Attempts    int    // wrong codes typed so far
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

// CreateEmailCode stores c as the one live code of its address: codes
// asked for earlier for the same address stop working. It returns c's id.
func (db *DB) CreateEmailCode(ctx context.Context, c EmailCode) (int64, error) {
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE email_codes SET used_at = ?
			WHERE email_hash = ? AND used_at IS NULL`), now, c.EmailHash); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, db.rebind(`INSERT INTO email_codes
			(email_hash, email_enc, flow_hash, code_hash, link_hash, attempts, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id`),
			c.EmailHash, c.EmailSealed, c.FlowHash, c.CodeHash, c.LinkHash, now, c.ExpiresAt.UTC()).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("create email code: %w", err)
	}
	return id, nil
}

// CountEmailCodes returns how many codes were asked for the address with
// emailHash at or after since, for rate limiting.
func (db *DB) CountEmailCodes(ctx context.Context, emailHash string, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM email_codes WHERE email_hash = ? AND created_at >= ?`,
		emailHash, since.UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count email codes: %w", err)
	}
	return n, nil
}

// emailCodeColumns are the columns scanEmailCode reads, in order.
const emailCodeColumns = `id, email_hash, email_enc, flow_hash, code_hash, link_hash, attempts, created_at, expires_at`

func scanEmailCode(row *sql.Row) (EmailCode, error) {
	var c EmailCode
	err := row.Scan(&c.ID, &c.EmailHash, &c.EmailSealed, &c.FlowHash, &c.CodeHash, &c.LinkHash, &c.Attempts, &c.CreatedAt, &c.ExpiresAt)
	return c, err
}

// AttemptEmailCode counts one attempt at the live code of the flow with
// flowHash and returns the code, for the caller to compare its CodeHash.
// The attempt is counted before the comparison, in one statement, so
// parallel guesses cannot exceed maxAttempts. It returns TooMany when the
// attempts are used up and NotFound when there is no live code (unknown
// flow, expired, or used).
func (db *DB) AttemptEmailCode(ctx context.Context, flowHash string, maxAttempts int) (EmailCode, error) {
	now := db.Now()
	c, err := scanEmailCode(db.write.QueryRowContext(ctx, db.rebind(`UPDATE email_codes SET attempts = attempts + 1
		WHERE flow_hash = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?
		RETURNING `+emailCodeColumns), flowHash, now, maxAttempts))
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return EmailCode{}, fmt.Errorf("attempt email code: %w", err)
	}
	var n int
	err = db.queryRow(ctx, `SELECT COUNT(*) FROM email_codes
		WHERE flow_hash = ? AND used_at IS NULL AND expires_at > ?`, flowHash, now).Scan(&n)
	if err != nil {
		return EmailCode{}, fmt.Errorf("attempt email code: %w", err)
	}
	if n > 0 {
		return EmailCode{}, sprang.Errorf(sprang.TooMany, "email code attempts used up")
	}
	return EmailCode{}, sprang.Errorf(sprang.NotFound, "email code not found")
}

// UseEmailCode marks the code with id used, once: it returns NotFound when
// it was used already (by a parallel request) or expired meanwhile.
func (db *DB) UseEmailCode(ctx context.Context, id int64) error {
	now := db.Now()
	res, err := db.exec(ctx, `UPDATE email_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?`, now, id, now)
	if err != nil {
		return fmt.Errorf("use email code: %w", err)
	}
	return mustAffect(res, "email code")
}

// UseEmailLink marks the live code whose link has linkHash used and
// returns it, in one statement, so a link works once only. It returns
// NotFound for an unknown, used or expired link.
func (db *DB) UseEmailLink(ctx context.Context, linkHash string) (EmailCode, error) {
	now := db.Now()
	c, err := scanEmailCode(db.write.QueryRowContext(ctx, db.rebind(`UPDATE email_codes SET used_at = ?
		WHERE link_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING `+emailCodeColumns), now, linkHash, now))
	if err != nil {
		return EmailCode{}, notFound(err, "email link")
	}
	return c, nil
}
