package main

import (
	"context"
	"fmt"

	"sprang/internal/config"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// openDB opens the configured database: PostgreSQL for a postgres:// URL,
// otherwise the SQLite file. It does not migrate.
func openDB(ctx context.Context, cfg config.Config) (*store.DB, error) {
	url := cfg.DB
	if !cfg.Postgres() {
		url = "sqlite:" + cfg.SQLitePath()
	}
	box, err := openBox(cfg)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db.WithBox(box), nil
}

// openBox returns the encryption box for personal data: from the configured
// key, or on SQLite from the key file in the data directory, created on
// first start. PostgreSQL requires a configured key (config.Load checks),
// because every node must use the same one.
func openBox(cfg config.Config) (*secret.Box, error) {
	key := cfg.SecretKey
	if key == "" {
		var err error
		if key, err = secret.LoadOrCreateKey(cfg.DataDir); err != nil {
			return nil, fmt.Errorf("secret key: %w", err)
		}
	}
	var previous []string
	if cfg.SecretKeyPrevious != "" {
		previous = append(previous, cfg.SecretKeyPrevious)
	}
	box, err := secret.NewBox(key, previous...)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return box, nil
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
	if err := db.CheckKey(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}
