package browsertest

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Element describes the focused element of the page.
type Element struct {
	Tag  string `json:"tag"`  // lower case: "a", "input", "button", "body"
	ID   string `json:"id"`   // the id attribute
	Name string `json:"name"` // the name attribute of a form control
	Type string `json:"type"` // the type attribute of an input or button
	Text string `json:"text"` // the visible text, or for an input its value
	Href string `json:"href"` // the link target of an <a>
}

// String describes the element for test messages, e.g. `a#skip "Till innehållet"`.
func (e Element) String() string {
	s := e.Tag
	if e.ID != "" {
		s += "#" + e.ID
	}
	if e.Name != "" {
		s += fmt.Sprintf("[name=%s]", e.Name)
	}
	if e.Text != "" {
		s += fmt.Sprintf(" %q", e.Text)
	}
	return s
}

const focusedScript = `(() => {
  const e = document.activeElement || document.body;
  const isField = e.tagName === "INPUT" || e.tagName === "TEXTAREA" || e.tagName === "SELECT";
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id || "",
    name: e.getAttribute("name") || "",
    type: e.getAttribute("type") || "",
    text: ((isField ? e.value : e.innerText) || "").trim(),
    href: e.getAttribute("href") || "",
  };
})()`

// Focused returns the element that has the keyboard focus
// (document.activeElement).
func Focused(tb testing.TB, ctx context.Context) Element {
	tb.Helper()
	return Eval[Element](tb, ctx, focusedScript)
}

// Tab presses Tab n times (Shift+Tab when n is negative) and returns the
// element that then has the focus.
func Tab(tb testing.TB, ctx context.Context, n int) Element {
	tb.Helper()
	var opts []chromedp.KeyOption
	if n < 0 {
		n = -n
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	for range n {
		Key(tb, ctx, kb.Tab, opts...)
	}
	return Focused(tb, ctx)
}

// TabUntil presses Tab until match accepts the focused element, at most limit
// times, and returns that element. The test fails when no element within
// limit presses matches.
func TabUntil(tb testing.TB, ctx context.Context, limit int, match func(Element) bool) Element {
	tb.Helper()
	var seen []Element
	for range limit {
		e := Tab(tb, ctx, 1)
		if match(e) {
			return e
		}
		seen = append(seen, e)
	}
	tb.Fatalf("browsertest: no matching element within %d Tab presses; focus went through %v", limit, seen)
	return Element{}
}

// Type types text into the focused element, key by key, as a user does.
func Type(tb testing.TB, ctx context.Context, text string) {
	tb.Helper()
	Key(tb, ctx, text)
}

// Key sends key events for keys, e.g. kb.Escape or kb.ArrowDown, without
// waiting for a navigation.
func Key(tb testing.TB, ctx context.Context, keys string, opts ...chromedp.KeyOption) {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	if err := chromedp.Do(c, chromedp.KeyEvent(keys, opts...)); err != nil {
		tb.Fatalf("browsertest: key %q: %v", keys, err)
	}
}

// Enter presses Enter on the focused element — following a link or
// submitting a form — waits for the page that this loads and returns its
// HTTP status. The test fails if no page loads within Timeout; use Key(…,
// kb.Enter) for an Enter that does not navigate.
func Enter(tb testing.TB, ctx context.Context) int {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	resp, err := chromedp.RunResponse(c, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		tb.Fatalf("browsertest: Enter on %v did not load a page: %v", Focused(tb, ctx), err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}
