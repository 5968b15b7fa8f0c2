package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/store"
)

// pgDumpHelp explains how to back up PostgreSQL when pg_dump is missing.
const pgDumpHelp = `PostgreSQL is backed up with pg_dump, which is not installed here.
Install the PostgreSQL client tools (on Debian: apt install postgresql-client) and run
sprang backup again, or run pg_dump yourself, for example:
  PGPASSWORD=… pg_dump --format=custom --file=FILE --host=HOST --username=USER DBNAME
(pg_dump --format=custom --file=FILE "$SPRANG_DB" works too, but puts the password in the process list).
Restore with pg_restore. See the Backups section of the README.`

// runBackup writes a consistent copy of the database to --to FILE while
// servers keep running: VACUUM INTO on SQLite, pg_dump on PostgreSQL.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var to string
	cfg, err := config.Load("backup", args, getenv, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "file to write the backup to; it must not exist yet (required)")
	})
	if err != nil {
		return err
	}
	if to == "" {
		return sprang.Errorf(sprang.Invalid, "backup needs --to FILE, e.g. sprang backup --to sprang-%s.backup", "YYYY-MM-DD")
	}
	db, err := openExisting(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	opts := store.BackupOptions{PgDump: lookPath("pg_dump", getenv("PATH")), Environ: os.Environ()}
	if err := db.Backup(ctx, to, opts); err != nil {
		if errors.Is(err, store.ErrNoPgDump) {
			return fmt.Errorf("backup: %w\n%s", err, pgDumpHelp)
		}
		return fmt.Errorf("backup: %w", err)
	}
	how := "SQLite database; use it as --db sqlite:" + to + " or copy it in place of sprang.db"
	if db.Engine() == store.Postgres {
		how = "pg_dump custom format; restore with pg_restore"
	}
	fmt.Fprintf(stdout, "backup written to %s (%s)\n", to, how)
	return nil
}

// openExisting opens the configured database, brought up to date when
// migrate is set, but unlike openMigrated refuses to create a new SQLite
// file: a mistyped --data must not yield an empty backup or an empty audit
// log that looks intact.
func openExisting(ctx context.Context, cfg config.Config, migrate bool) (*store.DB, error) {
	if !cfg.Postgres() {
		if _, err := os.Stat(cfg.SQLitePath()); err != nil {
			return nil, sprang.Errorf(sprang.Invalid, "no database at %s: check --data (SPRANG_DATA) or --db (SPRANG_DB)", cfg.SQLitePath())
		}
	}
	if migrate {
		return openMigrated(ctx, cfg)
	}
	return openDB(ctx, cfg)
}

// lookPath returns the executable name found in the directories of path
// (a PATH value), or "" when there is none.
func lookPath(name, path string) string {
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
			return p
		}
	}
	return ""
}
