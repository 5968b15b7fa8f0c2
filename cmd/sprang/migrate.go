package main

import (
	"context"
	"fmt"
	"io"

	"sprang/internal/config"
)

// runMigrate applies pending migrations and reports the schema version. It
// is safe to run while servers are running on the same database.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load("migrate", args, getenv, stdout, nil)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %d migration(s); schema version %d on %s\n", len(applied), v, db.Engine())
	return nil
}
