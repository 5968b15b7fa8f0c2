package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/jobs"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

type echoArgs struct {
	Text string `json:"text"`
}

func (echoArgs) Kind() string { return "test_echo" }

func TestJobRuns(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		got := make(chan jobs.Job[echoArgs], 1)
		r := newRunner(t, db, func(r *jobs.Runner) error {
			return jobs.Register(r, func(_ context.Context, j jobs.Job[echoArgs]) error {
				got <- j
				return nil
			}, jobs.KindOptions{})
		})
		id := enqueue(t, r, echoArgs{Text: "hej"}, jobs.EnqueueOpts{})
		select {
		case j := <-got:
			if j.ID != id || j.Args.Text != "hej" || j.Attempt != 1 {
				t.Errorf("worker got %+v, want id %d, text hej, attempt 1", j, id)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("job did not run")
		}
		s := waitJob(t, r, "test_echo", id, "completed")
		if s.Args != `{"text":"hej"}` || s.FinalizedAt.IsZero() || s.LastError != "" {
			t.Errorf("completed job = %+v", s)
		}
	})
}

type failArgs struct{}

func (failArgs) Kind() string { return "test_fail" }

func TestFailingJobIsRetriedThenDiscarded(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var mu sync.Mutex
		var attempts []time.Time
		r := newRunner(t, db, func(r *jobs.Runner) error {
			return jobs.Register(r, func(_ context.Context, j jobs.Job[failArgs]) error {
				mu.Lock()
				attempts = append(attempts, time.Now())
				mu.Unlock()
				return fmt.Errorf("mail server refused (attempt %d)", j.Attempt)
			}, jobs.KindOptions{MaxAttempts: 3})
		})
		id := enqueue(t, r, failArgs{}, jobs.EnqueueOpts{})
		s := waitJob(t, r, "test_fail", id, "discarded")
		if s.Attempt != 3 || s.MaxAttempts != 3 || s.Errors != 3 {
			t.Errorf("discarded job = %+v, want 3 of 3 attempts and 3 errors", s)
		}
		if s.LastError != "mail server refused (attempt 3)" {
			t.Errorf("last error = %q", s.LastError)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(attempts) != 3 {
			t.Fatalf("worker ran %d times, want 3", len(attempts))
		}
		// The backoff doubles: 20 ms after the first failure, 40 ms after the second.
		for i, min := range []time.Duration{20 * time.Millisecond, 40 * time.Millisecond} {
			if gap := attempts[i+1].Sub(attempts[i]); gap < min {
				t.Errorf("retry %d came %v after the failure, want at least %v", i+1, gap, min)
			}
		}
		failed, err := r.List(context.Background(), jobs.JobFilter{State: "discarded"})
		if err != nil || len(failed) != 1 || failed[0].ID != id {
			t.Errorf("List(discarded) = %+v, %v; want job %d", failed, err, id)
		}
		counts, err := r.Counts(context.Background())
		if err != nil || counts["discarded"] != 1 || counts["completed"] != 0 || len(counts) != len(jobs.States) {
			t.Errorf("Counts = %v, %v", counts, err)
		}
	})
}

// TestPermanentFailureIsNotRetried: a worker that returns jobs.Permanent
// ends its job at once, cancelled, whatever attempts are left.
func TestPermanentFailureIsNotRetried(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRunner(t, db, func(r *jobs.Runner) error {
			return jobs.Register(r, func(context.Context, jobs.Job[failArgs]) error {
				return jobs.Permanent(errors.New("the address does not exist"))
			}, jobs.KindOptions{MaxAttempts: 5})
		})
		id := enqueue(t, r, failArgs{}, jobs.EnqueueOpts{})
		if s := waitJob(t, r, "test_fail", id, "cancelled"); s.Attempt != 1 {
			t.Errorf("permanently failed job = %+v, want cancelled after 1 attempt", s)
		}
	})
}

func TestRetryAndCancel(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var mu sync.Mutex
		fail := true
		r := newRunner(t, db, func(r *jobs.Runner) error {
			return jobs.Register(r, func(_ context.Context, j jobs.Job[failArgs]) error {
				mu.Lock()
				defer mu.Unlock()
				if fail {
					return errors.New("not yet")
				}
				return nil
			}, jobs.KindOptions{MaxAttempts: 1})
		})
		id := enqueue(t, r, failArgs{}, jobs.EnqueueOpts{})
		waitJob(t, r, "test_fail", id, "discarded")
		mu.Lock()
		fail = false
		mu.Unlock()
		if err := r.Retry(ctx, id); err != nil {
			t.Fatalf("retry: %v", err)
		}
		if s := waitJob(t, r, "test_fail", id, "completed"); s.Attempt != 2 {
			t.Errorf("retried job = %+v, want attempt 2", s)
		}

		later := enqueue(t, r, failArgs{}, jobs.EnqueueOpts{ScheduledAt: time.Now().Add(time.Hour)})
		if err := r.Cancel(ctx, later); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		waitJob(t, r, "test_fail", later, "cancelled")

		for name, op := range map[string]func(context.Context, int64) error{"retry": r.Retry, "cancel": r.Cancel} {
			if err := op(ctx, 987654); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s of unknown job: %v, want NotFound", name, err)
			}
		}
	})
}

func TestScheduledJobDoesNotRunEarly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRunner(t, db, func(r *jobs.Runner) error {
			return jobs.Register(r, func(context.Context, jobs.Job[echoArgs]) error { return nil }, jobs.KindOptions{})
		})
		far := enqueue(t, r, echoArgs{Text: "far"}, jobs.EnqueueOpts{ScheduledAt: time.Now().Add(time.Hour)})
		at := time.Now().Add(700 * time.Millisecond)
		soon := enqueue(t, r, echoArgs{Text: "soon"}, jobs.EnqueueOpts{ScheduledAt: at})
		now := enqueue(t, r, echoArgs{Text: "now"}, jobs.EnqueueOpts{})
		waitJob(t, r, "test_echo", now, "completed")
		s := waitJob(t, r, "test_echo", soon, "completed")
		if s.AttemptedAt.Before(at.Truncate(time.Millisecond)) {
			t.Errorf("job scheduled for %v ran at %v", at, s.AttemptedAt)
		}
		if s := waitJob(t, r, "test_echo", far, "scheduled"); s.Attempt != 0 {
			t.Errorf("job scheduled in an hour = %+v, want not attempted", s)
		}
	})
}

func TestEnqueueTx(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := jobs.New(db, nil, testConfig)
		if err := jobs.Register(r, func(context.Context, jobs.Job[echoArgs]) error { return nil }, jobs.KindOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name   string
			commit bool
		}{{"rolled back", false}, {"committed", true}} {
			tx, err := db.WritePool().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := r.InTx(echoArgs{Text: tc.name}, jobs.EnqueueOpts{})(ctx, tx); err != nil {
				t.Fatalf("%s: enqueue in tx: %v", tc.name, err)
			}
			if tc.commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		js, err := r.List(ctx, jobs.JobFilter{Kind: "test_echo"})
		if err != nil || len(js) != 1 || !strings.Contains(js[0].Args, "committed") || js[0].State != "available" {
			t.Errorf("List = %+v, %v; want only the committed job, available", js, err)
		}
	})
}
