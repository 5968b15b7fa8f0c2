package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/jobs"
	"sprang/internal/notify"
	"sprang/internal/platformdata"
	"sprang/internal/store"
	"sprang/internal/web"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load("serve", args, getenv, stdout, nil)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout)
}

// serve runs the platform until ctx is cancelled, then shuts down
// gracefully within cfg.ShutdownTimeout: it stops accepting and lets
// in-flight requests finish, stops the job runner (letting running jobs
// finish), and closes the database last.
func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	logger := newLogger(stdout, cfg.LogLevel)
	// The port first: a taken address fails before anything is written.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running there? choose another with --addr)", cfg.Addr, err)
	}
	defer func() { _ = ln.Close() }()
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	fs, err := openFiles(ctx, cfg, db, logger)
	if err != nil {
		return err
	}
	defer func() { _ = fs.Close() }()
	if err := prepareDatabase(ctx, cfg, db, fs, logger); err != nil {
		return err
	}
	if cfg.Demo {
		if err := seedDemo(ctx, db, fs, stdout); err != nil {
			return fmt.Errorf("demo content: %w", err)
		}
	}
	loader := datastore.NewLoader(db, fs, logger)
	runner, err := startJobs(ctx, cfg, db, fs, loader, logger)
	if err != nil {
		return err
	}
	// Stops the runner when serving fails early; after a graceful shutdown
	// it is stopped already and this does nothing.
	defer func() { _ = stopJobs(runner, cfg.ShutdownTimeout, logger) }()
	handler, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Version: version, Jobs: runner,
		Files: fs, Auth: auth.New(db, db.Box(), cfg), Datastore: loader, FollowUpFactors: cfg.FollowUp})
	if err != nil {
		return err
	}
	if cfg.Demo {
		if err := seedDemoReport(ctx, db, handler); err != nil {
			return fmt.Errorf("demo content: %w", err)
		}
	}
	return listenAndServe(ctx, ln, cfg, handler, runner, db, logger, stdout)
}

// prepareDatabase checks that serve may run on db and brings it to the
// current configuration: it refuses demo data outside demo mode, audits a
// changed configuration, and moves personal data onto a rotated key.
func prepareDatabase(ctx context.Context, cfg config.Config, db *store.DB, fs *files.Store, logger *slog.Logger) error {
	if !cfg.Demo && cfg.A11yEmail == config.DefaultA11yEmail {
		logger.Warn("the accessibility report page shows placeholder contact details: set SPRANG_A11Y_EMAIL and SPRANG_A11Y_PHONE")
	}
	if err := refuseDemoData(ctx, cfg, db); err != nil {
		return err
	}
	if changed, err := db.RecordConfig(ctx, cfg.Audited()); err != nil {
		return err
	} else if len(changed) > 0 {
		logger.Info("configuration changed since the last start", "settings", changed)
	}
	return rekeyOnStart(ctx, cfg, db, fs, logger)
}

// refuseDemoData stops `serve` from running on a database that `demo`
// filled: it holds accounts whose password is "demo".
func refuseDemoData(ctx context.Context, cfg config.Config, db *store.DB) error {
	if cfg.Demo {
		return nil
	}
	demo, err := db.IsDemo(ctx)
	if err != nil {
		return err
	}
	if demo {
		return sprang.Errorf(sprang.Invalid, "the database in %s holds demo content and demo accounts (password \"demo\"): serve refuses to run on it; use another --data directory (or --db), or run 'sprang demo'", cfg.DataDir)
	}
	return nil
}

// startJobs builds the job runner with the platform's workers — the
// cleanup, the mail outbox of receipts and notices, retention (gallring)
// of closed errands and their files, datastore loads, and the daily
// refresh of the open data the platform publishes about itself — and
// starts it. Loads the web server asks loader for run on the runner from
// then on.
func startJobs(ctx context.Context, cfg config.Config, db *store.DB, fs *files.Store, loader *datastore.Loader, logger *slog.Logger) (*jobs.Runner, error) {
	r := jobs.New(db, logger, jobs.Config{})
	if err := jobs.RegisterCleanup(r); err != nil {
		return nil, fmt.Errorf("register jobs: %w", err)
	}
	send, err := noticeSender(cfg, logger)
	if err != nil {
		return nil, err
	}
	if err := notify.Register(r, notify.New(db, send, i18n.MustLoad(), cfg.BaseURL)); err != nil {
		return nil, err
	}
	if err := jobs.RegisterRetention(r, fs); err != nil {
		return nil, fmt.Errorf("register jobs: %w", err)
	}
	if err := loader.Register(r); err != nil {
		return nil, fmt.Errorf("register jobs: %w", err)
	}
	follow := db.FollowUpSources(cfg.FollowUp) // the public follow-up indicators are one of the datasets
	if err := platformdata.Register(r, platformdata.New(db, fs, loader, logger, platformdata.Options{
		Threshold: cfg.OpenDataMinCount, ContactName: cfg.OpenDataContactName, ContactEmail: cfg.OpenDataContactEmail,
		FollowUp: &follow})); err != nil {
		return nil, err
	}
	if err := r.Start(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// stopJobs stops the runner within timeout.
func stopJobs(r *jobs.Runner, timeout time.Duration, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		logger.Warn("stop jobs", "error", err.Error())
		return err
	}
	return nil
}

func listenAndServe(ctx context.Context, ln net.Listener, cfg config.Config, handler *web.Server, runner *jobs.Runner, db *store.DB, logger *slog.Logger, stdout io.Writer) error {
	srv := newHTTPServer(ctx, handler, logger)
	logger.Info("starting", "config", cfg.String(), "engine", string(db.Engine()), "version", version)
	fmt.Fprintf(stdout, "Språnget is listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	return shutdown(srv, handler, runner, cfg.ShutdownTimeout, logger)
}

// newHTTPServer returns the HTTP server for handler, with timeouts that
// bound slow clients.
func newHTTPServer(ctx context.Context, handler http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// shutdown stops, in order and within one timeout, the HTTP server (no
// new connections; in-flight requests finish), what the handler holds,
// and the job runner (running jobs finish; those still running at the
// deadline are cancelled and run again later). The database stays open
// for the caller to close.
func shutdown(srv *http.Server, handler *web.Server, runner *jobs.Runner, timeout time.Duration, logger *slog.Logger) error {
	logger.Info("shutting down", "timeout", timeout.String())
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		// Cutting off what runs past the timeout is what the timeout is
		// for: say so, and stop cleanly.
		logger.Warn("requests still running at the shutdown timeout were cut off; raise SPRANG_SHUTDOWN_TIMEOUT to give them longer", "timeout", timeout.String())
		err = srv.Close()
	case errors.Is(err, http.ErrServerClosed):
		err = nil
	}
	// The job runner gets a budget of its own, so that slow requests do
	// not leave it none.
	jctx, jcancel := context.WithTimeout(context.Background(), timeout)
	defer jcancel()
	err = errors.Join(err, handler.Shutdown(jctx), runner.Stop(jctx))
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// newLogger returns a structured JSON logger writing to w at level.
func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
