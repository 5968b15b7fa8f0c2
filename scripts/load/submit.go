package main

// The submission scenario: e-service errands submitted through the web
// pages of `sprang demo` (which has the example e-services and the
// simulated e-ID), as a logged-in resident would: start a draft, answer the
// two pages of "Synpunkter och klagomål", submit on the check page. Each
// client logs in once with the simulated e-ID and keeps its own cookies.
//
// It measures, per engine:
//
//  1. flow: complete errands per second through all four POSTs (closed loop);
//  2. submit peak: final submissions per second on drafts prepared
//     beforehand (closed loop), with the server's CPU time per submission;
//  3. submit at submitRate per second (open loop, prepared drafts): the
//     latency of the submission request, p50/p90/p99/max.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// The service the scenario fills in, and the demo personnummer it logs in with.
const (
	submitService = "synpunkter-och-klagomal"
	submitPnr     = "19121212-1212"
)

// submitResult is what the submission scenario measured on one target.
type submitResult struct {
	target       string
	flowRate     float64       // complete errands per second, all steps
	peakRate     float64       // submissions per second, drafts prepared
	cpuPerSubmit time.Duration // server CPU per submission at peak
	rate         float64       // the open-loop rate
	achieved     float64
	p50, p90     time.Duration
	p99, max     time.Duration
	errors       int64
	rss          int64
}

// resident is one logged-in load client.
type resident struct {
	c    *http.Client
	base string
}

// newResident logs a new client in with the simulated e-ID.
func newResident(ctx context.Context, base string, tr http.RoundTripper) (*resident, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	r := &resident{base: base, c: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, err = r.post(ctx, "/logga-in/demo-eid", url.Values{"personnummer": {submitPnr}, "next": {"/"}})
	return r, err
}

// post sends a form and returns the redirect's target; anything but a
// 303 is an error.
func (r *resident) post(ctx context.Context, path string, form url.Values) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := r.c.Do(req)
	if err != nil {
		return "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST %s: status %d", path, resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	if u, err := url.Parse(loc); err == nil {
		loc = u.RequestURI()
	}
	return loc, nil
}

// prepare starts a draft and answers both pages; it returns the path of
// the check page, ready to submit.
func (r *resident) prepare(ctx context.Context) (string, error) {
	step, err := r.post(ctx, "/e-tjanster/"+submitService+"/starta", nil)
	if err != nil {
		return "", err
	}
	next, err := r.post(ctx, step, url.Values{"typ": {"klagomal"}, "verksamhet": {"gata"},
		"text": {"Gatlampan utanför Storgatan 12 har varit släckt i två veckor."}})
	if err != nil {
		return "", err
	}
	check, err := r.post(ctx, next, url.Values{"vill_ha_svar": {"no"}})
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(check, "/granska") {
		return "", fmt.Errorf("after the last page: %s, want the check page", check)
	}
	return check, nil
}

// submit submits a prepared draft and checks that the receipt follows.
func (r *resident) submit(ctx context.Context, check string) error {
	loc, err := r.post(ctx, check, url.Values{})
	if err == nil && !strings.HasPrefix(loc, "/e-tjanster/kvitto/") {
		err = fmt.Errorf("after submitting: %s, want the receipt", loc)
	}
	return err
}

// measureSubmit runs the submission scenario against a demo server at addr.
func measureSubmit(ctx context.Context, o options, s *server, rate float64) (submitResult, error) {
	res := submitResult{target: s.name, rate: rate}
	base := "http://" + s.addr
	tr := newClient(o.concurrency).Transport
	clients := make([]*resident, o.concurrency)
	for i := range clients {
		r, err := newResident(ctx, base, tr)
		if err != nil {
			return res, fmt.Errorf("log in: %w", err)
		}
		clients[i] = r
	}
	fmt.Fprintf(os.Stderr, "load: %s submissions: warm-up, flow %s, prepared peak, %.0f/s open loop\n", s.name, o.duration, rate)
	if _, err := flowLoop(ctx, clients, o.warmup); err != nil {
		return res, err
	}
	flow, err := flowLoop(ctx, clients, o.duration)
	if err != nil {
		return res, err
	}
	res.flowRate, res.errors = flow.rps(), flow.errors
	drafts, err := prepareDrafts(ctx, clients, int(2*rate*o.duration.Seconds()))
	if err != nil {
		return res, err
	}
	cpu0 := s.cpuTime()
	peak, err := submitAll(ctx, clients, drafts)
	if err != nil {
		return res, err
	}
	res.peakRate, res.errors = peak.rps(), res.errors+peak.errors
	if peak.ok > 0 {
		res.cpuPerSubmit = (s.cpuTime() - cpu0) / time.Duration(peak.ok)
	}
	if drafts, err = prepareDrafts(ctx, clients, int(rate*o.duration.Seconds())); err != nil {
		return res, err
	}
	open, err := submitOpenLoop(ctx, clients, drafts, rate)
	if err != nil {
		return res, err
	}
	res.achieved, res.errors = open.rps(), res.errors+open.errors
	res.p50, res.p90, res.p99, res.max = open.quantile(0.5), open.quantile(0.9), open.quantile(0.99), open.quantile(1)
	res.rss = s.peakRSS()
	fmt.Fprintf(os.Stderr, "load:   flow %.0f errands/s, submit peak %.0f/s (CPU %s each), at %.0f/s p99 %s\n",
		res.flowRate, res.peakRate, res.cpuPerSubmit, res.achieved, res.p99)
	return res, nil
}

// flowLoop has every client fill in and submit errands for d, and counts
// complete errands.
func flowLoop(parent context.Context, clients []*resident, d time.Duration) (sample, error) {
	ctx, cancel := context.WithTimeout(parent, d)
	defer cancel()
	return closedLoopOf(parent, ctx, len(clients), func(ctx context.Context, i int) error {
		check, err := clients[i].prepare(ctx)
		if err != nil {
			return err
		}
		return clients[i].submit(ctx, check)
	})
}

// prepareDrafts fills in n drafts, spread over the clients, and returns
// each client's check-page paths.
func prepareDrafts(ctx context.Context, clients []*resident, n int) ([][]string, error) {
	out := make([][]string, len(clients))
	var left atomic.Int64
	left.Store(int64(n))
	_, err := closedLoopOf(ctx, ctx, len(clients), func(ctx context.Context, i int) error {
		if left.Add(-1) < 0 {
			return errDone
		}
		check, err := clients[i].prepare(ctx)
		if err == nil {
			out[i] = append(out[i], check) // worker i alone writes out[i]
		}
		return err
	})
	return out, err
}

// submitAll has every client submit its prepared drafts as fast as the
// server answers.
func submitAll(ctx context.Context, clients []*resident, drafts [][]string) (sample, error) {
	next := make([]int, len(clients))
	return closedLoopOf(ctx, ctx, len(clients), func(ctx context.Context, i int) error {
		if next[i] >= len(drafts[i]) {
			return errDone
		}
		next[i]++
		return clients[i].submit(ctx, drafts[i][next[i]-1])
	})
}

// submitOpenLoop submits the prepared drafts at rate per second, measuring
// each submission from its due time when it was late (see openLoopOf).
func submitOpenLoop(ctx context.Context, clients []*resident, drafts [][]string, rate float64) (sample, error) {
	type job struct {
		r     *resident
		check string
	}
	var jobs []job
	for i, ds := range drafts {
		for _, d := range ds {
			jobs = append(jobs, job{clients[i], d})
		}
	}
	return openLoopOf(ctx, 2*len(clients), rate, int64(len(jobs)), func(ctx context.Context, i int64) error {
		return jobs[i].r.submit(ctx, jobs[i].check)
	})
}

// The markers of the submission results in docs/PERFORMANCE.md.
const (
	submitBeginMark = "<!-- load-submit:begin -->"
	submitEndMark   = "<!-- load-submit:end -->"
)

// The goals of the submission scenario.
const (
	goalSubmitRate = 1000                  // submissions per second on SQLite, drafts prepared
	goalSubmitP99  = 50 * time.Millisecond // at the open-loop rate
)

// measureSubmissions runs the submission scenario on a demo server per engine.
func measureSubmissions(ctx context.Context, o options, bin, tmp string) ([]submitResult, error) {
	var out []submitResult
	for _, e := range engines(o) {
		fmt.Fprintf(os.Stderr, "load: starting %s demo\n", e)
		s, err := startEngine(ctx, o, bin, tmp, e, "demo")
		if err != nil {
			return nil, fmt.Errorf("%s demo: %w", e, err)
		}
		r, err := measureSubmit(ctx, o, s, o.submitRate)
		s.stop()
		if err != nil {
			return nil, fmt.Errorf("%s submissions: %w", e, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// helloRate returns the hello-world server's peak rate, or 0.
func helloRate(rs []result) float64 {
	for _, r := range rs {
		if r.target == "hello" {
			return r.peakRPS
		}
	}
	return 0
}

// renderSubmit writes the submission results as Markdown.
func renderSubmit(o options, rs []submitResult, hello float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s; %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), loadAverage())
	fmt.Fprintf(&b, "Settings: %d logged-in clients (simulated e-ID), %s per run; the service \"%s\" (two pages); open loop at %.0f submissions/s. Hello-world peak in the same run: %.0f req/s.\n\n",
		o.concurrency, o.duration, submitService, o.submitRate, hello)
	b.WriteString("| server | errands/s, whole flow (4 POSTs) | submissions/s, drafts prepared | server CPU/submission | submissions/s ÷ hello req/s | at rate | p50 | p90 | p99 | max | peak RSS | errors | goals |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range rs {
		ratio := "–"
		if hello > 0 {
			ratio = fmt.Sprintf("%.1f%%", 100*r.peakRate/hello)
		}
		goals := mark(r.p99 < goalSubmitP99) + fmt.Sprintf(" p99 < %s at %.0f/s", goalSubmitP99, o.submitRate)
		if r.target == "sqlite" {
			goals = mark(r.peakRate >= goalSubmitRate) + fmt.Sprintf(" ≥ %d/s, ", goalSubmitRate) + goals
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.0f | %s | %s | %.0f | %s | %s | %s | %s | %.1f MB | %d | %s |\n",
			r.target, r.flowRate, r.peakRate, us(r.cpuPerSubmit), ratio, r.achieved, ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max),
			float64(r.rss)/(1<<20), r.errors, goals)
	}
	b.WriteString("\n")
	return b.String()
}
