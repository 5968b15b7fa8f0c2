package store_test

import (
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// sessionIdle is the configured idle limit the session tests pass to
// FindSession, and sessionLife the absolute lifetime of their sessions.
const (
	sessionIdle = 30 * time.Minute
	sessionLife = 12 * time.Hour
)

// eachSessionDB runs fn once per engine on a fresh database with a
// settable clock and a staff user to own sessions.
func eachSessionDB(t *testing.T, fn func(t *testing.T, db *store.DB, clock *storetest.Clock, user identity.User)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
			db := boxed(t, storetest.OpenEngineClock(t, e, clock.Now))
			u := mustUser(t, db, identity.NewUser{Username: "anna", DisplayName: "Anna"})
			fn(t, db, clock, u)
		})
	}
}

// startSession stores a session of userID ending sessionLife from now and
// returns its token hash.
func startSession(t *testing.T, db *store.DB, userID int64) string {
	t.Helper()
	h := secret.HashToken(secret.Token())
	err := db.CreateSession(t.Context(), store.Session{TokenHash: h, UserID: userID, Method: "password",
		ExpiresAt: db.Now().Add(sessionLife)})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// extendedEntry is the audit entry the tests record with SetSessionIdle.
func extendedEntry(u identity.User) audit.Entry {
	return audit.Entry{ActorKind: audit.Staff, ActorID: u.ID, ActorName: u.Username,
		Action: "session.extended", Detail: "idle limit 5h0m0s"}
}

// TestSessionIdleChosen: a session given a longer idle limit lives that
// long without use, reports it, and still ends at its absolute end; the
// same user's other session keeps the configured limit.
func TestSessionIdleChosen(t *testing.T) {
	t.Parallel()
	eachSessionDB(t, func(t *testing.T, db *store.DB, clock *storetest.Clock, u identity.User) {
		ctx := t.Context()
		longer, other := startSession(t, db, u.ID), startSession(t, db, u.ID)
		clock.Add(10 * time.Minute)
		if err := db.SetSessionIdle(ctx, longer, 5*time.Hour, extendedEntry(u)); err != nil {
			t.Fatal(err)
		}
		s, err := db.FindSession(ctx, longer, sessionIdle)
		if err != nil || s.Idle != 5*time.Hour || !s.IdleChosen || !s.LastSeenAt.Equal(clock.Now()) {
			t.Fatalf("after choosing: %+v, %v", s, err)
		}
		if s, err := db.FindSession(ctx, other, sessionIdle); err != nil || s.Idle != sessionIdle || s.IdleChosen {
			t.Fatalf("other session: %+v, %v", s, err)
		}
		clock.Add(4*time.Hour + 59*time.Minute)
		if _, err := db.FindSession(ctx, other, sessionIdle); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("other session after 5 idle hours: %v", err)
		}
		s, err = db.FindSession(ctx, longer, sessionIdle)
		if err != nil {
			t.Fatalf("after 4 h 59 min idle: %v", err)
		}
		if err := db.TouchSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		clock.Add(5*time.Hour + time.Minute)
		if _, err := db.FindSession(ctx, longer, sessionIdle); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("after 5 h 1 min idle: %v", err)
		}
		p, err := db.FindAuditEntries(ctx, audit.Filter{Action: "session.extended"})
		if err != nil || len(p.Entries) != 1 || p.Entries[0].ActorID != u.ID {
			t.Fatalf("audit: %+v, %v", p.Entries, err)
		}
	})
}

// TestSessionIdleBounded: a chosen limit never keeps a session past its
// absolute end, never shortens the limit FindSession is given, and is
// refused for sessions that are gone and for limits under a second.
func TestSessionIdleBounded(t *testing.T) {
	t.Parallel()
	eachSessionDB(t, func(t *testing.T, db *store.DB, clock *storetest.Clock, u identity.User) {
		ctx := t.Context()
		h := startSession(t, db, u.ID)
		if err := db.SetSessionIdle(ctx, h, 24*time.Hour, extendedEntry(u)); err != nil {
			t.Fatal(err)
		}
		if s, err := db.FindSession(ctx, h, sessionLife); err != nil || s.Idle != 24*time.Hour {
			t.Fatalf("a longer limit given: %+v, %v", s, err)
		}
		short := startSession(t, db, u.ID)
		if err := db.SetSessionIdle(ctx, short, time.Minute, extendedEntry(u)); err != nil {
			t.Fatal(err)
		}
		if s, err := db.FindSession(ctx, short, sessionIdle); err != nil || s.Idle != sessionIdle || s.IdleChosen {
			t.Fatalf("a shorter chosen limit: %+v, %v", s, err)
		}
		for range 11 { // within the chosen limit, used every hour, until the absolute end
			clock.Add(time.Hour)
			s, err := db.FindSession(ctx, h, sessionIdle)
			if err != nil {
				t.Fatalf("at %v: %v", clock.Now(), err)
			}
			if err := db.TouchSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		clock.Add(time.Hour)
		if _, err := db.FindSession(ctx, h, sessionIdle); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("past the absolute end: %v", err)
		}
		tests := []struct {
			name  string
			token string
			idle  time.Duration
			kind  sprang.Kind
		}{
			{"past its absolute end", h, 5 * time.Hour, sprang.NotFound},
			{"unknown", secret.HashToken("nobody's"), 5 * time.Hour, sprang.NotFound},
			{"under a second", startSession(t, db, u.ID), time.Second / 2, sprang.Invalid},
		}
		for _, tt := range tests {
			if err := db.SetSessionIdle(ctx, tt.token, tt.idle, extendedEntry(u)); sprang.ErrorKind(err) != tt.kind {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.kind)
			}
		}
		p, err := db.FindAuditEntries(ctx, audit.Filter{Action: "session.extended"})
		if err != nil || len(p.Entries) != 2 {
			t.Fatalf("audit: %d entries (only the changes that were made), %v", len(p.Entries), err)
		}
	})
}

// TestSessionIdleAudited: the chosen limit is stored only together with
// its audit entry: an entry the audit log refuses leaves the session as
// it was.
func TestSessionIdleAudited(t *testing.T) {
	t.Parallel()
	eachSessionDB(t, func(t *testing.T, db *store.DB, _ *storetest.Clock, u identity.User) {
		ctx := t.Context()
		h := startSession(t, db, u.ID)
		bad := extendedEntry(u)
		bad.Detail = "anna@example.se" // personal data: the audit log refuses it
		if err := db.SetSessionIdle(ctx, h, 5*time.Hour, bad); sprang.ErrorKind(err) != sprang.Invalid {
			t.Fatalf("refused entry: %v", err)
		}
		if s, err := db.FindSession(ctx, h, sessionIdle); err != nil || s.IdleChosen {
			t.Fatalf("after a refused entry: %+v, %v", s, err)
		}
	})
}
