package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// TestPageViewsCounted: HTML pages answered with 200 count as page views
// with their bytes, static files add bytes only, errors and other answers
// count nothing, and shutting down writes the counts.
func TestPageViewsCounted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cfg := config.Config{BaseURL: "http://kommun.example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
		srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Catalog: i18n.MustLoad()})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		get := func(path string) (int, int, string) {
			t.Helper()
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, ts.URL+path, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req) // count what is sent, compressed
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = res.Body.Close() }()
			raw, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			text := raw
			if res.Header.Get("Content-Encoding") == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				if text, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			return res.StatusCode, len(raw), string(text)
		}
		status, pageBytes, body := get("/")
		if status != http.StatusOK {
			t.Fatalf("home page: %d", status)
		}
		css := regexp.MustCompile(`/static/[^"]+\.css`).FindString(body)
		if css == "" {
			t.Fatal("no style sheet on the home page")
		}
		_, cssBytes, _ := get(css)
		if code, _, _ := get("/finns-inte"); code != http.StatusNotFound {
			t.Fatalf("an unknown page: %d", code)
		}
		if err := srv.Shutdown(t.Context()); err != nil {
			t.Fatal(err)
		}
		now := db.Now()
		pv, err := db.PageViews(t.Context(), now.Add(-48*time.Hour), now.Add(48*time.Hour))
		if err != nil || pv.Views != 1 || pv.Bytes != int64(pageBytes+cssBytes) {
			t.Errorf("page views %+v, %v; want 1 view of %d + %d bytes", pv, err, pageBytes, cssBytes)
		}
	})
}
