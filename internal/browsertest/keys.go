package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pressKey is the action of pressing the key r as a physical keyboard
// does: one keyDown event that carries the key's text, then a keyUp.
// Chromium makes the keydown and, unless the keydown's default action
// handled the key, the keypress of it, as for a real key press.
//
// chromedp.KeyEvent sends the keypress as an event of its own instead,
// which Chromium delivers even when the keydown has already acted: Enter
// on a link to a form field (an error summary's link) follows the link,
// which moves focus to the field, and then submits the field's form — what
// no real keyboard does.
func pressKey(r rune, opts ...chromedp.KeyOption) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, k := range keyEvents(r) {
			for _, o := range opts {
				o(k)
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	})
}

// keyEvents returns the events of one press of the key r: kb.Encode's
// keyDown, char and keyUp, with the char's text folded into the keyDown.
func keyEvents(r rune) []*input.DispatchKeyEventParams {
	evs := kb.Encode(r)
	var down, up *input.DispatchKeyEventParams
	var text, unmodified string
	for _, e := range evs {
		switch e.Type {
		case kb.KeyDown, kb.KeyRawDown:
			down = e
		case kb.KeyChar:
			text, unmodified = e.Text, e.UnmodifiedText
		case kb.KeyUp:
			up = e
		}
	}
	if down == nil || up == nil {
		return evs
	}
	if text == "" {
		down.Type = kb.KeyRawDown
	} else {
		down.Type = kb.KeyDown
		down.Text, down.UnmodifiedText = text, unmodified
	}
	return []*input.DispatchKeyEventParams{down, up}
}

// Press presses each key of keys, e.g. " " or kb.ArrowDown, as a physical
// keyboard does (see [PressEnter]), without waiting for a navigation.
func Press(tb testing.TB, ctx context.Context, keys string, opts ...chromedp.KeyOption) {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	for _, r := range keys {
		if err := chromedp.Do(c, pressKey(r, opts...)); err != nil {
			tb.Fatalf("browsertest: press %q: %v", r, err)
		}
	}
}

// PressEnter is [Enter] with the key pressed as a physical keyboard does:
// the keypress only happens when the keydown did nothing, so Enter on a
// link to a form field moves focus to the field and does not then also
// submit its form. It waits for the page that Enter loads and returns its
// HTTP status (0 for a link within the page), and fails the test if no
// page loads within Timeout.
func PressEnter(tb testing.TB, ctx context.Context) int {
	tb.Helper()
	c, cancel := bounded(ctx)
	defer cancel()
	resp, err := chromedp.RunResponse(c, pressKey('\r'))
	if err != nil {
		tb.Fatalf("browsertest: Enter on %v did not load a page: %v", Focused(tb, ctx), err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}
