// Package storetest gives tests their own freshly migrated database, on
// SQLite and on PostgreSQL, so that store tests run on both engines and stay
// parallel. SQLite databases are file copies of a template migrated once per
// test binary; PostgreSQL databases are CREATE DATABASE … TEMPLATE copies of
// a template migrated once per schema version.
//
// Environment:
//
//	SPRANG_TEST_DB        engine for Open: "sqlite" (default) or "postgres"
//	SPRANG_TEST_POSTGRES  admin URL of a throw-away PostgreSQL server, e.g.
//	                      postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable
//	CI                    when "true", a missing PostgreSQL fails instead of skipping
package storetest

import (
	"context"
	"os"
	"testing"
	"time"

	"sprang/internal/store"
)

// Engines returns the engines Each runs on: SQLite always, PostgreSQL when
// SPRANG_TEST_POSTGRES is set.
func Engines() []store.Engine {
	es := []store.Engine{store.SQLite}
	if os.Getenv("SPRANG_TEST_POSTGRES") != "" {
		es = append(es, store.Postgres)
	}
	return es
}

// Selected returns the engine that Open uses, from SPRANG_TEST_DB.
func Selected() store.Engine {
	if os.Getenv("SPRANG_TEST_DB") == "postgres" {
		return store.Postgres
	}
	return store.SQLite
}

// Each runs fn as a parallel subtest once per engine in Engines, each with
// its own fresh, migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, OpenEngine(t, e))
		})
	}
}

// Open returns a fresh, migrated database on the engine chosen by
// SPRANG_TEST_DB. It is closed (and on PostgreSQL dropped) when the test ends.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	return OpenEngine(tb, Selected())
}

// OpenEngine returns a fresh, migrated database on engine e.
func OpenEngine(tb testing.TB, e store.Engine) *store.DB {
	tb.Helper()
	var u string
	switch e {
	case store.Postgres:
		u = newPostgres(tb)
	default:
		u = newSQLite(tb)
	}
	return MustOpen(tb, u)
}

// MustOpen opens the database at url, failing the test on error, and closes
// it at cleanup.
func MustOpen(tb testing.TB, url string) *store.DB {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

// missing skips the test, or fails it when CI=true, because a dependency is
// not available.
func missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf(format, args...)
	}
	tb.Skipf(format, args...)
}
