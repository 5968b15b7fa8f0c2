package ckan

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// The rate limits and quotas, kept in memory on each node: per client
// (an API token, or an anonymous client's address) a token bucket that
// holds PerMinute calls and refills at PerMinute a minute, so short
// bursts are allowed and the average is capped, and a quota of PerDay
// calls per UTC day. Behind a load balancer with n nodes a client may
// reach up to n times the limits; the quota is a fair-use guard, not a
// bill.

// policy is the limits of one kind of client.
type policy struct {
	perMinute int
	perDay    int
}

// bucket is one client's state.
type bucket struct {
	tokens float64   // calls available now in the minute bucket
	last   time.Time // when tokens was computed
	day    string    // the UTC day used counts
	used   int       // calls today
}

// decision is the outcome of one call: whether it may run, and what the
// RateLimit header fields say.
type decision struct {
	ok           bool
	pol          policy
	minuteLeft   int // calls available now
	minuteFull   int // seconds until the bucket is full again
	dayLeft      int
	dayReset     int // seconds until the UTC day ends
	retryAfter   int // seconds to wait when !ok
	dayExhausted bool
}

// maxClients bounds the clients kept. Past it, clients whose bucket is
// full are forgotten even if they called today (their daily count
// restarts): the price of staying bounded under a flood of addresses.
const maxClients = 200_000

// limiter keeps the buckets. It is safe for concurrent use.
type limiter struct {
	mu        sync.Mutex
	m         map[string]*bucket
	now       func() time.Time
	anon      policy
	token     policy
	lastSweep time.Time
}

func newLimiter(l Limits, now func() time.Time) *limiter {
	return &limiter{m: map[string]*bucket{}, now: now,
		anon:  policy{perMinute: l.AnonymousPerMinute, perDay: l.AnonymousPerDay},
		token: policy{perMinute: l.TokenPerMinute, perDay: l.TokenPerDay}}
}

// take counts one call of the client key under pol, unless the client is
// over its limits.
func (l *limiter) take(key string, pol policy) decision {
	now := l.now()
	day := now.UTC().Format(time.DateOnly)
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= time.Minute {
		l.sweep(now, day)
	}
	b := l.m[key]
	if b == nil {
		b = &bucket{tokens: float64(pol.perMinute), last: now, day: day}
		l.m[key] = b
	}
	b.refill(now, pol)
	if b.day != day {
		b.day, b.used = day, 0
	}
	d := decision{pol: pol, dayReset: secondsToMidnight(now)}
	switch {
	case b.used >= pol.perDay:
		d.retryAfter, d.dayExhausted = d.dayReset, true
	case b.tokens < 1:
		d.retryAfter = int(math.Ceil((1 - b.tokens) * 60 / float64(pol.perMinute)))
	default:
		d.ok = true
		b.tokens--
		b.used++
	}
	d.minuteLeft = int(math.Floor(b.tokens))
	d.minuteFull = int(math.Ceil((float64(pol.perMinute) - b.tokens) * 60 / float64(pol.perMinute)))
	d.dayLeft = max(pol.perDay-b.used, 0)
	d.retryAfter = max(d.retryAfter, 0)
	if !d.ok && d.retryAfter == 0 {
		d.retryAfter = 1
	}
	return d
}

// refill adds the calls earned since the bucket was last computed.
func (b *bucket) refill(now time.Time, pol policy) {
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(float64(pol.perMinute), b.tokens+el*float64(pol.perMinute)/60)
	}
	b.last = now
}

// sweep forgets clients of earlier days and, past maxClients, clients
// whose bucket is full. Called with mu held.
func (l *limiter) sweep(now time.Time, day string) {
	l.lastSweep = now
	for k, b := range l.m {
		if b.day != day && now.Sub(b.last) >= time.Minute {
			delete(l.m, k)
		}
	}
	if len(l.m) <= maxClients {
		return
	}
	for k, b := range l.m {
		if now.Sub(b.last) >= time.Minute {
			delete(l.m, k)
		}
	}
}

// secondsToMidnight returns the whole seconds until the next UTC day, at
// least 1.
func secondsToMidnight(now time.Time) int {
	u := now.UTC()
	next := time.Date(u.Year(), u.Month(), u.Day()+1, 0, 0, 0, 0, time.UTC)
	return max(int(math.Ceil(next.Sub(u).Seconds())), 1)
}

// policyHeader returns the RateLimit-Policy field of pol in the syntax of
// draft-ietf-httpapi-ratelimit-headers (a List of Strings with q and w).
func policyHeader(pol policy) string {
	return `"minute";q=` + strconv.Itoa(pol.perMinute) + `;w=60, "day";q=` + strconv.Itoa(pol.perDay) + `;w=86400`
}

// limitHeader returns the RateLimit field of d: the calls available and
// the seconds until they are restored, per policy.
func limitHeader(d decision) string {
	return `"minute";r=` + strconv.Itoa(d.minuteLeft) + `;t=` + strconv.Itoa(d.minuteFull) +
		`, "day";r=` + strconv.Itoa(d.dayLeft) + `;t=` + strconv.Itoa(d.dayReset)
}
