package main

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeRunsJobs checks that serve starts the job runner (the periodic
// cleanup job runs once on start), reports it in /metrics and stops it on
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
		if strings.Contains(body, `sprang_jobs{state="completed"} 1`) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(body, `sprang_jobs{state="completed"} 1`) {
		t.Fatalf("the cleanup job did not complete:\n%s", body)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("run after shutdown: %v\n%s", err, s.out)
	}
}
