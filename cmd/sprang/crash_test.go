package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/store"
)

// crashURLEnv tells a re-executed test binary to run TestCrashChild as the
// writer to be killed, on the database at this URL.
const crashURLEnv = "SPRANG_CRASH_CHILD_URL"

// TestCrashChild is the child process of TestCrashDurability: it appends
// audit entries as fast as it can and prints "ack ID HASH" for each append
// that returned without error, until it is killed. Run alone it skips.
func TestCrashChild(t *testing.T) {
	u := os.Getenv(crashURLEnv)
	if u == "" {
		t.Skip("the child process of TestCrashDurability")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, store.Options{URL: u})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1_000_000 { // a bound in case nobody kills us
		e, err := db.AppendAudit(ctx, audit.Entry{
			ActorKind: audit.System, ActorName: "crash-test", Action: audit.ConfigChanged,
			ObjectType: "setting", ObjectID: strconv.Itoa(i),
		})
		if err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
		// One write per line: the parent sees each ack whole or not at all.
		if _, err := fmt.Fprintf(os.Stdout, "ack %d %s\n", e.ID, e.Hash); err != nil {
			t.Fatalf("print ack: %v", err)
		}
	}
}

// TestCrashDurability proves that a committed write survives kill -9: a
// child process writes through the store and acknowledges each committed
// entry; the parent kills it with SIGKILL at a random moment, reopens the
// database as a restarted server would, and checks that every
// acknowledged entry is there, unchanged, and that the audit chain is
// intact. It runs several rounds on the same database.
func TestCrashDurability(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	eachEngine(t, func(t *testing.T, e store.Engine) {
		u := crashDatabase(t, e)
		acked := map[int64]string{}
		for round := range 3 {
			killAt := 200 + rand.IntN(300)
			n := crashChild(t, u, killAt, acked)
			got := reopenAndRead(t, u)
			for id, h := range acked {
				if got[id] != h {
					t.Fatalf("round %d: acknowledged entry %d has hash %q after the crash, want %q", round, id, got[id], h)
				}
			}
			t.Logf("round %d: killed after %d acks (%d read in all); all %d acknowledged entries survived", round, killAt, n, len(acked))
		}
	})
}

// crashDatabase returns the URL of a migrated database on engine e that no
// connection of this process holds open.
func crashDatabase(t *testing.T, e store.Engine) string {
	t.Helper()
	if e == store.Postgres {
		return engineURL(t, e)
	}
	u := "sqlite:" + filepath.Join(t.TempDir(), "sprang.db")
	db, err := store.Open(t.Context(), store.Options{URL: u})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return u
}

// crashChild runs TestCrashChild on u, sends it SIGKILL after killAt acks,
// records every ack it printed (including those already in the pipe) in
// acked and returns how many it read.
func crashChild(t *testing.T, u string, killAt int, acked map[int64]string) int {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashURLEnv+"="+u)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		id, hash, ok := parseAck(sc.Text())
		if !ok {
			continue
		}
		acked[id] = hash
		if n++; n == killAt {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatalf("kill the child: %v", err)
			}
		}
	}
	err = cmd.Wait()
	if n < killAt || !killed(err) {
		t.Fatalf("child ended by itself after %d acks (%v), not by SIGKILL after %d:\n%s", n, err, killAt, stderr.String())
	}
	return n
}

// killed reports whether err from Wait says the process died of SIGKILL.
func killed(err error) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// parseAck reads an "ack ID HASH" line.
func parseAck(line string) (int64, string, bool) {
	f := strings.Fields(line)
	if len(f) != 3 || f[0] != "ack" {
		return 0, "", false
	}
	id, err := strconv.ParseInt(f[1], 10, 64)
	return id, f[2], err == nil
}

// reopenAndRead opens the database as a restarting server would, checks
// the audit chain and returns every entry's hash by id.
func reopenAndRead(t *testing.T, u string) map[int64]string {
	t.Helper()
	db, err := store.Open(t.Context(), store.Options{URL: u})
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer func() { _ = db.Close() }()
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("migrate after the crash: %v", err)
	}
	r, err := db.VerifyAudit(t.Context())
	if err != nil || !r.OK() {
		t.Fatalf("audit chain after the crash: %+v, %v", r, err)
	}
	got := map[int64]string{}
	f := audit.Filter{Limit: audit.MaxLimit}
	for {
		p, err := db.FindAuditEntries(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Entries {
			got[e.ID] = e.Hash
		}
		if !p.More {
			return got
		}
		f.Before = p.Next
	}
}
