package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sprang/internal/audit"
)

// VerifyAudit checks the whole audit chain, streaming it in id order in
// constant memory through audit.Verify, against the head recorded on the
// last append (so that entries deleted at the tail are found too). A broken
// chain is a Report with breaks, not an error; the error is for a failed
// read or a malformed head record.
func (db *DB) VerifyAudit(ctx context.Context) (audit.Report, error) {
	head, err := db.auditHead(ctx)
	if err != nil {
		return audit.Report{}, fmt.Errorf("verify audit: %w", err)
	}
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY id`)
	if err != nil {
		return audit.Report{}, fmt.Errorf("verify audit: %w", err)
	}
	r, err := audit.Verify(scanAuditRows(rows), head)
	if err != nil {
		return r, fmt.Errorf("verify audit: %w", err)
	}
	return r, nil
}

// auditHead returns the recorded head, the zero Head when none is recorded,
// or an error when the record is malformed.
func (db *DB) auditHead(ctx context.Context) (audit.Head, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, auditHeadKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return audit.Head{}, nil
	}
	if err != nil {
		return audit.Head{}, fmt.Errorf("read audit head: %w", err)
	}
	h, ok := parseAuditHead(v)
	if !ok {
		return audit.Head{}, errors.New("the recorded audit head is malformed (tampered?)")
	}
	return h, nil
}
