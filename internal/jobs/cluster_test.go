package jobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"sprang/internal/jobs"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

type countArgs struct {
	N int `json:"n"`
}

func (countArgs) Kind() string { return "test_count" }

// TestTwoRunnersWorkEachJobOnce runs two runners, each on its own DB
// handle (as two sprang processes would), against one database and checks
// that every job is worked exactly once in total.
func TestTwoRunnersWorkEachJobOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const n = 40
		var mu sync.Mutex
		runs := map[int]int{}
		byRunner := map[string]int{}
		register := func(name string) func(r *jobs.Runner) error {
			return func(r *jobs.Runner) error {
				return jobs.Register(r, func(_ context.Context, j jobs.Job[countArgs]) error {
					time.Sleep(time.Millisecond) // let the other runner fetch too
					mu.Lock()
					defer mu.Unlock()
					runs[j.Args.N]++
					byRunner[name]++
					return nil
				}, jobs.KindOptions{})
			}
		}
		// Two processes polling one SQLite file every 20 ms starve each
		// other's writes; 100 ms is still ten times River's default rate.
		cfg := testConfig
		cfg.FetchPollInterval = 100 * time.Millisecond
		a := newRunnerConfig(t, db, cfg, register("a"))
		b := newRunnerConfig(t, storetest.MustOpen(t, db.URL()), cfg, register("b"))
		for i := range n {
			r := a
			if i%2 == 1 {
				r = b
			}
			enqueue(t, r, countArgs{N: i}, jobs.EnqueueOpts{})
		}
		waitCounts(t, a, "completed", n)
		mu.Lock()
		defer mu.Unlock()
		for i := range n {
			if runs[i] != 1 {
				t.Errorf("job %d ran %d times, want once", i, runs[i])
			}
		}
		t.Logf("jobs per runner: %v", byRunner)
	})
}

// waitCounts polls until state holds want jobs.
func waitCounts(t *testing.T, r *jobs.Runner, state string, want int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := r.Counts(context.Background())
		if err != nil {
			t.Fatalf("counts: %v", err)
		}
		if c[state] == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("counts %v after deadline, want %d %s", c, want, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type slowArgs struct{}

func (slowArgs) Kind() string { return "test_slow" }

// TestStopIsGraceful checks that Stop lets a running job finish, and that
// a job still running at the deadline is cancelled without hanging Stop.
func TestStopIsGraceful(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		started := make(chan struct{}, 2)
		r := jobs.New(db, nil, testConfig)
		err := jobs.Register(r, func(ctx context.Context, _ jobs.Job[slowArgs]) error {
			started <- struct{}{}
			select {
			case <-time.After(300 * time.Millisecond):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, jobs.KindOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		id := enqueue(t, r, slowArgs{}, jobs.EnqueueOpts{})
		<-started
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Fatalf("stop: %v", err)
		}
		waitJob(t, r, "test_slow", id, "completed")

		// A second runner gets a job that outlives the stop deadline.
		r2 := jobs.New(db, nil, testConfig)
		if err := jobs.Register(r2, func(ctx context.Context, _ jobs.Job[slowArgs]) error {
			started <- struct{}{}
			<-ctx.Done()
			return ctx.Err()
		}, jobs.KindOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := r2.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		enqueue(t, r2, slowArgs{}, jobs.EnqueueOpts{})
		<-started
		short, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel2()
		begin := time.Now()
		if err := r2.Stop(short); err != nil {
			t.Fatalf("stop at deadline: %v", err)
		}
		if took := time.Since(begin); took > 5*time.Second {
			t.Errorf("stop took %v", took)
		}
	})
}
