package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"

	"sprang/internal/config"
	"sprang/internal/files"
	"sprang/internal/mail"
	"sprang/internal/store"
)

// openFiles opens the blob storage of uploaded files: SPRANG_FILES, or the
// directory "files" in the data directory. Contents are sealed with the
// database's secret box.
func openFiles(ctx context.Context, cfg config.Config, db *store.DB, logger *slog.Logger) (*files.Store, error) {
	u := cmp.Or(cfg.Files, files.DefaultURL(cfg.DataDir))
	fs, err := files.Open(ctx, u, db.Box())
	if err != nil {
		return nil, fmt.Errorf("open file storage %s: %w", files.Redact(u), err)
	}
	if logger != nil {
		logger.Info("uploaded files are kept encrypted", "storage", files.Redact(u))
	}
	return fs, nil
}

// noticeSender returns the sender of receipts and notices: SMTP when
// SPRANG_SMTP_URL is set; otherwise one that sends nothing (in demo mode
// that is expected; outside it the operator is warned at start).
func noticeSender(cfg config.Config, logger *slog.Logger) (mail.Sender, error) {
	if cfg.SMTPURL != "" {
		s, err := mail.NewSMTP(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		return s, nil
	}
	if !cfg.Demo {
		logger.Warn("no SPRANG_SMTP_URL: receipts and notices to residents are not mailed")
	}
	return mail.Dropped{Log: logger}, nil
}
