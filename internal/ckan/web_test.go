package ckan_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// TestThroughWebServer runs the API behind the platform's own middleware,
// as in production: the route table hands /api/3/ to it, a JSON POST
// without Origin (curl, scripts) passes the cross-origin protection, and
// behind a trusted proxy the rate limit counts the client of
// X-Forwarded-For, not the proxy.
func TestThroughWebServer(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	e := newEnv(t, db, ckanDefaults()) // for its auth service and files
	cfg := config.Config{SessionIdle: time.Hour, SessionAbsolute: time.Hour,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Catalog: i18n.MustLoad(), Auth: e.svc, Files: e.fs})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	call := func(method, path, body string, header map[string]string) *http.Response {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		return res
	}
	res := call("GET", "/api/3/action/package_list", "", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("RateLimit") == "" || res.Header.Get("X-Request-Id") == "" {
		t.Errorf("GET: %d %v", res.StatusCode, res.Header)
	}
	res = call("POST", "/api/3/action/organization_show", `{"id": "miljo"}`, map[string]string{"Content-Type": "application/json"})
	if res.StatusCode != http.StatusOK {
		t.Errorf("POST without Origin: %d", res.StatusCode)
	}
	res = call("POST", "/api/3/action/organization_show", `{"id": "miljo"}`,
		map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST from a browser: %d, want 403", res.StatusCode)
	}
	a := call("GET", "/api/3/action/package_list", "", map[string]string{"X-Forwarded-For": "203.0.113.7"})
	b := call("GET", "/api/3/action/package_list", "", map[string]string{"X-Forwarded-For": "203.0.113.8"})
	// The same remaining counts; the seconds to the reset (t=) may tick
	// between the two requests.
	noReset := regexp.MustCompile(`;t=\d+`)
	if noReset.ReplaceAllString(a.Header.Get("RateLimit"), "") != noReset.ReplaceAllString(b.Header.Get("RateLimit"), "") ||
		!strings.HasPrefix(a.Header.Get("RateLimit"), `"anonymous-minute";r=119;`) {
		t.Errorf("clients behind the proxy share a bucket: %q, %q", a.Header.Get("RateLimit"), b.Header.Get("RateLimit"))
	}
	if res := call("GET", "/api/3/openapi.json", "", nil); res.StatusCode != http.StatusOK {
		t.Errorf("openapi.json: %d", res.StatusCode)
	}
}
