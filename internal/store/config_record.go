package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"sprang/internal/audit"
)

// configKey is the settings key holding the operational configuration the
// platform last started with.
const configKey = "config.last_start"

// RecordConfig compares cfg (the non-secret configuration a process starts
// with, as name → value) with what the last start recorded, stores cfg, and
// when something changed appends config.changed to the audit log naming the
// changed settings and their new values. It returns the changed names,
// sorted; nil on the first start and when nothing changed. Values must not
// be secrets or personal data: they go into the audit log as they are.
func (db *DB) RecordConfig(ctx context.Context, cfg map[string]string) ([]string, error) {
	var changed []string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		prev, first, err := db.lastConfig(ctx, tx)
		if err != nil {
			return err
		}
		changed = diffConfig(prev, cfg)
		b, _ := json.Marshal(cfg)
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
			configKey, string(b), db.Now()); err != nil {
			return fmt.Errorf("store configuration: %w", err)
		}
		if first || len(changed) == 0 {
			changed = nil
			return nil
		}
		parts := make([]string, len(changed))
		for i, k := range changed {
			parts[i] = k + "=" + cfg[k]
		}
		_, err = db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.System, ActorName: "start",
			Action: audit.ConfigChanged, ObjectType: "config", Detail: strings.Join(parts, "; ")})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record configuration: %w", err)
	}
	return changed, nil
}

// lastConfig reads the configuration of the last start; first is true when
// there was none.
func (db *DB) lastConfig(ctx context.Context, tx *sql.Tx) (cfg map[string]string, first bool, err error) {
	var v string
	err = tx.QueryRowContext(ctx, db.rebind(`SELECT value FROM settings WHERE key = ?`), configKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read configuration: %w", err)
	}
	if err := json.Unmarshal([]byte(v), &cfg); err != nil {
		return nil, true, nil // unreadable: treat as a first start
	}
	return cfg, false, nil
}

// diffConfig returns the sorted names whose values differ between a and b.
func diffConfig(a, b map[string]string) []string {
	var out []string
	for k, v := range b {
		if old, ok := a[k]; !ok || old != v {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
