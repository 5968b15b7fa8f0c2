package ckan_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

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
	policyField = regexp.MustCompile(`^"minute";q=\d+;w=60, "day";q=\d+;w=86400$`)
	limitField  = regexp.MustCompile(`^"minute";r=(\d+);t=(\d+), "day";r=(\d+);t=(\d+)$`)
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
		if p := a.header.Get("RateLimit-Policy"); p != `"minute";q=2;w=60, "day";q=3;w=86400` {
			t.Errorf("RateLimit-Policy = %q", p)
		}
		if l := a.header.Get("RateLimit"); l != `"minute";r=1;t=30, "day";r=2;t=3600` {
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
		if p := a.header.Get("RateLimit-Policy"); p != `"minute";q=5;w=60, "day";q=50;w=86400` {
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
