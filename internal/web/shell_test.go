package web_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// newShellServer returns a test server on a fresh database.
func newShellServer(t *testing.T, cfg config.Config) *httptest.Server {
	t.Helper()
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle, cfg.SessionAbsolute = 30*60e9, 12*3600e9
	}
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: storetest.Open(t), Catalog: i18n.MustLoad()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestShellPages(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	tests := []struct {
		name, path string
		header     map[string]string
		status     int
		contains   []string
	}{
		{"home sv", "/", nil, 200, []string{`<html lang="sv">`, "Välkommen till Språnget", "Digital trygghet", `href="/tillganglighet"`, `class="skip-link" href="#main"`}},
		{"home en by header", "/", map[string]string{"Accept-Language": "en-GB,en;q=0.8"}, 200, []string{`<html lang="en">`, "Welcome to Språnget"}},
		{"home en by cookie", "/", map[string]string{"Cookie": "lang=en"}, 200, []string{`<html lang="en">`}},
		{"accessibility statement", "/tillganglighet", nil, 200, []string{"Tillgänglighetsredogörelse", "WCAG 2.1", "digg.se"}},
		{"report problem", "/tillganglighet/rapportera?sida=/x", nil, 200, []string{"Rapportera", "<code>/x</code>"}},
		{"not found", "/finns-inte", nil, 404, []string{"Sidan finns inte", "Till startsidan"}},
		{"not found en", "/nope", map[string]string{"Cookie": "lang=en"}, 404, []string{"Page not found"}},
		{"healthz", "/healthz", nil, 200, []string{"ok"}},
		{"readyz", "/readyz", nil, 200, []string{"ok"}},
		{"metrics", "/metrics", nil, 200, []string{"sprang_db_connections_open"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, body := get(t, ts.URL+tt.path, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q", c)
				}
			}
			if resp.Header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id header")
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"http://example.test", "https://example.test"} {
		ts := newShellServer(t, config.Config{BaseURL: base})
		resp, _ := get(t, ts.URL+"/", nil)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: weak CSP %q", base, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", base)
		}
		if hsts := h.Get("Strict-Transport-Security"); (base[:5] == "https") != (hsts != "") {
			t.Errorf("%s: HSTS %q", base, hsts)
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	tests := []struct{ path, location, cookie string }{
		{"/lang/en?next=/tillganglighet", "/tillganglighet", "lang=en"},
		{"/lang/sv?next=//evil.example/", "/", "lang=sv"},
		{"/lang/en?next=https://evil.example/", "/", "lang=en"},
		{"/lang/xx", "/", "lang=sv"},
		{"/lang/sv?next=/%252F%252Fevil.example", "/", "lang=sv"},
		{"/lang/sv?next=/%252Fevil.example%20", "/", "lang=sv"}, // decodes to "//evil.example " without the check
	}
	for _, tt := range tests {
		resp, _ := get(t, ts.URL+tt.path, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s: %d to %q, want 303 to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.location)
		}
		if c := resp.Header.Get("Set-Cookie"); !strings.HasPrefix(c, tt.cookie+";") || !strings.Contains(c, "HttpOnly") {
			t.Errorf("%s: cookie %q", tt.path, c)
		}
	}
}

func TestStaticAssetsFingerprintedAndCompressed(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	_, body := get(t, ts.URL+"/", nil)
	m := regexp.MustCompile(`href="(/static/app\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no fingerprinted stylesheet link on the home page")
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+m[1], nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("stylesheet headers: %v", resp.Header)
	}
	if resp, _ := get(t, ts.URL+"/static/app.css", nil); resp.StatusCode != 404 {
		t.Errorf("unfingerprinted asset: status %d, want 404", resp.StatusCode)
	}
}

// TestTemplateKeysExist checks that every message key a template asks for
// with {{.T "key"}} exists in the catalog, in both languages.
func TestTemplateKeysExist(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	key := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	err := filepath.WalkDir("templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			for _, l := range i18n.Langs {
				if !cat.Has(l, m[1]) {
					t.Errorf("%s uses key %q, missing in %s", p, m[1], l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLoginRedirectKeepsQuery checks that an anonymous visit to a staff page
// with a query string is sent to the login page with the whole return path,
// escaped, so the search survives the login.
func TestLoginRedirectKeepsQuery(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	resp, _ := get(t, ts.URL+"/personal/logg?action=login.failure&text=a", nil)
	want := "/logga-in?next=%2Fpersonal%2Flogg%3Faction%3Dlogin.failure%26text%3Da"
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Errorf("got %d to %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}

func TestMetricsToken(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test", MetricsToken: "skrapnyckel"})
	tests := []struct {
		auth   string
		status int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer fel", http.StatusUnauthorized},
		{"Bearer skrapnyckel", http.StatusOK},
	}
	for _, tt := range tests {
		resp, _ := get(t, ts.URL+"/metrics", map[string]string{"Authorization": tt.auth})
		if resp.StatusCode != tt.status {
			t.Errorf("Authorization %q: status %d, want %d", tt.auth, resp.StatusCode, tt.status)
		}
	}
}

// TestMetricsMethodLabelsBounded sends made-up methods: they must not
// become new time series.
func TestMetricsMethodLabelsBounded(t *testing.T) {
	t.Parallel()
	ts := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	for _, m := range []string{"FOO1", "FOO2", "BREW"} {
		req, _ := http.NewRequest(m, ts.URL+"/", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	_, body := get(t, ts.URL+"/metrics", nil)
	if strings.Contains(body, `method="FOO1"`) || !strings.Contains(body, `method="other"`) {
		t.Errorf("made-up methods are labelled as they came:\n%s", body)
	}
}
