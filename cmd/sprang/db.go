package main

import (
	"context"
	"fmt"

	"sprang/internal/config"
	"sprang/internal/store"
)

// openDB opens the configured database: PostgreSQL for a postgres:// URL,
// otherwise the SQLite file. It does not migrate.
func openDB(ctx context.Context, cfg config.Config) (*store.DB, error) {
	url := cfg.DB
	if !cfg.Postgres() {
		url = "sqlite:" + cfg.SQLitePath()
	}
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// openMigrated opens the database and brings its schema up to date.
func openMigrated(ctx context.Context, cfg config.Config) (*store.DB, error) {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	return db, nil
}
