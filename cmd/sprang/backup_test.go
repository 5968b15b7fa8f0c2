package main

import (
	"bytes"
	"context"
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

// TestBackupSQLiteWhileWriting backs up through the command line while
// another connection (as a running server would) keeps writing.
func TestBackupSQLiteWhileWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := runCLI(t, nil, "migrate", "--data", dir); err != nil {
		t.Fatal(err)
	}
	db := storetest.MustOpen(t, "sqlite:"+filepath.Join(dir, "sprang.db"))
	before := appendSample(t, db)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var werr error
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, werr = db.AppendAudit(context.Background(), audit.Entry{
				ActorKind: audit.System, Action: audit.ConfigChanged, ObjectType: "setting",
			}); werr != nil {
				return
			}
		}
	})
	to := filepath.Join(t.TempDir(), "sprang-backup.db")
	out, err := runCLI(t, nil, "backup", "--data", dir, "--to", to)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if werr != nil {
		t.Fatalf("writing during the backup: %v", werr)
	}
	if !strings.Contains(out, "backup written to "+to) {
		t.Errorf("backup printed %q", out)
	}

	// The copy is a complete platform database: it migrates as current,
	// its audit chain is intact and holds everything committed before.
	cp := storetest.MustOpen(t, "sqlite:"+to)
	if applied, err := cp.Migrate(t.Context()); err != nil || len(applied) != 0 {
		t.Errorf("migrating the copy applied %v, %v; want nothing", applied, err)
	}
	r, err := cp.VerifyAudit(t.Context())
	if err != nil || !r.OK() || r.Entries < int64(len(before)) {
		t.Fatalf("copy's audit log: %+v, %v", r, err)
	}
	page, err := cp.FindAuditEntries(t.Context(), audit.Filter{Before: int64(len(before)) + 1, Limit: audit.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range page.Entries {
		if w := before[len(before)-1-i]; e.ID != w.ID || e.Hash != w.Hash {
			t.Errorf("copy has entry %d with hash %s, want %d with %s", e.ID, e.Hash, w.ID, w.Hash)
		}
	}

	// A second backup to the same file is refused and leaves it alone.
	old, _ := os.ReadFile(to)
	_, err = runCLI(t, nil, "backup", "--data", dir, "--to", to)
	if sprang.ErrorKind(err) != sprang.Conflict || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("backup over an existing file: %v", err)
	}
	if now, _ := os.ReadFile(to); !bytes.Equal(old, now) {
		t.Error("the refused backup changed the existing file")
	}
}

func TestBackupPostgres(t *testing.T) {
	t.Parallel()
	if storetest.Selected() != store.Postgres {
		t.Skip("runs with SPRANG_TEST_DB=postgres")
	}
	u := engineURL(t, store.Postgres)
	dir := t.TempDir()
	t.Run("without pg_dump", func(t *testing.T) {
		t.Parallel()
		_, err := runCLI(t, map[string]string{"SPRANG_DB": u, "SPRANG_SECRET_KEY": testSecretKey, "PATH": ""}, "backup", "--to", filepath.Join(dir, "x.dump"))
		if err == nil || !strings.Contains(err.Error(), "pg_dump --format=custom") || !strings.Contains(err.Error(), "README") {
			t.Errorf("backup without pg_dump: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), u) {
			t.Error("the error shows the database URL")
		}
	})
	t.Run("with pg_dump", func(t *testing.T) {
		t.Parallel()
		pgDump, err := exec.LookPath("pg_dump")
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("pg_dump not installed")
			}
			t.Skip("pg_dump not installed")
		}
		to := filepath.Join(dir, "sprang.dump")
		out, err := runCLI(t, map[string]string{"SPRANG_DB": u, "SPRANG_SECRET_KEY": testSecretKey, "PATH": filepath.Dir(pgDump)}, "backup", "--to", to)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "pg_restore") {
			t.Errorf("backup printed %q", out)
		}
		list, err := exec.CommandContext(t.Context(), filepath.Join(filepath.Dir(pgDump), "pg_restore"), "--list", to).CombinedOutput()
		if err != nil || !strings.Contains(string(list), "audit_log") {
			t.Errorf("pg_restore --list: %v\n%s", err, list)
		}
	})
}
