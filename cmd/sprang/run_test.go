package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sprang"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// syncBuffer is an io.Writer safe for concurrent use whose readers can wait
// for a pattern to appear.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed and replaced on every write
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	close(b.changed)
	b.changed = make(chan struct{})
	return n, err
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// wait returns the first submatch of re once the output holds it. It gives
// up when done is closed (the writer finished) or ctx ends, returning "".
func (b *syncBuffer) wait(ctx context.Context, re *regexp.Regexp, done <-chan struct{}) string {
	for {
		b.mu.Lock()
		m := re.FindStringSubmatch(b.buf.String())
		ch := b.changed
		b.mu.Unlock()
		if m != nil {
			return m[1]
		}
		select {
		case <-ch:
		case <-done:
			return ""
		case <-ctx.Done():
			return ""
		}
	}
}

// testSecretKey is a SPRANG_SECRET_KEY for tests (PostgreSQL needs one).
const testSecretKey = "test-secret-key-0123456789abcdefghijklmnop"

// envOf returns a getenv that reads only m, so tests never see the
// developer's own SPRANG_* variables.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// runCLI runs the program with args and returns its output and error.
func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	out := newSyncBuffer()
	err := run(t.Context(), args, envOf(env), out)
	return out.String(), err
}

// engineURL returns the URL of a fresh, migrated database on engine e.
func engineURL(t *testing.T, e store.Engine) string {
	t.Helper()
	return storetest.OpenEngine(t, e).URL()
}

// eachEngine runs fn as a parallel subtest per available engine.
func eachEngine(t *testing.T, fn func(t *testing.T, e store.Engine)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, e)
		})
	}
}

func TestRunCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    string // in the output
		kind    sprang.Kind
		wantErr string // in the error
	}{
		{name: "no arguments prints help", want: "Usage: sprang COMMAND"},
		{name: "help lists backup and audit", args: []string{"help"}, want: "backup"},
		{name: "version", args: []string{"version"}, want: "sprang dev"},
		{name: "unknown command", args: []string{"frobnicate"}, kind: sprang.Invalid, wantErr: "sprang help"},
		{name: "command help is no error", args: []string{"serve", "-h"}, want: "-addr"},
		{name: "unknown flag", args: []string{"migrate", "--nope"}, kind: sprang.Invalid, wantErr: "-nope"},
		{name: "bad --addr", args: []string{"serve", "--addr", "nonsense"}, kind: sprang.Invalid, wantErr: "--addr"},
		{name: "bad --db", args: []string{"serve", "--db", "mysql://x"}, kind: sprang.Invalid, wantErr: "--db must start with sqlite: or postgres://"},
		{name: "bad --base-url", args: []string{"serve", "--base-url", "e.example.se"}, kind: sprang.Invalid, wantErr: "--base-url"},
		{name: "bad SPRANG_ADDR", args: []string{"migrate"}, env: map[string]string{"SPRANG_ADDR": "x"}, kind: sprang.Invalid, wantErr: "--addr"},
		{name: "flag beats bad env", args: []string{"audit", "search", "--addr", "127.0.0.1:1", "--limit", "0"},
			env: map[string]string{"SPRANG_ADDR": "x"}, kind: sprang.Invalid, wantErr: "--limit"},
		{name: "bad duration", args: []string{"migrate"}, env: map[string]string{"SPRANG_SESSION_IDLE": "soon"}, kind: sprang.Invalid, wantErr: "SPRANG_SESSION_IDLE"},
		{name: "missing secret file", args: []string{"migrate"}, env: map[string]string{"SPRANG_SECRET_KEY_FILE": "/nonexistent/key"}, kind: sprang.Invalid, wantErr: "SPRANG_SECRET_KEY_FILE"},
		{name: "audit without subcommand", args: []string{"audit"}, kind: sprang.Invalid, wantErr: "audit verify"},
		{name: "audit unknown subcommand", args: []string{"audit", "erase"}, kind: sprang.Invalid, wantErr: "erase"},
		{name: "backup without --to", args: []string{"backup"}, kind: sprang.Invalid, wantErr: "--to"},
		{name: "backup without a database", args: []string{"backup", "--to", "/nonexistent/b.db"}, kind: sprang.Invalid, wantErr: "no database at"},
		{name: "audit verify without a database", args: []string{"audit", "verify"}, kind: sprang.Invalid, wantErr: "check --data"},
		{name: "audit search without a database", args: []string{"audit", "search"}, kind: sprang.Invalid, wantErr: "no database at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"SPRANG_DATA": t.TempDir()}
			for k, v := range tt.env {
				env[k] = v
			}
			out, err := runCLI(t, env, tt.args...)
			if got := sprang.ErrorKind(err); got != tt.kind {
				t.Fatalf("error kind %q (%v), want %q", got, err, tt.kind)
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output does not contain %q:\n%s", tt.want, out)
			}
		})
	}
}

func TestRunSecretKeyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	good := filepath.Join(dir, "good")
	if err := os.WriteFile(short, []byte("too short\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte(strings.Repeat("k", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		kind sprang.Kind
	}{
		{"short key from file is read and rejected", map[string]string{"SPRANG_SECRET_KEY_FILE": short}, sprang.Invalid},
		{"good key from file", map[string]string{"SPRANG_SECRET_KEY_FILE": good}, ""},
		{"variable beats file", map[string]string{"SPRANG_SECRET_KEY_FILE": short, "SPRANG_SECRET_KEY": strings.Repeat("v", 32)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.env["SPRANG_DATA"] = t.TempDir()
			_, err := runCLI(t, tt.env, "migrate")
			if got := sprang.ErrorKind(err); got != tt.kind {
				t.Errorf("migrate: %v, want kind %q", err, tt.kind)
			}
		})
	}
}

func TestRunMigrate(t *testing.T) {
	t.Parallel()
	ms, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	latest := ms[len(ms)-1].Version
	dir := t.TempDir()
	// The data directory comes from SPRANG_DATA the first time and from
	// --data (beating a wrong SPRANG_DATA) the second time.
	out, err := runCLI(t, map[string]string{"SPRANG_DATA": dir}, "migrate")
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`applied \d+ migration\(s\); schema version (\d+) on sqlite`)
	if m := want.FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(latest) {
		t.Errorf("first migrate printed %q, want schema version %d", out, latest)
	}
	out, err = runCLI(t, map[string]string{"SPRANG_DATA": filepath.Join(dir, "wrong")}, "migrate", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "applied 0 migration(s)") {
		t.Errorf("second migrate printed %q, want nothing applied", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "wrong")); !os.IsNotExist(err) {
		t.Errorf("SPRANG_DATA was used although --data was given: %v", err)
	}
}

func TestRunMigratePostgres(t *testing.T) {
	t.Parallel()
	if storetest.Selected() != store.Postgres {
		t.Skip("runs with SPRANG_TEST_DB=postgres")
	}
	u := engineURL(t, store.Postgres)
	out, err := runCLI(t, map[string]string{"SPRANG_DB": u, "SPRANG_SECRET_KEY": testSecretKey, "SPRANG_DATA": t.TempDir()}, "migrate")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "on postgres") || strings.Contains(out, "postgres://") {
		t.Errorf("migrate printed %q", out)
	}
}
