package ckan

import (
	"hash/maphash"
	"math"
	"strconv"
	"sync"
	"time"

	"sprang/internal/store"
)

// The rate limits and quotas, kept in memory on each node: per client
// (an API token, or an anonymous client's address) a token bucket that
// holds PerMinute calls and refills at PerMinute a minute, so short
// bursts are allowed and the average is capped, and a quota of PerDay
// calls per UTC day. An API token's limits are the defaults for tokens
// unless an administrator gave it its own (store.APITokenLimits). Behind
// a load balancer with n nodes a client may reach up to n times the
// limits; the quota is a fair-use guard, not a bill.

// The names of the policies, in the RateLimit-Policy field.
const (
	policyAnonymous   = "anonymous"
	policyToken       = "token"
	policyTokenCustom = "token-custom"
)

// policy is the limits of one kind of client, and its name.
type policy struct {
	name      string
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

// maxClients bounds the buckets kept. Past it, the sweep forgets the
// buckets of clients idle for a minute (their minute bucket is full
// again), keeping what they used today in the compact day counts.
const maxClients = 200_000

// maxDayCounts bounds the day counts of forgotten buckets (a 64-bit hash
// and a count each, some 40 bytes). Only past it — millions of distinct
// clients in one UTC day on one node — does a forgotten client's count
// restart: the price of staying bounded under a flood of addresses.
const maxDayCounts = 2_000_000

// limiter keeps the buckets. It is safe for concurrent use.
type limiter struct {
	mu        sync.Mutex
	m         map[string]*bucket
	now       func() time.Time
	anon      policy
	token     policy
	lastSweep time.Time
	// The calls used today by clients whose buckets were swept, by the
	// hash of their key; cleared when the UTC day changes.
	days    map[uint64]int
	daysDay string
	seed    maphash.Seed
	uses    *useCache // API tokens checked, with their limits
}

func newLimiter(l Limits, now func() time.Time) *limiter {
	return &limiter{m: map[string]*bucket{}, now: now, days: map[uint64]int{}, seed: maphash.MakeSeed(),
		anon:  policy{name: policyAnonymous, perMinute: l.AnonymousPerMinute, perDay: l.AnonymousPerDay},
		token: policy{name: policyToken, perMinute: l.TokenPerMinute, perDay: l.TokenPerDay},
		uses:  newUseCache(now)}
}

// tokenPolicy returns the policy of a token with the limits lim: the
// defaults for tokens, or "token-custom" with the token's own limits in
// place of the defaults.
func (l *limiter) tokenPolicy(lim store.APITokenLimits) policy {
	if !lim.Custom() {
		return l.token
	}
	p := l.token
	p.name = policyTokenCustom
	if lim.PerMinute > 0 {
		p.perMinute = lim.PerMinute
	}
	if lim.PerDay > 0 {
		p.perDay = lim.PerDay
	}
	return p
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
		b = &bucket{tokens: float64(pol.perMinute), last: now, day: day, used: l.restore(key, day)}
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
// idle for a minute, whose minute bucket is full again: what those used
// today is kept in the day counts, so forgetting a bucket never gives a
// client a fresh daily quota. Called with mu held.
func (l *limiter) sweep(now time.Time, day string) {
	l.lastSweep = now
	if l.daysDay != day {
		clear(l.days)
		l.daysDay = day
	}
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
			l.keepDay(k, b)
			delete(l.m, k)
		}
	}
}

// keepDay notes what the client key used today before its bucket is
// forgotten, while there is room. Called with mu held.
func (l *limiter) keepDay(key string, b *bucket) {
	if b.used == 0 || b.day != l.daysDay || len(l.days) >= maxDayCounts {
		return
	}
	l.days[maphash.String(l.seed, key)] = b.used
}

// restore returns what the client key used on day before its bucket was
// forgotten, and forgets that count (the new bucket carries it). Called
// with mu held.
func (l *limiter) restore(key, day string) int {
	if l.daysDay != day || len(l.days) == 0 {
		return 0
	}
	h := maphash.String(l.seed, key)
	n := l.days[h]
	delete(l.days, h)
	return n
}

// secondsToMidnight returns the whole seconds until the next UTC day, at
// least 1.
func secondsToMidnight(now time.Time) int {
	u := now.UTC()
	next := time.Date(u.Year(), u.Month(), u.Day()+1, 0, 0, 0, 0, time.UTC)
	return max(int(math.Ceil(next.Sub(u).Seconds())), 1)
}

// policyHeader returns the RateLimit-Policy field of pol in the syntax of
// draft-ietf-httpapi-ratelimit-headers (a List of Strings with q and w):
// two policies named after pol, "<name>-minute" and "<name>-day", e.g.
// "token-custom-minute".
func policyHeader(pol policy) string {
	return `"` + pol.name + `-minute";q=` + strconv.Itoa(pol.perMinute) + `;w=60, "` +
		pol.name + `-day";q=` + strconv.Itoa(pol.perDay) + `;w=86400`
}

// limitHeader returns the RateLimit field of d: the calls available and
// the seconds until they are restored, per policy, named as in
// policyHeader.
func limitHeader(d decision) string {
	return `"` + d.pol.name + `-minute";r=` + strconv.Itoa(d.minuteLeft) + `;t=` + strconv.Itoa(d.minuteFull) +
		`, "` + d.pol.name + `-day";r=` + strconv.Itoa(d.dayLeft) + `;t=` + strconv.Itoa(d.dayReset)
}
