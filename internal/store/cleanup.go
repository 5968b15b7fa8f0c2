package store

import (
	"context"
	"fmt"
	"time"
)

// CleanupResult counts the rows DeleteExpired removed, per table.
type CleanupResult struct {
	Sessions      int64
	AuthFlows     int64
	EmailCodes    int64
	LoginAttempts int64
	LoginLocks    int64
	DraftAnswers  int64 // expired drafts whose answers were cleared (the rows stay)
}

// Total returns the number of rows removed from all tables.
func (r CleanupResult) Total() int64 {
	return r.Sessions + r.AuthFlows + r.EmailCodes + r.LoginAttempts + r.LoginLocks + r.DraftAnswers
}

// Retention after expiry for rows that are still useful for a while: e-mail
// codes are kept a day past expiry so a late click can be told the link
// expired (not that it never existed), and login attempts are kept a day
// because lockout and rate limits look back at most that far.
const (
	emailCodeGrace     = 24 * time.Hour
	loginAttemptMaxAge = 24 * time.Hour
)

// DeleteExpired removes expired sessions and login flows, e-mail codes that
// expired more than a day ago, and login attempts and the failure counts
// of unknown usernames untouched for a day, and clears the answers of
// expired e-service drafts (keeping their rows for statistics), each table
// in its own short statement so the SQLite writer is never held long. On
// error it returns what was removed so far and the error naming the table.
func (db *DB) DeleteExpired(ctx context.Context) (CleanupResult, error) {
	now := db.Now()
	var res CleanupResult
	steps := []struct {
		table, query string
		cutoff       time.Time
		n            *int64
	}{
		{"sessions", `DELETE FROM sessions WHERE expires_at < ?`, now, &res.Sessions},
		{"auth_flows", `DELETE FROM auth_flows WHERE expires_at < ?`, now, &res.AuthFlows},
		{"email_codes", `DELETE FROM email_codes WHERE expires_at < ?`, now.Add(-emailCodeGrace), &res.EmailCodes},
		{"login_attempts", `DELETE FROM login_attempts WHERE at < ?`, now.Add(-loginAttemptMaxAge), &res.LoginAttempts},
		// A lock ends lockFor (minutes) after its row's last update.
		{"login_locks", `DELETE FROM login_locks WHERE updated_at < ?`, now.Add(-loginAttemptMaxAge), &res.LoginLocks},
		// Expired drafts lose their answers; the rows stay for statistics.
		{"eservice_drafts", `UPDATE eservice_drafts SET answers_enc = NULL WHERE expires_at < ? AND answers_enc IS NOT NULL`, now, &res.DraftAnswers},
	}
	for _, s := range steps {
		r, err := db.exec(ctx, s.query, s.cutoff)
		if err != nil {
			return res, fmt.Errorf("delete expired %s: %w", s.table, err)
		}
		if *s.n, err = r.RowsAffected(); err != nil {
			return res, fmt.Errorf("delete expired %s: %w", s.table, err)
		}
	}
	return res, nil
}
