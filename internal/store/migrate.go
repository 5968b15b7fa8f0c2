package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one numbered, forward-only schema change.
type Migration struct {
	Version int    // from the file name: 0001_name.sql is version 1
	Name    string // the file name without number and extension
	SQL     string
}

// Migrations returns the embedded migrations for engine, in order. It
// returns an error when a file name does not start with a number.
func Migrations(engine Engine) ([]Migration, error) {
	dir := path.Join("migrations", string(engine))
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations for %s: %w", engine, err)
	}
	var ms []Migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s/%s: name must be NNNN_name.sql", dir, e.Name())
		}
		b, err := migrationFS.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies every migration not yet applied, each in its own
// transaction, then the job queue's (River's) own migrations, and returns
// the numbered versions it applied. Several processes may
// call it at once: on PostgreSQL an advisory lock lets one migrate while the
// others wait; on SQLite the single writer does the same.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	ms, err := Migrations(db.engine)
	if err != nil {
		return nil, err
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.advisoryXactLock(ctx, tx, lockMigrate); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range ms {
		done, err := db.applyMigration(ctx, m)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	if _, err := db.migrateJobQueue(ctx); err != nil {
		return applied, err
	}
	return applied, nil
}

// applyMigration applies m unless it is applied already, and reports
// whether it applied it.
func (db *DB) applyMigration(ctx context.Context, m Migration) (bool, error) {
	done := false
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := db.advisoryXactLock(ctx, tx, lockMigrate); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
			return fmt.Errorf("check migration %d: %w", m.Version, err)
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("apply migration %04d_%s: %w", m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`), m.Version, m.Name, db.Now()); err != nil {
			return fmt.Errorf("record migration %d: %w", m.Version, err)
		}
		done = true
		return nil
	})
	return done, err
}

// SchemaVersion returns the highest applied migration version, 0 when none.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.queryRow(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// SchemaFingerprint names everything besides the numbered migrations that
// Migrate puts into a database (library-owned tables: River's job queue at
// its newest migration version), so that test templates are rebuilt when it
// changes.
func SchemaFingerprint() string {
	return "foundation+river" + strconv.Itoa(jobQueueVersion())
}
