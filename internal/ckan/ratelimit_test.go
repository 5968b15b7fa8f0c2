package ckan

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang/internal/i18n"
	"sprang/internal/store"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLimiterBucketAndQuota(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2026, 3, 2, 23, 59, 0, 0, time.UTC)}
	l := newLimiter(Limits{AnonymousPerMinute: 3, AnonymousPerDay: 5, TokenPerMinute: 10, TokenPerDay: 100}, clock.now)
	for i := range 3 {
		d := l.take("a:1", l.anon)
		if !d.ok || d.minuteLeft != 2-i || d.dayLeft != 4-i {
			t.Fatalf("call %d: %+v", i, d)
		}
	}
	d := l.take("a:1", l.anon)
	if d.ok || d.retryAfter != 20 || d.dayExhausted {
		t.Fatalf("4th call in a minute: %+v, want refused with retry after 20 s (one call per 20 s)", d)
	}
	if d := l.take("a:2", l.anon); !d.ok {
		t.Fatalf("another client is refused: %+v", d)
	}
	clock.add(20 * time.Second)
	if d := l.take("a:1", l.anon); !d.ok || d.minuteLeft != 0 {
		t.Fatalf("after 20 s: %+v", d)
	}
	clock.add(30 * time.Second)
	if d := l.take("a:1", l.anon); !d.ok || d.dayLeft != 0 {
		t.Fatalf("5th call of the day: %+v", d)
	}
	d = l.take("a:1", l.anon)
	if d.ok || !d.dayExhausted || d.retryAfter != 10 {
		t.Fatalf("6th call of the day: %+v, want the day's quota used up until midnight in 10 s", d)
	}
	clock.add(10 * time.Second) // a new UTC day
	if d := l.take("a:1", l.anon); !d.ok || d.dayLeft != 4 {
		t.Fatalf("first call of the next day: %+v", d)
	}
	if got := limitHeader(d); got == "" {
		t.Fatal("no RateLimit header")
	}
}

func TestRateLimitHeaderSyntax(t *testing.T) {
	t.Parallel()
	pol := policy{name: "anonymous", perMinute: 120, perDay: 10000}
	if got, want := policyHeader(pol), `"anonymous-minute";q=120;w=60, "anonymous-day";q=10000;w=86400`; got != want {
		t.Errorf("RateLimit-Policy = %s, want %s", got, want)
	}
	d := decision{pol: pol, minuteLeft: 119, minuteFull: 1, dayLeft: 9999, dayReset: 3600}
	if got, want := limitHeader(d), `"anonymous-minute";r=119;t=1, "anonymous-day";r=9999;t=3600`; got != want {
		t.Errorf("RateLimit = %s, want %s", got, want)
	}
}

// TestTokenPolicy: a token without limits of its own has the defaults
// for tokens; with one or both set, the policy is "token-custom" and the
// missing one is the default.
func TestTokenPolicy(t *testing.T) {
	t.Parallel()
	l := newLimiter(Limits{AnonymousPerMinute: 1, AnonymousPerDay: 2, TokenPerMinute: 10, TokenPerDay: 100}, time.Now)
	for _, c := range []struct {
		lim  store.APITokenLimits
		want policy
	}{
		{store.APITokenLimits{}, policy{"token", 10, 100}},
		{store.APITokenLimits{PerMinute: 3}, policy{"token-custom", 3, 100}},
		{store.APITokenLimits{PerDay: 5000}, policy{"token-custom", 10, 5000}},
		{store.APITokenLimits{PerMinute: 1000, PerDay: 5}, policy{"token-custom", 1000, 5}},
	} {
		if got := l.tokenPolicy(c.lim); got != c.want {
			t.Errorf("tokenPolicy(%+v) = %+v, want %+v", c.lim, got, c.want)
		}
	}
}

func TestLimiterSweep(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	l := newLimiter(DefaultLimits, clock.now)
	l.take("a:1", l.anon)
	clock.add(25 * time.Hour)
	l.take("a:2", l.anon)
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.m["a:1"]; ok {
		t.Error("a client of an earlier day was kept")
	}
}

// TestLimiterSweepKeepsDayCounts: past maxClients the sweep forgets the
// buckets of idle clients, but not what they used today, so a client
// cannot get a fresh daily quota by pausing for a minute during a flood
// of other clients; the counts are gone the next UTC day.
func TestLimiterSweepKeepsDayCounts(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	pol := policy{name: "anonymous", perMinute: 100, perDay: 10}
	l := newLimiter(Limits{}, clock.now)
	for range 7 {
		if d := l.take("a:heavy", pol); !d.ok {
			t.Fatalf("refused: %+v", d)
		}
	}
	now := clock.now()
	l.mu.Lock()
	for i := range maxClients {
		l.m["a:flood"+strconv.Itoa(i)] = &bucket{tokens: 100, last: now, day: "2026-03-02", used: 1}
	}
	l.mu.Unlock()
	clock.add(2 * time.Minute)
	d := l.take("a:heavy", pol)
	l.mu.Lock()
	kept := len(l.m)
	l.mu.Unlock()
	if kept > 2 {
		t.Fatalf("%d buckets kept after the sweep, want the idle ones forgotten", kept)
	}
	if !d.ok || d.dayLeft != 2 {
		t.Fatalf("8th call of the day after a sweep: %+v, want 2 calls left of 10", d)
	}
	for range 2 {
		l.take("a:heavy", pol)
	}
	if d := l.take("a:heavy", pol); d.ok || !d.dayExhausted {
		t.Fatalf("11th call of the day: %+v, want the quota used up", d)
	}
	clock.add(12 * time.Hour)
	if d := l.take("a:heavy", pol); !d.ok || d.dayLeft != 9 {
		t.Fatalf("first call of the next day: %+v", d)
	}
}

// TestTooManyText says "1 second" and "1 call" in the singular, in both
// languages, and over the daily quota whom to ask for more.
func TestTooManyText(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	one := decision{pol: policy{name: "token-custom", perMinute: 1, perDay: 1}, retryAfter: 1}
	two := decision{pol: policy{name: "anonymous", perMinute: 2, perDay: 2}, retryAfter: 2, dayExhausted: true}
	for _, c := range []struct {
		lang i18n.Lang
		d    decision
		want []string
		not  []string
	}{
		{i18n.English, one, []string{"may make 1 call a minute", "in 1 second (at 2026-03-02T12:00:01Z)"}, []string{"seconds", "calls"}},
		{i18n.Swedish, one, []string{"får göra 1 anrop i minuten", "om 1 sekund (2026-03-02T12:00:01Z)"}, []string{"sekunder"}},
		{i18n.English, two, []string{"may make 2 calls a day", "in 2 seconds", "administrators", "API token"}, nil},
		{i18n.Swedish, two, []string{"får göra 2 anrop per dygn", "om 2 sekunder", "plattformens administratörer", "egen kvot"}, nil},
	} {
		got := texts{cat: cat, lang: c.lang}.tooManyText(c.d, now)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", c.lang, got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q has %q", c.lang, got, w)
			}
		}
	}
	day := decision{pol: policy{name: "token", perMinute: 600, perDay: 100000}, retryAfter: 60, dayExhausted: true}
	if got := (texts{cat: cat, lang: i18n.Swedish}).tooManyText(day, now); !strings.Contains(got, "ge din API-nyckel en egen, större kvot") {
		t.Errorf("token over its quota: %q", got)
	}
}

func TestWebAction(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"/data/lekplatser/resurser/r1/fil": ActionWebDownload,
		"/data/catalog.rdf":                ActionWebCatalog,
		"/data/catalog.jsonld":             ActionWebCatalog,
		"/data/lekplatser/resurser/r1":     ActionWebPreview,
	} {
		if got := webAction(path); got != want {
			t.Errorf("webAction(%q) = %q, want %q", path, got, want)
		}
	}
}
