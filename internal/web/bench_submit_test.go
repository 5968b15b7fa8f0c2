package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/demo"
	"sprang/internal/i18n"
	"sprang/internal/secret"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// BenchmarkSubmit measures the requests of an e-service errand through the
// full middleware stack, as a resident logged in with the demo e-ID sends
// them, on the demo's "Synpunkter och klagomål" (two pages): "step" is one
// answered page (the draft saved), "submit" the check page's submission
// (the errand made) on drafts prepared outside the timing. The load
// script measures the same over real connections with concurrency.
//
//	go test -run '^$' -bench Submit -benchmem ./internal/web/
func BenchmarkSubmit(b *testing.B) {
	h, cookie := benchDemoResident(b)
	post := func(path string, form url.Values) string {
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("POST %s: status %d\n%s", path, rec.Code, rec.Body.String())
		}
		return rec.Header().Get("Location")
	}
	first := url.Values{"typ": {"klagomal"}, "verksamhet": {"gata"}, "text": {"Gatlampan på Storgatan 12 är släckt sedan två veckor."}}
	last := url.Values{"vill_ha_svar": {"no"}}
	prepare := func() string {
		step := post("/e-tjanster/synpunkter-och-klagomal/starta", nil)
		return post(post(step, first), last)
	}
	b.Run("step", func(b *testing.B) {
		step := post("/e-tjanster/synpunkter-och-klagomal/starta", nil)
		b.ReportAllocs()
		for b.Loop() {
			post(step, first)
		}
	})
	b.Run("submit", func(b *testing.B) {
		checks := make([]string, 0, 1024)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			if len(checks) == 0 {
				for range cap(checks) {
					checks = append(checks, prepare())
				}
			}
			check := checks[len(checks)-1]
			checks = checks[:len(checks)-1]
			b.StartTimer()
			if loc := post(check, url.Values{}); !strings.HasPrefix(loc, "/e-tjanster/kvitto/") {
				b.Fatalf("submitted to %s", loc)
			}
		}
	})
}

// benchDemoResident returns a demo platform and the session cookie of the
// demo resident, logged in with the simulated e-ID.
func benchDemoResident(b *testing.B) (http.Handler, *http.Cookie) {
	b.Helper()
	box, err := secret.NewBox(testSecretKey)
	if err != nil {
		b.Fatal(err)
	}
	db := storetest.Open(b).WithBox(box)
	if err := demo.Seed(b.Context(), db); err != nil {
		b.Fatal(err)
	}
	cfg := config.Config{SecretKey: testSecretKey, Demo: true, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, LogLevel: "info"}
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Auth: auth.New(db, box, cfg), Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/logga-in/demo-eid", strings.NewReader("personnummer=19121212-1212&next=/"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "sprang" {
			return srv, c
		}
	}
	b.Fatalf("demo e-ID login: status %d, no session cookie", rec.Code)
	return nil, nil
}
