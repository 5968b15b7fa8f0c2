package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sprang"
	"sprang/internal/audit"
)

// Session is a login kept server-side. The browser holds only a random
// token; the database holds its SHA-256 (TokenHash), so a leaked database
// cannot be replayed as cookies.
type Session struct {
	TokenHash   string
	UserID      int64 // staff user, or 0
	ResidentID  int64 // resident, or 0
	PendingTOTP bool  // the password was right but the second factor is still due
	LoA         string
	Method      string
	CreatedAt   time.Time
	LastSeenAt  time.Time
	ExpiresAt   time.Time // the absolute end, whatever the activity

	// Filled in by FindSession: how long the session may go unused (the
	// longer of the idle limit FindSession was given and the one chosen
	// for this session with SetSessionIdle), and whether that is a limit
	// chosen for this session.
	Idle       time.Duration
	IdleChosen bool

	// Filled in by FindSession for staff sessions.
	Username    string
	DisplayName string
}

// CreateSession stores s, setting CreatedAt and LastSeenAt to now. Exactly
// one of UserID and ResidentID must be set.
func (db *DB) CreateSession(ctx context.Context, s Session) error {
	if (s.UserID == 0) == (s.ResidentID == 0) {
		return sprang.Errorf(sprang.Internal, "session must belong to exactly one user or resident")
	}
	now := db.Now()
	_, err := db.exec(ctx, `INSERT INTO sessions (token_hash, user_id, resident_id, pending_totp, loa, method, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TokenHash, nullID(s.UserID), nullID(s.ResidentID), s.PendingTOTP, s.LoA, s.Method, now, now, s.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession returns the live session with tokenHash: not past its
// absolute end and used within its idle limit — idle, or the longer limit
// chosen for the session with SetSessionIdle. It returns NotFound
// otherwise, also for sessions of disabled users.
func (db *DB) FindSession(ctx context.Context, tokenHash string, idle time.Duration) (Session, error) {
	now := db.Now()
	var s Session
	var userID, residentID, idleSeconds sql.NullInt64
	var username, display sql.NullString
	err := db.queryRow(ctx, `SELECT s.token_hash, s.user_id, s.resident_id, s.pending_totp, s.loa, s.method,
			s.created_at, s.last_seen_at, s.expires_at, s.idle_seconds, u.username, u.display_name
		FROM sessions s LEFT JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ?
		  AND (u.id IS NULL OR u.disabled = ?)`,
		tokenHash, now, false).Scan(&s.TokenHash, &userID, &residentID, &s.PendingTOTP, &s.LoA, &s.Method,
		&s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &idleSeconds, &username, &display)
	if err != nil {
		return Session{}, notFound(err, "session")
	}
	s.Idle = idle
	if chosen := time.Duration(idleSeconds.Int64) * time.Second; idleSeconds.Valid && chosen > idle {
		s.Idle, s.IdleChosen = chosen, true
	}
	if !s.LastSeenAt.After(now.Add(-s.Idle)) {
		return Session{}, sprang.Errorf(sprang.NotFound, "session not found")
	}
	s.UserID, s.ResidentID = userID.Int64, residentID.Int64
	s.Username, s.DisplayName = username.String, display.String
	return s, nil
}

// SetSessionIdle gives the live session with tokenHash the idle limit
// idle (whole seconds; a fraction is dropped), records it as used now,
// and appends e to the audit log in the same transaction, so neither
// happens without the other. The session's absolute end does not move.
// It returns Invalid for a limit under a second and NotFound when no
// session with tokenHash is live by its absolute end (the caller checks
// the idle limit, with FindSession, before).
func (db *DB) SetSessionIdle(ctx context.Context, tokenHash string, idle time.Duration, e audit.Entry) error {
	secs := int64(idle / time.Second)
	if secs < 1 {
		return sprang.Errorf(sprang.Invalid, "session idle limit must be at least a second")
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE sessions SET idle_seconds = ?, last_seen_at = ?
			WHERE token_hash = ? AND expires_at > ?`), secs, now, tokenHash, now)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "session"); err != nil {
			return err
		}
		_, err = db.AppendAuditTx(ctx, tx, e)
		return err
	})
	if err != nil {
		return fmt.Errorf("set session idle limit: %w", err)
	}
	return nil
}

// TouchSession records that the session was used now. To spare the
// database a write per request it only writes when the last recorded use
// is older than a minute; idle timeouts are therefore exact to a minute.
func (db *DB) TouchSession(ctx context.Context, s Session) error {
	now := db.Now()
	if now.Sub(s.LastSeenAt) < time.Minute {
		return nil
	}
	if _, err := db.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, now, s.TokenHash); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session. Ending a session that is gone already is
// not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := db.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of a staff user (logout
// everywhere, disabled account, changed password) and returns how many.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) (int64, error) {
	res, err := db.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	if err != nil {
		return 0, fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// mustAffect returns NotFound when res changed no row.
func mustAffect(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n == 0 {
		return sprang.Errorf(sprang.NotFound, "%s not found", what)
	}
	return nil
}
