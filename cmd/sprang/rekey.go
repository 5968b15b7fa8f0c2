package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"sprang/internal/config"
	"sprang/internal/files"
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
	fs, err := openFiles(ctx, cfg, db, nil)
	if err != nil {
		return err
	}
	defer func() { _ = fs.Close() }()
	res, n, err := rekeyAll(ctx, db, fs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rekeyed %d resident(s), %d user(s), %d draft(s), %d errand value(s), %d contact preference(s), %d competence value(s), %d initiative address(es) and %d file(s); everything is on the current key\n",
		res.Residents, res.Users, res.Drafts, res.Errands, res.Contacts, res.Competence, res.Initiatives, n)
	return nil
}

// rekeyAll moves the database and the uploaded files onto the current key
// and returns what it rewrote: the database's counts and the number of
// files.
func rekeyAll(ctx context.Context, db *store.DB, fs *files.Store) (store.RekeyResult, int, error) {
	res, err := db.Rekey(ctx)
	if err != nil {
		return res, 0, fmt.Errorf("rekey: %w", err)
	}
	keys, err := db.FileBlobKeys(ctx)
	if err != nil {
		return res, 0, fmt.Errorf("rekey: %w", err)
	}
	n := 0
	for _, k := range keys {
		changed, err := fs.Rekey(ctx, k)
		if err != nil {
			return res, n, fmt.Errorf("rekey: %w", err)
		}
		if changed {
			n++
		}
	}
	return res, n, nil
}

// rekeyOnStart runs the rekey before a server answers when a previous key
// is configured, so that no resident is looked up under a key that no
// longer matches their row.
func rekeyOnStart(ctx context.Context, cfg config.Config, db *store.DB, fs *files.Store, logger *slog.Logger) error {
	if cfg.SecretKeyPrevious == "" {
		return nil
	}
	res, n, err := rekeyAll(ctx, db, fs)
	if err != nil {
		return fmt.Errorf("rekey after a key rotation: %w", err)
	}
	logger.Info("rekeyed personal data after a key rotation", "residents", res.Residents, "users", res.Users,
		"drafts", res.Drafts, "errand_values", res.Errands, "contacts", res.Contacts, "competence", res.Competence, "initiatives", res.Initiatives, "files", n)
	return nil
}
