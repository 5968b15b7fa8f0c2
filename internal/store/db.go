// Package store is the only place with SQL. It keeps the platform's data in
// SQLite (one embedded file, the default) or PostgreSQL (for several nodes),
// behind one DB type. Queries are written once with ? placeholders and
// rebound for PostgreSQL; what differs between the engines is a named method
// on the dialect, never an if scattered through the queries.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"sprang"
	"sprang/internal/secret"
)

// Engine names the database engine behind a DB.
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is the platform's database: a pool for writes and one for reads. On
// SQLite the write pool has exactly one connection (SQLite allows one writer
// at a time; queueing in Go is cheaper than busy-waiting in SQLite) and reads
// run in parallel on the read pool. On PostgreSQL both are the same pool.
type DB struct {
	write  *sql.DB
	read   *sql.DB
	engine Engine
	url    string
	now    func() time.Time
	box    *secret.Box   // seals personal data at rest; set by WithBox
	group  *groupCommit  // shares commits of busy write paths; SQLite only
	specs  *decodedSpecs // decoded e-service specs, shared by every copy of the DB
}

// Options says which database to open.
type Options struct {
	// URL is "sqlite:PATH" or "postgres://…".
	URL string
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Open connects to the database named by opts.URL without migrating it. The
// SQLite file and its directory are created when missing. Errors say what to
// check (path, permissions, URL).
func Open(ctx context.Context, opts Options) (*DB, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	db := &DB{url: opts.URL, now: func() time.Time { return now().UTC() }, specs: &decodedSpecs{}}
	var err error
	switch {
	case strings.HasPrefix(opts.URL, "postgres://"), strings.HasPrefix(opts.URL, "postgresql://"):
		db.engine = Postgres
		err = db.openPostgres()
	case strings.HasPrefix(opts.URL, "sqlite:"):
		db.engine = SQLite
		err = db.openSQLite(strings.TrimPrefix(opts.URL, "sqlite:"))
	default:
		return nil, sprang.Errorf(sprang.Invalid, "database URL must start with sqlite: or postgres://")
	}
	if err != nil {
		return nil, err
	}
	if err := db.write.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.engine, err)
	}
	return db, nil
}

// sqlitePragmas are applied, in this order, on every SQLite connection.
// busy_timeout comes first so that the others wait instead of failing while
// another process holds a lock. In WAL mode a commit that returned survives
// the process being killed (the WAL is in the operating system's hands);
// synchronous=FULL also syncs the WAL to disk on every commit, so it
// survives an operating-system crash or power loss too.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(FULL)",
	"foreign_keys(ON)",
	"temp_store(MEMORY)",
	"cache_size(-16000)",
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
		// A reader's own page cache is SQLite's default 2 MB, not the
		// writer's 16: eight readers with 16 MB each held 340 MB under a
		// datastore search load (docs/PERFORMANCE.md), while the pages
		// they share stay in the operating system's cache anyway; the
		// smaller caches served as many searches.
		q.Add("_pragma", "cache_size(-2000)")
	} else {
		q.Set("_txlock", "immediate")
	}
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

func (db *DB) openSQLite(path string) error {
	if path == "" {
		return sprang.Errorf(sprang.Invalid, "sqlite: URL needs a file path, e.g. sqlite:./sprang-data/sprang.db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create database directory %s: %w", filepath.Dir(path), err)
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		_ = w.Close()
		return fmt.Errorf("open sqlite %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	r.SetConnMaxIdleTime(5 * time.Minute)
	db.write, db.read = w, r
	db.group = &groupCommit{}
	return nil
}

func (db *DB) openPostgres() error {
	p, err := sql.Open("pgx", db.url)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	p.SetConnMaxIdleTime(5 * time.Minute)
	db.write, db.read = p, p
	return nil
}

// Close closes both pools. It returns the first error.
func (db *DB) Close() error {
	var errs []error
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	return errors.Join(errs...)
}

// Engine reports which engine the DB runs on.
func (db *DB) Engine() Engine { return db.engine }

// URL returns the URL the DB was opened with. It may hold a password: never
// log it.
func (db *DB) URL() string { return db.url }

// Now returns the current time in UTC, from the clock given to Open.
func (db *DB) Now() time.Time { return db.now() }

// WritePool returns the pool for writes, for libraries that keep their own
// tables in the same database (the job queue).
func (db *DB) WritePool() *sql.DB { return db.write }

// Ping checks that the database answers, for readiness probes.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", db.engine, err)
	}
	return nil
}

// Stats returns the connection pool statistics of the write and read pools.
func (db *DB) Stats() (write, read sql.DBStats) {
	return db.write.Stats(), db.read.Stats()
}

// tx runs fn in a write transaction, committing when fn returns nil. On
// SQLite concurrent transactions share one commit (see groupCommit), so
// fn must do only database work: no waiting on other goroutines or I/O.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if db.group != nil {
		return db.txGrouped(ctx, fn)
	}
	return db.txAlone(ctx, fn)
}

// txAlone runs fn in a write transaction of its own.
func (db *DB) txAlone(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// exec runs one write statement in a transaction of its own (shared with
// concurrent writes on SQLite, see tx).
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if db.group == nil {
		return db.write.ExecContext(ctx, db.rebind(query), args...)
	}
	var res sql.Result
	err := db.txGrouped(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = tx.ExecContext(ctx, db.rebind(query), args...)
		return err
	})
	return res, err
}

// queryRow runs a read that returns at most one row.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.rebind(query), args...)
}

// query runs a read that returns rows.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.rebind(query), args...)
}

// notFound turns sql.ErrNoRows into a NotFound error naming what was looked
// for, and wraps any other error with the operation.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return sprang.Errorf(sprang.NotFound, "%s not found", what)
	}
	return fmt.Errorf("find %s: %w", what, err)
}
