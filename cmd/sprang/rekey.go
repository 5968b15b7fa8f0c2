package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"sprang/internal/config"
	"sprang/internal/store"
)

// runRekey moves personal data onto the current secret key after a key
// rotation: start with the new key in SPRANG_SECRET_KEY and the old one in
// SPRANG_SECRET_KEY_PREVIOUS, run it, then remove the old key. It works
// while servers run and can be run again.
func runRekey(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := config.Load("rekey", args, getenv, stdout, nil)
	if err != nil {
		return err
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	res, err := db.Rekey(ctx)
	if err != nil {
		return fmt.Errorf("rekey: %w", err)
	}
	fmt.Fprintf(stdout, "rekeyed %d resident(s) and %d user(s); everything is on the current key\n", res.Residents, res.Users)
	return nil
}

// rekeyOnStart runs the rekey before a server answers when a previous key
// is configured, so that no resident is looked up under a key that no
// longer matches their row.
func rekeyOnStart(ctx context.Context, cfg config.Config, db *store.DB, logger *slog.Logger) error {
	if cfg.SecretKeyPrevious == "" {
		return nil
	}
	res, err := db.Rekey(ctx)
	if err != nil {
		return fmt.Errorf("rekey after a key rotation: %w", err)
	}
	logger.Info("rekeyed personal data after a key rotation", "residents", res.Residents, "users", res.Users)
	return nil
}
