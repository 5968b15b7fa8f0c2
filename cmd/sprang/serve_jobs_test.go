package main

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

// completedJobs matches the job metric once the periodic jobs that run at
// start — the cleanup and the retention job — have both completed.
var completedJobs = regexp.MustCompile(`sprang_jobs\{state="completed"\} [2-9]`)

// TestServeRunsJobs checks that serve starts the job runner (the periodic
// jobs run once on start), reports it in /metrics and stops it on
// shutdown before closing the database.
func TestServeRunsJobs(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{}, "--data", t.TempDir())
	deadline := time.Now().Add(20 * time.Second)
	var body string
	for time.Now().Before(deadline) {
		var res response
		res, body = get(t, s.base+"/metrics")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("metrics: status %d", res.StatusCode)
		}
		if completedJobs.MatchString(body) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !completedJobs.MatchString(body) {
		t.Fatalf("the periodic jobs run at start (cleanup, retention) did not complete:\n%s", body)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("run after shutdown: %v\n%s", err, s.out)
	}
}
