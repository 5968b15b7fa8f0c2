package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// server is a "sprang serve" started by run in a goroutine.
type server struct {
	base   string        // http://127.0.0.1:PORT
	out    *syncBuffer   // everything run wrote
	cancel func()        // stops the server as SIGTERM would
	done   chan struct{} // closed when run has returned
	err    error         // what run returned, once done is closed
}

var listeningRE = regexp.MustCompile(`listening on (http://[^\s]+)`)

// startServer runs "sprang serve --addr 127.0.0.1:0 ARGS…" and waits until
// it listens. The server is stopped when the test ends.
func startServer(t *testing.T, env map[string]string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{out: newSyncBuffer(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), envOf(env), s.out)
	}()
	t.Cleanup(func() { _ = s.stop() })
	s.base = s.out.wait(t.Context(), listeningRE, s.done)
	if s.base == "" {
		_ = s.stop()
		t.Fatalf("server did not start: %v\n%s", s.err, s.out)
	}
	return s
}

// stop cancels the server's context and returns what run returned.
func (s *server) stop() error {
	s.cancel()
	<-s.done
	return s.err
}

// response is what get returns: an HTTP response with its body read.
type response struct {
	StatusCode int
	Header     http.Header
}

// get fetches url and returns the status, headers and body.
func get(t *testing.T, url string) (response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return response{StatusCode: res.StatusCode, Header: res.Header}, string(b)
}

func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := startServer(t, map[string]string{}, "--data", dir)
	tests := []struct {
		path   string
		status int
		body   string // in the body
	}{
		{"/healthz", http.StatusOK, ""},
		{"/readyz", http.StatusOK, ""},
		{"/", http.StatusOK, "<html"},
		{"/finns-inte", http.StatusNotFound, "<html"},
		{"/metrics", http.StatusOK, "sprang_http_requests_total"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, s.base+tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body does not contain %q", tt.body)
			}
			checkSecurityHeaders(t, res.Header, false)
		})
	}
	if err := s.stop(); err != nil {
		t.Fatalf("run after shutdown: %v\n%s", err, s.out)
	}
	checkClosed(t, s.base, filepath.Join(dir, "sprang.db"))
}

// checkSecurityHeaders checks the headers every response must carry; HSTS
// only when served over TLS.
func checkSecurityHeaders(t *testing.T, h http.Header, tls bool) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", h.Get("X-Content-Type-Options"))
	}
	if h.Get("Referrer-Policy") == "" {
		t.Error("no Referrer-Policy")
	}
	if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != tls {
		t.Errorf("Strict-Transport-Security %q with TLS %t", hsts, tls)
	}
}

// checkClosed checks that a stopped server no longer accepts connections
// and closed its SQLite database cleanly: the last connection to close
// checkpoints the write-ahead log and removes it.
func checkClosed(t *testing.T, base, dbPath string) {
	t.Helper()
	var d net.Dialer
	if c, err := d.DialContext(t.Context(), "tcp", strings.TrimPrefix(base, "http://")); err == nil {
		_ = c.Close()
		t.Error("the stopped server still accepts connections")
	}
	if _, err := os.Stat(dbPath + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("write-ahead log still there after shutdown (database not closed?): %v", err)
	}
	db := storetest.MustOpen(t, "sqlite:"+dbPath)
	if r, err := db.VerifyAudit(t.Context()); err != nil || !r.OK() {
		t.Errorf("database after shutdown: %+v, %v", r, err)
	}
}

func TestServeHSTSBehindTLS(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{"SPRANG_BASE_URL": "https://e.example.se"}, "--data", t.TempDir())
	for _, p := range []string{"/", "/healthz", "/finns-inte"} {
		res, _ := get(t, s.base+p)
		checkSecurityHeaders(t, res.Header, true)
	}
}

// TestServeShutdownUnderLoad stops the server while clients keep sending
// requests: run must return nil, and every response that arrived must be
// complete and successful (the clients may see refused connections).
func TestServeShutdownUnderLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := startServer(t, map[string]string{"SPRANG_DATA": dir})
	type result struct{ ok, failed int }
	results := make(chan result)
	for range 4 {
		go func() {
			var r result
			client := &http.Client{}
			for {
				req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, s.base+"/", nil)
				if err != nil {
					break
				}
				res, err := client.Do(req)
				if err != nil {
					break // refused or closed: the server is gone
				}
				_, rerr := io.Copy(io.Discard, res.Body)
				_ = res.Body.Close()
				if rerr != nil || res.StatusCode != http.StatusOK {
					r.failed++
				} else {
					r.ok++
				}
				if r.ok == 20 {
					s.cancel() // any client may be the one to stop it
				}
			}
			results <- r
		}()
	}
	var total result
	for range 4 {
		r := <-results
		total.ok += r.ok
		total.failed += r.failed
	}
	if err := s.stop(); err != nil {
		t.Fatalf("run after shutdown: %v", err)
	}
	if total.failed > 0 || total.ok < 20 {
		t.Errorf("%d complete responses, %d incomplete or failed", total.ok, total.failed)
	}
	checkClosed(t, s.base, filepath.Join(dir, "sprang.db"))
}

// TestServeListenError reports a taken address clearly.
func TestServeListenError(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{}, "--data", t.TempDir())
	_, err := runCLI(t, map[string]string{"SPRANG_DATA": t.TempDir()}, "serve", "--addr", strings.TrimPrefix(s.base, "http://"))
	if err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("second server on the same address: %v", err)
	}
}

// TestTwoServersOneDatabase starts two servers at once on one empty
// database: both migrate it concurrently without error and both are ready.
func TestTwoServersOneDatabase(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir()}
	if storetest.Selected() == store.Postgres {
		env["SPRANG_DB"], env["SPRANG_SECRET_KEY"] = emptyPostgres(t), testSecretKey
	}
	servers := make(chan *server, 2)
	for range 2 {
		go func() { servers <- startServerNoFatal(t, env) }()
	}
	a, b := <-servers, <-servers
	if a == nil || b == nil {
		t.FailNow()
	}
	for _, s := range []*server{a, b} {
		if res, body := get(t, s.base+"/readyz"); res.StatusCode != http.StatusOK {
			t.Errorf("%s/readyz: %d %s", s.base, res.StatusCode, body)
		}
	}
	for _, s := range []*server{a, b} {
		if err := s.stop(); err != nil {
			t.Errorf("stop %s: %v", s.base, err)
		}
	}
}

// startServerNoFatal is startServer for goroutines: it reports failures
// with t.Error and returns nil.
func startServerNoFatal(t *testing.T, env map[string]string) *server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{out: newSyncBuffer(), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, envOf(env), s.out)
	}()
	t.Cleanup(func() { _ = s.stop() })
	if s.base = s.out.wait(t.Context(), listeningRE, s.done); s.base == "" {
		t.Errorf("server did not start: %v\n%s", s.err, s.out)
		return nil
	}
	return s
}

// emptyPostgres creates an empty database (not migrated) on the test
// PostgreSQL server, drops it when the test ends and returns its URL.
func emptyPostgres(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("SPRANG_TEST_POSTGRES")
	if admin == "" {
		t.Fatal("SPRANG_TEST_DB=postgres needs SPRANG_TEST_POSTGRES")
	}
	adb, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = adb.Close() }()
	name := fmt.Sprintf("sprang_e_%d_%d", os.Getpid(), rand.Int64())
	if _, err := adb.ExecContext(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create empty database: %v", err)
	}
	t.Cleanup(func() {
		adb, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer func() { _ = adb.Close() }()
		_, _ = adb.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
