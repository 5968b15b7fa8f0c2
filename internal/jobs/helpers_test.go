package jobs_test

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"sprang/internal/jobs"
	"sprang/internal/store"
)

// testConfig makes the runner fetch and retry within milliseconds.
var testConfig = jobs.Config{
	FetchPollInterval: 20 * time.Millisecond,
	Backoff:           jobs.ExponentialBackoff(20*time.Millisecond, 200*time.Millisecond),
}

// newRunner returns a runner on db with testConfig and register applied
// before it is started; it is stopped when the test ends.
func newRunner(t *testing.T, db *store.DB, register func(r *jobs.Runner) error) *jobs.Runner {
	t.Helper()
	return newRunnerConfig(t, db, testConfig, register)
}

// newRunnerConfig is newRunner with cfg.
func newRunnerConfig(t *testing.T, db *store.DB, cfg jobs.Config, register func(r *jobs.Runner) error) *jobs.Runner {
	t.Helper()
	r := jobs.New(db, testLogger(t), cfg)
	if err := register(r); err != nil {
		t.Fatalf("register: %v", err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return r
}

// testLogger shows the runner's warnings in the test output when
// SPRANG_TEST_LOG is set.
func testLogger(t *testing.T) *slog.Logger {
	if os.Getenv("SPRANG_TEST_LOG") == "" {
		return nil
	}
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

// waitJob polls until the job with id is in state, and returns it. It fails
// the test after the deadline, showing the job as last seen.
func waitJob(t *testing.T, r *jobs.Runner, kind string, id int64, state string) jobs.Summary {
	t.Helper()
	var last jobs.Summary
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		js, err := r.List(context.Background(), jobs.JobFilter{Kind: kind, Limit: 500})
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		for _, j := range js {
			if j.ID == id {
				last = j
			}
		}
		if last.State == state {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("job %d: state %q after deadline, want %q (%+v)", id, last.State, state, last)
	return last
}

// enqueue enqueues a job, failing the test on error.
func enqueue(t *testing.T, r *jobs.Runner, args jobs.Args, opts jobs.EnqueueOpts) int64 {
	t.Helper()
	id, err := r.Enqueue(context.Background(), args, opts)
	if err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	return id
}
