// Package jobs runs durable background work — the mail outbox, retention,
// refreshes — on the platform's own database through River
// (github.com/riverqueue/river), on SQLite and on PostgreSQL alike.
//
// A job is stored before it runs, so it survives restarts; a failing job is
// retried with exponential backoff until its kind's maximum number of
// attempts and then kept as "discarded" for an administrator to see, retry
// or leave. Several sprang processes on one PostgreSQL database share the
// queue: each job is locked by one worker at a time (FOR UPDATE SKIP
// LOCKED), and one elected leader runs the periodic jobs and the queue's
// maintenance. The driver polls for work (Config.FetchPollInterval) instead
// of using LISTEN/NOTIFY, which database/sql cannot receive.
//
// Wiring: New, then Register every worker and Every periodic job, then Start;
// Stop on shutdown. Enqueue may be called once workers are registered, also
// from processes that never Start (the command line).
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"sprang"
	"sprang/internal/store"
)

// Config tunes a Runner. The zero value is ready for production.
type Config struct {
	// Workers is how many jobs run at once in this process; 0 means 10.
	Workers int
	// MaxAttempts is the default number of attempts for kinds registered
	// without their own; 0 means 10.
	MaxAttempts int
	// FetchPollInterval is how often an idle process looks for new work;
	// 0 means defaultFetchPollInterval. Tests shorten it.
	FetchPollInterval time.Duration
	// JobTimeout bounds one attempt; 0 means one minute.
	JobTimeout time.Duration
	// Backoff returns the delay before retry n (n = 1 after the first
	// failure); nil means River's default, n⁴ seconds (1 s, 16 s, 81 s,
	// 4 min 16 s, …). Tests shorten it.
	Backoff func(n int) time.Duration
	// StopCancelTimeout bounds how long Stop waits for cancelled jobs to
	// return after its context expired; 0 means 5 seconds.
	StopCancelTimeout time.Duration
}

// Defaults for the zero Config.
const (
	defaultWorkers     = 10
	defaultMaxAttempts = 10
	defaultStopCancel  = 5 * time.Second
	// defaultFetchPollInterval bounds how long a new job waits for a
	// worker. River wakes its local workers on an insert, but not reliably
	// in poll-only mode (measured on both engines: about half the jobs
	// waited for the next poll), so a job enqueued by the web server — a
	// datastore load a steward waits for — waited up to River's default of
	// a second.
	// A quarter of a second costs four small queries a second when idle.
	defaultFetchPollInterval = 250 * time.Millisecond
	// discardedRetention keeps failed jobs visible on the admin page for a
	// month; completed and cancelled jobs go after River's default day.
	discardedRetention = 30 * 24 * time.Hour
)

// Runner is the job queue of one sprang process. Its methods are safe for
// concurrent use.
type Runner struct {
	db  *store.DB
	log *slog.Logger
	cfg Config

	mu       sync.Mutex
	workers  *river.Workers
	kinds    map[string]KindOptions
	periodic []*river.PeriodicJob
	client   *river.Client[*sql.Tx] // built on first use; then registration closes
	started  bool
}

// New returns a Runner for db that logs to log (nil discards). It does not
// touch the database until used.
func New(db *store.DB, log *slog.Logger, cfg Config) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg.Workers = cmpOr(cfg.Workers, defaultWorkers)
	cfg.MaxAttempts = cmpOr(cfg.MaxAttempts, defaultMaxAttempts)
	cfg.StopCancelTimeout = cmpOr(cfg.StopCancelTimeout, defaultStopCancel)
	cfg.FetchPollInterval = cmpOr(cfg.FetchPollInterval, defaultFetchPollInterval)
	return &Runner{
		db:      db,
		log:     log.With("component", "jobs"),
		cfg:     cfg,
		workers: river.NewWorkers(),
		kinds:   map[string]KindOptions{},
	}
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// errClosed is returned by registration after the client was built.
var errClosed = errors.New("jobs: register workers and periodic jobs before the runner is first used")

// riverClient returns the River client, building it on first use from the
// workers and periodic jobs registered so far.
func (r *Runner) riverClient() (*river.Client[*sql.Tx], error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		return r.client, nil
	}
	c, err := river.NewClient(r.db.JobDriver(), r.riverConfig())
	if err != nil {
		return nil, fmt.Errorf("create job client: %w", err)
	}
	r.client = c
	return c, nil
}

// riverConfig translates Config into River's. Without registered workers
// the client can only insert and list (it never fetches work).
func (r *Runner) riverConfig() *river.Config {
	cfg := &river.Config{
		Logger:                      slog.New(minLevel{r.log.Handler(), slog.LevelWarn}),
		MaxAttempts:                 r.cfg.MaxAttempts,
		FetchPollInterval:           r.cfg.FetchPollInterval,
		FetchCooldown:               min(r.cfg.FetchPollInterval, river.FetchCooldownDefault),
		JobTimeout:                  r.cfg.JobTimeout,
		DiscardedJobRetentionPeriod: discardedRetention,
		PollOnly:                    true,
		PeriodicJobs:                r.periodic,
	}
	if r.cfg.Backoff != nil {
		cfg.RetryPolicy = backoffPolicy{r.cfg.Backoff}
	}
	if len(r.kinds) > 0 {
		cfg.Workers = r.workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: r.cfg.Workers}}
	}
	return cfg
}

// Start begins working jobs and, when elected leader, enqueuing periodic
// ones. The runner keeps running after ctx is cancelled (only its values
// are used): call Stop to end it gracefully. It fails when no worker is
// registered or the runner was started already.
func (r *Runner) Start(ctx context.Context) error {
	c, err := r.riverClient()
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.kinds) == 0 {
		return sprang.Errorf(sprang.Internal, "jobs: start without registered workers")
	}
	if r.started {
		return sprang.Errorf(sprang.Conflict, "jobs: runner already started")
	}
	if err := c.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	r.started = true
	return nil
}

// Stop stops fetching new jobs and waits for running ones to finish until
// ctx ends; then it cancels those still running and waits at most
// Config.StopCancelTimeout more. Unfinished jobs are rescued and run again
// later. It returns nil when the runner was never started.
func (r *Runner) Stop(ctx context.Context) error {
	r.mu.Lock()
	started, c := r.started, r.client
	r.started = false
	r.mu.Unlock()
	if !started {
		return nil
	}
	err := c.Stop(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() == nil {
		return fmt.Errorf("stop jobs: %w", err)
	}
	r.log.Warn("jobs still running at shutdown deadline; cancelling them")
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.StopCancelTimeout)
	defer cancel()
	if err := c.StopAndCancel(hard); err != nil {
		return fmt.Errorf("stop jobs: %w", err)
	}
	return nil
}
