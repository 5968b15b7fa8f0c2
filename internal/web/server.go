// Package web is the platform's HTTP side: every URL in routes.go, thin
// handlers that parse a request, call the domain or the store and render a
// server-side template or redirect, the middleware every response passes
// through (request id, logs, metrics, security headers, CSRF protection,
// sessions), and the one mapping from error kinds to HTTP status codes in
// errors.go. No page needs JavaScript.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"sprang/internal/auth"
	"sprang/internal/ckan"
	"sprang/internal/config"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/mail"
	"sprang/internal/notify"
	"sprang/internal/store"
)

// Deps is what a Server needs; cmd/sprang builds it.
type Deps struct {
	Config  config.Config
	DB      *store.DB
	Logger  *slog.Logger
	Catalog *i18n.Catalog
	Version string
	Auth    *auth.Service // logins and sessions; nil builds one (see authOf)
	Mail    mail.Sender   // sends login mails; nil means SMTP from Config, or none (see newLogins)
	Jobs    JobQueue      // the job queue the job list shows; nil means one that only lists (see jobsOf)
	Files   *files.Store  // uploaded files of errands and open data; nil refuses uploads
	// Datastore loads tabular open-data uploads into tables; nil builds
	// one that loads synchronously (see NewServer).
	Datastore *datastore.Loader
	// FollowUpFactors are the sustainability factors of the follow-up's
	// computed indicators; the zero value means followup's defaults.
	FollowUpFactors followup.Factors
}

// Server handles every HTTP request of the platform.
type Server struct {
	cfg     config.Config
	db      *store.DB
	log     *slog.Logger
	cat     *i18n.Catalog
	version string
	views   *views
	pages   *pageCache
	assets  *assets
	metrics *metrics
	auth    *auth.Service
	logins  *logins
	jobs    JobQueue
	outbox  notify.Outbox // enqueues mail jobs with a store write (the job queue, when it can)
	files   *files.Store
	loader  *datastore.Loader // open data: loads uploads into the datastore
	api     *ckan.API         // open data: the CKAN-compatible API and downloads
	follow  followup.Sources  // follow-up: what computed indicators read
	visits  *pageViews        // follow-up: the platform's page views and weight (pageviews.go)
	// errandFigures keeps the follow-up's errand figures for a minute
	// across requests (followup_dashboard_memo.go).
	errandFigures ttlCache[[]followup.ErrandFigures]
	handler       http.Handler
}

// NewServer parses the templates, fingerprints the static assets and builds
// the route table. It fails only on a broken embedded template or asset,
// which is a build defect.
func NewServer(d Deps) (*Server, error) {
	s := &Server{cfg: d.Config, db: d.DB, log: d.Logger, cat: d.Catalog, version: d.Version}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if s.auth, err = authOf(d); err != nil {
		return nil, err
	}
	if s.logins, err = newLogins(d, s.auth, s.log); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	if s.views, err = parseViews(s.assets); err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	s.pages = newPageCache()
	s.jobs = jobsOf(d, s.log)
	s.outbox, _ = s.jobs.(notify.Outbox)
	s.files = d.Files
	s.loader = d.Datastore
	if s.loader == nil && d.DB != nil {
		s.loader = datastore.NewLoader(d.DB, d.Files, s.log)
	}
	// A write through the API clears the public pages' cache, as a change
	// on the stewards' pages does (see pageCache.reset).
	s.api = ckan.New(ckan.Deps{DB: d.DB, Auth: s.auth, Files: d.Files, Loader: s.loader,
		BaseURL: d.Config.BaseURL, Logger: s.log, Catalog: d.Catalog, Limits: apiLimits(d.Config), OnChange: s.pages.reset})
	if d.DB != nil {
		s.follow = d.DB.FollowUpSources(d.FollowUpFactors)
	}
	s.metrics = newMetrics(d.DB, s.log)
	s.visits = newPageViews(d.DB, s.log)
	s.handler = s.middleware(s.routes())
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Shutdown is called when the HTTP server has stopped accepting and finished
// its requests; it releases what the Server holds besides the database:
// the API saves its last counts of calls, and the page views theirs.
func (s *Server) Shutdown(ctx context.Context) error {
	s.visits.close(ctx)
	return s.api.Close(ctx)
}

// apiLimits returns the API's rate limits and quotas from the
// configuration; zero fields keep ckan's defaults.
func apiLimits(c config.Config) ckan.Limits {
	return ckan.Limits{AnonymousPerMinute: c.APIAnonPerMinute, AnonymousPerDay: c.APIAnonPerDay,
		TokenPerMinute: c.APITokenPerMinute, TokenPerDay: c.APITokenPerDay}
}
