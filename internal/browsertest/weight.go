package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Request is one network request of a page load.
type Request struct {
	URL        string
	Type       string // the resource type Chromium reports: Document, Stylesheet, Image, …
	Status     int    // HTTP status; 0 when the request failed
	Encoding   string // the response's Content-Encoding, e.g. "gzip"; "" when uncompressed
	Bytes      int64  // bytes received over the network: headers plus the (compressed) body
	ThirdParty bool   // the host (with port) differs from the page's
	Failed     string // why the request failed, e.g. "net::ERR_NAME_NOT_RESOLVED" or "blocked: csp"
}

// Weight is what loading a page cost: every request, in the order they were
// sent, and the sum of their transferred bytes.
type Weight struct {
	Total    int64
	Requests []Request
}

// ThirdParty returns the requests to a host other than the page's.
func (w Weight) ThirdParty() []Request {
	var out []Request
	for _, r := range w.Requests {
		if r.ThirdParty {
			out = append(out, r)
		}
	}
	return out
}

// String lists the requests with their sizes, largest first, for test
// failure messages.
func (w Weight) String() string {
	rs := append([]Request(nil), w.Requests...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Bytes > rs[j].Bytes })
	var b strings.Builder
	fmt.Fprintf(&b, "%d bytes in %d requests:\n", w.Total, len(rs))
	for _, r := range rs {
		fmt.Fprintf(&b, "  %7d  %-10s %3d %-5s %s", r.Bytes, r.Type, r.Status, r.Encoding, r.URL)
		if r.ThirdParty {
			b.WriteString("  [third-party]")
		}
		if r.Failed != "" {
			b.WriteString("  [failed: " + r.Failed + "]")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// PageWeight loads url in the tab with the browser cache disabled, as a
// first-time visitor, and records every request of the load until the
// network is quiet: its URL, type, status, Content-Encoding and the bytes
// received (Chromium asks for compressed responses, so a compressing server
// is measured compressed). A request to another host or port than the
// page's counts as third-party, also when it failed or the page's
// Content-Security-Policy blocked it. Chromium's own request for
// /favicon.ico is included, as a real visit makes it too.
func PageWeight(tb testing.TB, ctx context.Context, pageURL string) Weight {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	if _, err := chromedp.Call(c, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		tb.Fatalf("browsertest: disable cache: %v", err)
	}
	defer func() {
		_, _ = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: false})
	}()
	return Measure(tb, ctx, chromedp.Func(func(c context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Navigate(pageURL)(c, t); err != nil {
			return fmt.Errorf("navigate to %s: %w", pageURL, err)
		}
		return nil
	}))
}

// Measure runs action in the tab and records the requests of the page it
// loads — a navigation, or a form submitted by a click or a script — as
// PageWeight does, until the network is quiet. The page's requests are
// those of the loader of the first document request the action causes
// (with its redirects); a late request of the page before, such as its
// favicon, does not count. Third-party means a host other than that first
// document request's. Measure leaves the cache as it is: a caller who
// measures a first-time visitor disables it first.
func Measure(tb testing.TB, ctx context.Context, action chromedp.Action[chromedp.Void]) Weight {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	rec := &recorder{cur: map[network.RequestID]*Request{}, active: map[network.RequestID]bool{}, last: time.Now()}
	lctx, lcancel := context.WithCancel(c)
	defer lcancel()
	if err := chromedp.Listen(lctx, rec.event); err != nil {
		tb.Fatalf("browsertest: listen: %v", err)
	}
	if _, err := chromedp.Run(c, action); err != nil {
		tb.Fatalf("browsertest: %v", err)
	}
	// Requests can still start after the load event (lazy images, late
	// fetches, the favicon): wait until none has been in flight for a while.
	if err := rec.waitQuiet(c, 150*time.Millisecond); err != nil {
		tb.Fatalf("browsertest: waiting for the network to be quiet: %v; still loading: %v", err, rec.busy())
	}
	lcancel()

	rec.mu.Lock()
	defer rec.mu.Unlock()
	var w Weight
	for _, r := range rec.reqs {
		w.Total += r.Bytes
		w.Requests = append(w.Requests, *r)
	}
	return w
}

// recorder collects the network events of one page load. Its event method
// runs on chromedp's reader goroutine, so it only records, under a lock.
type recorder struct {
	mu     sync.Mutex
	loader cdp.LoaderID // the page's: that of its first document request
	host   string       // the host (with port) of that request
	reqs   []*Request   // in the order they were sent
	cur    map[network.RequestID]*Request
	active map[network.RequestID]bool
	last   time.Time // when a request last started or ended
}

func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		// The same request ID continues after a redirect: the redirect
		// stays a request of its own.
		if old, ok := r.cur[ev.RequestID]; ok && ev.RedirectResponse != nil {
			old.Status = int(ev.RedirectResponse.Status)
			old.Bytes = int64(ev.RedirectResponse.EncodedDataLength)
			old.Encoding = header(ev.RedirectResponse.Headers, "Content-Encoding")
		}
		u, err := url.Parse(ev.Request.URL)
		if r.loader == "" && ev.Type == network.ResourceTypeDocument && err == nil {
			r.loader, r.host = ev.LoaderID, u.Host
		}
		if r.loader == "" || ev.LoaderID != r.loader {
			return
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return // data: and blob: URLs cost nothing on the network
		}
		q := &Request{URL: ev.Request.URL, Type: string(ev.Type), ThirdParty: u.Host != r.host}
		r.reqs = append(r.reqs, q)
		r.cur[ev.RequestID] = q
		r.active[ev.RequestID] = true
		r.last = time.Now()
	case *network.EventResponseReceived:
		if q, ok := r.cur[ev.RequestID]; ok {
			q.Status = int(ev.Response.Status)
			q.Encoding = header(ev.Response.Headers, "Content-Encoding")
			if q.Type == "" {
				q.Type = string(ev.Type)
			}
		}
	case *network.EventLoadingFinished:
		if q, ok := r.cur[ev.RequestID]; ok {
			q.Bytes = int64(ev.EncodedDataLength)
		}
		delete(r.active, ev.RequestID)
		r.last = time.Now()
	case *network.EventLoadingFailed:
		if q, ok := r.cur[ev.RequestID]; ok {
			q.Failed = ev.ErrorText
			if ev.BlockedReason != "" {
				q.Failed = strings.TrimSpace(q.Failed + " blocked: " + string(ev.BlockedReason))
			}
		}
		delete(r.active, ev.RequestID)
		r.last = time.Now()
	}
}

// busy returns the URLs of the requests still in flight.
func (r *recorder) busy() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for id := range r.active {
		out = append(out, r.cur[id].URL)
	}
	sort.Strings(out)
	return out
}

// waitQuiet waits until no request has been in flight, nor started nor
// ended, for the duration quiet.
func (r *recorder) waitQuiet(ctx context.Context, quiet time.Duration) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		r.mu.Lock()
		idle := len(r.active) == 0 && time.Since(r.last) >= quiet
		r.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// header returns the value of the header name, case-insensitively.
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			if s, ok := v.(string); ok {
				return s
			}
		}
	}
	return ""
}
