package jobs_test

import (
	"context"
	"testing"
	"time"

	"sprang/internal/jobs"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestCleanupRunsOnStart checks that the periodic cleanup job is enqueued
// when a runner becomes leader and completes. What it deletes is tested
// with store.DB.DeleteExpired.
func TestCleanupRunsOnStart(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRunner(t, db, jobs.RegisterCleanup)
		deadline := time.Now().Add(20 * time.Second)
		for {
			js, err := r.List(context.Background(), jobs.JobFilter{Kind: "cleanup"})
			if err != nil {
				t.Fatalf("list: %v", err)
			}
			if len(js) == 1 && js[0].State == "completed" {
				if js[0].MaxAttempts != 3 {
					t.Errorf("cleanup job = %+v, want 3 attempts", js[0])
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("cleanup jobs after deadline: %+v", js)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

func TestRegisterAfterUseFails(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	r := jobs.New(db, nil, testConfig)
	if err := jobs.RegisterCleanup(r); err != nil {
		t.Fatal(err)
	}
	if err := jobs.RegisterCleanup(r); err == nil {
		t.Error("registering a kind twice succeeded")
	}
	if _, err := r.List(context.Background(), jobs.JobFilter{}); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Register(r, func(context.Context, jobs.Job[echoArgs]) error { return nil }, jobs.KindOptions{}); err == nil {
		t.Error("registering after first use succeeded")
	}
	if _, err := r.List(context.Background(), jobs.JobFilter{State: "lost"}); err == nil {
		t.Error("listing an unknown state succeeded")
	}
}
