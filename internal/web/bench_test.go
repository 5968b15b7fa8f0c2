package web_test

// Benchmarks of whole requests through the full middleware stack (request
// id, recovery, access log and metrics, security headers, language,
// sessions, cross-origin protection) into the handler, served to an
// httptest.ResponseRecorder: no network, no HTTP parsing. BenchmarkHelloWorld
// is the ceiling, a bare net/http handler measured the same way, so the
// ratio of ns/op says what the platform costs on top of net/http. The load
// script (go run ./scripts/load, make load) measures the same pages over
// real connections; docs/PERFORMANCE.md has both.
//
// A failed login (POST /logga-in with a wrong password) is deliberately not
// benchmarked: its cost is the argon2id hash (tens of milliseconds and
// 64 MiB by design), so it would measure the password hash, not the web
// layer, and it would also trip the login rate limits after a few rounds.
//
// Run: go test -run '^$' -bench . -benchmem ./internal/web/
// (SPRANG_TEST_DB=postgres with SPRANG_TEST_POSTGRES runs the one benchmark
// that reads the database, the logged-in home page, on PostgreSQL.)

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/secret"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// benchServer returns a platform on a fresh database, logging in JSON to
// io.Discard as serve does to stdout (so the cost of building each access
// log line is measured, the write is not), and its login service.
func benchServer(b *testing.B) (*web.Server, *auth.Service) {
	b.Helper()
	db := storetest.Open(b)
	cfg := config.Config{SecretKey: testSecretKey, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, LogLevel: "info"}
	box, err := secret.NewBox(testSecretKey)
	if err != nil {
		b.Fatal(err)
	}
	a := auth.New(db, box, cfg)
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Auth: a, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return srv, a
}

// benchGET serves req with h once per iteration and fails unless every
// answer has status want.
func benchGET(b *testing.B, h http.Handler, req *http.Request, want int) {
	b.Helper()
	// One warm-up request, checked, outside the timing.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != want {
		b.Fatalf("GET %s: status %d, want %d", req.URL.Path, rec.Code, want)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			b.Fatalf("GET %s: status %d, want %d", req.URL.Path, rec.Code, want)
		}
	}
}

// browserGET is a GET as a browser sends it: with Accept-Encoding and an
// Accept-Language header, and Sec-Fetch-Site as a same-origin navigation.
func browserGET(target string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	req.Header.Set("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.8")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// BenchmarkHelloWorld is the ceiling: a bare net/http handler, served the
// same way as the platform's pages.
func BenchmarkHelloWorld(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "Hello, World!\n")
	})
	benchGET(b, h, browserGET("/"), http.StatusOK)
}

// BenchmarkHomePage is the anonymous home page: no session cookie, so no
// database access; after the first request the rendered bytes come from
// the public page cache, so the cost is the middleware.
func BenchmarkHomePage(b *testing.B) {
	srv, _ := benchServer(b)
	benchGET(b, srv, browserGET("/"), http.StatusOK)
}

// BenchmarkHomePageRendered is the anonymous home page rendered on every
// request (a query string bypasses the public page cache): the middleware
// and the template, what a page costs that cannot be cached.
func BenchmarkHomePageRendered(b *testing.B) {
	srv, _ := benchServer(b)
	benchGET(b, srv, browserGET("/?utm=1"), http.StatusOK)
}

// BenchmarkHomePageLoggedIn is the home page for a logged-in resident:
// the session middleware reads (and touches) the session in the database
// on every request.
func BenchmarkHomePageLoggedIn(b *testing.B) {
	srv, a := benchServer(b)
	login, err := a.LoginDemoEID(b.Context(), "19121212-1212")
	if err != nil {
		b.Fatal(err)
	}
	req := browserGET("/")
	req.AddCookie(&http.Cookie{Name: "sprang", Value: login.Token})
	benchGET(b, srv, req, http.StatusOK)
}

// BenchmarkLoginPage is the staff login form (GET /logga-in).
func BenchmarkLoginPage(b *testing.B) {
	srv, _ := benchServer(b)
	benchGET(b, srv, browserGET("/logga-in"), http.StatusOK)
}

// BenchmarkStaticAsset is the fingerprinted stylesheet, gzipped from
// memory.
func BenchmarkStaticAsset(b *testing.B) {
	srv, _ := benchServer(b)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, browserGET("/"))
	css := regexp.MustCompile(`/static/[^"]+\.css`).FindString(recordedBody(b, rec))
	if css == "" {
		b.Fatal("no stylesheet linked from the home page")
	}
	benchGET(b, srv, browserGET(css), http.StatusOK)
}

// BenchmarkNotFound is the 404 page for an unknown path.
func BenchmarkNotFound(b *testing.B) {
	srv, _ := benchServer(b)
	benchGET(b, srv, browserGET("/finns-inte"), http.StatusNotFound)
}

// recordedBody returns the body of a recorded answer, decompressed when
// it was sent gzip-encoded (as pages are to browsers).
func recordedBody(tb testing.TB, rec *httptest.ResponseRecorder) string {
	tb.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.String()
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
