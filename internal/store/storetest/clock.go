package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"sprang/internal/store"
)

// Clock is a settable clock for tests of timeouts and limits: give its Now
// to OpenClock, then move it with Add. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t.UTC()} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock forward by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// OpenClock is Open with the database's clock set to now (store.Options.Now).
func OpenClock(tb testing.TB, now func() time.Time) *store.DB {
	tb.Helper()
	return OpenEngineClock(tb, Selected(), now)
}

// OpenEngineClock is OpenEngine with the database's clock set to now.
func OpenEngineClock(tb testing.TB, e store.Engine, now func() time.Time) *store.DB {
	tb.Helper()
	u := newSQLite
	if e == store.Postgres {
		u = newPostgres
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := store.Open(ctx, store.Options{URL: u(tb), Now: now})
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}
