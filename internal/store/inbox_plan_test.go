package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"sprang/internal/eservice"
)

// TestInboxPlansUseIndexes asks SQLite how it runs each inbox query: every
// read of errands must go through an index (no full scan), and the
// errands of a unit must come in index order (no sort of all of them), so
// that a page costs the same at 100 errands and at 100,000. Several units
// are merged by sorting each unit's page (at most Limit+1 rows), which is
// allowed. The one filter allowed to sort errands is Overdue in submission
// order: SQLite reads the overdue errands (open, undecided, past due: a
// unit's backlog, not its history) by the due index and sorts them.
func TestInboxPlansUseIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, Options{URL: "sqlite:" + t.TempDir() + "/plan.db"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	cursor := inboxCursor(InboxRow{ID: 42, SubmittedAt: now, DueAt: now}, "")
	one, three := []int64{1}, []int64{1, 2, 3}
	for _, c := range []struct {
		name    string
		f       InboxFilter
		mayScan bool   // a full scan is allowed
		maySort bool   // sorting errands is allowed
		uses    string // a part of the plan it must have
	}{
		{name: "first page", f: InboxFilter{UnitIDs: one}, uses: "errands_unit_submitted"},
		{name: "deep page", f: InboxFilter{UnitIDs: one, After: cursor}},
		{name: "newest first", f: InboxFilter{UnitIDs: one, Sort: "-submitted", After: cursor}},
		{name: "due", f: InboxFilter{UnitIDs: one, Sort: "due", After: cursor}},
		{name: "open", f: InboxFilter{UnitIDs: one, Open: true, After: cursor}, uses: "errands_unit_open "},
		{name: "open by due", f: InboxFilter{UnitIDs: one, Open: true, Sort: "due"}},
		{name: "open, service", f: InboxFilter{UnitIDs: one, Open: true, ServiceID: 7}, uses: "errands_unit_open "},
		{name: "open, status", f: InboxFilter{UnitIDs: one, Open: true, Status: "handlaggs"}, uses: "errands_unit_open "},
		{name: "open, unassigned", f: InboxFilter{UnitIDs: one, Open: true, AssigneeID: -1}, uses: "errands_unit_open "},
		{name: "open, mine, paper", f: InboxFilter{UnitIDs: one, Open: true, AssigneeID: 3, Channel: eservice.ChannelPaper}, uses: "errands_unit_open "},
		{name: "overdue by due", f: InboxFilter{UnitIDs: one, Overdue: true, Sort: "due", Now: now}},
		{name: "overdue", f: InboxFilter{UnitIDs: one, Overdue: true, Now: now}, maySort: true},
		{name: "status", f: InboxFilter{UnitIDs: one, Status: "handlaggs", After: cursor}, uses: "errands_unit_status"},
		{name: "service", f: InboxFilter{UnitIDs: one, ServiceID: 7, After: cursor}, uses: "errands_unit_service"},
		{name: "assignee", f: InboxFilter{UnitIDs: one, AssigneeID: 3, After: cursor}, uses: "errands_unit_assignee"},
		{name: "unassigned", f: InboxFilter{UnitIDs: one, AssigneeID: -1}},
		{name: "channel", f: InboxFilter{UnitIDs: one, Channel: eservice.ChannelPaper}},
		{name: "search", f: InboxFilter{UnitIDs: three, Search: "KX4M-7TQ9"}, maySort: true, uses: "(reference=?)"},
		{name: "search diary number", f: InboxFilter{UnitIDs: three, Search: "sbf 2026/00042"}, maySort: true, uses: "(diary_number=?)"},
		{name: "several units", f: InboxFilter{UnitIDs: three, After: cursor}},
		{name: "several units, newest first", f: InboxFilter{UnitIDs: three, Sort: "-submitted"}},
		{name: "several units, filtered", f: InboxFilter{UnitIDs: three, Status: "handlaggs", Open: true}},
	} {
		q, err := buildInbox(c.f, now, 51)
		if err != nil {
			t.Fatal(err)
		}
		plan := explainSQLite(t, db, q)
		if !strings.Contains(strings.Join(plan, "\n"), c.uses) {
			t.Errorf("%s: plan does not use %s:\n%s", c.name, c.uses, strings.Join(plan, "\n"))
		}
		for i, line := range plan {
			if strings.Contains(line, "SCAN errands") && !strings.Contains(line, "INDEX") {
				t.Errorf("%s: full scan of errands:\n%s", c.name, strings.Join(plan, "\n"))
			}
			if strings.Contains(line, "TEMP B-TREE") && i > 0 && strings.Contains(plan[i-1], " errands ") && !c.maySort {
				t.Errorf("%s: sorts errands instead of reading them in index order:\n%s", c.name, strings.Join(plan, "\n"))
			}
		}
	}
}

// TestInboxCountPlans checks that counting open errands reads only the
// open errands' index, and counting all reads an index, not the table.
func TestInboxCountPlans(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, Options{URL: "sqlite:" + t.TempDir() + "/plan.db"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		f    InboxFilter
		uses string
	}{
		{InboxFilter{UnitIDs: []int64{1, 2}, Open: true}, "COVERING INDEX errands_unit_open"},
		{InboxFilter{UnitIDs: []int64{1, 2}, Open: true, Status: "handlaggs"}, "INDEX errands_unit_open"},
		{InboxFilter{UnitIDs: []int64{1, 2}}, "COVERING INDEX"},
		{InboxFilter{UnitIDs: []int64{1, 2}, Status: "handlaggs"}, "COVERING INDEX errands_unit_status"},
	} {
		plan := strings.Join(explainSQLite(t, db, buildCount(c.f, now)), "\n")
		if !strings.Contains(plan, c.uses) {
			t.Errorf("count %+v: plan does not use %s:\n%s", c.f, c.uses, plan)
		}
	}
}

// explainSQLite returns the lines of SQLite's query plan of q.
func explainSQLite(t *testing.T, db *DB, q inboxQuery) []string {
	t.Helper()
	rows, err := db.read.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q.sql, q.args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q.sql, err)
	}
	defer func() { _ = rows.Close() }()
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		out = append(out, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
