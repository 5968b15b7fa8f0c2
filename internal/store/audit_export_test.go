package store

import (
	"context"
	"database/sql"
)

// ExecForTest runs a raw write statement, as an attacker with database
// access would.
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := db.exec(ctx, query, args...)
	return err
}

// TxForTest runs fn in a write transaction, as store code does.
func (db *DB) TxForTest(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.tx(ctx, fn)
}

// DropAuditTriggersForTest removes the append-only triggers of audit_log.
func (db *DB) DropAuditTriggersForTest(ctx context.Context) error {
	on := ""
	if db.engine == Postgres {
		on = " ON audit_log"
	}
	for _, trg := range []string{"audit_log_no_update", "audit_log_no_delete"} {
		if _, err := db.exec(ctx, "DROP TRIGGER "+trg+on); err != nil {
			return err
		}
	}
	return nil
}
