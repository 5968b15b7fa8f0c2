package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/jobs"
)

// flakyArgs is a job that fails while its worker's switch is on.
type flakyArgs struct{}

func (flakyArgs) Kind() string { return "web_test_flaky" }

// waitState polls until the job with id is in state.
func waitState(t *testing.T, r *jobs.Runner, id int64, state string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		list, err := r.List(t.Context(), jobs.JobFilter{State: state, Kind: flakyArgs{}.Kind()})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			if s.ID == id {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("job %d did not reach %s", id, state)
}

func TestJobsPage(t *testing.T) {
	t.Parallel()
	var failing atomic.Bool
	failing.Store(true)
	e := newOpsEnv(t, func(r *jobs.Runner) error {
		return jobs.Register(r, func(context.Context, jobs.Job[flakyArgs]) error {
			if failing.Load() {
				return errors.New("smtp: connection refused by mail.example.test")
			}
			return nil
		}, jobs.KindOptions{MaxAttempts: 1})
	})
	ctx := t.Context()
	failed, err := e.runner.Enqueue(ctx, flakyArgs{}, jobs.EnqueueOpts{})
	if err != nil {
		t.Fatal(err)
	}
	later, err := e.runner.Enqueue(ctx, flakyArgs{}, jobs.EnqueueOpts{ScheduledAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	waitState(t, e.runner, failed, "discarded")

	admin, dev := e.loggedIn(t, "admin"), e.loggedIn(t, "utveckling")
	retryForm := fmt.Sprintf(`action="/personal/jobb/%d/forsok-igen"`, failed)
	cancelForm := fmt.Sprintf(`action="/personal/jobb/%d/avbryt"`, later)
	tests := []struct {
		name, path string
		b          *browser
		want, not  []string
	}{
		{"failed jobs", "/personal/jobb?status=discarded", admin,
			[]string{"smtp: connection refused by mail.example.test", "web_test_flaky", "1 av 1", "Misslyckat", retryForm,
				`<option value="discarded" selected>`, "<caption>Jobb med status Misslyckat, de senaste först</caption>"},
			[]string{cancelForm}},
		{"all jobs", "/personal/jobb", admin, []string{retryForm, cancelForm, "Schemalagt", "Planerat till"}, nil},
		{"scheduled only", "/personal/jobb?status=scheduled", admin, []string{cancelForm}, []string{retryForm}},
		{"unknown state shows all", "/personal/jobb?status=nonsense", admin, []string{retryForm, cancelForm}, nil},
		{"viewer cannot manage", "/personal/jobb", dev, []string{"smtp: connection refused", "web_test_flaky"}, []string{retryForm, cancelForm}},
	}
	for _, tt := range tests {
		resp, body := tt.b.get(tt.path)
		wantStatus(t, tt.name, resp, body, 200, "")
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", tt.name, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("%s: page shows %q", tt.name, w)
			}
		}
	}

	// Retry: post, redirect back to the list, get; the job now succeeds.
	failing.Store(false)
	resp, body := admin.post(fmt.Sprintf("/personal/jobb/%d/forsok-igen", failed), url.Values{"tillbaka": {"/personal/jobb?status=discarded"}})
	wantStatus(t, "retry", resp, body, 303, fmt.Sprintf("/personal/jobb?status=discarded&gjort=retry&jobb=%d", failed))
	_, body = admin.get(resp.Header.Get("Location"))
	if !strings.Contains(body, fmt.Sprintf("Jobb %d ställdes i kö för att köras igen.", failed)) {
		t.Errorf("no notice after retry:\n%s", body)
	}
	waitState(t, e.runner, failed, "completed")

	resp, body = admin.post(fmt.Sprintf("/personal/jobb/%d/avbryt", later), url.Values{"tillbaka": {"https://evil.example/"}})
	wantStatus(t, "cancel", resp, body, 303, fmt.Sprintf("/personal/jobb?gjort=cancel&jobb=%d", later))
	waitState(t, e.runner, later, "cancelled")

	p, err := e.db.FindAuditEntries(ctx, audit.Filter{ObjectType: "job"})
	if err != nil || len(p.Entries) != 2 || p.Entries[0].Action != "job.cancelled" || p.Entries[1].Action != "job.retried" ||
		p.Entries[1].ObjectID != fmt.Sprint(failed) || p.Entries[1].ActorName != "admin" {
		t.Errorf("job actions audited as %+v, %v", p.Entries, err)
	}

	_, body = admin.get("/metrics")
	for _, want := range []string{`sprang_jobs{state="completed"} 1`, `sprang_jobs{state="cancelled"} 1`, `sprang_jobs{state="discarded"} 0`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestJobsPageWithoutRunner checks that a server given no runner still
// lists the shared queue (through a runner that never starts) and pages it.
func TestJobsPageWithoutRunner(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	r := jobs.New(e.db, nil, jobs.Config{})
	if err := jobs.Register(r, func(context.Context, jobs.Job[flakyArgs]) error { return nil }, jobs.KindOptions{}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for range 55 {
		id, err := r.Enqueue(t.Context(), flakyArgs{}, jobs.EnqueueOpts{ScheduledAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	b := e.loggedIn(t, "admin")
	_, body := b.get("/personal/jobb?status=scheduled")
	row := func(id int64) string { return fmt.Sprintf(`<th scope="row">%d</th>`, id) }
	if !strings.Contains(body, row(ids[54])) || strings.Contains(body, row(ids[4])) || !strings.Contains(body, "55") {
		t.Errorf("first page of jobs wrong:\n%s", body)
	}
	older := link(body, "Äldre")
	if !strings.Contains(older, "status=scheduled") || link(body, "Nyaste") != "" {
		t.Fatalf("older link %q", older)
	}
	_, body = b.get(older)
	if !strings.Contains(body, row(ids[0])) || !strings.Contains(body, row(ids[4])) || strings.Contains(body, row(ids[5])) ||
		link(body, "Äldre") != "" || link(body, "Nyaste") != "/personal/jobb?status=scheduled" {
		t.Errorf("second page of jobs wrong:\n%s", body)
	}
	_, body = b.get("/metrics")
	if !strings.Contains(body, `sprang_jobs{state="scheduled"} 55`) {
		t.Error("metrics lack the scheduled jobs")
	}
}
