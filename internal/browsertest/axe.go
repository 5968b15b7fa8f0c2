package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags Axe runs: WCAG 2.0 and 2.1, levels A
// and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one axe-core rule that the page breaks, with the elements
// that break it.
type Violation struct {
	ID      string `json:"id"`     // the rule, e.g. "color-contrast"
	Impact  string `json:"impact"` // minor, moderate, serious or critical
	Help    string `json:"help"`   // what the rule asks for
	HelpURL string `json:"helpUrl"`
	Nodes   []Node `json:"nodes"`
}

// Node is one element that breaks a rule.
type Node struct {
	Target  string `json:"target"`  // a CSS selector of the element
	HTML    string `json:"html"`    // the element's start tag, abridged by axe
	Summary string `json:"summary"` // axe's explanation of what to fix
}

// FormatViolations renders violations for a test failure message, one rule
// per paragraph with its elements.
func FormatViolations(vs []Violation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d axe violation(s):\n", len(vs))
	for _, v := range vs {
		fmt.Fprintf(&b, "- %s [%s]: %s (%s)\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "    at %s: %s\n", n.Target, n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(n.Summary, "\n", "\n      "))
			}
		}
	}
	return b.String()
}

var axeSource struct {
	once sync.Once
	src  string
	err  error
}

// axeScript returns the source of axe-core from SPRANG_AXE, skipping the
// test (failing it when CI=true) when it is not available.
func axeScript(tb testing.TB) string {
	tb.Helper()
	path := os.Getenv("SPRANG_AXE")
	if path == "" {
		missing(tb, "SPRANG_AXE is not set (make test sets it to node_modules/axe-core/axe.min.js after npm ci)")
	}
	axeSource.once.Do(func() {
		b, err := os.ReadFile(path)
		axeSource.src, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		missing(tb, "SPRANG_AXE: %v (run npm ci)", axeSource.err)
	}
	return axeSource.src
}

// axeRun is the script that runs axe on the document and returns its
// violations in the shape of []Violation.
var axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: %s},
  resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({
    target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : String(t)).join(", "),
    html: n.html, summary: n.failureSummary || "",
  })),
})))`

// Axe loads url in the tab, injects axe-core and returns the violations of
// the WCAG 2.0/2.1 A and AA rules (AxeTags). An accessible page returns
// none. The script is injected through the DevTools protocol, which the
// page's Content-Security-Policy does not restrict, so the page is checked
// with its real policy in force.
func Axe(tb testing.TB, ctx context.Context, url string) []Violation {
	tb.Helper()
	src := axeScript(tb)
	Navigate(tb, ctx, url)
	return AxeCurrent(tb, ctx, src)
}

// AxeCurrent runs axe-core on the page the tab shows now, e.g. after a form
// submission, and returns the violations. src is normally empty, which
// reads axe-core from SPRANG_AXE.
func AxeCurrent(tb testing.TB, ctx context.Context, src string) []Violation {
	tb.Helper()
	if src == "" {
		src = axeScript(tb)
	}
	c, cancel := bounded(ctx)
	defer cancel()
	tags := `["` + strings.Join(AxeTags, `","`) + `"]`
	loaded, err := chromedp.Run(c, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err == nil && !loaded {
		_, err = chromedp.Run(c, chromedp.Evaluate[chromedp.Void](src))
	}
	if err != nil {
		tb.Fatalf("browsertest: inject axe-core: %v", err)
	}
	vs, err := chromedp.Run(c, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("browsertest: run axe-core: %v", err)
	}
	return vs
}
