package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"sprang"
)

// keyCheckKey is the settings key holding the check value of the secret key
// the database's personal data is sealed with.
const keyCheckKey = "secret.key_check"

// ErrWrongKey is returned by CheckKey when the configured secret key is not
// the one the database was created with.
var ErrWrongKey = sprang.Errorf(sprang.Invalid, "the secret key does not belong to this database: its personal data was sealed with another key. Check SPRANG_SECRET_KEY or SPRANG_SECRET_KEY_FILE (or, on SQLite without them, the file secret.key in --data); during a key rotation give the old key as SPRANG_SECRET_KEY_PREVIOUS")

// CheckKey compares the DB's box with the key check value stored in the
// database: on first use it stores it; a match with the current key or,
// during a rotation, a previous key passes; anything else returns
// ErrWrongKey, before anything is sealed with the wrong key.
func (db *DB) CheckKey(ctx context.Context) error {
	if db.box == nil {
		return errNoBox()
	}
	current, previous := db.box.KeyChecks()
	return db.tx(ctx, func(tx *sql.Tx) error {
		var stored string
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT value FROM settings WHERE key = ?`), keyCheckKey).Scan(&stored)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return db.putSettingTx(ctx, tx, keyCheckKey, current)
		case err != nil:
			return fmt.Errorf("read key check: %w", err)
		case stored == current || slices.Contains(previous, stored):
			return nil
		default:
			return ErrWrongKey
		}
	})
}

// recordCurrentKey stores the current key's check value, after a rekey has
// moved everything onto it.
func (db *DB) recordCurrentKey(ctx context.Context) error {
	current, _ := db.box.KeyChecks()
	return db.tx(ctx, func(tx *sql.Tx) error { return db.putSettingTx(ctx, tx, keyCheckKey, current) })
}

// putSettingTx sets a settings row within tx.
func (db *DB) putSettingTx(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`), key, value, db.Now())
	if err != nil {
		return fmt.Errorf("store setting %s: %w", key, err)
	}
	return nil
}
