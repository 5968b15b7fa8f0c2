// Package platformdata publishes the open data the platform keeps about
// itself, as the policy asks that data about residents' needs be reused:
// errands per e-service, unit, month and channel, and lead times per
// e-service and month; and, when the follow-up is wired in
// (Options.FollowUp), the public follow-up indicators per year and unit.
// Each is a published dataset of the group's root unit (Generated, theme
// GOVE, CC0, updated daily) with one CSV distribution, made from
// aggregate queries of the store (no personal data leaves it). The
// errand counts are protected by opendata.Suppress: no count below the
// threshold is published, nor any figure computed from one; the
// indicators are the dashboard's aggregates, whose competence figures
// the follow-up itself hides below followup.MinGroup respondents.
//
// A refresh (Publish; the "platform_datasets" job runs it every day and
// when a node becomes leader) adds a new version of a file only when its
// content changed (by SHA-256) and loads it into the datastore, so the
// version list shows real changes and old versions stay downloadable.
// Only whole calendar months (Swedish time) are published, and whole
// years of the indicators: the figures of a period appear when it has
// ended and then stay as they are (unless a value entered by hand
// changes), so that comparing one day's version with the next cannot
// single out an errand.
//
// Ideas and their stages are not published: the idea portal does not
// exist yet.
package platformdata

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"sprang/internal/datastore"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/opendata"
	"sprang/internal/store"
)

// Options tune a Publisher. The zero Options publish with
// opendata.DefaultThreshold and no contact point.
type Options struct {
	// Threshold is the smallest count published; below 1 means
	// opendata.DefaultThreshold.
	Threshold int
	// ContactName and ContactEmail are the datasets' contact point (a
	// function such as "Kommunledningsförvaltningen", and its address);
	// both or neither.
	ContactName  string
	ContactEmail string
	// Now is the clock; nil means the database's.
	Now func() time.Time
	// FollowUp are the sources the follow-up's computed indicators read
	// (store.DB.FollowUpSources with the configured factors). When set,
	// Publish also keeps the dataset of the public indicators
	// (IndicatorsSlug); nil leaves it out.
	FollowUp *followup.Sources
}

// Publisher refreshes the platform's own datasets. It is safe for
// concurrent use; concurrent refreshes of one database may both add a
// version when the data changed.
type Publisher struct {
	db     *store.DB
	files  *files.Store
	loader *datastore.Loader
	log    *slog.Logger
	opts   Options
}

// New returns a Publisher writing datasets to db, their files to fs and
// their tables through loader. A nil log discards.
func New(db *store.DB, fs *files.Store, loader *datastore.Loader, log *slog.Logger, opts Options) *Publisher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Threshold < 1 {
		opts.Threshold = opendata.DefaultThreshold
	}
	if opts.Now == nil {
		opts.Now = db.Now
	}
	return &Publisher{db: db, files: fs, loader: loader, log: log, opts: opts}
}

// Publish refreshes every dataset of the package: it creates and
// publishes a dataset the first time, keeps its metadata current, and adds
// and loads a new version of its CSV file when the data changed. A dataset
// a steward withdrew is left alone. With no group unit (a platform not set
// up yet) there is no publisher and nothing is done. It returns the errors
// of every dataset that failed, joined; the others are refreshed anyway.
func (p *Publisher) Publish(ctx context.Context) error {
	root, ok, err := p.rootUnit(ctx)
	if err != nil || !ok {
		return err
	}
	months, to, err := p.period(ctx)
	if err != nil {
		return fmt.Errorf("platform datasets: %w", err)
	}
	var errs []error
	for _, s := range p.sets() {
		if err := p.refresh(ctx, s, root, months, to); err != nil {
			errs = append(errs, fmt.Errorf("platform dataset %s: %w", s.slug, err))
		}
	}
	return errors.Join(errs...)
}

// rootUnit returns the group unit at the root of the organization.
func (p *Publisher) rootUnit(ctx context.Context) (identity.Unit, bool, error) {
	units, err := p.db.FindUnits(ctx)
	if err != nil {
		return identity.Unit{}, false, fmt.Errorf("platform datasets: %w", err)
	}
	for _, u := range units {
		if u.Kind == identity.KindGroup && u.ParentID == 0 {
			return u, true, nil
		}
	}
	p.log.Info("platform datasets: no group unit yet, nothing to publish")
	return identity.Unit{}, false, nil
}

// period returns the months to publish: the starts of every whole
// calendar month (Swedish time) from the month of the first errand still
// stored until the current month, which is not whole yet and is to; none
// when there is no errand before the current month.
func (p *Publisher) period(ctx context.Context) ([]time.Time, time.Time, error) {
	loc := eservice.StatsLocation()
	now := p.opts.Now().In(loc)
	to := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	first, err := p.db.FirstErrandAt(ctx)
	if err != nil || first.IsZero() {
		return nil, to, err
	}
	f := first.In(loc)
	var months []time.Time
	for m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, loc); m.Before(to); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	return months, to, nil
}

// Args are the arguments of the "platform_datasets" job: none.
type Args struct{}

// Kind names the job.
func (Args) Kind() string { return "platform_datasets" }

// Interval is how often the platform's datasets are refreshed.
const Interval = 24 * time.Hour

// Register registers the "platform_datasets" job on r, running p.Publish
// every Interval and when a node becomes leader (on start). It fails like
// jobs.Register.
func Register(r *jobs.Runner, p *Publisher) error {
	work := func(ctx context.Context, _ jobs.Job[Args]) error { return p.Publish(ctx) }
	if err := jobs.Register(r, work, jobs.KindOptions{MaxAttempts: 3}); err != nil {
		return fmt.Errorf("register platform datasets: %w", err)
	}
	if err := r.Every(Interval, Args{}); err != nil {
		return fmt.Errorf("register platform datasets: %w", err)
	}
	return nil
}
