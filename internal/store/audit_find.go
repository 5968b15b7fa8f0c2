package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"

	"sprang"
	"sprang/internal/audit"
)

// FindAuditEntries returns one page of the audit entries matching f, newest
// first, with More set and Next holding the cursor when older entries
// match. Text matching is case-insensitive (ASCII only on SQLite). It
// returns a wrapped error when the query fails, never a nil Page.Entries
// with a nil error for a failure.
func (db *DB) FindAuditEntries(ctx context.Context, f audit.Filter) (audit.Page, error) {
	where, args := auditWhere(f)
	size := f.PageSize()
	q := `SELECT ` + auditColumns + ` FROM audit_log` + where + ` ORDER BY id DESC LIMIT ?`
	rows, err := db.query(ctx, q, append(args, size+1)...)
	if err != nil {
		return audit.Page{}, fmt.Errorf("find audit entries: %w", err)
	}
	var p audit.Page
	for e, err := range scanAuditRows(rows) {
		if err != nil {
			return audit.Page{}, fmt.Errorf("find audit entries: %w", err)
		}
		p.Entries = append(p.Entries, e)
	}
	if len(p.Entries) > size {
		p.Entries, p.More = p.Entries[:size], true
		p.Next = p.Entries[size-1].ID
	}
	return p, nil
}

// AuditPersonalDataReads returns every read of the personal data of the
// resident with id residentID, newest first, for "who read my data". It
// returns sprang.Invalid for an id below 1 and an empty slice when nobody
// read anything.
func (db *DB) AuditPersonalDataReads(ctx context.Context, residentID int64) ([]audit.Entry, error) {
	if residentID < 1 {
		return nil, sprang.Errorf(sprang.Invalid, "audit.resident_id.invalid")
	}
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log
		WHERE resident_id = ? AND action = ? ORDER BY id DESC`, residentID, string(audit.PersonalDataRead))
	if err != nil {
		return nil, fmt.Errorf("find personal data reads: %w", err)
	}
	out := []audit.Entry{}
	for e, err := range scanAuditRows(rows) {
		if err != nil {
			return nil, fmt.Errorf("find personal data reads: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}

// auditWhere builds the WHERE clause (with a leading space, or empty) and
// its arguments for f.
func auditWhere(f audit.Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, vals ...any) {
		conds = append(conds, cond)
		args = append(args, vals...)
	}
	if f.Action != "" {
		add("action = ?", string(f.Action))
	}
	if f.ActorKind != "" {
		add("actor_kind = ?", string(f.ActorKind))
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		add("object_id = ?", f.ObjectID)
	}
	if f.ResidentID != 0 {
		add("resident_id = ?", f.ResidentID)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if f.Text != "" {
		p := likePattern(f.Text)
		add(`(LOWER(action) LIKE ? ESCAPE '\' OR LOWER(object_type) LIKE ? ESCAPE '\'
			OR LOWER(object_id) LIKE ? ESCAPE '\' OR LOWER(detail) LIKE ? ESCAPE '\')`, p, p, p, p)
	}
	if f.Before > 0 {
		add("id < ?", f.Before)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// likePattern returns a LIKE pattern (escape character \) matching s,
// lowercased, anywhere.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// scanAuditRows yields the entries of rows, then rows.Err if any, and closes
// rows when the loop ends or breaks.
func scanAuditRows(rows *sql.Rows) iter.Seq2[audit.Entry, error] {
	return func(yield func(audit.Entry, error) bool) {
		defer rows.Close()
		for rows.Next() {
			e, err := scanAuditEntry(rows)
			if !yield(e, err) || err != nil {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(audit.Entry{}, err)
		}
	}
}

// scanAuditEntry reads one row selected with auditColumns.
func scanAuditEntry(rows *sql.Rows) (audit.Entry, error) {
	var e audit.Entry
	var kind, action string
	var actor, resident sql.NullInt64
	err := rows.Scan(&e.ID, &e.At, &kind, &actor, &e.ActorName, &action, &e.ObjectType,
		&e.ObjectID, &resident, &e.Reason, &e.Detail, &e.PrevHash, &e.Hash)
	if err != nil {
		return audit.Entry{}, fmt.Errorf("scan audit entry: %w", err)
	}
	e.At = e.At.UTC()
	e.ActorKind, e.Action = audit.ActorKind(kind), audit.Action(action)
	e.ActorID, e.ResidentID = actor.Int64, resident.Int64
	return e, nil
}
