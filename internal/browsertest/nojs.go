package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// NoJS loads url in the tab with the page's JavaScript disabled and returns
// the visible text of its <main> element. JavaScript is enabled again
// afterwards. The test fails when the page does not load or has no <main>.
func NoJS(tb testing.TB, ctx context.Context, url string) string {
	tb.Helper()
	SetJavaScript(tb, ctx, false)
	defer SetJavaScript(tb, ctx, true)
	Navigate(tb, ctx, url)
	return MainText(tb, ctx)
}

// SetJavaScript enables or disables the execution of the page's scripts in
// the tab, for the following navigations. The helpers of this package keep
// working either way: they evaluate through the DevTools protocol.
func SetJavaScript(tb testing.TB, ctx context.Context, enabled bool) {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	_, err := chromedp.Call(c, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: !enabled})
	if err != nil {
		tb.Fatalf("browsertest: set script execution: %v", err)
	}
}
