package store_test

import (
	"context"
	"testing"
	"time"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestDeleteExpired checks that cleanup removes exactly the rows past their
// retention and keeps the others, on both engines.
func TestDeleteExpired(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := db.Now()
		// Each table gets one row that must go and one or two that must stay.
		inserts := []struct {
			query string
			args  []any
		}{
			{`INSERT INTO sessions (token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?)`, []any{"s-expired", now.Add(-2 * time.Hour), now.Add(-2 * time.Hour), now.Add(-time.Minute)}},
			{`INSERT INTO sessions (token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?)`, []any{"s-live", now, now, now.Add(time.Hour)}},
			{`INSERT INTO auth_flows (state_hash, provider, code_verifier, nonce, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, []any{"f-expired", "eid", "v", "n", now.Add(-time.Hour), now.Add(-time.Second)}},
			{`INSERT INTO auth_flows (state_hash, provider, code_verifier, nonce, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, []any{"f-live", "eid", "v", "n", now, now.Add(10 * time.Minute)}},
			{`INSERT INTO email_codes (email_hash, email_enc, flow_hash, code_hash, link_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, []any{"e", []byte("x"), "f", "c", "l-old", now.Add(-26 * time.Hour), now.Add(-25 * time.Hour)}},
			{`INSERT INTO email_codes (email_hash, email_enc, flow_hash, code_hash, link_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, []any{"e", []byte("x"), "f", "c", "l-recent", now.Add(-2 * time.Hour), now.Add(-time.Hour)}},
			{`INSERT INTO email_codes (email_hash, email_enc, flow_hash, code_hash, link_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, []any{"e", []byte("x"), "f", "c", "l-live", now, now.Add(15 * time.Minute)}},
			{`INSERT INTO login_attempts (key_hash, at) VALUES (?, ?)`, []any{"k", now.Add(-25 * time.Hour)}},
			{`INSERT INTO login_attempts (key_hash, at) VALUES (?, ?)`, []any{"k", now.Add(-23 * time.Hour)}},
		}
		for _, in := range inserts {
			if err := db.ExecForTest(ctx, in.query, in.args...); err != nil {
				t.Fatalf("insert: %v", err)
			}
		}
		got, err := db.DeleteExpired(ctx)
		if err != nil {
			t.Fatalf("DeleteExpired: %v", err)
		}
		want := store.CleanupResult{Sessions: 1, AuthFlows: 1, EmailCodes: 1, LoginAttempts: 1}
		if got != want {
			t.Errorf("DeleteExpired = %+v, want %+v", got, want)
		}
		for _, tc := range []struct {
			table string
			want  int
		}{
			{"sessions", 1}, {"auth_flows", 1}, {"email_codes", 2}, {"login_attempts", 1},
		} {
			var n int
			if err := db.WritePool().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+tc.table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != tc.want {
				t.Errorf("%s: %d rows left, want %d", tc.table, n, tc.want)
			}
		}
		again, err := db.DeleteExpired(ctx)
		if err != nil || again.Total() != 0 {
			t.Errorf("second DeleteExpired = %+v, %v; want nothing deleted", again, err)
		}
	})
}

// TestJobQueueMigrated checks that Migrate created River's tables and that
// JobCounts reads them.
func TestJobQueueMigrated(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		counts, err := db.JobCounts(context.Background())
		if err != nil {
			t.Fatalf("JobCounts: %v", err)
		}
		if len(counts) != 0 {
			t.Errorf("JobCounts on a new database = %v, want none", counts)
		}
	})
}
