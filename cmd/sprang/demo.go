package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sprang/internal/config"
	"sprang/internal/datastore"
	"sprang/internal/demo"
	"sprang/internal/files"
	"sprang/internal/store"
	"sprang/internal/web"
)

// runDemo is serve with demo defaults: 127.0.0.1:8080, ./sprang-data,
// SQLite, idempotent Swedish example content and demo logins. It runs on
// PostgreSQL only when --db names a database on the command line (a
// SPRANG_DB in the environment is ignored, so a shell set up for a real
// installation never gets demo content); the demo refuses a database that
// holds real staff accounts either way.
func runDemo(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load("demo", args, demoEnv(getenv), stdout, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	cfg.Demo = true
	return serve(ctx, cfg, stdout)
}

// demoEnv ignores SPRANG_DB so that demo runs on SQLite unless --db is given.
func demoEnv(getenv func(string) string) func(string) string {
	return func(k string) string {
		if k == "SPRANG_DB" {
			return ""
		}
		return getenv(k)
	}
}

// seedDemo loads the example content (idempotently) and prints the demo
// logins.
func seedDemo(ctx context.Context, db *store.DB, fs *files.Store, stdout io.Writer) error {
	if err := demo.SeedWithFiles(ctx, db, fs); err != nil {
		return err
	}
	if err := demo.SeedDatasets(ctx, db, fs, datastore.NewLoader(db, fs, nil)); err != nil {
		return err
	}
	if err := demo.LinkInitiativeProducts(ctx, db); err != nil { // the initiatives are seeded before the datasets
		return err
	}
	fmt.Fprintln(stdout, "Demo mode: Swedish example content is loaded. Staff logins (password \""+demo.Password+"\"):")
	for _, a := range demo.Accounts() {
		fmt.Fprintf(stdout, "  %-12s %s\n", a.Username, a.Purpose)
	}
	fmt.Fprintln(stdout, "Residents: log in with the simulated e-ID and a test personnummer such as 19121212-1212.")
	return nil
}

// seedDemoReport issues last year's follow-up report once, from what the
// web server's report would show: it needs the whole platform, so it runs
// after the server is built.
func seedDemoReport(ctx context.Context, db *store.DB, handler *web.Server) error {
	src, err := handler.ReportSources(ctx)
	if err != nil {
		return err
	}
	return demo.SeedReport(ctx, db, src)
}
