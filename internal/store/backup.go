package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"sprang"
)

// ErrNoPgDump is returned by Backup on PostgreSQL when no pg_dump program
// was given: PostgreSQL is backed up with its own tool, not by this process.
var ErrNoPgDump = errors.New("pg_dump is not installed")

// BackupOptions configures Backup.
type BackupOptions struct {
	// PgDump is the path of the pg_dump program, used on PostgreSQL only;
	// "" means it is not available and Backup returns ErrNoPgDump.
	PgDump string
	// Environ is the environment pg_dump runs with (e.g. os.Environ()).
	// Any PG* variables in it are replaced by the connection settings of
	// the database URL, which never appear on pg_dump's command line.
	Environ []string
}

// Backup writes a consistent copy of the database to the file path while
// the database stays in use. It never overwrites: an existing path gives a
// sprang.Conflict error. The copy is written to path+".tmp" and appears
// under path only once complete and flushed to disk.
//
// On SQLite the copy is made with VACUUM INTO on a read connection, so
// writers are not blocked; the copy is a ready-to-use SQLite database. On
// PostgreSQL it runs opts.PgDump --format=custom (restore with pg_restore),
// passing the connection settings through the environment so that the
// password is not visible in the process list.
func (db *DB) Backup(ctx context.Context, path string, opts BackupOptions) error {
	if path == "" {
		return sprang.Errorf(sprang.Invalid, "backup needs a target file")
	}
	if db.engine == Postgres && opts.PgDump == "" {
		return ErrNoPgDump
	}
	tmp := path + ".tmp"
	if err := checkBackupTargets(path, tmp); err != nil {
		return err
	}
	if err := createPrivate(tmp); err != nil {
		return err
	}
	var err error
	if db.engine == Postgres {
		err = db.pgDump(ctx, tmp, opts)
	} else {
		err = db.vacuumInto(ctx, tmp)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := publishBackup(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// checkBackupTargets refuses to start when the target or its temporary file
// exists already, with a message that says what to do.
func checkBackupTargets(path, tmp string) error {
	if _, err := os.Lstat(path); err == nil {
		return sprang.Errorf(sprang.Conflict, "backup file %s exists already: choose another name or move the old file away", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: check %s: %w", path, err)
	}
	if _, err := os.Lstat(tmp); err == nil {
		return sprang.Errorf(sprang.Conflict, "%s exists: another backup is running or one was interrupted; remove it if not", tmp)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("backup: create directory %s: %w", filepath.Dir(path), err)
	}
	return nil
}

// vacuumInto writes a consistent snapshot of the SQLite database to tmp. It
// uses a connection of its own: the read pool is query_only, which forbids
// VACUUM INTO, and the single write connection must stay free for writers.
// VACUUM INTO only reads the database, so writers carry on meanwhile.
func (db *DB) vacuumInto(ctx context.Context, tmp string) error {
	c, err := sql.Open("sqlite", sqliteDSN(strings.TrimPrefix(db.url, "sqlite:"), false))
	if err != nil {
		return fmt.Errorf("backup: connect: %w", err)
	}
	defer func() { _ = c.Close() }()
	c.SetMaxOpenConns(1)
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("backup: vacuum into %s: %w", tmp, err)
	}
	return nil
}

// pgDump runs pg_dump into tmp with the connection settings in its
// environment.
func (db *DB) pgDump(ctx context.Context, tmp string, opts BackupOptions) error {
	env, err := pgEnviron(db.url, opts.Environ)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, opts.PgDump, "--format=custom", "--no-password", "--file="+tmp) //nolint:gosec // the operator's pg_dump and --to; no shell
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("backup: pg_dump: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// pgEnvNames maps connection URL query parameters to libpq environment
// variables. Parameters not listed (pgx pool settings) are not for pg_dump.
var pgEnvNames = map[string]string{
	"host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "dbname": "PGDATABASE",
	"user": "PGUSER", "password": "PGPASSWORD", "passfile": "PGPASSFILE", "service": "PGSERVICE",
	"options": "PGOPTIONS", "application_name": "PGAPPNAME", "sslmode": "PGSSLMODE",
	"sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "sslrootcert": "PGSSLROOTCERT",
	"sslcrl": "PGSSLCRL", "sslnegotiation": "PGSSLNEGOTIATION", "connect_timeout": "PGCONNECT_TIMEOUT",
	"target_session_attrs": "PGTARGETSESSIONATTRS", "gssencmode": "PGGSSENCMODE",
}

// pgEnviron returns base without its PG* variables, plus the libpq
// variables for the postgres:// URL raw.
func pgEnviron(raw string, base []string) ([]string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("backup: parse database URL: %w", errors.New("malformed URL"))
	}
	set := map[string]string{}
	if u.User != nil {
		set["PGUSER"] = u.User.Username()
		if p, ok := u.User.Password(); ok {
			set["PGPASSWORD"] = p
		}
	}
	if hosts, ports := splitPGHosts(u.Host); hosts != "" {
		set["PGHOST"], set["PGPORT"] = hosts, ports
	}
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		set["PGDATABASE"] = db
	}
	for k, vs := range u.Query() {
		if name, ok := pgEnvNames[k]; ok && len(vs) > 0 {
			set[name] = vs[len(vs)-1]
		}
	}
	env := make([]string, 0, len(base)+len(set))
	for _, kv := range base {
		if !strings.HasPrefix(kv, "PG") {
			env = append(env, kv)
		}
	}
	for k, v := range set {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env, nil
}

// splitPGHosts splits "h1:5432,h2" into "h1,h2" and "5432,"; ports are ""
// when none is given.
func splitPGHosts(hostport string) (hosts, ports string) {
	if hostport == "" {
		return "", ""
	}
	var hs, ps []string
	anyPort := false
	for _, hp := range strings.Split(hostport, ",") {
		h, p, err := net.SplitHostPort(hp)
		if err != nil {
			h, p = strings.Trim(hp, "[]"), ""
		}
		anyPort = anyPort || p != ""
		hs, ps = append(hs, h), append(ps, p)
	}
	if !anyPort {
		return strings.Join(hs, ","), ""
	}
	return strings.Join(hs, ","), strings.Join(ps, ",")
}

// createPrivate creates the empty file tmp readable by the owner only:
// a backup holds password hashes, sealed personal data and the audit log.
// VACUUM INTO and pg_dump write into the empty file and keep its mode.
func createPrivate(tmp string) error {
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return sprang.Errorf(sprang.Conflict, "%s exists: another backup is running or one was interrupted; remove it if not", tmp)
		}
		return fmt.Errorf("backup: create %s: %w", tmp, err)
	}
	return f.Close()
}

// publishBackup makes the finished tmp durable and moves it to path without
// ever replacing a file that appeared there meanwhile.
func publishBackup(tmp, path string) error {
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup: flush %s: %w", tmp, err)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return sprang.Errorf(sprang.Conflict, "backup file %s appeared while the backup ran; the new copy was discarded", path)
		}
		return fmt.Errorf("backup: move %s to %s: %w", tmp, path, err)
	}
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("backup: remove %s: %w", tmp, err)
	}
	if err := syncFile(filepath.Dir(path)); err != nil {
		return fmt.Errorf("backup: flush directory of %s: %w", path, err)
	}
	return nil
}

// syncFile flushes the file or directory at path to stable storage.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
