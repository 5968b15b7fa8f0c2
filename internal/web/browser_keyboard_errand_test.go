package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"sprang/internal/browsertest"
)

// kbMaxTabs is the most Tab presses the keyboard errand may need to reach
// the next control it wants: more is a sign of a keyboard trap or of a
// page in a bad order.
const kbMaxTabs = 40

// kbErrandTimeout bounds the whole keyboard errand.
const kbErrandTimeout = 3 * time.Minute

// TestBrowserKeyboardErrand does a whole errand with the keyboard alone
// and with JavaScript off, in Swedish, as the issue demands: from the home
// page to the catalogue, a search, the service page, every step of
// "Felanmälan gata och park" (radios with the arrow keys and Space, text
// typed, the optional file skipped), one validation error on purpose
// (the error summary gets focus and its link takes focus to the field),
// a change from the check page, and the receipt. Only Tab, Shift+Tab,
// Enter, Space, the arrow keys and typing move through it; scripts only
// read where focus is and what the page shows. Every element focus lands
// on must show it, and no control may be more than kbMaxTabs presses away.
func TestBrowserKeyboardErrand(t *testing.T) {
	t.Parallel()
	tab := browsertest.New(t) // skips (or fails on CI) without Chromium, before the server is built
	e := newUIEnv(t)
	ctx, cancel := context.WithTimeout(tab, kbErrandTimeout)
	defer cancel()
	e.checkKeyboardErrand(t, ctx)
}

// checkKeyboardErrand does the errand of TestBrowserKeyboardErrand in the
// tab ctx, anonymously.
func (e *uiEnv) checkKeyboardErrand(t *testing.T, ctx context.Context) {
	e.prepareTab(t, ctx, "", "sv")
	browsertest.SetJavaScript(t, ctx, false)
	k := &kbRun{t: t, ctx: ctx, e: e}

	k.open("/")
	k.skipToMain()
	k.tabTo("the link to the e-services", 1, func(f kbFocus) bool { return f.Tag == "a" && f.Href == "/e-tjanster" })
	k.enter(200, "/e-tjanster")

	// The catalogue: search.
	k.tabTo("the search box", 1, func(f kbFocus) bool { return f.ID == "q" })
	k.typeText("felanmälan")
	k.enter(200, "/e-tjanster")
	if got := browsertest.Eval[string](t, ctx, `location.search`); !strings.HasPrefix(got, "?q=") {
		t.Errorf("the search went to %q, want ?q=…", got)
	}
	k.wantText("Felanmälan gata och park")
	k.tabTo("the service's link", 1, func(f kbFocus) bool { return f.Tag == "a" && f.Href == "/e-tjanster/felanmalan-gata-park" })
	k.enter(200, "/e-tjanster/felanmalan-gata-park")

	// The service page: start.
	k.tabTo("the start button", 1, func(f kbFocus) bool { return f.Tag == "button" && strings.HasSuffix(f.Form, "/starta") })
	k.enter(200, "")
	k.wantStep("vad")
	k.wantText("Vad vill du anmäla?")

	// Step 1: a radio group answered with the arrow keys; the yes/no left
	// out on purpose.
	k.tabTo("the first choice of “Vad gäller det?”", 1, func(f kbFocus) bool { return f.Name == "typ" })
	k.press(kb.ArrowDown)
	k.press(kb.ArrowDown)
	k.wantChecked("typ", "klotter")
	k.continueStep(422)
	k.checkErrorSummary("farligt")
	// Focus is on "Ja" of "Är felet farligt …?": the arrow moves to "Nej".
	k.press(kb.ArrowDown)
	k.wantChecked("farligt", "no")
	k.wantChecked("typ", "klotter") // kept from the refused submit
	k.continueStep(200)
	k.wantStep("var")

	// Step 2: text typed, the optional file skipped.
	k.tabTo("“Gatuadress eller plats”", 1, func(f kbFocus) bool { return f.Name == "plats" })
	k.typeText("Storgatan 12")
	k.tabTo("“Beskriv felet”", 1, func(f kbFocus) bool { return f.Name == "beskrivning" })
	k.typeText("Klotter på väggen vid busshållplatsen.")
	// Back with Shift+Tab to see the address is there, and on again.
	if f := k.tabTo("“Gatuadress eller plats” again", -1, func(f kbFocus) bool { return f.Name == "plats" }); f.Text != "Storgatan 12" {
		t.Errorf("the address field holds %q after Shift+Tab, want the typed text", f.Text)
	}
	k.continueStep(200)
	k.wantStep("svar")

	// Step 3: "Ja" with Space, then the name and e-mail it asks for.
	k.tabTo("“Vill du ha svar?”", 1, func(f kbFocus) bool { return f.Name == "vill_ha_svar" })
	k.press(" ")
	k.wantChecked("vill_ha_svar", "yes")
	k.tabTo("“Ditt namn”", 1, func(f kbFocus) bool { return f.Name == "namn" })
	k.typeText("Anna Andersson")
	k.tabTo("“E-postadress”", 1, func(f kbFocus) bool { return f.Name == "epost" })
	k.typeText("anna@example.se")
	k.continueStep(200)
	k.wantPath(regexp.MustCompile(`^/e-tjanster/felanmalan-gata-park/[^/]+/granska$`))
	k.wantText("Klotter eller skadegörelse")

	// The check page: change the choice of step 1 and come back.
	k.tabTo("the change link of “Vad gäller det?”", 1, func(f kbFocus) bool {
		return f.Tag == "a" && strings.Contains(f.Href, "/steg/vad") && strings.Contains(f.Text, "Vad gäller det?")
	})
	k.enter(200, "")
	k.wantStep("vad")
	k.wantChecked("typ", "klotter")
	// Tab enters a radio group at its checked radio.
	if f := k.tabTo("the checked choice of “Vad gäller det?”", 1, func(f kbFocus) bool { return f.Name == "typ" }); f.Value != "klotter" {
		t.Errorf("Tab entered the radio group at %q, want the checked “klotter”", f.Value)
	}
	k.press(kb.ArrowDown)
	k.wantChecked("typ", "park")
	k.continueStep(200)
	k.wantPath(regexp.MustCompile(`^/e-tjanster/felanmalan-gata-park/[^/]+/granska$`))
	k.wantText("Park eller lekplats")
	if strings.Contains(browsertest.MainText(t, ctx), "Klotter eller skadegörelse") {
		t.Errorf("the check page still shows the old choice “Klotter eller skadegörelse”")
	}

	// Send, and the receipt.
	k.tabTo("the send button", 1, func(f kbFocus) bool { return f.Tag == "button" && strings.HasSuffix(f.Form, "/granska") })
	k.enter(200, "")
	k.wantPath(regexp.MustCompile(`^/e-tjanster/kvitto/[^/]+$`))
	ref := browsertest.Eval[string](t, ctx, `(document.querySelector("main .reference") || {innerText: ""}).innerText.trim()`)
	if ref == "" || !strings.HasSuffix(browsertest.Eval[string](t, ctx, `location.pathname`), "/"+ref) {
		t.Errorf("the receipt shows the reference %q; want the one in its address %s", ref, e.at(t, ctx))
	}
	k.wantText("Park eller lekplats")
	t.Logf("errand %s done with %d Tab presses", ref, k.tabs)
}

// kbRun is a tab driven with the keyboard alone. Its methods fail the test
// when the page does not do what a keyboard user needs.
type kbRun struct {
	t    *testing.T
	ctx  context.Context
	e    *uiEnv
	tabs int // Tab presses so far
}

// kbFocus describes the focused element and how it looks.
type kbFocus struct {
	Tag     string `json:"tag"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Value   string `json:"value"` // of an input or button
	Text    string `json:"text"`  // the visible text, or for a text field its value
	Href    string `json:"href"`
	Form    string `json:"form"`    // the action of the control's form
	Checked bool   `json:"checked"` // of a radio or checkbox
	Before  string `json:"before"`  // its look when the page loaded without focus on it; "" if unknown
	Now     string `json:"now"`     // its look now, focused
	InView  bool   `json:"inView"`
	HTML    string `json:"html"`
}

func (f kbFocus) String() string {
	if f.HTML != "" {
		return f.HTML
	}
	return f.Tag
}

// kbSnapshotScript records, once per page, how every focusable element
// looks without focus (uiLookJS), in its data-kb-look attribute.
const kbSnapshotScript = `(() => {
  const d = document.documentElement;
  if (d.hasAttribute("data-kb-snap")) return true;
  d.setAttribute("data-kb-snap", "");
  const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
  for (const el of document.querySelectorAll(sel)) {
    el.setAttribute("data-kb-look", el === document.activeElement ? "" : ` + uiLookJS + `(el));
  }
  return true;
})()`

// kbFocusScript describes the focused element as a kbFocus.
const kbFocusScript = `(() => {
  const el = document.activeElement;
  if (!el) return {tag: "none", html: "no active element; ready " + document.readyState + ", body " + !!document.body};
  const field = el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id || "",
    name: el.getAttribute("name") || "",
    value: (el.tagName === "INPUT" || el.tagName === "BUTTON") ? el.value : "",
    text: ((field ? el.value : el.innerText) || "").trim(),
    href: el.getAttribute("href") || "",
    form: el.form ? (el.form.getAttribute("action") || "") : "",
    checked: !!el.checked,
    before: el.getAttribute("data-kb-look") || "",
    now: ` + uiLookJS + `(el),
    inView: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
    html: el === document.body ? "body" : el.outerHTML.replace(/ data-kb-look="[^"]*"/, "").slice(0, 120),
  };
})()`

// focus returns the focused element, after failing the test unless its
// focus is visible.
func (k *kbRun) focus() kbFocus {
	k.t.Helper()
	f := browsertest.Eval[kbFocus](k.t, k.ctx, kbFocusScript)
	if f.Tag == "body" || f.Tag == "none" {
		return f
	}
	if !kbFocusVisible(f) {
		k.t.Errorf("focus is not visible on %s (%s):\n  unfocused %s\n  focused   %s", f, k.e.at(k.t, k.ctx), f.Before, f.Now)
	}
	if !f.InView {
		k.t.Errorf("the focused %s is outside the viewport (%s)", f, k.e.at(k.t, k.ctx))
	}
	return f
}

// kbFocusVisible reports whether focus shows on f: its look differs from
// the unfocused one, or, when that is unknown, it has a visible outline
// or a box shadow.
func kbFocusVisible(f kbFocus) bool {
	if f.Before != "" {
		return uiFocusShows(f.Before, f.Now)
	}
	now := strings.SplitN(f.Now, "|", 3)
	if len(now) != 3 {
		return false
	}
	outline := now[0] != "none" && !strings.Contains(now[0], "rgba(0, 0, 0, 0)")
	return outline || now[2] != "none"
}

// open loads path: the one navigation not done with the keyboard.
func (k *kbRun) open(path string) {
	k.t.Helper()
	if status := browsertest.Navigate(k.t, k.ctx, k.e.base+path); status != 200 {
		k.t.Fatalf("open %s: status %d", path, status)
	}
	k.wantLang()
}

// skipToMain presses Tab once, expecting the skip link, and Enter on it,
// expecting focus on <main>.
func (k *kbRun) skipToMain() {
	k.t.Helper()
	if f := k.tab(1); f.Tag != "a" || f.Href != "#main" {
		k.t.Fatalf("the first Tab focused %s, want the skip link (%s)", f, k.e.at(k.t, k.ctx))
	}
	browsertest.PressEnter(k.t, k.ctx)
	if f := k.focus(); f.Tag != "main" {
		k.t.Fatalf("Enter on the skip link focused %s, want <main>", f)
	}
}

// tab presses Tab once (Shift+Tab when dir < 0) and returns the element
// then focused, failing the test unless its focus is visible.
func (k *kbRun) tab(dir int) kbFocus {
	k.t.Helper()
	browsertest.Eval[bool](k.t, k.ctx, kbSnapshotScript)
	var opts []chromedp.KeyOption
	if dir < 0 {
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	browsertest.Press(k.t, k.ctx, kb.Tab, opts...)
	k.tabs++
	return k.focus()
}

// tabTo presses Tab (Shift+Tab when dir < 0) until match accepts the
// focused element, at most kbMaxTabs times, and returns it; it fails the
// test when more presses would be needed.
func (k *kbRun) tabTo(what string, dir int, match func(kbFocus) bool) kbFocus {
	k.t.Helper()
	var path []string
	for range kbMaxTabs {
		f := k.tab(dir)
		if match(f) {
			return f
		}
		path = append(path, f.String())
	}
	k.t.Fatalf("%s is not reached within %d presses of Tab on %s; focus went through:\n  %s",
		what, kbMaxTabs, k.e.at(k.t, k.ctx), strings.Join(path, "\n  "))
	return kbFocus{}
}

// press presses keys that do not load a page (an arrow, Space) and
// checks focus is still visible.
func (k *kbRun) press(keys string) kbFocus {
	k.t.Helper()
	browsertest.Press(k.t, k.ctx, keys)
	return k.focus()
}

// typeText types text into the focused field and checks it holds it.
func (k *kbRun) typeText(text string) {
	k.t.Helper()
	browsertest.Press(k.t, k.ctx, text)
	if f := k.focus(); !strings.HasSuffix(f.Text, text) {
		k.t.Errorf("typed %q into %s, which holds %q", text, f, f.Text)
	}
}

// enter presses Enter on the focused link or button, which must load a
// page with the status want and, unless path is "", at path.
func (k *kbRun) enter(want int, path string) {
	k.t.Helper()
	on := k.focus()
	if status := browsertest.PressEnter(k.t, k.ctx); status != want {
		k.t.Fatalf("Enter on %s: status %d, want %d (%s)", on, status, want, k.e.at(k.t, k.ctx))
	}
	if path != "" {
		if got := browsertest.Eval[string](k.t, k.ctx, `location.pathname`); got != path {
			k.t.Fatalf("Enter on %s went to %s, want %s", on, got, path)
		}
	}
	k.wantLang()
}

// continueStep tabs to the step's "Fortsätt" button and presses Enter,
// expecting the status want.
func (k *kbRun) continueStep(want int) {
	k.t.Helper()
	k.tabTo("the continue button", 1, func(f kbFocus) bool { return f.Tag == "button" && f.Value == "continue" })
	k.enter(want, "")
}

// checkErrorSummary checks the page refused a step: its title says so,
// the error summary has focus (or is the first thing Tab reaches in
// <main>), its only entry is about field, and Enter on the entry's link
// moves focus to the field's first input.
func (k *kbRun) checkErrorSummary(field string) {
	k.t.Helper()
	t, ctx := k.t, k.ctx
	if title := browsertest.Eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "Fel:") {
		t.Errorf("the refused step's title is %q, want it to begin with “Fel:”", title)
	}
	links := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".error-summary a")].map(a => a.getAttribute("href"))`)
	if len(links) != 1 || !strings.HasPrefix(links[0], "#"+field) {
		t.Fatalf("the error summary links to %v, want one link to the field %s", links, field)
	}
	// Autofocus happens at the next rendering update after the load.
	var f kbFocus
	for range 20 {
		if f = browsertest.Eval[kbFocus](t, ctx, kbFocusScript); f.Tag != "body" && f.Tag != "none" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(f.HTML, "error-summary") {
		k.focus()
		if f = k.tab(1); f.Href != links[0] {
			t.Fatalf("Tab from the focused error summary focused %s, want its link %s", f, links[0])
		}
	} else {
		t.Errorf("after the refused step, focus is on %s, not on the error summary", f)
		k.skipToMain()
		if f = k.tab(1); f.Href != links[0] {
			t.Fatalf("the first Tab in <main> of the refused step focused %s, want the error summary's link %s", f, links[0])
		}
	}
	browsertest.PressEnter(t, ctx)
	if hash := browsertest.Eval[string](t, ctx, `location.hash`); hash != links[0] {
		t.Fatalf("Enter on the error summary's link %s went to %s, want the same page at the field", links[0], k.e.at(t, ctx)+hash)
	}
	if f = k.focus(); "#"+f.ID != links[0] {
		t.Fatalf("Enter on the error summary's link %s focused %s, want the field", links[0], f)
	}
}

// wantStep fails the test unless the tab shows the step page of the
// errand.
func (k *kbRun) wantStep(page string) {
	k.t.Helper()
	k.wantPath(regexp.MustCompile(`^/e-tjanster/felanmalan-gata-park/[^/]+/steg/` + page + `$`))
}

// wantPath fails the test unless the tab's path matches re.
func (k *kbRun) wantPath(re *regexp.Regexp) {
	k.t.Helper()
	if got := browsertest.Eval[string](k.t, k.ctx, `location.pathname`); !re.MatchString(got) {
		k.t.Fatalf("the browser is at %s, want %s", k.e.at(k.t, k.ctx), re)
	}
}

// wantText fails the test unless <main> shows text.
func (k *kbRun) wantText(text string) {
	k.t.Helper()
	if main := browsertest.MainText(k.t, k.ctx); !strings.Contains(main, text) {
		k.t.Errorf("%s does not show %q:\n%s", k.e.at(k.t, k.ctx), text, main)
	}
}

// wantLang fails the test unless the page is in Swedish.
func (k *kbRun) wantLang() {
	k.t.Helper()
	if lang := browsertest.Eval[string](k.t, k.ctx, `document.documentElement.lang`); lang != "sv" {
		k.t.Errorf("%s is in %q, want sv", k.e.at(k.t, k.ctx), lang)
	}
}

// wantChecked fails the test unless the radio named name with value is
// the checked one.
func (k *kbRun) wantChecked(name, value string) {
	k.t.Helper()
	got := browsertest.Eval[string](k.t, k.ctx, `(document.querySelector('input[name="`+name+`"]:checked') || {value: ""}).value`)
	if got != value {
		k.t.Errorf("%s: the checked answer of %s is %q, want %q", k.e.at(k.t, k.ctx), name, got, value)
	}
}
