// Command load measures the throughput and latency of the home page and
// the login page of `sprang serve` on SQLite and (when SPRANG_TEST_POSTGRES
// names a PostgreSQL server) on PostgreSQL, side by side with a bare
// net/http hello-world server measured in the same run, and prints a table.
// With -out it rewrites the part of that file between the markers
// <!-- load:begin --> and <!-- load:end --> (docs/PERFORMANCE.md).
//
//	go run ./scripts/load [-duration 8s] [-concurrency 32] [-out docs/PERFORMANCE.md]
//
// For each server and path it runs, after a short warm-up:
//
//  1. peak: a closed loop of -concurrency keep-alive clients, each sending
//     its next request as soon as the last answer is read, for -duration;
//     the result is requests per second (and the server's CPU time per
//     request, from /proc/PID/stat);
//  2. half: an open loop at half that peak rate for -duration: requests are
//     scheduled at fixed intervals and their latency is measured from the
//     scheduled time when the client was late because earlier requests had
//     not come back (no coordinated omission), from the actual send
//     otherwise; the result is p50/p90/p99/max.
//
// Then it reads the server's peak resident set (VmHWM in /proc/PID/status).
// Every server is a separate process on a free 127.0.0.1 port: the
// hello-world server is this program run again with -hello, sprang is built
// once with go build into a temporary directory and started with serve on a
// fresh SQLite data directory or a fresh PostgreSQL database (created here
// and dropped afterwards). The whole run is bounded (-timeout) and stops
// every process it started on exit and on Ctrl-C.
//
// -scenario datastore (only on request: it loads a 58 MB file per engine)
// measures the open data API instead: see datastore.go.
//
// The load generator runs on the same machine as the servers and competes
// with them for the CPUs; -procs sets its GOMAXPROCS. Only the standard
// library is used for the load itself.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "sprang/internal/store" // registers the "pgx" database/sql driver
)

// Goals from the issue.
const (
	goalRatio = 0.40                  // home page rate / hello-world rate
	goalP99   = 20 * time.Millisecond // p99 at half of peak
	goalRSS   = 60 << 20              // peak resident set, bytes
)

const (
	beginMark = "<!-- load:begin -->"
	endMark   = "<!-- load:end -->"
)

type options struct {
	duration    time.Duration
	warmup      time.Duration
	concurrency int
	procs       int
	out         string
	timeout     time.Duration
	postgres    string
	scenario    string  // pages, submit, all or datastore
	submitRate  float64 // the open-loop rate of the submission scenario
}

func main() {
	var o options
	hello := flag.String("hello", "", "internal: serve hello world on this address and print it")
	flag.DurationVar(&o.duration, "duration", 8*time.Second, "length of each peak and each half-load run")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "warm-up before each path, not measured")
	flag.IntVar(&o.concurrency, "concurrency", 32, "closed-loop clients for the peak run (the open loop uses twice as many)")
	flag.IntVar(&o.procs, "procs", 0, "GOMAXPROCS of the load generator (0: leave as is)")
	flag.StringVar(&o.out, "out", "", "rewrite the marked section of this file (e.g. docs/PERFORMANCE.md) with the results")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "stop everything after this long")
	flag.StringVar(&o.postgres, "postgres", os.Getenv("SPRANG_TEST_POSTGRES"), "admin URL of a PostgreSQL server to also measure on (default $SPRANG_TEST_POSTGRES)")
	flag.StringVar(&o.scenario, "scenario", "all", "what to measure: pages (home and login), submit (e-service submissions), all (pages and submit) or datastore (the open data API on a 1,000,000-row table; not part of all)")
	flag.Float64Var(&o.submitRate, "submit-rate", 500, "submissions per second of the submission scenario's open loop")
	flag.Parse()
	if *hello != "" {
		if err := serveHello(*hello); err != nil {
			fmt.Fprintln(os.Stderr, "load -hello:", err)
			os.Exit(1)
		}
		return
	}
	if o.procs > 0 {
		runtime.GOMAXPROCS(o.procs)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if !slices.Contains([]string{"pages", "submit", "all", "datastore"}, o.scenario) {
		fmt.Fprintln(os.Stderr, "load: -scenario must be pages, submit, all or datastore")
		os.Exit(2)
	}
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// serveHello is the ceiling: the smallest useful net/http server.
func serveHello(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "Hello, World!\n")
	})
	return (&http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
}

// target is one server to measure.
type target struct {
	name  string // hello, sqlite, postgres
	paths []string
	start func(ctx context.Context) (*server, error)
}

// result is one path of one target.
type result struct {
	target, path  string
	peakRPS       float64
	peakP99       time.Duration
	cpuPerReq     time.Duration // server CPU time per request during the peak run
	rate          float64       // the open-loop rate: half of peak
	achieved      float64
	p50, p90, p99 time.Duration
	max           time.Duration
	errors        int64
	rss           int64 // the server's VmHWM after all its runs, bytes
}

func run(ctx context.Context, o options) error {
	tmp, err := os.MkdirTemp("", "sprang-load-*")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()

	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	bin := filepath.Join(tmp, "sprang")
	fmt.Fprintln(os.Stderr, "load: building sprang")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/sprang")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/sprang: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}

	results, err := measurePages(ctx, o, self, bin, tmp)
	if err != nil {
		return err
	}
	report := render(o, results)
	fmt.Print(report)
	if o.scenario == "datastore" {
		return runDatastore(ctx, o, bin, tmp, results)
	}
	var subReport string
	if o.scenario != "pages" {
		subs, err := measureSubmissions(ctx, o, bin, tmp)
		if err != nil {
			return err
		}
		subReport = renderSubmit(o, subs, helloRate(results))
		fmt.Print(subReport)
	}
	if o.out == "" {
		return nil
	}
	if o.scenario != "submit" {
		if err := rewrite(o.out, beginMark, endMark, report); err != nil {
			return err
		}
	}
	if subReport != "" {
		if err := rewrite(o.out, submitBeginMark, submitEndMark, subReport); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "load: wrote %s\n", o.out)
	return nil
}

// measurePages measures the hello-world ceiling and, unless only
// submissions are asked for, the home and login pages on each engine.
func measurePages(ctx context.Context, o options, self, bin, tmp string) ([]result, error) {
	targets := []target{
		{name: "hello", paths: []string{"/"}, start: func(ctx context.Context) (*server, error) {
			return startServer(ctx, "hello", self, []string{"-hello", "127.0.0.1:0"}, nil, "")
		}},
	}
	if o.scenario == "pages" || o.scenario == "all" {
		for _, e := range engines(o) {
			targets = append(targets, target{name: e, paths: []string{"/", "/logga-in"}, start: func(ctx context.Context) (*server, error) {
				return startEngine(ctx, o, bin, tmp, e, "serve")
			}})
		}
	}
	var results []result
	for _, t := range targets {
		rs, err := measureTarget(ctx, o, t)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		results = append(results, rs...)
	}
	return results, nil
}

// engines lists the engines to measure: SQLite, and PostgreSQL when a
// server is given.
func engines(o options) []string {
	if o.postgres == "" {
		fmt.Fprintln(os.Stderr, "load: SPRANG_TEST_POSTGRES is not set; measuring SQLite only")
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// startEngine starts `sprang command` (serve or demo) on a fresh data
// directory and, for postgres, a fresh database that is dropped on stop.
func startEngine(ctx context.Context, o options, bin, tmp, engine, command string) (*server, error) {
	dataDir := filepath.Join(tmp, engine+"-"+command+"-"+randomHex(4))
	if engine == "sqlite" {
		return startSprang(ctx, bin, command, dataDir, "")
	}
	dbURL, drop, err := createPostgres(ctx, o.postgres)
	if err != nil {
		return nil, err
	}
	s, err := startSprang(ctx, bin, command, dataDir, dbURL)
	if err != nil {
		drop()
		return nil, err
	}
	s.cleanup = append(s.cleanup, drop)
	return s, nil
}

func measureTarget(ctx context.Context, o options, t target) ([]result, error) {
	fmt.Fprintf(os.Stderr, "load: starting %s\n", t.name)
	s, err := t.start(ctx)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	var out []result
	for _, p := range t.paths {
		u := "http://" + s.addr + p
		fmt.Fprintf(os.Stderr, "load: %s %s: warm-up %s, peak %s, half load %s\n", t.name, p, o.warmup, o.duration, o.duration)
		if _, err := closedLoop(ctx, u, o.concurrency, o.warmup); err != nil {
			return nil, err
		}
		cpu0 := s.cpuTime()
		peak, err := closedLoop(ctx, u, o.concurrency, o.duration)
		if err != nil {
			return nil, err
		}
		cpu := s.cpuTime() - cpu0
		r := result{target: t.name, path: p, peakRPS: peak.rps(), peakP99: peak.quantile(0.99), errors: peak.errors}
		if peak.ok > 0 {
			r.cpuPerReq = cpu / time.Duration(peak.ok)
		}
		r.rate = r.peakRPS / 2
		half, err := openLoop(ctx, u, 2*o.concurrency, r.rate, o.duration)
		if err != nil {
			return nil, err
		}
		r.achieved = half.rps()
		r.p50, r.p90, r.p99, r.max = half.quantile(0.50), half.quantile(0.90), half.quantile(0.99), half.quantile(1)
		r.errors += half.errors
		fmt.Fprintf(os.Stderr, "load:   peak %.0f req/s (server CPU %s/req), at %.0f req/s p99 %s\n", r.peakRPS, r.cpuPerReq, r.rate, r.p99)
		out = append(out, r)
	}
	rss := s.peakRSS()
	for i := range out {
		out[i].rss = rss
	}
	return out, nil
}

// --- servers ---------------------------------------------------------------

// server is a started subprocess listening on addr.
type server struct {
	name    string
	cmd     *exec.Cmd
	addr    string
	stderr  *lockedWriter
	done    chan struct{}
	cleanup []func()
}

// startSprang starts `sprang command` (serve or demo) with a new data directory and, when
// dbURL is set, that database; it logs to /dev/null (the JSON access log
// is still built for every request, only not written anywhere).
func startSprang(ctx context.Context, bin, command, dataDir, dbURL string) (*server, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + port
	env := []string{"SPRANG_SECRET_KEY=" + randomHex(24), "SPRANG_LOG_LEVEL=info"}
	args := []string{command, "--addr", addr, "--data", dataDir}
	if dbURL != "" {
		args = append(args, "--db", dbURL)
	}
	name := "sqlite"
	if dbURL != "" {
		name = "postgres"
	}
	return startServer(ctx, name, bin, args, env, addr)
}

// startServer starts bin with args and waits until it answers on addr
// (or, when addr is "", until it prints "listening on ADDR").
func startServer(ctx context.Context, name, bin string, args, env []string, addr string) (*server, error) {
	return startServerLog(ctx, name, bin, args, env, addr, nil)
}

// startServerLog is startServer with the server's standard output (its
// log) going to logFile, or /dev/null when logFile is nil; addr must be set.
func startServerLog(ctx context.Context, name, bin string, args, env []string, addr string, logFile *os.File) (*server, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // dies with us, whatever happens
	s := &server{name: name, cmd: cmd, addr: addr, stderr: &lockedWriter{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	var stdout io.ReadCloser
	if addr == "" {
		var err error
		if stdout, err = cmd.StdoutPipe(); err != nil {
			return nil, err
		}
	} else if logFile != nil {
		cmd.Stdout = logFile // a file: written by the server directly
	} else {
		cmd.Stdout = nil // /dev/null
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if stdout != nil {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err == nil && !strings.HasPrefix(line, "listening on ") {
			err = errors.New("unexpected first line")
		}
		if err != nil {
			s.stop()
			return nil, fmt.Errorf("%s did not start: %q: %w: %s", name, line, err, s.errText())
		}
		s.addr = strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
		go func() { _, _ = io.Copy(io.Discard, stdout) }()
	}
	// Ready when /healthz (or, for hello, /) answers.
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + s.addr + "/healthz")
		if err == nil {
			_ = resp.Body.Close()
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited at start: %s", name, s.errText())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("%s did not answer on %s within a minute: %s", name, s.addr, s.errText())
		}
	}
}

// stop ends the server with SIGTERM (SIGKILL after 10 s) and runs the
// cleanups.
func (s *server) stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
	for _, f := range s.cleanup {
		f()
	}
	s.cleanup = nil
}

// peakRSS returns VmHWM of the server process, in bytes.
func (s *server) peakRSS() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime returns the user+system CPU time the server process has used.
func (s *server) cpuTime() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which is in parentheses and may hold
	// spaces): state is field 3, utime 14, stime 15.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / ticks
}

// createPostgres creates a fresh database on the server at admin and
// returns its URL and a function that drops it.
func createPostgres(ctx context.Context, admin string) (string, func(), error) {
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, err
	}
	name := "sprang_load_" + randomHex(6)
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = db.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() {
		c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(c, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			fmt.Fprintln(os.Stderr, "load: drop database:", err)
		}
		_ = db.Close()
	}
	u, err := url.Parse(admin)
	if err != nil {
		drop()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// --- load ------------------------------------------------------------------

// sample is what one run measured.
type sample struct {
	ok, errors int64
	elapsed    time.Duration
	lat        []time.Duration // sorted
}

func (s sample) rps() float64 { return float64(s.ok) / s.elapsed.Seconds() }

func (s sample) quantile(q float64) time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	i := int(q*float64(len(s.lat))+0.5) - 1
	return s.lat[min(max(i, 0), len(s.lat)-1)]
}

// newClient returns a client that keeps up to n connections alive.
func newClient(n int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns: n, MaxIdleConnsPerHost: n, IdleConnTimeout: time.Minute,
			DisableCompression: true, // the body is read, not decoded
			ForceAttemptHTTP2:  false,
		},
		Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// get sends one GET as a browser would (Accept-Encoding gzip) and reads the
// whole answer; only a 200 counts as success.
func get(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept-Language", "sv-SE,sv;q=0.9")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return err
}

// closedLoop runs n clients that each send their next request when the
// last one is answered, for d.
func closedLoop(parent context.Context, u string, n int, d time.Duration) (sample, error) {
	c := newClient(n)
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return closedLoopOf(parent, ctx, n, func(ctx context.Context, _ int) error { return get(ctx, c, u) })
}

// errDone ends a closed-loop worker without counting as an error.
var errDone = errors.New("done")

// closedLoopOf runs work on n workers, each calling it again as soon as it
// returns, until ctx ends or work returns errDone, and collects the
// latencies of the calls that succeeded. parent ending is an error;
// ctx ending is the normal end of the run.
func closedLoopOf(parent, ctx context.Context, n int, work func(ctx context.Context, worker int) error) (sample, error) {
	var wg sync.WaitGroup
	lats := make([][]time.Duration, n)
	var ok, bad atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			for ctx.Err() == nil {
				t0 := time.Now()
				err := work(ctx, i)
				if errors.Is(err, errDone) {
					return
				}
				if err != nil {
					if ctx.Err() == nil {
						bad.Add(1)
						firstErr.CompareAndSwap(nil, err)
					}
					continue
				}
				lats[i] = append(lats[i], time.Since(t0))
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	s := sample{ok: ok.Load(), errors: bad.Load(), elapsed: time.Since(start), lat: slices.Concat(lats...)}
	slices.Sort(s.lat)
	if err := parent.Err(); err != nil {
		return s, err
	}
	return s, checkErrors(s, &firstErr)
}

// openLoop sends requests at rate per second for d from up to n workers.
func openLoop(ctx context.Context, u string, n int, rate float64, d time.Duration) (sample, error) {
	if rate <= 0 {
		return sample{}, errors.New("no peak rate to halve")
	}
	c := newClient(n)
	defer c.CloseIdleConnections()
	total := int64(d.Seconds() * rate)
	return openLoopOf(ctx, n, rate, total, func(ctx context.Context, _ int64) error { return get(ctx, c, u) })
}

// openLoopOf calls work(i) for i from 0 to total-1 at rate per second
// from up to n workers. Call i is due at start + i/rate. A worker that is
// free before a call is due sleeps until then and measures from the actual
// call (so timer slack of the generator is not counted); a worker that
// takes a call already overdue, because all workers were waiting for
// answers, measures from the due time, so a stall of the server counts for
// every call it delayed (no coordinated omission).
func openLoopOf(ctx context.Context, n int, rate float64, total int64, work func(ctx context.Context, i int64) error) (sample, error) {
	interval := time.Duration(float64(time.Second) / rate)
	var next, ok, bad atomic.Int64
	var firstErr atomic.Value
	lats := make([][]time.Duration, n)
	start := time.Now().Add(10 * time.Millisecond)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				due := start.Add(time.Duration(i) * interval)
				from := due
				if wait := time.Until(due); wait > 0 {
					time.Sleep(wait)
					from = time.Now()
				}
				if err := work(ctx, i); err != nil {
					if ctx.Err() == nil {
						bad.Add(1)
						firstErr.CompareAndSwap(nil, err)
					}
					continue
				}
				lats[w] = append(lats[w], time.Since(from))
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	s := sample{ok: ok.Load(), errors: bad.Load(), elapsed: time.Since(start), lat: slices.Concat(lats...)}
	slices.Sort(s.lat)
	if err := ctx.Err(); err != nil {
		return s, err
	}
	return s, checkErrors(s, &firstErr)
}

// checkErrors fails a run where more than 1% of the requests failed.
func checkErrors(s sample, first *atomic.Value) error {
	if s.errors > 0 && s.errors*100 > s.ok+s.errors {
		return fmt.Errorf("%d of %d requests failed, first: %v", s.errors, s.ok+s.errors, first.Load())
	}
	return nil
}

// --- report ----------------------------------------------------------------

func render(o options, rs []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s; %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), loadAverage())
	fmt.Fprintf(&b, "Settings: %d closed-loop clients for the peak, %s per run after a %s warm-up, open loop at half of peak from up to %d clients; load generator GOMAXPROCS=%d on the same machine.\n\n",
		o.concurrency, o.duration, o.warmup, 2*o.concurrency, runtime.GOMAXPROCS(0))
	b.WriteString("| server | path | peak req/s | server CPU/req | p99 at peak | half-load req/s | p50 | p90 | p99 | max | peak RSS | errors |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | `%s` | %.0f | %s | %s | %.0f | %s | %s | %s | %s | %.1f MB | %d |\n",
			r.target, r.path, r.peakRPS, us(r.cpuPerReq), ms(r.peakP99), r.achieved, ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max), float64(r.rss)/(1<<20), r.errors)
	}
	b.WriteString("\n")
	var hello *result
	for i := range rs {
		if rs[i].target == "hello" {
			hello = &rs[i]
		}
	}
	if hello == nil || hello.peakRPS == 0 {
		return b.String()
	}
	b.WriteString("| server | path | rate / hello-world | CPU/req / hello-world | goals |\n|---|---|--:|--:|---|\n")
	for _, r := range rs {
		if r.target == "hello" {
			continue
		}
		var goals []string
		ratio := r.peakRPS / hello.peakRPS
		if r.path == "/" {
			goals = append(goals, mark(ratio >= goalRatio)+fmt.Sprintf(" rate ≥ %.0f%%", goalRatio*100))
		}
		goals = append(goals, mark(r.p99 < goalP99)+fmt.Sprintf(" p99 < %s", goalP99), mark(r.rss < goalRSS)+fmt.Sprintf(" RSS < %d MB", goalRSS>>20))
		cpuRatio := "–"
		if r.cpuPerReq > 0 && hello.cpuPerReq > 0 {
			cpuRatio = fmt.Sprintf("%.1f×", float64(r.cpuPerReq)/float64(hello.cpuPerReq))
		}
		fmt.Fprintf(&b, "| %s | `%s` | %.0f%% | %s | %s |\n", r.target, r.path, ratio*100, cpuRatio, strings.Join(goals, ", "))
	}
	b.WriteString("\n")
	return b.String()
}

func mark(ok bool) string {
	if ok {
		return "met:"
	}
	return "**missed:**"
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
func us(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond)) }

// machine describes the CPUs and the Go version.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d × %s, %s %s/%s", runtime.NumCPU(), model, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// loadAverage returns the 1-minute load average before the run, a hint of
// how busy the machine was with other work.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load average unknown"
	}
	f := strings.Fields(string(b))
	return "load average " + strings.Join(f[:3], " ") + " at the end"
}

// rewrite replaces the text between the markers begin and end in file
// with report.
func rewrite(file, beginMark, endMark, report string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s section", file, beginMark, endMark)
	}
	s = s[:i+len(beginMark)] + "\n" + report + s[j:]
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	return os.WriteFile(file, []byte(s), st.Mode().Perm()) // keeps the file's own mode
}

// --- helpers ---------------------------------------------------------------

func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run from inside the sprang module")
	}
	return filepath.Dir(gomod), nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer func() { _ = ln.Close() }()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// lockedWriter collects what a server writes to stderr, for error messages.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buf.Len() > 64<<10 { // keep the start, where start-up errors are
		return len(p), nil
	}
	return l.buf.Write(p)
}

// errText returns what the server wrote to stderr.
func (s *server) errText() string {
	s.stderr.mu.Lock()
	defer s.stderr.mu.Unlock()
	return strings.TrimSpace(s.stderr.buf.String())
}
