package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// benchErrands is how many errands BenchmarkInbox's inbox holds.
const benchErrands = 100_000

// BenchmarkInbox measures inbox pages at 100,000 errands in three units
// (three years of errands, all but the last two months closed): the first
// page of one unit and of all three, a page 50,000 rows deep by cursor, a
// filtered page, the overdue list and a search, and the count. It runs on
// SQLite, and on PostgreSQL when SPRANG_TEST_POSTGRES is set.
func BenchmarkInbox(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.OpenEngine(b, e)
			fx := seedInbox(b, db)
			all := fx.units
			deep := deepCursor(b, db, store.InboxFilter{UnitIDs: all}, benchErrands/2)
			for _, c := range []struct {
				name string
				f    store.InboxFilter
			}{
				{"first-page-one-unit", store.InboxFilter{UnitIDs: all[:1]}},
				{"first-page", store.InboxFilter{UnitIDs: all}},
				{"deep-page", store.InboxFilter{UnitIDs: all, After: deep}},
				{"newest-first", store.InboxFilter{UnitIDs: all, Sort: "-submitted"}},
				{"filtered", store.InboxFilter{UnitIDs: all, ServiceID: fx.service, Open: true, AssigneeID: -1}},
				{"status", store.InboxFilter{UnitIDs: all, Status: "komplettering"}},
				{"overdue", store.InboxFilter{UnitIDs: all, Overdue: true, Now: fx.now}},
				{"search", store.InboxFilter{UnitIDs: all, Search: strings.ToLower(fx.diaryNumber)}},
			} {
				b.Run(c.name, func(b *testing.B) {
					rows, _, err := db.Inbox(b.Context(), c.f)
					if err != nil || len(rows) == 0 {
						b.Fatalf("%s: %d rows, %v", c.name, len(rows), err)
					}
					b.ResetTimer()
					for b.Loop() {
						if _, _, err := db.Inbox(b.Context(), c.f); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("count-open", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.CountInbox(b.Context(), store.InboxFilter{UnitIDs: all, Open: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// inboxSeed is what seedInbox made.
type inboxSeed struct {
	units       []int64
	service     int64 // a service of the first unit
	diaryNumber string
	now         time.Time
}

// seedInbox makes three units with two published services each and
// inserts benchErrands errands directly, in one transaction.
func seedInbox(b *testing.B, db *store.DB) inboxSeed {
	b.Helper()
	ctx := b.Context()
	group, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen", NameEN: "Municipality"})
	if err != nil {
		b.Fatal(err)
	}
	user, err := db.CreateUser(ctx, identity.NewUser{Username: "bench", DisplayName: "Bench"})
	if err != nil {
		b.Fatal(err)
	}
	var seed inboxSeed
	type svc struct{ id, unit int64 }
	var services []svc
	for u := range 3 {
		unit, err := db.CreateUnit(ctx, identity.Unit{ParentID: group.ID, Kind: identity.KindForvaltning,
			Slug: fmt.Sprintf("forvaltning%d", u), NameSV: "F", NameEN: "F"})
		if err != nil {
			b.Fatal(err)
		}
		seed.units = append(seed.units, unit.ID)
		for s := range 2 {
			sv, err := db.CreateService(ctx, errandSpec(fmt.Sprintf("tjanst-%d-%d", u, s), "Tjänst", unit.ID), user.ID)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.PublishService(ctx, sv.ID, user.ID); err != nil {
				b.Fatal(err)
			}
			services = append(services, svc{sv.ID, unit.ID})
		}
	}
	seed.service = services[0].id
	start := time.Date(2023, 3, 1, 8, 0, 0, 0, time.UTC)
	step := 3 * 365 * 24 * time.Hour / benchErrands
	seed.now = start.Add(benchErrands * step)
	raw := benchRawDB(b, db)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 500
	cols := `(reference, diary_number, service_id, version, unit_id, channel, status, status_kind, assignee_id,
		submitted_at, due_at, decided_at, closed_at)`
	for from := 0; from < benchErrands; from += batch {
		var q strings.Builder
		q.WriteString(`INSERT INTO errands ` + cols + ` VALUES `)
		var args []any
		for i := from; i < from+batch; i++ {
			if i > from {
				q.WriteString(", ")
			}
			n := len(args)
			q.WriteString("(")
			for c := range 13 {
				if c > 0 {
					q.WriteString(", ")
				}
				if db.Engine() == store.Postgres {
					fmt.Fprintf(&q, "$%d", n+c+1)
				} else {
					q.WriteString("?")
				}
			}
			q.WriteString(")")
			args = append(args, benchErrandRow(i, services[i%len(services)], user.ID, start.Add(time.Duration(i)*step), seed.now)...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			b.Fatalf("insert errands: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if db.Engine() == store.Postgres { // as autovacuum would after such a load
		if _, err := raw.ExecContext(ctx, `ANALYZE errands`); err != nil {
			b.Fatal(err)
		}
	}
	seed.diaryNumber = fmt.Sprintf("B%d 2024/%06d", benchErrands/2%len(services), benchErrands/2)
	return seed
}

// benchErrandRow returns the 13 column values of errand i: digital but
// every tenth on paper, every fifth unassigned, closed when older than two
// months, otherwise in one of the open statuses.
func benchErrandRow(i int, s struct{ id, unit int64 }, user int64, at, now time.Time) []any {
	status, kind := "avslutat", "closed"
	var assignee, decided, closed any = user, at.Add(72 * time.Hour), at.Add(96 * time.Hour)
	if now.Sub(at) < 60*24*time.Hour {
		open := [][2]string{{"mottaget", "received"}, {"handlaggs", "open"}, {"komplettering", "waiting"}, {"beslutat", "decided"}}[i%4]
		status, kind, closed = open[0], open[1], nil
		if kind != "decided" {
			decided = nil
		}
	}
	if i%5 == 0 {
		assignee = nil
	}
	channel := "digital"
	if i%10 == 0 {
		channel = "paper"
	}
	return []any{fmt.Sprintf("R%07d", i), fmt.Sprintf("B%d 2024/%06d", i%6, i), s.id, 1, s.unit, channel, status, kind,
		assignee, at, at.Add(14 * 24 * time.Hour), decided, closed}
}

// deepCursor pages through f until depth rows and returns the cursor there.
func deepCursor(b *testing.B, db *store.DB, f store.InboxFilter, depth int) string {
	b.Helper()
	f.Limit = store.InboxMaxLimit
	for seen := 0; seen < depth; seen += f.Limit {
		_, next, err := db.Inbox(b.Context(), f)
		if err != nil || next == "" {
			b.Fatalf("page at %d: next %q, %v", seen, next, err)
		}
		f.After = next
	}
	return f.After
}

// benchRawDB opens the database behind db directly.
func benchRawDB(b *testing.B, db *store.DB) *sql.DB {
	b.Helper()
	driver, dsn := "pgx", db.URL()
	if db.Engine() == store.SQLite {
		driver, dsn = "sqlite", strings.TrimPrefix(db.URL(), "sqlite:")+"?_pragma=busy_timeout(10000)&_time_format=sqlite"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	b.Cleanup(func() { _ = raw.Close() })
	return raw
}
