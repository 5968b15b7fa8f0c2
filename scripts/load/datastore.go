package main

// The datastore scenario (-scenario datastore, only on request): the open
// data API on a table of 1,000,000 rows, per engine, next to the
// hello-world ceiling of the same run.
//
//  1. Load: a fresh server (`sprang serve`, API rate limits raised out of
//     the way) with a unit, a data steward and an API token made by the
//     CLI (`sprang unit create`, `user create`, `apitoken create`);
//     package_create, then resource_create with the 58 MB CSV of
//     tabulartest.WriteCSV as a multipart upload, then resource_show
//     every 20 ms until the datastore load is done (the job runner
//     picks the load up within its poll interval of a quarter second). Measured:
//     the upload (until resource_create answers), the whole (until
//     resource_show says "loaded"), the loader's own time (from the
//     server's log line "datastore: upload loaded"), and the server's
//     peak RSS (VmHWM) at start, after the upload and after the load;
//     next to `sqlite3 .import` of the same file, timed just before.
//  2. Search: the server is started again on the same data with its log
//     to /dev/null (as in the page scenarios); datastore_search with an
//     equality filter on the indexed column Datum (one day, 480 rows; a
//     page of 100, CKAN's default include_total), a different day on
//     each request: a closed loop of -concurrency clients for the peak
//     (and the server's CPU per request), then an open loop at half that
//     peak for p50/p90/p99 (see openLoopOf).
//  3. Dump: one streamed download of the whole table as CSV
//     (/datastore/dump/{id}?format=csv): time, MB/s, the server's CPU
//     time, its RSS before and its peak during (VmHWM, reset before).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"sprang/internal/tabular/tabulartest"
)

// The markers of the datastore results in docs/PERFORMANCE.md.
const (
	dsBeginMark = "<!-- load-datastore:begin -->"
	dsEndMark   = "<!-- load-datastore:end -->"
)

// The table, and the goals of the issue (section 7).
const (
	dsRows      = 1_000_000
	dsDays      = dsRows / 480 // whole days in the file: 20 stations × 24 hours a day
	dsLimit     = 100          // rows per search
	dsUnlimited = "100000000"  // the API rate limits of the run

	goalDSLoadRatio = 2.0                  // load time / sqlite3 .import
	goalDSLoadRSS   = 150 << 20            // peak RSS during the load
	goalDSP50       = 5 * time.Millisecond // search p50 at half of peak
	goalDSRate      = 2000                 // searches per second at peak
)

// dsResult is what the datastore scenario measured on one engine.
type dsResult struct {
	target    string
	fileBytes int64
	// The load.
	importTime time.Duration // sqlite3 .import of the same file
	upload     time.Duration // until resource_create answered
	whole      time.Duration // until resource_show said loaded
	loader     time.Duration // Loader.Load until the upload was marked loaded, from the server's log
	indexes    time.Duration // the indexes the loader builds after that, from the server's log
	indexed    time.Duration // until the server logged the indexes built
	queued     time.Duration // from resource_create's answer to Loader.Load's start (the job runner's pick-up)
	rssStart   int64         // VmHWM after start
	rssUpload  int64         // VmHWM after the upload
	rssLoad    int64         // VmHWM after the load
	// The searches (target, path: the query) and the answer's size.
	search    result
	respBytes int
	// The dump.
	dumpBytes     int64
	dumpTime      time.Duration
	dumpCPU       time.Duration
	dumpRSSBefore int64 // VmRSS before the dump
	dumpRSSPeak   int64 // VmHWM during the dump (reset before)
	hwmReset      bool  // whether the reset worked
}

// dsEnv is one engine's setup: the sprang binary's arguments and
// environment for every command on the same data.
type dsEnv struct {
	engine string
	bin    string
	args   []string // --data DIR [--db URL]
	env    []string
	token  string
	base   string // http://ADDR of the running server
}

// runDatastore measures the datastore scenario on each engine, prints the
// report and, with -out, writes it between the markers.
func runDatastore(ctx context.Context, o options, bin, tmp string, pages []result) error {
	csvPath := filepath.Join(tmp, "luftkvalitet.csv")
	fmt.Fprintf(os.Stderr, "load: writing the %d-row CSV\n", dsRows)
	size, err := writeDSFile(csvPath)
	if err != nil {
		return err
	}
	var out []dsResult
	for _, e := range engines(o) {
		r, err := measureDSEngine(ctx, o, bin, tmp, e, csvPath)
		if err != nil {
			return fmt.Errorf("%s datastore: %w", e, err)
		}
		r.fileBytes = size
		out = append(out, r)
	}
	var hello *result
	for i := range pages {
		if pages[i].target == "hello" {
			hello = &pages[i]
		}
	}
	report := renderDatastore(o, out, hello)
	fmt.Print(report)
	if o.out == "" {
		return nil
	}
	if err := rewrite(o.out, dsBeginMark, dsEndMark, report); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "load: wrote %s\n", o.out)
	return nil
}

// writeDSFile writes the benchmark CSV and returns its size.
func writeDSFile(path string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	if err := tabulartest.WriteCSV(f, dsRows, tabulartest.Options{}); err != nil {
		_ = f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// sqlite3Import times `sqlite3 .import` of the CSV into a new database
// file, as the datastore's BenchmarkLoad does, and checks the row count.
func sqlite3Import(ctx context.Context, csvPath, dir string) (time.Duration, error) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		return 0, fmt.Errorf("sqlite3 is not installed: %w", err)
	}
	dbPath := filepath.Join(dir, "import-"+randomHex(4)+".db")
	defer func() { _ = os.Remove(dbPath) }()
	script := fmt.Sprintf("PRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n.mode csv\n.separator ;\n.import %s t\nSELECT count(*) FROM t;\n", csvPath)
	cmd := exec.CommandContext(ctx, bin, dbPath)
	cmd.Stdin = strings.NewReader(script)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("sqlite3 .import: %w: %s", err, out)
	}
	lines := strings.Fields(string(out))
	if len(lines) == 0 || lines[len(lines)-1] != strconv.Itoa(dsRows) {
		return 0, fmt.Errorf("sqlite3 .import: %q, want %d rows", out, dsRows)
	}
	return d, nil
}

// measureDSEngine runs the scenario on one engine.
func measureDSEngine(ctx context.Context, o options, bin, tmp, engine, csvPath string) (dsResult, error) {
	res := dsResult{target: engine}
	e := &dsEnv{engine: engine, bin: bin, env: []string{
		"SPRANG_SECRET_KEY=" + randomHex(24), "SPRANG_LOG_LEVEL=info",
		"SPRANG_API_ANON_PER_MINUTE=" + dsUnlimited, "SPRANG_API_ANON_PER_DAY=" + dsUnlimited,
		"SPRANG_API_TOKEN_PER_MINUTE=" + dsUnlimited, "SPRANG_API_TOKEN_PER_DAY=" + dsUnlimited,
	}}
	dataDir := filepath.Join(tmp, engine+"-datastore-"+randomHex(4))
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return res, err
	}
	defer func() { _ = os.RemoveAll(dataDir) }()
	e.args = []string{"--data", dataDir}
	if engine == "postgres" {
		dbURL, drop, err := createPostgres(ctx, o.postgres)
		if err != nil {
			return res, err
		}
		defer drop()
		e.args = append(e.args, "--db", dbURL)
	}
	fmt.Fprintf(os.Stderr, "load: %s: sqlite3 .import of the same file\n", engine)
	var err error
	if res.importTime, err = sqlite3Import(ctx, csvPath, tmp); err != nil {
		return res, err
	}
	if err := e.seed(ctx); err != nil {
		return res, err
	}
	rid, err := e.load(ctx, dataDir, csvPath, &res)
	if err != nil {
		return res, err
	}
	if err := e.searchAndDump(ctx, o, rid, &res); err != nil {
		return res, err
	}
	return res, nil
}

// cli runs `sprang ARGS… --data … [--db …]` and returns its output.
func (e *dsEnv) cli(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, e.bin, append(args, e.args...)...) //nolint:gosec // the sprang binary this run built, with fixed arguments
	cmd.Env = append(os.Environ(), e.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("sprang %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// seed makes, with the CLI, the group, the unit "miljo", a data steward of
// it and an API token for the steward.
func (e *dsEnv) seed(ctx context.Context) error {
	fmt.Fprintf(os.Stderr, "load: %s: a unit, a data steward and an API token (sprang unit/user/apitoken)\n", e.engine)
	for _, args := range [][]string{
		{"unit", "create", "--slug", "kommunen", "--name", "Exempels kommun", "--kind", "group"},
		{"unit", "create", "--slug", "miljo", "--name", "Miljöförvaltningen", "--kind", "forvaltning", "--parent", "kommunen"},
		{"user", "create", "--username", "datavard", "--name", "Dana Datavård", "--unit", "miljo", "--role", "datavard"},
	} {
		if _, err := e.cli(ctx, args...); err != nil {
			return err
		}
	}
	out, err := e.cli(ctx, "apitoken", "create", "--user", "datavard", "--name", "load")
	if err != nil {
		return err
	}
	lines := strings.Fields(strings.TrimSpace(out))
	if len(lines) == 0 {
		return errors.New("apitoken create printed no token")
	}
	e.token = lines[len(lines)-1]
	return nil
}

// start starts `sprang serve` on the engine's data, its log to logFile
// (nil: /dev/null).
func (e *dsEnv) start(ctx context.Context, logFile *os.File) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + port
	args := append([]string{"serve", "--addr", addr}, e.args...)
	s, err := startServerLog(ctx, e.engine, e.bin, args, e.env, addr, logFile)
	if err != nil {
		return nil, err
	}
	e.base = "http://" + addr
	return s, nil
}

// load starts a server logging to a file, creates the dataset and uploads
// the file through the API, waits for the datastore load and returns the
// resource's id.
func (e *dsEnv) load(ctx context.Context, dataDir, csvPath string, res *dsResult) (string, error) {
	logPath := filepath.Join(dataDir, "serve-load.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return "", err
	}
	defer func() { _ = logFile.Close() }()
	s, err := e.start(ctx, logFile)
	if err != nil {
		return "", err
	}
	defer s.stop()
	res.rssStart = s.peakRSS()
	c := &http.Client{Timeout: 5 * time.Minute}
	if _, err := e.call(ctx, c, "package_create", dsDataset()); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "load: %s: resource_create with the CSV, then resource_show until loaded\n", e.engine)
	start := time.Now()
	created, err := e.upload(ctx, c, csvPath)
	if err != nil {
		return "", err
	}
	res.upload = time.Since(start)
	res.rssUpload = s.peakRSS()
	rid, _ := created["id"].(string)
	if rid == "" {
		return "", fmt.Errorf("resource_create returned no id: %v", created)
	}
	if err := e.waitLoaded(ctx, c, rid); err != nil {
		return "", err
	}
	res.whole = time.Since(start)
	var ended time.Time
	if res.loader, ended = logDuration(logPath, "datastore: upload loaded"); !ended.IsZero() {
		// Not below 0: the runner may start the load before the answer is read.
		res.queued = max(0, ended.Add(-res.loader).Sub(start.Add(res.upload)))
	}
	if err := waitIndexed(ctx, logPath, res); err != nil {
		return "", err
	}
	res.indexed = time.Since(start)
	res.rssLoad = s.peakRSS()
	fmt.Fprintf(os.Stderr, "load:   upload %s, loaded after %s (queued %s, the loader %s; sqlite3 .import: %s), indexed after %s (indexes %s), peak RSS %.0f MB\n",
		res.upload.Round(time.Millisecond), res.whole.Round(time.Millisecond), res.queued.Round(time.Millisecond),
		res.loader.Round(time.Millisecond), res.importTime.Round(time.Millisecond), res.indexed.Round(time.Millisecond),
		res.indexes.Round(time.Millisecond), mb(res.rssLoad))
	return rid, nil
}

// waitIndexed reads the server's log every 100 ms until the loader has
// logged the table's indexes built, and sets res.indexes.
func waitIndexed(ctx context.Context, logPath string, res *dsResult) error {
	for {
		var at time.Time
		if res.indexes, at = logDuration(logPath, "datastore: upload indexed"); !at.IsZero() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the indexes: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// dsDataset is the package_create dict of the benchmark's dataset; it
// passes the conformance check, so it is published at once.
func dsDataset() map[string]any {
	return map[string]any{
		"name": "luftkvalitet", "title": "Luftkvalitet, timvärden", "owner_org": "miljo",
		"notes":            "Temperatur och partikelhalt per timme från kommunens mätstationer.",
		"tags":             []map[string]string{{"name": "luft"}, {"name": "miljö"}},
		"theme":            []string{"ENVI"},
		"license_id":       "CC0-1.0",
		"contact_name":     "Miljöenheten",
		"contact_email":    "miljo@example.se",
		"frequency":        "DAILY",
		"title_translated": map[string]string{"en": "Air quality, hourly values"},
		"notes_translated": map[string]string{"en": "Temperature and particle levels per hour from the municipality's stations."},
	}
}

// call posts a JSON action with the token and returns its result object.
func (e *dsEnv) call(ctx context.Context, c *http.Client, action string, body any) (map[string]any, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/api/3/action/"+action, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return e.do(c, req, action)
}

// do sends an API request with the token and returns the envelope's
// result object; anything but success is an error.
func (e *dsEnv) do(c *http.Client, req *http.Request, action string) (map[string]any, error) {
	req.Header.Set("Authorization", e.token)
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	var env struct {
		Success bool           `json:"success"`
		Result  map[string]any `json:"result"`
	}
	if err := json.Unmarshal(raw, &env); err != nil || resp.StatusCode != http.StatusOK || !env.Success {
		return nil, fmt.Errorf("%s: status %d: %.500s", action, resp.StatusCode, raw)
	}
	return env.Result, nil
}

// upload sends resource_create as multipart/form-data, the fields first
// and then the file in the field "upload", streamed from disk.
func (e *dsEnv) upload(ctx context.Context, c *http.Client, csvPath string) (map[string]any, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() { _ = pw.CloseWithError(writeUpload(mw, csvPath)) }()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/api/3/action/resource_create", pr)
	if err != nil {
		_ = pr.Close()
		return nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return e.do(c, req, "resource_create")
}

// writeUpload writes the multipart body of the upload.
func writeUpload(mw *multipart.Writer, csvPath string) error {
	for k, v := range map[string]string{"package_id": "luftkvalitet", "name": "Timvärden 2020–2025", "format": "CSV"} {
		if err := mw.WriteField(k, v); err != nil {
			return err
		}
	}
	f, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	fw, err := mw.CreateFormFile("upload", "luftkvalitet.csv")
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, f); err != nil {
		return err
	}
	return mw.Close()
}

// waitLoaded asks resource_show every 20 ms (a small share of the load's
// seconds) until the resource's datastore load is done; a failed load is
// an error.
func (e *dsEnv) waitLoaded(ctx context.Context, c *http.Client, rid string) error {
	u := e.base + "/api/3/action/resource_show?id=" + url.QueryEscape(rid)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		r, err := e.do(c, req, "resource_show")
		if err != nil {
			return err
		}
		switch r["datastore_load_state"] {
		case "loaded":
			if n, _ := r["datastore_rows"].(float64); int(n) != dsRows {
				return fmt.Errorf("loaded %v rows, want %d", r["datastore_rows"], dsRows)
			}
			return nil
		case "failed":
			return fmt.Errorf("the load failed: %v", r["datastore_load_message"])
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// logDuration returns the duration of the server's log line msg about the
// table's rows (slog writes a duration as nanoseconds) and the line's
// time, or zeros.
func logDuration(logPath, msg string) (time.Duration, time.Time) {
	b, err := os.ReadFile(logPath)
	if err != nil {
		return 0, time.Time{}
	}
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		// Not the platform's own small datasets, which load at start too.
		if !bytes.Contains(line, []byte(msg)) || !bytes.Contains(line, []byte(`"rows":`+strconv.Itoa(dsRows))) {
			continue
		}
		var rec struct {
			Time     time.Time `json:"time"`
			Duration int64     `json:"duration"`
		}
		if json.Unmarshal(line, &rec) == nil {
			return time.Duration(rec.Duration), rec.Time
		}
	}
	return 0, time.Time{}
}

// searchURLs returns datastore_search URLs of resource rid, one per day
// of the table: an equality filter on the indexed column Datum.
func (e *dsEnv) searchURLs(rid string) []string {
	first := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]string, dsDays)
	for i := range out {
		f, _ := json.Marshal(map[string]string{"Datum": first.AddDate(0, 0, i).Format(time.DateOnly)})
		q := url.Values{"resource_id": {rid}, "filters": {string(f)}, "limit": {strconv.Itoa(dsLimit)}}
		out[i] = e.base + "/api/3/action/datastore_search?" + q.Encode()
	}
	return out
}

// apiGet sends one GET as an API client would (JSON, gzip accepted) and
// reads the whole answer; only a 200 counts. It returns the body's size.
func apiGet(ctx context.Context, c *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return int(n), err
}

// searchAndDump starts the server again on the loaded data, its log to
// /dev/null, and measures the searches and the dump.
func (e *dsEnv) searchAndDump(ctx context.Context, o options, rid string, res *dsResult) error {
	s, err := e.start(ctx, nil)
	if err != nil {
		return err
	}
	defer s.stop()
	urls := e.searchURLs(rid)
	c := newClient(2 * o.concurrency)
	defer c.CloseIdleConnections()
	if res.respBytes, err = checkSearch(ctx, c, urls[dsDays/2]); err != nil {
		return err
	}
	var next atomic.Int64
	search := func(ctx context.Context, _ int) error {
		_, err := apiGet(ctx, c, urls[next.Add(1)%int64(len(urls))])
		return err
	}
	r := result{target: e.engine, path: fmt.Sprintf(`datastore_search filters={"Datum": day} limit=%d`, dsLimit)}
	fmt.Fprintf(os.Stderr, "load: %s datastore_search: warm-up %s, peak %s, half load %s\n", e.engine, o.warmup, o.duration, o.duration)
	if _, err := dsClosed(ctx, o.concurrency, o.warmup, search); err != nil {
		return err
	}
	cpu0 := s.cpuTime()
	peak, err := dsClosed(ctx, o.concurrency, o.duration, search)
	if err != nil {
		return err
	}
	r.peakRPS, r.peakP99, r.errors = peak.rps(), peak.quantile(0.99), peak.errors
	if cpu := s.cpuTime() - cpu0; peak.ok > 0 {
		r.cpuPerReq = cpu / time.Duration(peak.ok)
	}
	r.rate = r.peakRPS / 2
	total := int64(o.duration.Seconds() * r.rate)
	half, err := openLoopOf(ctx, 2*o.concurrency, r.rate, total, func(ctx context.Context, i int64) error {
		_, err := apiGet(ctx, c, urls[i%int64(len(urls))])
		return err
	})
	if err != nil {
		return err
	}
	r.achieved = half.rps()
	r.p50, r.p90, r.p99, r.max = half.quantile(0.50), half.quantile(0.90), half.quantile(0.99), half.quantile(1)
	r.errors += half.errors
	r.rss = s.peakRSS()
	res.search = r
	fmt.Fprintf(os.Stderr, "load:   peak %.0f req/s (server CPU %s/req), at %.0f req/s p50 %s p99 %s\n", r.peakRPS, r.cpuPerReq, r.rate, r.p50, r.p99)
	return e.dump(ctx, s, rid, res)
}

// checkSearch sends one search and checks that it finds a day's rows.
func checkSearch(ctx context.Context, c *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	var env struct {
		Result struct {
			Total   int   `json:"total"`
			Records []any `json:"records"`
		} `json:"result"`
	}
	if err := json.Unmarshal(raw, &env); err != nil || env.Result.Total != 480 || len(env.Result.Records) != dsLimit {
		return 0, fmt.Errorf("datastore_search: status %d, want 480 rows of a day: %.300s", resp.StatusCode, raw)
	}
	return len(raw), nil
}

// dsClosed runs work in a closed loop of n clients for d.
func dsClosed(parent context.Context, n int, d time.Duration, work func(context.Context, int) error) (sample, error) {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return closedLoopOf(parent, ctx, n, work)
}

// dump downloads the whole table as CSV once, measuring the time and the
// server's CPU time and memory.
func (e *dsEnv) dump(ctx context.Context, s *server, rid string, res *dsResult) error {
	fmt.Fprintf(os.Stderr, "load: %s: /datastore/dump of the whole table as CSV\n", e.engine)
	res.dumpRSSBefore = s.rss()
	res.hwmReset = s.resetPeakRSS()
	c := &http.Client{Timeout: 5 * time.Minute}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.base+"/datastore/dump/"+url.PathEscape(rid)+"?format=csv", nil)
	if err != nil {
		return err
	}
	cpu0, start := s.cpuTime(), time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	res.dumpTime, res.dumpCPU = time.Since(start), s.cpuTime()-cpu0
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	res.dumpBytes, res.dumpRSSPeak = n, s.peakRSS()
	fmt.Fprintf(os.Stderr, "load:   %.1f MB in %s, RSS %.0f MB before, peak %.0f MB\n",
		float64(n)/1e6, res.dumpTime.Round(time.Millisecond), mb(res.dumpRSSBefore), mb(res.dumpRSSPeak))
	return nil
}

// rss returns VmRSS of the server process, in bytes.
func (s *server) rss() int64 { return s.statusKB("VmRSS:") }

// resetPeakRSS sets the server's VmHWM to its present RSS (Linux
// clear_refs 5); false when that is not possible.
func (s *server) resetPeakRSS() bool {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.cmd.Process.Pid), []byte("5"), 0) == nil
}

// statusKB returns a "… kB" field of /proc/PID/status in bytes, or 0.
func (s *server) statusKB(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// mb returns bytes in MiB.
func mb(b int64) float64 { return float64(b) / (1 << 20) }

// renderDatastore writes the datastore results as Markdown.
func renderDatastore(o options, rs []dsResult, hello *result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s; %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), loadAverage())
	if len(rs) > 0 {
		fmt.Fprintf(&b, "**Load through the API** of %d rows × 7 columns (%.1f MB, `tabulartest.WriteCSV`): `resource_create` (multipart upload) until `resource_show` says `loaded`, next to `sqlite3 .import` of the same file just before (`journal_mode=OFF`, `synchronous=OFF`, untyped). \"Queued\" is the wait from `resource_create`'s answer until the job runner starts the load (it polls for work every quarter second); \"the loader\" is the server's own `Loader.Load` (its log line) until it marks the upload loaded: both passes, typing and the table, searchable from then on. The loader then builds the two indexes on category columns it gives a table this large (\"indexes\"); \"indexed, end to end\" is until its log says so. Peak RSS is the server's `VmHWM`.\n\n",
			dsRows, float64(rs[0].fileBytes)/1e6)
	}
	b.WriteString("| server | `sqlite3 .import` | upload (resource_create) | queued | the loader | × .import | loaded, end to end | × .import | indexes | indexed, end to end | peak RSS at start / after upload / after load | goals |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range rs {
		whole, loader := ratio(r.whole, r.importTime), ratio(r.loader, r.importTime)
		goals := mark(whole <= goalDSLoadRatio) + fmt.Sprintf(" end to end ≤ %.0f×, ", goalDSLoadRatio) +
			mark(loader <= goalDSLoadRatio) + fmt.Sprintf(" loader ≤ %.0f×, ", goalDSLoadRatio) +
			mark(r.rssLoad < goalDSLoadRSS) + fmt.Sprintf(" RSS < %d MB", goalDSLoadRSS>>20)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.2f× | %s | %.2f× | %s | %s | %.0f / %.0f / %.0f MB | %s |\n",
			r.target, sec(r.importTime), sec(r.upload), sec(r.queued), sec(r.loader), loader, sec(r.whole), whole,
			sec(r.indexes), sec(r.indexed), mb(r.rssStart), mb(r.rssUpload), mb(r.rssLoad), goals)
	}
	fmt.Fprintf(&b, "\n**`datastore_search`** with an equality filter on the indexed column Datum (one day: 480 rows; a page of %d, total counted as CKAN's default `include_total`), a different day each request, anonymous, JSON; %d closed-loop clients for the peak, %s per run after a %s warm-up, open loop at half of peak from up to %d clients; the server restarted on the loaded data with its log to /dev/null. The hello-world server of the same run is the ceiling.\n\n",
		dsLimit, o.concurrency, o.duration, o.warmup, 2*o.concurrency)
	b.WriteString("| server | answer | peak req/s | server CPU/req | p99 at peak | half-load req/s | p50 | p90 | p99 | max | rate / hello | CPU/req / hello | peak RSS | errors | goals |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	if hello != nil {
		fmt.Fprintf(&b, "| hello | 14 B | %.0f | %s | %s | %.0f | %s | %s | %s | %s | 1 | 1 | %.1f MB | %d | |\n",
			hello.peakRPS, us(hello.cpuPerReq), ms(hello.peakP99), hello.achieved, ms(hello.p50), ms(hello.p90), ms(hello.p99), ms(hello.max), mb(hello.rss), hello.errors)
	}
	for _, d := range rs {
		r := d.search
		rateRatio, cpuRatio := "–", "–"
		if hello != nil && hello.peakRPS > 0 {
			rateRatio = fmt.Sprintf("%.1f%%", 100*r.peakRPS/hello.peakRPS)
		}
		if hello != nil && hello.cpuPerReq > 0 {
			cpuRatio = fmt.Sprintf("%.0f×", float64(r.cpuPerReq)/float64(hello.cpuPerReq))
		}
		goals := mark(r.p50 < goalDSP50) + fmt.Sprintf(" p50 < %s, ", goalDSP50) + mark(r.peakRPS >= goalDSRate) + fmt.Sprintf(" ≥ %d/s", goalDSRate)
		fmt.Fprintf(&b, "| %s | %.1f KB | %.0f | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %.1f MB | %d | %s |\n",
			r.target, float64(d.respBytes)/1000, r.peakRPS, us(r.cpuPerReq), ms(r.peakP99), r.achieved, ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max),
			rateRatio, cpuRatio, mb(r.rss), r.errors, goals)
	}
	b.WriteString("\n**Dump**: one `GET /datastore/dump/{id}?format=csv` of the whole table, streamed; the server's RSS just before it and its peak during it (`VmHWM` reset before the dump")
	if len(rs) > 0 && !rs[0].hwmReset {
		b.WriteString(" — the reset failed here, so the peak is the process's since start")
	}
	b.WriteString(").\n\n| server | size | time | MB/s | server CPU | RSS before | peak RSS during |\n|---|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %.1f MB | %s | %.0f | %s | %.0f MB | %.0f MB |\n", r.target, float64(r.dumpBytes)/1e6, sec(r.dumpTime),
			float64(r.dumpBytes)/1e6/r.dumpTime.Seconds(), sec(r.dumpCPU), mb(r.dumpRSSBefore), mb(r.dumpRSSPeak))
	}
	b.WriteString("\n")
	return b.String()
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// sec writes d in seconds.
func sec(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
