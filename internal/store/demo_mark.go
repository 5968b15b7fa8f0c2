package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// demoKey is the settings key that marks a database as holding demo
// content and the demo accounts.
const demoKey = "demo.content"

// MarkDemo records that the database holds demo content, so that `sprang
// serve` can refuse to run on it.
func (db *DB) MarkDemo(ctx context.Context) error {
	_, err := db.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO NOTHING`, demoKey, "true", db.Now())
	if err != nil {
		return fmt.Errorf("mark demo database: %w", err)
	}
	return nil
}

// IsDemo reports whether MarkDemo was ever called on the database.
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, demoKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read demo mark: %w", err)
	}
	return v == "true", nil
}
