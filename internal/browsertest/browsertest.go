// Package browsertest drives Debian's headless Chromium from Go tests: the
// accessibility check with axe-core, the page-weight measurement, pages
// loaded with JavaScript disabled, and keyboard-only navigation.
//
// One Chromium process is shared by all tests of a test binary. It starts on
// the first call of [New] and is closed by [Main], which every package that
// uses browsertest calls from its TestMain:
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
//
// Each test gets its own tab in its own browser context (no cookies or cache
// shared with other tests), closed when the test ends, so tests may run with
// t.Parallel.
//
// Environment:
//
//	SPRANG_CHROMIUM  path of the Chromium binary, e.g. /usr/bin/chromium;
//	                 when unset or missing, browser tests are skipped
//	SPRANG_AXE       absolute path of axe-core's axe.min.js (node_modules/
//	                 axe-core/axe.min.js); when unset, Axe skips the test
//	CI               when "true", a missing Chromium or axe-core fails the
//	                 test instead of skipping it
//
// `make test` sets all three.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout bounds each helper's browser work (a navigation and what follows
// it), so that a hung page fails the test instead of the whole test binary.
const Timeout = 30 * time.Second

// mainInstalled records that Main wraps the tests, so that the shared
// browser is closed when they end.
var mainInstalled atomic.Bool

// shared is the one browser of this test binary.
var shared struct {
	once    sync.Once
	ctx     context.Context // a chromedp context whose browser runs
	cancel  context.CancelFunc
	err     error
	startup time.Duration
}

// Main runs the tests and then closes the shared browser, and exits with the
// tests' exit code. Call it from TestMain in every package that uses
// browsertest.
func Main(m *testing.M) {
	mainInstalled.Store(true)
	code := m.Run()
	Close()
	os.Exit(code)
}

// Close stops the shared browser, if it was started, and removes its
// temporary profile. Main calls it; a TestMain that cannot use Main calls it
// after m.Run.
func Close() {
	if shared.cancel != nil {
		shared.cancel()
	}
}

// Available reports whether SPRANG_CHROMIUM names an existing file, and if
// not, why not.
func Available() (string, error) {
	path := os.Getenv("SPRANG_CHROMIUM")
	if path == "" {
		return "", errors.New("SPRANG_CHROMIUM is not set (make test sets it to /usr/bin/chromium)")
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("SPRANG_CHROMIUM=%s: %w (apt-get install chromium)", path, err)
	}
	return path, nil
}

// missing skips the test, or fails it when CI=true, because a dependency of
// the browser tests is not available.
func missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("browsertest: "+format, args...)
	}
	tb.Skipf("browsertest: "+format, args...)
}

// start launches the shared browser.
func start(path string) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // the tests run as root on CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("lang", "sv-SE"),
		chromedp.WindowSize(1280, 900),
		// chromedp makes a temporary --user-data-dir and removes it on Close.
	)
	begin := time.Now()
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	// The first Run starts the browser; its context must have no timeout,
	// since the browser lives as long as it. A watchdog bounds the start.
	done := make(chan struct{})
	timer := time.AfterFunc(time.Minute, func() {
		select {
		case <-done:
		default:
			bcancel()
		}
	})
	err := chromedp.Do(bctx)
	close(done)
	timer.Stop()
	shared.startup = time.Since(begin)
	shared.cancel = func() { bcancel(); acancel() }
	if err != nil {
		shared.err = fmt.Errorf("start %s: %w", path, err)
		shared.cancel()
		return
	}
	shared.ctx = bctx
}

// New returns the context of a fresh tab for the test, in its own browser
// context, closed when the test ends. It starts the shared browser on first
// use. It skips the test when Chromium is not available, and fails it
// instead when CI=true.
func New(tb testing.TB) context.Context {
	tb.Helper()
	path, err := Available()
	if err != nil {
		missing(tb, "%v", err)
	}
	if !mainInstalled.Load() {
		tb.Fatal("browsertest: add `func TestMain(m *testing.M) { browsertest.Main(m) }` to this package, so the shared Chromium is closed when the tests end")
	}
	first := false
	shared.once.Do(func() { first = true; start(path) })
	if shared.err != nil {
		tb.Fatalf("browsertest: %v", shared.err)
	}
	if first {
		tb.Logf("browsertest: Chromium started in %v", shared.startup.Round(time.Millisecond))
	}
	ctx, cancel := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancel)
	// Create the tab now, with no timeout: the tab lives as long as the
	// context of its first Run.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("browsertest: open tab: %v", err)
	}
	return ctx
}

// bounded returns ctx limited to Timeout, for one helper's work.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, Timeout)
}

// Navigate loads url in the tab, waits for the load event and returns the
// HTTP status of the document.
func Navigate(tb testing.TB, ctx context.Context, url string) int {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	resp, err := chromedp.Run(c, chromedp.NavigateResponse(url))
	if err != nil {
		tb.Fatalf("browsertest: navigate to %s: %v", url, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Eval evaluates a JavaScript expression in the page through the DevTools
// protocol (not subject to the page's Content-Security-Policy) and decodes
// its JSON value into T.
func Eval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("browsertest: evaluate %.60q: %v", expr, err)
	}
	return v
}

// MainText returns the visible text (innerText) of the page's <main>
// element, or fails the test when the page has none.
func MainText(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	s := Eval[*string](tb, ctx, `(() => { const m = document.querySelector("main"); return m ? m.innerText : null })()`)
	if s == nil {
		tb.Fatalf("browsertest: the page has no <main> element")
		return ""
	}
	return *s
}
