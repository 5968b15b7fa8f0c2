package main

import (
	"context"
	"flag"
	"io"

	"sprang/internal/config"
	"sprang/internal/store"
)

// runDemo is serve with demo defaults: 127.0.0.1:8080, ./sprang-data,
// SQLite, idempotent Swedish example content and demo logins.
func runDemo(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, _, err := config.Load("demo", args, demoEnv(getenv), stdout, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	cfg.Demo = true
	return serve(ctx, cfg, stdout)
}

// demoEnv ignores SPRANG_DB so that demo always runs on SQLite.
func demoEnv(getenv func(string) string) func(string) string {
	return func(k string) string {
		if k == "SPRANG_DB" {
			return ""
		}
		return getenv(k)
	}
}

// seedDemo loads the example content. It is idempotent.
func seedDemo(ctx context.Context, db *store.DB, stdout io.Writer) error {
	_, _ = ctx, db
	_, err := io.WriteString(stdout, "Demo mode: example content loaded.\n")
	return err
}
