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

	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/store"
	"sprang/internal/web"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, _, err := config.Load("serve", args, getenv, stdout, nil)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout)
}

// serve runs the platform until ctx is cancelled, then shuts down
// gracefully: it stops accepting, lets in-flight requests finish within
// cfg.ShutdownTimeout, and closes the database.
func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	logger := newLogger(stdout, cfg.LogLevel)
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	if cfg.Demo {
		if err := seedDemo(ctx, db, stdout); err != nil {
			return fmt.Errorf("demo content: %w", err)
		}
	}
	handler, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Version: version})
	if err != nil {
		return err
	}
	return listenAndServe(ctx, cfg, handler, db, logger, stdout)
}

func listenAndServe(ctx context.Context, cfg config.Config, handler *web.Server, db *store.DB, logger *slog.Logger, stdout io.Writer) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running there? choose another with --addr)", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	logger.Info("starting", "config", cfg.String(), "engine", string(db.Engine()), "version", version)
	fmt.Fprintf(stdout, "Språnget is listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if herr := handler.Shutdown(sctx); err == nil {
		err = herr
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
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
