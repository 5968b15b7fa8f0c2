package storetest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sprang/internal/store"
)

var sqliteTemplate struct {
	once sync.Once
	path string
	err  error
}

// newSQLite copies the migrated template into the test's temp dir and
// returns its URL.
func newSQLite(tb testing.TB) string {
	tb.Helper()
	sqliteTemplate.once.Do(func() {
		dir, err := os.MkdirTemp("", "sprang-storetest-*")
		if err != nil {
			sqliteTemplate.err = err
			return
		}
		sqliteTemplate.path = filepath.Join(dir, "template.db")
		sqliteTemplate.err = migrateTemplate("sqlite:" + sqliteTemplate.path)
	})
	if sqliteTemplate.err != nil {
		tb.Fatalf("sqlite template: %v", sqliteTemplate.err)
	}
	dst := filepath.Join(tb.TempDir(), "test.db")
	if err := copyFile(sqliteTemplate.path, dst); err != nil {
		tb.Fatalf("copy sqlite template: %v", err)
	}
	return "sqlite:" + dst
}

// migrateTemplate opens url, migrates it and closes it again, leaving a
// database that is safe to copy (its WAL checkpointed into the main file).
func migrateTemplate(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		return err
	}
	if _, err := db.Migrate(ctx); err != nil {
		_ = db.Close()
		return err
	}
	return db.Close()
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
