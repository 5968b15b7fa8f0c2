package ckan_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// clock is a settable clock for the API's rate limits.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var (
	policyField = regexp.MustCompile(`^"([a-z-]+)-minute";q=\d+;w=60, "([a-z-]+)-day";q=\d+;w=86400$`)
	limitField  = regexp.MustCompile(`^"[a-z-]+-minute";r=(\d+);t=(\d+), "[a-z-]+-day";r=(\d+);t=(\d+)$`)
)

// TestRateLimits checks the RateLimit fields on every answer, the 429
// with Retry-After, the separate and larger limits of a token, and the
// daily quota; and that calls are counted per action and day into the
// store when the API closes.
func TestRateLimits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ck := &clock{t: time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC)}
		e := newEnvClock(t, db, ckan.Limits{AnonymousPerMinute: 2, AnonymousPerDay: 3, TokenPerMinute: 5, TokenPerDay: 50}, ck.now)
		a := e.get("package_list", nil)
		if p := a.header.Get("RateLimit-Policy"); p != `"anonymous-minute";q=2;w=60, "anonymous-day";q=3;w=86400` {
			t.Errorf("RateLimit-Policy = %q", p)
		}
		if l := a.header.Get("RateLimit"); l != `"anonymous-minute";r=1;t=30, "anonymous-day";r=2;t=3600` {
			t.Errorf("RateLimit = %q", l)
		}
		e.get("package_list", nil).result(t)
		a = e.get("package_list", nil)
		m := a.errorOf(t, http.StatusTooManyRequests, "Rate Limit Error")
		if a.header.Get("Retry-After") != "30" || m["retry_after"] != float64(30) || !contains(str(m, "message"), "30 seconds", "2026-03-02T23:00:30Z") {
			t.Errorf("429: Retry-After %q, %v", a.header.Get("Retry-After"), m)
		}
		if !limitField.MatchString(a.header.Get("RateLimit")) || !policyField.MatchString(a.header.Get("RateLimit-Policy")) {
			t.Errorf("429 fields: %q %q", a.header.Get("RateLimit"), a.header.Get("RateLimit-Policy"))
		}

		// A token has its own bucket and larger limits.
		a = e.do("GET", "/api/3/action/package_list", e.tokens["lasare"], "", nil)
		a.result(t)
		if p := a.header.Get("RateLimit-Policy"); p != `"token-minute";q=5;w=60, "token-day";q=50;w=86400` {
			t.Errorf("token policy = %q", p)
		}
		// A token that is not valid is refused, counted against the address.
		ck.add(30 * time.Second)
		a = e.do("GET", "/api/3/action/package_list", "sprang_guess", "", nil)
		a.errorOf(t, http.StatusForbidden, "Authorization Error")
		a = e.get("package_list", nil)
		m = a.errorOf(t, http.StatusTooManyRequests, "Rate Limit Error")
		mm := limitField.FindStringSubmatch(a.header.Get("RateLimit"))
		if mm == nil || mm[3] != "0" || a.header.Get("Retry-After") != strconv.Itoa(3600-30) || !contains(str(m, "message"), "Daily quota") {
			t.Errorf("daily quota: %q %q %v", a.header.Get("RateLimit"), a.header.Get("Retry-After"), m)
		}
		ck.add(time.Hour) // the next UTC day
		e.get("package_show", url.Values{"id": {"x"}}).errorOf(t, http.StatusNotFound, "Not Found Error")

		if err := e.api.Close(t.Context()); err != nil {
			t.Fatal(err)
		}
		calls, err := db.APICalls(t.Context(), "2026-03-02", "2026-03-03")
		if err != nil {
			t.Fatal(err)
		}
		if calls["2026-03-02"] != 3 || calls["2026-03-03"] != 1 {
			t.Errorf("counted calls = %v, want 3 on the 2nd (refused calls do not count) and 1 on the 3rd", calls)
		}
	})
}

// TestTokenOwnLimits: a token an administrator gave its own per-minute
// limit is refused after that many calls, under the policy
// "token-custom", while another token keeps the defaults for tokens; the
// limit is keyed by the token, and what it used today survives its new
// limits.
func TestTokenOwnLimits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ck := &clock{t: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
		e := newEnvClock(t, db, ckan.Limits{AnonymousPerMinute: 1, AnonymousPerDay: 10, TokenPerMinute: 5, TokenPerDay: 50}, ck.now)
		ts, err := e.svc.APITokens(t.Context(), e.users["miljodata"].ID)
		if err != nil || len(ts) != 1 {
			t.Fatalf("tokens: %v %+v", err, ts)
		}
		two, hundred := 2, 100
		if err := e.svc.SetAPITokenLimits(t.Context(), auth.SystemActor("test"), ts[0].ID, &two, &hundred); err != nil {
			t.Fatal(err)
		}
		own, other := e.tokens["miljodata"], e.tokens["lasare"]
		for i := range 2 {
			a := e.do("GET", "/api/3/action/package_list", own, "", nil)
			a.result(t)
			if p := a.header.Get("RateLimit-Policy"); p != `"token-custom-minute";q=2;w=60, "token-custom-day";q=100;w=86400` {
				t.Errorf("call %d: RateLimit-Policy = %q", i, p)
			}
		}
		a := e.do("GET", "/api/3/action/package_list", own, "", nil)
		m := a.errorOf(t, http.StatusTooManyRequests, "Rate Limit Error")
		if a.header.Get("Retry-After") != "30" || !contains(str(m, "message"), "2 calls a minute", "30 seconds") {
			t.Errorf("429 of the token's own limit: %q %v", a.header.Get("Retry-After"), m)
		}
		if l := a.header.Get("RateLimit"); l != `"token-custom-minute";r=0;t=60, "token-custom-day";r=98;t=43200` {
			t.Errorf("RateLimit = %q", l)
		}
		for i := range 3 {
			a := e.do("GET", "/api/3/action/package_list", other, "", nil)
			a.result(t)
			if p := a.header.Get("RateLimit-Policy"); p != `"token-minute";q=5;w=60, "token-day";q=50;w=86400` {
				t.Errorf("other token, call %d: RateLimit-Policy = %q", i, p)
			}
		}
	})
}

// TestLimitWeb: Limit puts the web pages' downloads under the API's
// limits: the same buckets per address and per token, the RateLimit
// fields, a plain-text 429 with Retry-After in the client's language, and
// the calls let through counted.
func TestLimitWeb(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ck := &clock{t: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
		e := newEnvClock(t, db, ckan.Limits{AnonymousPerMinute: 2, AnonymousPerDay: 10, TokenPerMinute: 5, TokenPerDay: 50}, ck.now)
		served := 0
		h := e.api.Limit(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			served++
			_, _ = w.Write([]byte("data"))
		}))
		get := func(path, token, lang string) *httptest.ResponseRecorder {
			r := httptest.NewRequest("GET", path, nil)
			r.RemoteAddr = "192.0.2.7:4000"
			if token != "" {
				r.Header.Set("Authorization", "Bearer "+token)
			}
			if lang != "" {
				r.Header.Set("Accept-Language", lang)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		w := get("/data/lekplatser/resurser/r1/fil", "", "")
		if w.Code != 200 || w.Header().Get("RateLimit-Policy") != `"anonymous-minute";q=2;w=60, "anonymous-day";q=10;w=86400` {
			t.Fatalf("first download: %d %q", w.Code, w.Header().Get("RateLimit-Policy"))
		}
		get("/data/catalog.rdf", "", "")
		w = get("/data/lekplatser/resurser/r1/fil", "", "sv-SE,sv;q=0.9")
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "30" ||
			!strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") || !contains(w.Body.String(), "2 anrop i minuten", "om 30 sekunder") {
			t.Fatalf("third call in a minute: %d %q %q", w.Code, w.Header(), w.Body.String())
		}
		if served != 2 {
			t.Errorf("handler served %d calls, want 2", served)
		}
		w = get("/data/lekplatser/resurser/r1/fil", e.tokens["lasare"], "")
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("RateLimit-Policy"), `"token-minute";q=5`) {
			t.Errorf("with a token: %d %q", w.Code, w.Header().Get("RateLimit-Policy"))
		}
		if w = get("/data/x/resurser/r1/fil", "sprang_guess", ""); w.Code != http.StatusTooManyRequests {
			t.Errorf("a token that is not valid counts against the address: %d", w.Code)
		}
		if err := e.api.Close(t.Context()); err != nil {
			t.Fatal(err)
		}
		calls, err := db.APICalls(t.Context(), "2026-03-02", "2026-03-02")
		if err != nil || calls["2026-03-02"] != 3 {
			t.Errorf("counted calls = %v, %v; want the 3 let through", calls, err)
		}
	})
}
