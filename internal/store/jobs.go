package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue is River's: its tables (river_job, river_leader, river_queue,
// river_client, river_migration, river_notification) live in the same
// database as ours, created by Migrate through River's own migrator after the
// numbered migrations. Package jobs runs the queue; this file only gives it a
// driver, creates its schema and counts its rows.

// TxFunc is work that must commit or roll back together with a store write,
// such as enqueuing a job for a change (the transactional outbox). Store
// methods that accept TxFuncs call them inside their write transaction; an
// error from one rolls the whole write back.
type TxFunc func(ctx context.Context, tx *sql.Tx) error

// JobDriver returns the River driver for this database: riversqlite on the
// single-connection write pool for SQLite, riverdatabasesql (poll-only, no
// LISTEN/NOTIFY) on the shared pool for PostgreSQL. Its transactions are
// *sql.Tx of the write pool, so jobs enqueued inside a store transaction
// commit with it.
func (db *DB) JobDriver() riverdriver.Driver[*sql.Tx] {
	return jobDriver(db.engine, db.write)
}

func jobDriver(engine Engine, pool *sql.DB) riverdriver.Driver[*sql.Tx] {
	if engine == Postgres {
		return riverdatabasesql.New(pool)
	}
	return riversqlite.New(pool)
}

// jobMigrator returns River's migrator for engine on pool (nil when only
// its embedded migration list is needed).
func jobMigrator(engine Engine, pool *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	m, err := rivermigrate.New(jobDriver(engine, pool), &rivermigrate.Config{
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return nil, fmt.Errorf("job queue migrator: %w", err)
	}
	return m, nil
}

// migrateJobQueue applies River's pending migrations, one per transaction,
// each under the same lock as our migrations so that concurrent processes
// migrate one at a time. It returns the River versions it applied.
func (db *DB) migrateJobQueue(ctx context.Context) ([]int, error) {
	m, err := jobMigrator(db.engine, db.write)
	if err != nil {
		return nil, err
	}
	var applied []int
	for {
		var step []int
		err := db.tx(ctx, func(tx *sql.Tx) error {
			if err := db.advisoryXactLock(ctx, tx, lockMigrate); err != nil {
				return err
			}
			// MigrateTx is deprecated because several River migrations in one
			// transaction can fail; MaxSteps: 1 applies exactly one, and the
			// transaction lets our lock serialize concurrent processes.
			res, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{MaxSteps: 1}) //nolint:staticcheck // see above
			if err != nil {
				return err
			}
			for _, v := range res.Versions {
				step = append(step, v.Version)
			}
			return nil
		})
		if err != nil {
			return applied, fmt.Errorf("migrate job queue: %w", err)
		}
		if len(step) == 0 {
			return applied, nil
		}
		applied = append(applied, step...)
	}
}

// jobQueueVersion returns the newest River migration version embedded for
// either engine, or 0 when the list cannot be read.
func jobQueueVersion() int {
	v := 0
	for _, e := range []Engine{SQLite, Postgres} {
		m, err := jobMigrator(e, nil)
		if err != nil {
			continue
		}
		all := m.AllVersions()
		if len(all) > 0 {
			v = max(v, all[len(all)-1].Version)
		}
	}
	return v
}

// JobCounts returns the number of jobs in each River state that has any
// ("available", "running", "retryable", "discarded", …). It reads from the
// read pool, so /metrics never waits for the job queue's writes.
func (db *DB) JobCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.query(ctx, `SELECT state, COUNT(*) FROM river_job GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	defer func() { _ = rows.Close() }()
	counts := map[string]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		counts[state] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	return counts, nil
}
