package store

import (
	"context"
	"fmt"

	"sprang/internal/audit"
)

// AuditNewerCursor returns the cursor of the page newer than the one whose
// newest entry has id top, for paging back towards the newest entries:
// the Before to pass with f (f's own Before is ignored), or 0 when that
// page is the first one. ok is false when no entry newer than top
// matches f.
func (db *DB) AuditNewerCursor(ctx context.Context, f audit.Filter, top int64) (before int64, ok bool, err error) {
	f.Before = 0
	where, args := auditWhere(f)
	if where == "" {
		where = " WHERE id > ?"
	} else {
		where += " AND id > ?"
	}
	size := f.PageSize()
	rows, err := db.query(ctx, `SELECT id FROM audit_log`+where+` ORDER BY id LIMIT ?`, append(args, top, size+1)...)
	if err != nil {
		return 0, false, fmt.Errorf("find newer audit entries: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var n int
	for rows.Next() {
		if err := rows.Scan(&before); err != nil {
			return 0, false, fmt.Errorf("find newer audit entries: %w", err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("find newer audit entries: %w", err)
	}
	if n <= size {
		return 0, n > 0, nil
	}
	return before, true, nil
}
