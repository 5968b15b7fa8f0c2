package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// appendEntries appends n audit entries and returns their hashes by id.
func appendEntries(ctx context.Context, db *store.DB, n int) (map[int64]string, error) {
	out := make(map[int64]string, n)
	for i := range n {
		e, err := db.AppendAudit(ctx, audit.Entry{
			ActorKind: audit.System, ActorName: "backup-test",
			Action: audit.ConfigChanged, ObjectType: "setting", ObjectID: fmt.Sprint(i),
		})
		if err != nil {
			return out, err
		}
		out[e.ID] = e.Hash
	}
	return out, nil
}

// writeUntil appends entries until stop is closed and returns how many.
func writeUntil(db *store.DB, stop <-chan struct{}) (int, error) {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return n, nil
		default:
		}
		if _, err := appendEntries(context.Background(), db, 1); err != nil {
			return n, err
		}
	}
}

// allHashes returns every audit entry's hash by id.
func allHashes(t *testing.T, db *store.DB) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	f := audit.Filter{Limit: audit.MaxLimit}
	for {
		p, err := db.FindAuditEntries(t.Context(), f)
		if err != nil {
			t.Fatalf("FindAuditEntries: %v", err)
		}
		for _, e := range p.Entries {
			out[e.ID] = e.Hash
		}
		if !p.More {
			return out
		}
		f.Before = p.Next
	}
}

func TestBackupSQLiteWhileWriting(t *testing.T) {
	t.Parallel()
	db := storetest.OpenEngine(t, store.SQLite)
	before, err := appendEntries(t.Context(), db, 50)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written int
	var werr error
	wg.Go(func() { written, werr = writeUntil(db, stop) })

	path := filepath.Join(t.TempDir(), "backups", "sprang-backup.db")
	err = db.Backup(t.Context(), path, store.BackupOptions{})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if werr != nil {
		t.Fatalf("writer during backup: %v", werr)
	}
	t.Logf("%d entries written while the backup ran", written)
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left behind: %v", err)
	}

	cp := storetest.MustOpen(t, "sqlite:"+path)
	applied, err := cp.Migrate(t.Context())
	if err != nil || len(applied) != 0 {
		t.Fatalf("migrate the copy: applied %v, %v; want nothing to apply", applied, err)
	}
	want, _ := db.SchemaVersion(t.Context())
	if got, err := cp.SchemaVersion(t.Context()); err != nil || got != want {
		t.Errorf("copy schema version %d, %v; want %d", got, err, want)
	}
	r, err := cp.VerifyAudit(t.Context())
	if err != nil || !r.OK() {
		t.Fatalf("copy's audit chain: %+v, %v", r, err)
	}
	got := allHashes(t, cp)
	for id, h := range before {
		if got[id] != h {
			t.Errorf("entry %d committed before the backup: hash %q in the copy, want %q", id, got[id], h)
		}
	}
	if len(got) > len(before)+written {
		t.Errorf("copy holds %d entries, more than the %d ever written", len(got), len(before)+written)
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	db := storetest.OpenEngine(t, store.SQLite)
	dir := t.TempDir()
	tests := []struct {
		name   string
		create string // a file that exists before the backup
	}{
		{"target exists", "b.db"},
		{"temporary file exists", "b.db.tmp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sub := filepath.Join(dir, tt.name)
			if err := os.MkdirAll(sub, 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sub, tt.create), []byte("keep me"), 0o600); err != nil {
				t.Fatal(err)
			}
			err := db.Backup(t.Context(), filepath.Join(sub, "b.db"), store.BackupOptions{})
			if sprang.ErrorKind(err) != sprang.Conflict {
				t.Fatalf("Backup over an existing file: %v, want Conflict", err)
			}
			if b, _ := os.ReadFile(filepath.Join(sub, tt.create)); string(b) != "keep me" {
				t.Errorf("existing file changed to %q", b)
			}
		})
	}
}

func TestBackupPostgres(t *testing.T) {
	t.Parallel()
	if !hasEngine(store.Postgres) {
		t.Skip("PostgreSQL not configured (SPRANG_TEST_POSTGRES)")
	}
	db := storetest.OpenEngine(t, store.Postgres)
	if _, err := appendEntries(t.Context(), db, 3); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Run("without pg_dump", func(t *testing.T) {
		t.Parallel()
		err := db.Backup(t.Context(), filepath.Join(dir, "none.dump"), store.BackupOptions{})
		if !errors.Is(err, store.ErrNoPgDump) {
			t.Errorf("Backup without pg_dump: %v, want ErrNoPgDump", err)
		}
	})
	t.Run("password only in the environment", func(t *testing.T) {
		t.Parallel()
		fake := filepath.Join(dir, "fake_pg_dump")
		script := "#!/bin/sh\nfor a; do case $a in --file=*) f=${a#--file=};; esac; done\n" +
			"{ for a; do echo \"arg $a\"; done; env | grep '^PG'; } > \"$f\"\n"
		if err := os.WriteFile(fake, []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "fake.dump")
		env := []string{"PATH=/usr/bin:/bin", "PGPASSWORD=stale"}
		if err := db.Backup(t.Context(), path, store.BackupOptions{PgDump: fake, Environ: env}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out := string(b)
		for line := range strings.Lines(out) {
			if strings.HasPrefix(line, "arg ") && strings.Contains(line, "postgres") {
				t.Errorf("connection details on the command line: %q", line)
			}
		}
		if strings.Contains(out, "PGPASSWORD=stale") || !strings.Contains(out, "PGDATABASE=sprang_t_") {
			t.Errorf("pg_dump environment:\n%s", out)
		}
	})
	t.Run("real pg_dump", func(t *testing.T) {
		t.Parallel()
		pgDump, err := exec.LookPath("pg_dump")
		if err != nil {
			missingTool(t, "pg_dump not installed (apt install postgresql-client)")
		}
		path := filepath.Join(dir, "real.dump")
		if err := db.Backup(t.Context(), path, store.BackupOptions{PgDump: pgDump, Environ: os.Environ()}); err != nil {
			t.Fatal(err)
		}
		list, err := exec.CommandContext(t.Context(), filepath.Join(filepath.Dir(pgDump), "pg_restore"), "--list", path).CombinedOutput()
		if err != nil {
			t.Fatalf("pg_restore --list: %v\n%s", err, list)
		}
		if !strings.Contains(string(list), "TABLE DATA public audit_log") {
			t.Errorf("dump lacks the audit log:\n%s", list)
		}
	})
}

func hasEngine(e store.Engine) bool {
	for _, x := range storetest.Engines() {
		if x == e {
			return true
		}
	}
	return false
}

// missingTool skips, or fails under CI=true, for a missing program.
func missingTool(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// TestBackupIsPrivate checks that the backup file is readable by its owner
// only, whatever the umask.
func TestBackupIsPrivate(t *testing.T) {
	t.Parallel()
	db := storetest.OpenEngine(t, store.SQLite)
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(context.Background(), path, store.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("backup mode %o, want 600", mode)
	}
}
