package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/eservice"
)

// Inbox paging limits.
const (
	InboxDefaultLimit = 50
	InboxMaxLimit     = 500
)

// MsgInboxCursor is the key of the Invalid error for a malformed cursor.
const MsgInboxCursor = "errand.inbox.cursor"

// maxUnionUnits is the most units the inbox reads one by one (a UNION ALL
// of one index range per unit); beyond it one IN query is used.
const maxUnionUnits = 200

// InboxFilter selects errands for a case officer's inbox.
type InboxFilter struct {
	UnitIDs    []int64 // required: the units the officer may see; none gives an empty inbox
	ServiceID  int64
	Status     string // a status id; "" for all
	Open       bool   // only errands not closed
	AssigneeID int64  // -1 for unassigned, 0 for anyone
	Overdue    bool   // only errands past their due time without a decision (at Now)
	Channel    eservice.Channel
	Search     string // a reference or diary number (exact, case-insensitive; a reference's dash optional)
	Sort       string // "submitted" (default, oldest first), "-submitted", "due" (earliest first)
	Now        time.Time
	Limit      int    // 0 means 50, at most 500
	After      string // the cursor of the last row of the previous page
}

// InboxRow is one errand in the inbox: no answers, nothing personal.
type InboxRow struct {
	ID          int64
	Reference   string
	DiaryNumber string
	ServiceID   int64
	ServiceName eservice.Text
	UnitID      int64
	Status      string
	StatusLabel eservice.Text
	StatusKind  eservice.StatusKind
	AssigneeID  int64
	Channel     eservice.Channel
	SubmittedAt time.Time
	DueAt       time.Time
	DecidedAt   time.Time // zero until decided
	ClosedAt    time.Time // zero until closed
	Overdue     bool
}

// inboxColumns are the columns scanInboxRow reads; sort_at is the sort
// key, repeated so the outer ORDER BY of a UNION can name it.
const inboxColumns = `id, reference, diary_number, service_id, version, unit_id, status, status_kind,
	assignee_id, channel, submitted_at, due_at, decided_at, closed_at`

// inboxQuery is a built inbox query.
type inboxQuery struct {
	sql  string
	args []any
}

// inboxOrder returns the sort column and direction of f.Sort.
func inboxOrder(sort string) (col string, desc bool) {
	switch sort {
	case "-submitted":
		return "submitted_at", true
	case "due":
		return "due_at", false
	}
	return "submitted_at", false
}

// inboxConds returns the conditions of f other than the units and the
// cursor, and their arguments.
//
// Asking for open errands, the other filters are written so that no index
// can serve them (0 added to a number, an empty string appended to a
// text): the open errands of a unit are few and have their own partial
// index, which SQLite must pick over a full index of the filter (without
// statistics it cannot tell that the filter's index holds the unit's whole
// history). Over the whole history the filters' own indexes are the fast
// path.
func inboxConds(f InboxFilter, now time.Time) ([]string, []any) {
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	open := f.Open || f.Overdue
	num, text := "%s = ?", "%s = ?"
	if open {
		num, text = "%s + 0 = ?", "%s || '' = ?"
	}
	if open {
		add(`closed_at IS NULL`)
	}
	if f.ServiceID != 0 {
		add(fmt.Sprintf(num, "service_id"), f.ServiceID)
	}
	if f.Status != "" {
		add(fmt.Sprintf(text, "status"), f.Status)
	}
	switch {
	case f.AssigneeID < 0 && open:
		add(`assignee_id + 0 IS NULL`)
	case f.AssigneeID < 0:
		add(`assignee_id IS NULL`)
	case f.AssigneeID > 0:
		add(fmt.Sprintf(num, "assignee_id"), f.AssigneeID)
	}
	if f.Overdue {
		add(`decided_at IS NULL AND due_at < ?`, now)
	}
	if f.Channel != "" {
		add(fmt.Sprintf(text, "channel"), string(f.Channel))
	}
	if f.Search != "" {
		s := normalizeSearch(f.Search)
		ref, err := eservice.ParseReference(s)
		if err != nil {
			ref = s
		}
		// At most two rows match: find them by the unique indexes, never
		// by scanning a unit's range (SQLite picks the unit index for an OR).
		add(`id IN (SELECT id FROM errands WHERE reference = ? UNION ALL SELECT id FROM errands WHERE diary_number = ?)`, ref, s)
	}
	return conds, args
}

// normalizeSearch upper-cases s and collapses its spaces, as diary
// numbers and references are stored.
func normalizeSearch(s string) string {
	return strings.Join(strings.Fields(strings.ToUpper(s)), " ")
}

// parseInboxCursor reads a cursor made by inboxCursor.
func parseInboxCursor(c string) (time.Time, int64, error) {
	at, id, ok := strings.Cut(c, "_")
	micros, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || n <= 0 {
		return time.Time{}, 0, &sprang.Error{Kind: sprang.Invalid, Message: MsgInboxCursor, Fields: map[string]string{"after": MsgInboxCursor}}
	}
	return time.UnixMicro(micros).UTC(), n, nil
}

// inboxCursor returns the cursor after row r in the order of sort.
func inboxCursor(r InboxRow, sort string) string {
	at := r.SubmittedAt
	if col, _ := inboxOrder(sort); col == "due_at" {
		at = r.DueAt
	}
	return strconv.FormatInt(at.UnixMicro(), 10) + "_" + strconv.FormatInt(r.ID, 10)
}

// buildInbox returns the query of one page of f (limit rows): per unit an
// index range in keyset order, merged by a UNION ALL, so that each unit's
// branch reads at most limit rows of its index whatever the depth.
func buildInbox(f InboxFilter, now time.Time, limit int) (inboxQuery, error) {
	col, desc := inboxOrder(f.Sort)
	dir, cmp := "", ">"
	if desc {
		dir, cmp = " DESC", "<"
	}
	conds, args := inboxConds(f, now)
	if f.After != "" {
		at, id, err := parseInboxCursor(f.After)
		if err != nil {
			return inboxQuery{}, err
		}
		conds = append(conds, `(`+col+`, id) `+cmp+` (?, ?)`)
		args = append(args, at, id)
	}
	order := ` ORDER BY ` + col + dir + `, id` + dir
	where := ""
	if len(conds) > 0 {
		where = ` AND ` + strings.Join(conds, ` AND `)
	}
	if len(f.UnitIDs) == 1 || len(f.UnitIDs) > maxUnionUnits || f.Search != "" {
		unit := `unit_id`
		if f.Search != "" {
			unit = `unit_id + 0` // the search's ids lead; the units only filter them
		}
		q := `SELECT ` + inboxColumns + ` FROM errands WHERE ` + unit + ` IN (` + placeholderList(len(f.UnitIDs)) + `)` +
			where + order + ` LIMIT ?`
		return inboxQuery{q, append(append(int64Any(f.UnitIDs), args...), limit)}, nil
	}
	var b strings.Builder
	var all []any
	for i, u := range f.UnitIDs {
		if i > 0 {
			b.WriteString(` UNION ALL `)
		}
		fmt.Fprintf(&b, `SELECT * FROM (SELECT %s FROM errands WHERE unit_id = ?%s%s LIMIT ?) AS u%d`,
			inboxColumns, where, order, i)
		all = append(append(append(all, u), args...), limit)
	}
	b.WriteString(order + ` LIMIT ?`)
	return inboxQuery{b.String(), append(all, limit)}, nil
}

// int64Any returns ids as query arguments.
func int64Any(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// inboxLimit returns the page size f asks for.
func inboxLimit(f InboxFilter) int {
	switch {
	case f.Limit <= 0:
		return InboxDefaultLimit
	case f.Limit > InboxMaxLimit:
		return InboxMaxLimit
	}
	return f.Limit
}

// Inbox returns one page of errands matching f, in f.Sort's order, and
// the cursor of the next page ("" on the last). Paging is by keyset, one
// index range per unit, so it stays fast at any depth. It returns Invalid
// for a malformed cursor; no units give an empty page.
func (db *DB) Inbox(ctx context.Context, f InboxFilter) ([]InboxRow, string, error) {
	if len(f.UnitIDs) == 0 {
		return []InboxRow{}, "", nil
	}
	now := f.Now
	if now.IsZero() {
		now = db.Now()
	}
	limit := inboxLimit(f)
	q, err := buildInbox(f, now.UTC(), limit+1)
	if err != nil {
		return nil, "", fmt.Errorf("inbox: %w", err)
	}
	rows, err := db.inboxRows(ctx, now, q.sql, q.args...)
	if err != nil {
		return nil, "", fmt.Errorf("inbox: %w", err)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = inboxCursor(rows[limit-1], f.Sort)
	}
	return rows, next, nil
}

// CountInbox returns how many errands match f (ignoring its paging).
func (db *DB) CountInbox(ctx context.Context, f InboxFilter) (int, error) {
	if len(f.UnitIDs) == 0 {
		return 0, nil
	}
	now := f.Now
	if now.IsZero() {
		now = db.Now()
	}
	q := buildCount(f, now.UTC())
	var n int
	if err := db.queryRow(ctx, q.sql, q.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count inbox: %w", err)
	}
	return n, nil
}

// buildCount returns the query counting the errands matching f.
func buildCount(f InboxFilter, now time.Time) inboxQuery {
	conds, args := inboxConds(f, now)
	unit := `unit_id`
	if f.Search != "" {
		unit = `unit_id + 0` // as in buildInbox
	}
	q := `SELECT COUNT(*) FROM errands WHERE ` + unit + ` IN (` + placeholderList(len(f.UnitIDs)) + `)`
	if len(conds) > 0 {
		q += ` AND ` + strings.Join(conds, ` AND `)
	}
	return inboxQuery{q, append(int64Any(f.UnitIDs), args...)}
}

// ResidentErrands returns a resident's errands, newest first, without
// answers.
func (db *DB) ResidentErrands(ctx context.Context, residentID int64) ([]InboxRow, error) {
	rows, err := db.inboxRows(ctx, db.Now(), `SELECT `+inboxColumns+` FROM errands WHERE resident_id = ?
		ORDER BY submitted_at DESC, id DESC`, residentID)
	if err != nil {
		return nil, fmt.Errorf("resident errands: %w", err)
	}
	return rows, nil
}

// inboxRows runs an inbox query and labels its rows with their service's
// title and status label (from the version each errand was made with).
func (db *DB) inboxRows(ctx context.Context, now time.Time, q string, args ...any) ([]InboxRow, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	out := []InboxRow{}
	var versions []int
	for rows.Next() {
		r, v, err := scanInboxRow(rows, now)
		if err != nil {
			return nil, err
		}
		out, versions = append(out, r), append(versions, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_ = rows.Close()
	return out, db.labelInbox(ctx, out, versions)
}

func scanInboxRow(s scanner, now time.Time) (InboxRow, int, error) {
	var r InboxRow
	var version int
	var kind, channel string
	var assignee sql.NullInt64
	var decided, closed sql.NullTime
	err := s.Scan(&r.ID, &r.Reference, &r.DiaryNumber, &r.ServiceID, &version, &r.UnitID, &r.Status, &kind,
		&assignee, &channel, &r.SubmittedAt, &r.DueAt, &decided, &closed)
	if err != nil {
		return r, 0, err
	}
	r.StatusKind, r.Channel, r.AssigneeID = eservice.StatusKind(kind), eservice.Channel(channel), assignee.Int64
	r.SubmittedAt, r.DueAt = r.SubmittedAt.UTC(), r.DueAt.UTC()
	if decided.Valid {
		r.DecidedAt = decided.Time.UTC()
	}
	if closed.Valid {
		r.ClosedAt = closed.Time.UTC()
	}
	r.Overdue = eservice.Errand{DueAt: r.DueAt, DecidedAt: r.DecidedAt, ClosedAt: r.ClosedAt}.Overdue(now)
	return r, version, nil
}

// specLabels is what the inbox needs of a spec.
type specLabels struct {
	Title    eservice.Text     `json:"title"`
	Statuses []eservice.Status `json:"statuses"`
}

// labelInbox sets the service name and status label of rows, reading each
// service version once.
func (db *DB) labelInbox(ctx context.Context, rows []InboxRow, versions []int) error {
	type key struct {
		service int64
		version int
	}
	specs := map[key]specLabels{}
	for i := range rows {
		k := key{rows[i].ServiceID, versions[i]}
		sl, ok := specs[k]
		if !ok {
			var raw string
			err := db.queryRow(ctx, `SELECT spec FROM eservice_versions WHERE service_id = ? AND version = ?`, k.service, k.version).Scan(&raw)
			if err != nil {
				return fmt.Errorf("label inbox: %w", err)
			}
			if err := json.Unmarshal([]byte(raw), &sl); err != nil {
				return fmt.Errorf("label inbox: decode spec of service %d version %d: %w", k.service, k.version, err)
			}
			specs[k] = sl
		}
		rows[i].ServiceName = sl.Title
		rows[i].StatusLabel = eservice.Text{SV: rows[i].Status}
		for _, s := range sl.Statuses {
			if s.ID == rows[i].Status {
				rows[i].StatusLabel = s.Label
			}
		}
	}
	return nil
}
