package ckan

import (
	"sync"
	"testing"
	"time"
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
	pol := policy{perMinute: 120, perDay: 10000}
	if got, want := policyHeader(pol), `"minute";q=120;w=60, "day";q=10000;w=86400`; got != want {
		t.Errorf("RateLimit-Policy = %s, want %s", got, want)
	}
	d := decision{pol: pol, minuteLeft: 119, minuteFull: 1, dayLeft: 9999, dayReset: 3600}
	if got, want := limitHeader(d), `"minute";r=119;t=1, "day";r=9999;t=3600`; got != want {
		t.Errorf("RateLimit = %s, want %s", got, want)
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
