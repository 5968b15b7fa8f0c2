package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// benchDrafts is how many drafts BenchmarkStats adds to the inbox
// benchmark's 100,000 errands.
const benchDrafts = 100_000

// BenchmarkStats measures the statistics at 100,000 errands in three units
// over three years (seedInbox) and 100,000 drafts: the summary per service
// of all units and of one service, the total, and the monthly series, for
// twelve months and for thirty days. It runs on SQLite, and on PostgreSQL
// when SPRANG_TEST_POSTGRES is set.
func BenchmarkStats(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.OpenEngine(b, e)
			fx := seedInbox(b, db)
			seedBenchDrafts(b, db, fx)
			year := eservice.StatsQuery{UnitIDs: fx.units, From: fx.now.AddDate(-1, 0, 0), To: fx.now, Now: fx.now}
			month := year
			month.From = fx.now.AddDate(0, 0, -30)
			one := year
			one.ServiceID, one.UnitIDs = fx.service, fx.units[:1]
			total := year
			total.Group = eservice.InTotal
			for _, c := range []struct {
				name string
				q    eservice.StatsQuery
			}{
				{"services-12-months", year},
				{"services-30-days", month},
				{"one-service-12-months", one},
				{"total-12-months", total},
			} {
				b.Run(c.name, func(b *testing.B) {
					rows, err := db.ServiceStats(b.Context(), c.q)
					if err != nil || len(rows) == 0 {
						b.Fatalf("%d rows, %v", len(rows), err)
					}
					for b.Loop() {
						if _, err := db.ServiceStats(b.Context(), c.q); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			for _, c := range []struct {
				name string
				q    eservice.StatsQuery
			}{
				{"monthly-12-months", year},
				{"monthly-30-days", month},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := db.MonthlyStats(b.Context(), c.q); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// seedBenchDrafts inserts benchDrafts drafts of the seed's services over
// its three years, in one transaction, draft i twenty minutes before
// seedInbox's errand i: four in five submitted as that errand (among them
// the paper errands, as officers' registrations), the others stopped on
// page 0, 1 or 2.
func seedBenchDrafts(b *testing.B, db *store.DB, fx inboxSeed) {
	b.Helper()
	ctx := b.Context()
	raw := benchRawDB(b, db)
	var services []int64
	rows, err := raw.QueryContext(ctx, `SELECT id FROM eservices ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		services = append(services, id)
	}
	_ = rows.Close()
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	const batch, cols = 500, 9
	step := 3 * 365 * 24 * time.Hour / benchDrafts
	start := fx.now.Add(-benchDrafts * step)
	for from := 0; from < benchDrafts; from += batch {
		var q strings.Builder
		q.WriteString(`INSERT INTO eservice_drafts (service_id, version, page, furthest, started_at, updated_at, expires_at, submitted_at, errand_id) VALUES `)
		var args []any
		for i := from; i < from+batch; i++ {
			if i > from {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for c := range cols {
				if c > 0 {
					q.WriteString(", ")
				}
				if db.Engine() == store.Postgres {
					fmt.Fprintf(&q, "$%d", len(args)+c+1)
				} else {
					q.WriteString("?")
				}
			}
			q.WriteString(")")
			at := start.Add(time.Duration(i) * step)
			started := at.Add(-20 * time.Minute)
			var submitted, errand any
			if i%5 != 1 {
				submitted, errand = at, i+1 // errand ids count from 1 in insertion order
			}
			args = append(args, services[i%len(services)], 1, i%3, i%3, started, started, started.Add(24*time.Hour), submitted, errand)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			b.Fatalf("insert drafts: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if db.Engine() == store.Postgres {
		if _, err := raw.ExecContext(ctx, `ANALYZE eservice_drafts`); err != nil {
			b.Fatal(err)
		}
	}
}
