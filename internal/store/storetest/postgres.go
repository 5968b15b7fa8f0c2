package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"sprang/internal/store"
)

var pgTemplate struct {
	once sync.Once
	name string
	err  error
}

// newPostgres creates a database from the migrated template and returns its
// URL; the database is dropped when the test ends.
func newPostgres(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv("SPRANG_TEST_POSTGRES")
	if admin == "" {
		missing(tb, "PostgreSQL not configured: set SPRANG_TEST_POSTGRES (make test does this)")
	}
	pgTemplate.once.Do(func() { pgTemplate.name, pgTemplate.err = ensurePGTemplate(admin) })
	if pgTemplate.err != nil {
		tb.Fatalf("postgres template: %v", pgTemplate.err)
	}
	name := "sprang_t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatalf("postgres admin: %v", err)
	}
	defer func() { _ = adb.Close() }()
	if _, err := adb.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, pgTemplate.name)); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() { dropPG(admin, name) })
	return withDatabase(admin, name)
}

// ensurePGTemplate creates and migrates the template database for the
// current migrations, unless another test binary did it already.
func ensurePGTemplate(admin string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name, err := templateName()
	if err != nil {
		return "", err
	}
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer func() { _ = adb.Close() }()
	conn, err := adb.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redact(admin), err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(4242)`); err != nil {
		return "", err
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(4242)`) }()
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	build := name + "_build"
	_, _ = conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+build+` WITH (FORCE)`)
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+build); err != nil {
		return "", err
	}
	if err := migrateTemplate(withDatabase(admin, build)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+build+` RENAME TO `+name); err != nil {
		return "", err
	}
	return name, nil
}

// templateName names the template after a hash of the migrations, so a
// changed schema gets a new template.
func templateName() (string, error) {
	ms, err := store.Migrations(store.Postgres)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		h.Write([]byte(m.SQL))
	}
	h.Write([]byte(store.SchemaFingerprint()))
	return "sprang_tmpl_" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

func dropPG(admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		return
	}
	defer func() { _ = adb.Close() }()
	_, _ = adb.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
}

func withDatabase(admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		return admin
	}
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(bad URL)"
	}
	return u.Redacted()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
