// Package ckan is the open data portal's machine interface: the CKAN
// Action API (/api/3/action/…) with CKAN's JSON envelope and error types,
// the DataStore's search and dump (/datastore/dump/{resource_id}) in CSV,
// JSON, GeoJSON and Parquet, streamed, API tokens in the Authorization
// header for the write actions, rate limits and quotas per token and per
// anonymous client with the standard RateLimit headers, and the OpenAPI
// description at /api/3/openapi.json.
//
// The files: routes.go (the route table and the actions), envelope.go
// and errors.go (CKAN's envelope and error types), params.go (reading an
// action's parameters from a query string, a JSON body, a form or a
// multipart upload; params_stream.go datastore_create's large JSON body),
// ratelimit*.go (limits and quotas), counter.go (calls per action and
// day), package_*.go, organization.go, resource_*.go and datastore_*.go
// (the actions), quality_dict.go (the data-quality report), timeout.go
// (the time limit of a search), openapi.go (the description), dump.go
// (downloads). docs/API.md is the user's guide.
package ckan

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"sprang/internal/auth"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/store"
)

// Deps is what the API needs; web builds it from its own.
type Deps struct {
	DB      *store.DB
	Auth    *auth.Service
	Files   *files.Store
	Loader  *datastore.Loader
	BaseURL string // the platform's public URL, without trailing slash
	Logger  *slog.Logger
	// Catalog holds the texts of error messages (English by default, as
	// CKAN's, Swedish for clients that prefer it); nil loads the embedded
	// one.
	Catalog *i18n.Catalog
	// Limits are the rate limits, quotas and sizes; zero fields take the
	// defaults of DefaultLimits.
	Limits Limits
	// OnChange, when set, is called after every write through the API
	// (a dataset, a resource or a table changed), e.g. to forget cached
	// pages that list datasets.
	OnChange func()
	// Now is the clock of rate limits and counters; nil is time.Now.
	Now func() time.Time
}

// Limits are the API's rate limits and quotas (kept in memory per node)
// and the largest request bodies it reads.
type Limits struct {
	AnonymousPerMinute int   // token bucket size and refill per minute, per anonymous client
	AnonymousPerDay    int   // calls per UTC day, per anonymous client
	TokenPerMinute     int   // the same per API token
	TokenPerDay        int   // calls per UTC day, per API token
	MaxUploadBytes     int64 // the largest file resource_create/resource_update accept
	MaxJSONBytes       int64 // the largest JSON body of an action but datastore_create
	MaxRecordsBytes    int64 // the largest JSON body of datastore_create (larger tables: upload a CSV)
	// SearchTimeout is the longest one datastore_search may run, its page
	// and its count together (SearchTimeout by default).
	SearchTimeout time.Duration
}

// DefaultLimits are the limits a zero Limits field takes.
var DefaultLimits = Limits{
	AnonymousPerMinute: 120,
	AnonymousPerDay:    10000,
	TokenPerMinute:     600,
	TokenPerDay:        100000,
	MaxUploadBytes:     512 << 20,
	MaxJSONBytes:       1 << 20,
	MaxRecordsBytes:    32 << 20,
	SearchTimeout:      SearchTimeout,
}

// withDefaults returns l with every zero field taken from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	l.AnonymousPerMinute = pick(l.AnonymousPerMinute, d.AnonymousPerMinute)
	l.AnonymousPerDay = pick(l.AnonymousPerDay, d.AnonymousPerDay)
	l.TokenPerMinute = pick(l.TokenPerMinute, d.TokenPerMinute)
	l.TokenPerDay = pick(l.TokenPerDay, d.TokenPerDay)
	if l.MaxUploadBytes <= 0 {
		l.MaxUploadBytes = d.MaxUploadBytes
	}
	if l.MaxJSONBytes <= 0 {
		l.MaxJSONBytes = d.MaxJSONBytes
	}
	if l.MaxRecordsBytes <= 0 {
		l.MaxRecordsBytes = d.MaxRecordsBytes
	}
	if l.SearchTimeout <= 0 {
		l.SearchTimeout = d.SearchTimeout
	}
	return l
}

// API serves the CKAN-compatible API. It is safe for concurrent use.
type API struct {
	d       Deps
	log     *slog.Logger
	cat     *i18n.Catalog
	now     func() time.Time
	limits  Limits
	mux     *http.ServeMux
	limiter *limiter
	calls   *callCounter
	res     *resolveCache
	// dump serves GET /datastore/dump/{rid} (handleDump, dump.go).
	dump      http.HandlerFunc
	closeOnce sync.Once
}

// New returns the API. It starts no goroutine until the first request; Close
// stops what it started.
func New(d Deps) *API {
	a := &API{d: d, log: d.Logger, cat: d.Catalog, now: d.Now, limits: d.Limits.withDefaults()}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.cat == nil {
		a.cat = i18n.MustLoad()
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.limiter = newLimiter(a.limits, a.now)
	a.calls = newCallCounter(d.DB, a.log, a.now)
	a.res = newResolveCache(a.now)
	a.dump = a.handleDump
	a.mux = a.routes()
	return a
}

// ServeHTTP serves one API request.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// Close writes the API calls counted since the last flush to the store
// and stops the flushing goroutine. It returns the error of that last
// write; the API must not serve requests afterwards.
func (a *API) Close(ctx context.Context) error {
	var err error
	a.closeOnce.Do(func() { err = a.calls.close(ctx) })
	return err
}
