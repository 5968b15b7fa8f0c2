package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sprang/internal/audit"
)

// auditHeadKey is the settings key under which every append records the
// last entry ("id:hash"), so that deleting entries at the tail of the chain
// is detected by VerifyAudit. It is written only here.
const auditHeadKey = "audit.head"

// auditColumns lists the audit_log columns in the order scanAuditEntry reads.
const auditColumns = `id, at, actor_kind, actor_id, actor_name, action, object_type,
	object_id, resident_id, reason, detail, prev_hash, hash`

// AppendAudit validates e and appends it to the audit log in its own write
// transaction, returning the entry as stored (ID, At, PrevHash and Hash set;
// any At given is replaced by the database clock). An invalid entry gives a
// sprang.Invalid error; nothing is stored on any error.
func (db *DB) AppendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	var out audit.Entry
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.AppendAuditTx(ctx, tx, e)
		return err
	})
	if err != nil {
		return audit.Entry{}, err
	}
	return out, nil
}

// AppendAuditTx appends e inside tx, for store code that must log in the same
// transaction as the change it logs (so that neither happens without the
// other). tx must come from this DB's write pool (db.tx). It takes the audit
// chain lock, held until tx ends, so call it as the last step of the
// transaction. It returns the entry as it will be stored once tx commits,
// or a wrapped error (sprang.Invalid for an invalid entry).
func (db *DB) AppendAuditTx(ctx context.Context, tx *sql.Tx, e audit.Entry) (audit.Entry, error) {
	if err := e.Validate(); err != nil {
		return audit.Entry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	if err := db.lockAuditChain(ctx, tx); err != nil {
		return audit.Entry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	tip, err := db.auditTip(ctx, tx)
	if err != nil {
		return audit.Entry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	e.At = db.Now()
	s := audit.Seal(tip.ID, tip.Hash, e)
	if err := db.insertAudit(ctx, tx, s); err != nil {
		return audit.Entry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return s, nil
}

// insertAudit stores the sealed entry s and records it as the head.
func (db *DB) insertAudit(ctx context.Context, tx *sql.Tx, s audit.Entry) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO audit_log (`+auditColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		s.ID, s.At, string(s.ActorKind), nullID(s.ActorID), s.ActorName, string(s.Action),
		s.ObjectType, s.ObjectID, nullID(s.ResidentID), s.Reason, s.Detail, s.PrevHash, s.Hash)
	if err != nil {
		return fmt.Errorf("insert entry %d: %w", s.ID, err)
	}
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO settings (key, value, updated_at)
		VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
		auditHeadKey, formatAuditHead(audit.Head{ID: s.ID, Hash: s.Hash}), s.At)
	if err != nil {
		return fmt.Errorf("record audit head: %w", err)
	}
	return nil
}

// auditTip returns what the next entry links to: the last row or the
// recorded head, whichever is further along. Continuing from the head after
// the tail was deleted keeps the deletion visible as a gap; continuing from
// the last row when the head is missing keeps the log writable.
func (db *DB) auditTip(ctx context.Context, tx *sql.Tx) (audit.Head, error) {
	last := audit.Head{Hash: audit.GenesisHash}
	err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).
		Scan(&last.ID, &last.Hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return audit.Head{}, fmt.Errorf("read last entry: %w", err)
	}
	var v string
	err = tx.QueryRowContext(ctx, db.rebind(`SELECT value FROM settings WHERE key = ?`), auditHeadKey).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return audit.Head{}, fmt.Errorf("read audit head: %w", err)
	}
	if h, ok := parseAuditHead(v); ok && h.ID > last.ID {
		return h, nil
	}
	return last, nil
}

// formatAuditHead encodes h for the settings table as "id:hash".
func formatAuditHead(h audit.Head) string {
	return strconv.FormatInt(h.ID, 10) + ":" + h.Hash
}

// parseAuditHead decodes a value written by formatAuditHead; ok is false
// for anything else.
func parseAuditHead(v string) (h audit.Head, ok bool) {
	id, hash, found := strings.Cut(v, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !found || err != nil || n <= 0 || len(hash) != 64 {
		return audit.Head{}, false
	}
	return audit.Head{ID: n, Hash: hash}, true
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
