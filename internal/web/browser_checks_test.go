package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"sprang/internal/browsertest"
)

// checkPage reaches page p in the tab ctx, in language lang, and checks
// it: its status; what it costs a first-time visitor and that nothing
// comes from another host; axe-core's WCAG 2.0/2.1 A and AA rules; that
// it reflows to 320 px; and, loaded again with JavaScript off, that its
// main content and h1 are there.
func (e *uiEnv) checkPage(t *testing.T, ctx context.Context, p uiPage, lang string) {
	e.prepareTab(t, ctx, p.as, lang)
	browsertest.SetJavaScript(t, ctx, true)
	setViewport(t, ctx, 0, 0)
	want := p.status
	if want == 0 {
		want = 200
	}

	// 1. As a first-time visitor, with the network recorded.
	status, w := e.reach(t, ctx, p, true)
	if status != want {
		t.Fatalf("status %d, want %d (%s)", status, want, e.at(t, ctx))
	}
	t.Logf("%d bytes in %d requests", w.Total, len(w.Requests))
	if w.Total > maxPageBytes {
		t.Errorf("page weight %d bytes, over the limit of %d:\n%s", w.Total, maxPageBytes, w)
	}
	for _, r := range w.Requests {
		if r.ThirdParty {
			t.Errorf("request to another host: %s\n%s", r.URL, w)
		}
		if r.Failed != "" || (r.Status >= 400 && r.Type != "Document") {
			t.Errorf("request failed: %s %d %s", r.URL, r.Status, r.Failed)
		}
	}
	// A page reached by opening a path must be that page, not one it
	// redirected to (a missing session would land on a login page).
	if last := p.steps[len(p.steps)-1]; last.open != "" {
		want, _, _ := strings.Cut(last.open, "?")
		if got := browsertest.Eval[string](t, ctx, `location.pathname`); got != want {
			t.Errorf("opened %s but ended on %s", want, got)
		}
	}
	if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang`); got != lang {
		t.Errorf("<html lang=%q>, want %q", got, lang)
	}

	// 2. axe-core.
	if vs := browsertest.AxeCurrent(t, ctx, ""); len(vs) != 0 {
		t.Errorf("%s", browsertest.FormatViolations(vs))
	}

	// 3. Reflow at 320 CSS px: nothing scrolls sideways but tables in
	// their own .table-wrap.
	setViewport(t, ctx, reflowWidth, 640)
	if sw := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > reflowWidth {
		t.Errorf("at %d px wide the page is %d px wide; too wide:\n%s", reflowWidth, sw,
			browsertest.Eval[string](t, ctx, overflowScript))
	}

	// 4. With JavaScript off.
	browsertest.SetJavaScript(t, ctx, false)
	if status, _ := e.reach(t, ctx, p, false); status != want {
		t.Fatalf("without JavaScript: status %d, want %d", status, want)
	}
	if h1 := browsertest.Eval[string](t, ctx, `(document.querySelector("main h1") || {innerText: ""}).innerText.trim()`); h1 == "" {
		t.Errorf("without JavaScript the page has no h1 in <main>; main text: %q", browsertest.MainText(t, ctx))
	}
	if got := browsertest.Eval[int](t, ctx, `document.querySelectorAll("h1").length`); got != 1 {
		t.Errorf("%d h1 elements, want one", got)
	}
}

// overflowScript lists the elements that reach past the viewport's right
// edge, outside a .table-wrap, innermost first, to say what breaks reflow.
const overflowScript = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".table-wrap") && !el.classList.contains("table-wrap")) continue;
    const r = el.getBoundingClientRect();
    const spills = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible";
    if (r.width > 0 && (r.right > w + 0.5 || spills)) {
      const cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "";
      out.push("  " + el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + cls + " right=" + Math.round(r.right) + " width=" + Math.round(r.width) + (spills ? " content=" + el.scrollWidth : "") +
        " " + JSON.stringify((el.innerText || "").slice(0, 50)));
    }
  }
  return out.reverse().slice(0, 15).join("\n");
})()`

// prepareTab clears the tab's cookies and gives it the session of the
// demo account as (none when as is "") and the language lang, and
// disables its cache, so every load is a first-time visitor's.
func (e *uiEnv) prepareTab(t *testing.T, ctx context.Context, as, lang string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatalf("clear cookies: %v", err)
	}
	cookies := []*network.CookieParam{{Name: "lang", Value: lang, URL: e.base}}
	if as != "" {
		s, ok := e.sessions[as]
		if !ok {
			t.Fatalf("no session for %q", as)
		}
		cookies = append(cookies, &network.CookieParam{Name: "sprang", Value: s, URL: e.base})
	}
	if _, err := chromedp.Call(ctx, network.SetCookies, network.SetCookiesParams{Cookies: cookies}); err != nil {
		t.Fatalf("set cookies: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("disable cache: %v", err)
	}
}

// setViewport sets the tab's viewport in CSS px; 0, 0 clears the override.
func setViewport(t *testing.T, ctx context.Context, width, height int64) {
	t.Helper()
	var err error
	if width == 0 {
		_, err = chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	} else {
		_, err = chromedp.Call(ctx, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1})
	}
	if err != nil {
		t.Fatalf("set viewport %dx%d: %v", width, height, err)
	}
}

// at says where the tab is, for failure messages.
func (e *uiEnv) at(t *testing.T, ctx context.Context) string {
	return browsertest.Eval[string](t, ctx, `location.pathname + location.search + " – " + document.title`)
}

// reach takes the steps to page p and returns the status of the page the
// last step loaded and, with measure, what that load transferred. Every
// step but the last waits until its page has loaded all it will, so that
// nothing of it is in flight when the next step starts; the last one
// waits so only to measure.
func (e *uiEnv) reach(t *testing.T, ctx context.Context, p uiPage, measure bool) (int, browsertest.Weight) {
	t.Helper()
	var w browsertest.Weight
	status := 0
	for i, s := range p.steps {
		last := i == len(p.steps)-1
		if last && !measure {
			return e.step(t, ctx, s), w
		}
		w = browsertest.Measure(t, ctx, chromedp.Func(func(context.Context, *chromedp.Target) error {
			status = e.step(t, ctx, s)
			return nil
		}))
		if !last && status >= 400 {
			t.Fatalf("step %d (%s): status %d (%s)", i+1, s, status, e.at(t, ctx))
		}
	}
	return status, w
}

// step takes one step and returns the status of the page it loaded.
func (e *uiEnv) step(t *testing.T, ctx context.Context, s uiStep) int {
	t.Helper()
	if s.open != "" {
		return browsertest.Navigate(t, ctx, e.base+s.open)
	}
	fill := map[string]string{}
	for k, v := range s.fill {
		if strings.Contains(v, "{n}") {
			v = strings.ReplaceAll(v, "{n}", strconv.FormatInt(e.mailSeq.Add(1), 10))
		}
		fill[k] = v
	}
	sel, _ := json.Marshal(s.form)
	vals, _ := json.Marshal(fill)
	js := fmt.Sprintf(submitScript, sel, vals)
	c, cancel := context.WithTimeout(ctx, browsertest.Timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(c, chromedp.Evaluate[chromedp.Void](js))
	if err != nil {
		t.Fatalf("%s on %s: %v", s, e.at(t, ctx), err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// submitScript fills in the fields of a form by id and clicks its submit
// button, as a person would.
const submitScript = `((sel, fill) => {
  const f = document.querySelector(sel);
  if (!f) throw new Error("no form " + sel);
  for (const [id, v] of Object.entries(fill)) {
    const el = f.querySelector("#" + CSS.escape(id));
    if (!el) throw new Error("no field #" + id + " in " + sel);
    el.value = v;
  }
  const b = f.querySelector("button[type=submit], button:not([type]), input[type=submit]");
  if (!b) throw new Error("no submit button in " + sel);
  b.click();
})(%s, %s)`

// checkKeyboardLogin logs in on the staff login page with the keyboard
// alone: Tab to the skip link, Enter to the main content, Tab to the
// fields, typing, and Enter to submit.
func (e *uiEnv) checkKeyboardLogin(t *testing.T) {
	ctx := browsertest.New(t)
	e.prepareTab(t, ctx, "", "sv")
	if status := browsertest.Navigate(t, ctx, e.base+"/logga-in"); status != 200 {
		t.Fatalf("status %d", status)
	}
	if el := browsertest.Focused(t, ctx); el.Tag != "body" {
		t.Errorf("focus after load = %v, want body", el)
	}
	skip := browsertest.Tab(t, ctx, 1)
	if skip.Tag != "a" || skip.Href != "#main" || skip.Text == "" {
		t.Fatalf("the first Tab focused %v, want the skip link to #main", skip)
	}
	if !browsertest.Eval[bool](t, ctx, uiVisibleScript) {
		t.Errorf("the focused skip link is not visible in the viewport")
	}
	browsertest.Enter(t, ctx)
	if el := browsertest.Focused(t, ctx); el.Tag != "main" || el.ID != "main" {
		t.Fatalf("Enter on the skip link focused %v, want main#main", el)
	}
	user := browsertest.TabUntil(t, ctx, 5, func(el browsertest.Element) bool { return el.Tag == "input" })
	if user.ID != "username" {
		t.Fatalf("the first field after the skip link is %v, want the username", user)
	}
	browsertest.Type(t, ctx, "admin")
	if pw := browsertest.Tab(t, ctx, 1); pw.ID != "password" {
		t.Fatalf("Tab from the username focused %v, want the password", pw)
	}
	browsertest.Type(t, ctx, "demo")
	if status := browsertest.Enter(t, ctx); status != 200 {
		t.Fatalf("Enter in the password field: status %d (%s)", status, e.at(t, ctx))
	}
	if path := browsertest.Eval[string](t, ctx, `location.pathname`); path != "/personal" {
		t.Fatalf("after the login the browser is at %s, want /personal", path)
	}
	if text := browsertest.MainText(t, ctx); !strings.HasPrefix(text, "Personalsidor") || !strings.Contains(text, "Astrid Administratör") {
		t.Errorf("the staff start page of Astrid Administratör does not show: %q", text)
	}
}

// uiVisibleScript reports whether the focused element is in the viewport.
const uiVisibleScript = `(() => {
  const r = document.activeElement.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
})()`

// checkFocusVisible tabs through every focusable element of the page at
// path (as the demo account as) and checks each is reached and looks
// different when focused: a visible outline, or another background or
// box shadow, and in the viewport.
func (e *uiEnv) checkFocusVisible(t *testing.T, as, path string) {
	ctx := browsertest.New(t)
	e.prepareTab(t, ctx, as, "sv")
	if status := browsertest.Navigate(t, ctx, e.base+path); status != 200 {
		t.Fatalf("status %d", status)
	}
	type look struct {
		Key   string `json:"key"`
		Desc  string `json:"desc"`
		Style string `json:"style"`
	}
	// Every element that should be in the tab order, with how it looks
	// before it has focus.
	before := browsertest.Eval[[]look](t, ctx, `(() => {
  const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  return [...document.querySelectorAll(sel)].filter(el => !el.disabled).map((el, i) => {
    el.setAttribute("data-focus-key", String(i));
    return {key: String(i), desc: el.outerHTML.slice(0, 80), style: `+uiLookJS+`(el)};
  });
})()`)
	if len(before) == 0 {
		t.Fatal("no focusable elements")
	}
	want := map[string]look{}
	for _, l := range before {
		want[l.Key] = l
	}
	seen := map[string]bool{}
	for i := 0; i < len(before)+3 && len(seen) < len(before); i++ {
		browsertest.Tab(t, ctx, 1)
		now := browsertest.Eval[look](t, ctx, `(() => {
  const el = document.activeElement;
  return {key: el.getAttribute("data-focus-key") || "", desc: el.outerHTML.slice(0, 80), style: `+uiLookJS+`(el)};
})()`)
		if now.Key == "" {
			continue
		}
		seen[now.Key] = true
		if !uiFocusShows(want[now.Key].Style, now.Style) {
			t.Errorf("focus is not visible on %s:\n  unfocused %s\n  focused   %s", now.Desc, want[now.Key].Style, now.Style)
		}
		if !browsertest.Eval[bool](t, ctx, uiVisibleScript) {
			t.Errorf("the focused %s is outside the viewport", now.Desc)
		}
	}
	for _, l := range before {
		if !seen[l.Key] {
			t.Errorf("Tab never reached %s", l.Desc)
		}
	}
	t.Logf("%d focusable elements checked", len(before))
}

// uiLookJS returns what makes focus visible on an element: its outline,
// background and box shadow, as "outline|background|shadow".
const uiLookJS = `((el) => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0 ? "none" : s.outlineWidth + " " + s.outlineStyle + " " + s.outlineColor;
  return outline + "|" + s.backgroundColor + "|" + s.boxShadow;
})`

// uiFocusShows reports whether the focused look differs visibly from the
// unfocused one: an outline that is not transparent appears or changes, or
// the background or box shadow changes.
func uiFocusShows(unfocused, focused string) bool {
	u, f := strings.SplitN(unfocused, "|", 3), strings.SplitN(focused, "|", 3)
	if len(u) != 3 || len(f) != 3 {
		return false
	}
	outlineSeen := f[0] != "none" && !strings.Contains(f[0], "rgba(0, 0, 0, 0)")
	return (outlineSeen && f[0] != u[0]) || f[1] != u[1] || f[2] != u[2]
}
