package web

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// A dashboard computes many indicators over the same units and periods,
// and several computations read the same figures: the share of digital
// errands, the lead times and the overdue errands all read one unit's
// errand figures of a year. dashEngine's sources remember, for the one
// request, what they have read, so that each figure is read once per
// page; and dashEach computes a page's indicators a few at a time.

// The errand figures are also kept across requests, for dashSharedTTL,
// so that the dashboard's pages and the next visitors read them once a
// minute at most, as the public pages are cached for a minute: a figure
// on a dashboard is at most a minute old. Those of an ended period change
// only when errands are deleted under retention; those of the current
// one, which runs up to now, are kept by its start.

// dashSharedTTL is how long errand figures are kept.
const dashSharedTTL = time.Minute

// dashEngine returns the follow-up's engine over tree for one request:
// its errand, open data and platform sources remember what they read,
// and the errand figures come from the server's errandFigures, kept
// across requests.
func (s *Server) dashEngine(tree *identity.Tree) followup.Engine {
	e := s.followupEngine(tree)
	if e.Sources.Errands != nil {
		e.Sources.Errands = &memoErrands{src: e.Sources.Errands, shared: &s.errandFigures, now: s.db.Now()}
	}
	if e.Sources.OpenData != nil {
		e.Sources.OpenData = &memoOpenData{src: e.Sources.OpenData}
	}
	if e.Sources.Platform != nil {
		e.Sources.Platform = &memoPlatform{src: e.Sources.Platform}
	}
	if e.Sources.Competence != nil {
		e.Sources.Competence = &memoCompetence{db: s.db}
	}
	return e
}

// memo remembers the results of calls by key; concurrent calls of one key
// wait for the first.
type memo[T any] struct {
	mu      sync.Mutex
	entries map[string]*memoEntry[T]
}

type memoEntry[T any] struct {
	once sync.Once
	val  T
	err  error
}

// get returns the result of load for key, calling it once.
func (m *memo[T]) get(key string, load func() (T, error)) (T, error) {
	m.mu.Lock()
	if m.entries == nil {
		m.entries = map[string]*memoEntry[T]{}
	}
	e, ok := m.entries[key]
	if !ok {
		e = &memoEntry[T]{}
		m.entries[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.val, e.err = load() })
	return e.val, e.err
}

// memoKey joins the parts of a call's arguments into a key.
func memoKey(units []int64, times ...time.Time) string {
	var b strings.Builder
	for _, u := range units {
		b.WriteString(strconv.FormatInt(u, 10))
		b.WriteByte(',')
	}
	for _, t := range times {
		b.WriteByte('|')
		b.WriteString(strconv.FormatInt(t.UnixNano(), 10))
	}
	return b.String()
}

// ttlCache keeps values by key for dashSharedTTL.
type ttlCache[T any] struct {
	mu      sync.Mutex
	entries map[string]ttlEntry[T]
}

type ttlEntry[T any] struct {
	val T
	at  time.Time
}

// get returns the value of key kept at most dashSharedTTL before now, or
// loads and keeps it. Two requests missing at once both load.
func (c *ttlCache[T]) get(key string, now time.Time, load func() (T, error)) (T, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < dashSharedTTL && !now.Before(e.at) {
		return e.val, nil
	}
	val, err := load()
	if err != nil {
		return val, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) > dashSharedMax {
		c.entries = map[string]ttlEntry[T]{} // a crude bound: start again
	}
	c.entries[key] = ttlEntry[T]{val: val, at: now}
	c.mu.Unlock()
	return val, nil
}

// dashSharedMax bounds the kept figures: about ten thousand, far more
// than the units × years × groupings the dashboards ask for.
const dashSharedMax = 10_000

// memoErrands is an ErrandSource that remembers what it read, and
// takes the errand figures from shared.
type memoErrands struct {
	src      followup.ErrandSource
	shared   *ttlCache[[]followup.ErrandFigures]
	now      time.Time // the request's time: a period that ends after it runs up to now
	figures  memo[[]followup.ErrandFigures]
	services memo[[]followup.Service]
}

// ErrandFigures returns the figures q asks for, read once per q and kept
// across requests: a period not yet ended by its start, as it runs up to
// now.
func (m *memoErrands) ErrandFigures(ctx context.Context, q followup.ErrandQuery) ([]followup.ErrandFigures, error) {
	key := strconv.Itoa(int(q.Group)) + ":" + memoKey(q.UnitIDs, q.From, q.To)
	return m.figures.get(key, func() ([]followup.ErrandFigures, error) {
		shared := key
		if !q.To.Before(m.now) { // runs up to now: the same period whatever its end
			shared = strconv.Itoa(int(q.Group)) + ":" + memoKey(q.UnitIDs, q.From) + "|now"
		}
		return m.shared.get(shared, m.now, func() ([]followup.ErrandFigures, error) { return m.src.ErrandFigures(ctx, q) })
	})
}

// Services returns every e-service, read once.
func (m *memoErrands) Services(ctx context.Context) ([]followup.Service, error) {
	return m.services.get("", func() ([]followup.Service, error) { return m.src.Services(ctx) })
}

// memoOpenData is an OpenDataSource that remembers what it read.
type memoOpenData struct {
	src      followup.OpenDataSource
	datasets memo[[]followup.Dataset]
	calls    memo[int64]
}

// Datasets returns every dataset, read once.
func (m *memoOpenData) Datasets(ctx context.Context) ([]followup.Dataset, error) {
	return m.datasets.get("", func() ([]followup.Dataset, error) { return m.src.Datasets(ctx) })
}

// APICalls returns the API calls of [from, to), read once per interval.
func (m *memoOpenData) APICalls(ctx context.Context, from, to time.Time) (int64, error) {
	return m.calls.get(memoKey(nil, from, to), func() (int64, error) { return m.src.APICalls(ctx, from, to) })
}

// memoPlatform is a PlatformSource that remembers what it read.
type memoPlatform struct {
	src   followup.PlatformSource
	views memo[followup.PageViews]
}

// PageViews returns the page views of [from, to), read once per interval.
func (m *memoPlatform) PageViews(ctx context.Context, from, to time.Time) (followup.PageViews, error) {
	return m.views.get(memoKey(nil, from, to), func() (followup.PageViews, error) { return m.src.PageViews(ctx, from, to) })
}

// memoCompetence is a CompetenceSource that reads (and decrypts) a year's
// tallies once and summarizes them per unit set, as db.CompetenceSummary
// does for one.
type memoCompetence struct {
	db      *store.DB
	tallies memo[[]followup.CompetenceTally]
}

// CompetenceSummary returns the summary of the units' tallies of year.
func (m *memoCompetence) CompetenceSummary(ctx context.Context, unitIDs []int64, year int) (followup.CompetenceSummary, error) {
	ts, err := m.tallies.get(strconv.Itoa(year), func() ([]followup.CompetenceTally, error) { return m.db.CompetenceTallies(ctx, year) })
	if err != nil {
		return followup.CompetenceSummary{}, err
	}
	return followup.SummarizeCompetence(followup.FilterTallies(ts, append([]int64{}, unitIDs...), "")), nil
}

// dashWorkers is how many indicators of a page are computed at once.
const dashWorkers = 4

// dashEach calls fn(i) for i in [0, n), dashWorkers at a time, and
// returns the first error (the others still finish).
func dashEach(n int, fn func(i int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, dashWorkers)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// prefetchedValues is a ValueSource holding the stored values of every
// indicator for some units and periods, read in a query per block
// (db.StoredValuesOf); a question about any other unit or period goes to
// src.
type prefetchedValues struct {
	src     followup.ValueSource
	covered map[dashUnitPeriod]bool
	values  map[string][]followup.Value // by indicator
}

// dashUnitPeriod is a unit and a period.
type dashUnitPeriod struct {
	unit   int64
	period followup.Period
}

// dashBlock is a block of stored values to prefetch: units × periods.
type dashBlock struct {
	units   []int64
	periods []followup.Period
}

// dashPrefetch returns e with its ValueSource answering from the stored
// values of blocks, read a block at a time.
func (s *Server) dashPrefetch(ctx context.Context, e followup.Engine, blocks ...dashBlock) (followup.Engine, error) {
	if e.Sources.Values == nil {
		return e, nil
	}
	p := &prefetchedValues{src: e.Sources.Values, covered: map[dashUnitPeriod]bool{}, values: map[string][]followup.Value{}}
	for _, b := range blocks {
		vs, err := s.db.StoredValuesOf(ctx, b.units, b.periods)
		if err != nil {
			return e, err
		}
		for _, u := range b.units {
			for _, pd := range b.periods {
				p.covered[dashUnitPeriod{u, pd}] = true
			}
		}
		for _, v := range vs {
			p.values[v.Indicator] = append(p.values[v.Indicator], v)
		}
	}
	e.Sources.Values = p
	return e, nil
}

// StoredValues returns the stored values of indicator for the units and
// periods, from memory when they were prefetched.
func (p *prefetchedValues) StoredValues(ctx context.Context, indicator string, unitIDs []int64, periods []followup.Period) ([]followup.Value, error) {
	for _, u := range unitIDs {
		for _, pd := range periods {
			if !p.covered[dashUnitPeriod{u, pd}] {
				return p.src.StoredValues(ctx, indicator, unitIDs, periods)
			}
		}
	}
	var out []followup.Value
	for _, v := range p.values[indicator] {
		if slices.Contains(unitIDs, v.UnitID) && slices.Contains(periods, v.Period) {
			out = append(out, v)
		}
	}
	return out, nil
}
