package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// benchInboxErrands is how many errands BenchmarkInboxPage's database holds.
const benchInboxErrands = 100_000

// BenchmarkInboxPage renders the case officer's inbox (GET
// /personal/arenden through the whole middleware stack, in process) with
// 100,000 errands in the officer's unit: three years of them, all but the
// last two months closed. Besides ns/op it reports the median and the 99th
// percentile of the requests' times (p50-ns, p99-ns). It runs on the
// engine SPRANG_TEST_DB selects.
//
//	go test -run '^$' -bench InboxPage -benchmem ./internal/web/
func BenchmarkInboxPage(b *testing.B) {
	e := newCaseEnv(b, storetest.Selected(), caseOpts{})
	seedBenchErrands(b, e)
	login, err := e.svc.LoginPassword(b.Context(), "hugo", staffPassword, "192.0.2.1")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, query string }{
		{"open-oldest-first", ""},
		{"all-newest-first", "?visa=alla&ordning=nyast"},
		{"unassigned-by-due-date", "?tilldelad=ingen&ordning=forfallodag"},
		{"overdue", "?forsenat=1"},
		{"service-and-status", fmt.Sprintf("?tjanst=%d&status=komplettering", e.byggSvc.ID)},
		{"search", "?visa=alla&sok=" + strings.ReplaceAll(benchDiary(e, benchInboxErrands/2), " ", "+")},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := browserGET("/personal/arenden" + c.query)
			req.AddCookie(&http.Cookie{Name: "sprang", Value: login.Token})
			rec := httptest.NewRecorder()
			e.srv.ServeHTTP(rec, req)
			if body := recordedBody(b, rec); rec.Code != http.StatusOK || !strings.Contains(body, `<th scope="row">`) {
				b.Fatalf("GET %s: status %d\n%s", c.query, rec.Code, body)
			}
			b.ReportAllocs()
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				rec := httptest.NewRecorder()
				e.srv.ServeHTTP(rec, req)
				took = append(took, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// benchDiary returns the diary number seedBenchErrands gives errand i.
func benchDiary(e *caseEnv, i int) string {
	return fmt.Sprintf("BENCH %d/%06d", 2023+i*3/benchInboxErrands, i)
}

// seedBenchErrands inserts benchInboxErrands errands of the bygg service
// directly, in one transaction: digital but every tenth on paper, every
// fifth unassigned (the rest hugo's), closed when older than two months,
// otherwise in one of the open statuses.
func seedBenchErrands(b *testing.B, e *caseEnv) {
	b.Helper()
	ctx := b.Context()
	now := e.clock.Now()
	start := now.Add(-3 * 365 * 24 * time.Hour)
	step := now.Sub(start) / benchInboxErrands
	tx, err := e.db.WritePool().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	const batch, cols = 500, 13
	for from := 0; from < benchInboxErrands; from += batch {
		var q strings.Builder
		q.WriteString(`INSERT INTO errands (reference, diary_number, service_id, version, unit_id, channel, status, status_kind,
			assignee_id, submitted_at, due_at, decided_at, closed_at) VALUES `)
		args := make([]any, 0, batch*cols)
		for i := from; i < from+batch; i++ {
			if i > from {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for c := range cols {
				if c > 0 {
					q.WriteString(", ")
				}
				if e.db.Engine() == store.Postgres {
					fmt.Fprintf(&q, "$%d", len(args)+c+1)
				} else {
					q.WriteString("?")
				}
			}
			q.WriteString(")")
			args = append(args, benchErrandValues(e, i, start.Add(time.Duration(i)*step), now)...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			b.Fatalf("insert errands: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if e.db.Engine() == store.Postgres { // as autovacuum would after such a load
		if _, err := e.db.WritePool().ExecContext(ctx, `ANALYZE errands`); err != nil {
			b.Fatal(err)
		}
	}
}

// benchErrandValues returns the column values of bench errand i, submitted at.
func benchErrandValues(e *caseEnv, i int, at, now time.Time) []any {
	status, kind := "avslutat", "closed"
	var assignee, decided, closed any = e.users["hugo"].ID, at.Add(72 * time.Hour), at.Add(96 * time.Hour)
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
	return []any{fmt.Sprintf("B%03d-%04d", i/10000, i%10000), benchDiary(e, i), e.byggSvc.ID, 1, e.bygg.ID, channel, status, kind,
		assignee, at, at.Add(10 * 24 * time.Hour), decided, closed}
}
