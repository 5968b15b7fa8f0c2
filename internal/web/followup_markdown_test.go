package web

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

func TestRenderMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		top     int
		want    []string // in the output
		notWant []string
	}{
		{"paragraph and list", "Vi ska **lyfta**.\n\n- ett\n- två", 3,
			[]string{"<p>Vi ska <strong>lyfta</strong>.</p>", "<li>ett</li>"}, nil},
		{"headings start at top", "# Ett\n\n## Två\n\n# Tre", 3,
			[]string{"<h3>Ett</h3>", "<h4>Två</h4>", "<h3>Tre</h3>"}, []string{"<h1>", "<h2>"}},
		{"no level skipped", "### Djup\n\n###### Djupare", 4,
			[]string{"<h4>Djup</h4>", "<h5>Djupare</h5>"}, []string{"<h6>"}},
		{"never below 6", "# A\n## B\n### C\n#### D", 4,
			[]string{"<h4>A</h4>", "<h5>B</h5>", "<h6>C</h6>", "<h6>D</h6>"}, nil},
		{"raw HTML left out", "<script>alert(1)</script>\n\nText <b onclick=\"x()\">fet</b>", 3,
			[]string{"Text"}, []string{"<script", "onclick", "<b"}},
		{"javascript link becomes text", "[klicka](javascript:alert(1)) och [här](JavaScript&#58;alert(2))", 3,
			[]string{"klicka", "här"}, []string{"<a", "javascript:", "JavaScript"}},
		{"data and vbscript links", "[a](data:text/html;base64,PHNjcmlwdD4=) [b](vbscript:msgbox) [c](file:///etc/passwd)", 3,
			[]string{"a", "b", "c"}, []string{"<a"}},
		{"autolink with a bad scheme", "<javascript:alert(1)>", 3, []string{"javascript:alert(1)"}, []string{"<a", "href"}},
		{"safe links kept", "[Kolada](https://www.kolada.se) [policyn](/uppfoljning/policy#mal) <mailto:info@example.se> <https://example.se>", 3,
			[]string{`<a href="https://www.kolada.se">Kolada</a>`, `<a href="/uppfoljning/policy#mal">policyn</a>`,
				`href="mailto:info@example.se"`, `<a href="https://example.se">`}, nil},
		{"image becomes its description", "![Karta över kommunen](https://evil.example/x.png)", 3,
			[]string{"Karta över kommunen"}, []string{"<img", "evil.example"}},
		{"image inside a link", "[![Logga](/logo.png)](https://example.se)", 3,
			[]string{`<a href="https://example.se">Logga</a>`}, []string{"<img"}},
		{"text is escaped", "1 < 2 & \"citat\"", 3, []string{"1 &lt; 2 &amp; &quot;citat&quot;"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := string(renderMarkdown(tt.src, tt.top))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("renderMarkdown(%q) = %q, want %q in it", tt.src, got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("renderMarkdown(%q) = %q, want no %q", tt.src, got, w)
				}
			}
		})
	}
}

// FuzzPolicyMarkdown: whatever the text, the HTML has no script, style or
// other active element, no on*= attribute, and no link or source
// address with a scheme other than http, https or mailto; headings are
// never above the given level.
func FuzzPolicyMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Rubrik\n\nText med [länk](https://example.se).",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))",
		"[x](  javascript:alert(1) )",
		"[x](<java\tscript:alert(1)>)",
		"[x](jav&#x61;script:alert(1))",
		"<javascript:alert(1)>",
		"![x](data:image/png;base64,AAAA)",
		"[x](https://a.se \"title onclick=alert(1)\")",
		"<a href=\"javascript:alert(1)\">x</a>",
		"Setext\n===\n\n<!-- kommentar -->",
		"```html\n<script>\n```",
		"[x]: javascript:alert(1)\n\n[x]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(renderMarkdown(src, 3))
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("script in %q", out)
		}
		if why := unsafeHTML(out); why != "" {
			t.Fatalf("%s in %q", why, out)
		}
	})
}

// The markup goldmark writes: start tags with double-quoted attributes,
// end tags, and the comment that stands for left-out raw HTML. Text
// never holds a '<' (it is written &lt;), so every '<' must start one of
// these.
var (
	mdStartTag = regexp.MustCompile(`^<([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*/?>`)
	mdAttr     = regexp.MustCompile(`\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?`)
	mdEndTag   = regexp.MustCompile(`^</[a-z][a-z0-9]*>`)
	mdComment  = regexp.MustCompile(`^<!-- raw HTML omitted -->`)
)

// unsafeHTML says what in out is markup other than goldmark's own, or an
// element or attribute a policy text may not produce; "" when nothing.
func unsafeHTML(out string) string {
	for i := strings.IndexByte(out, '<'); i >= 0; i = nextTag(out, i) {
		rest := out[i:]
		if mdEndTag.MatchString(rest) || mdComment.MatchString(rest) {
			continue
		}
		m := mdStartTag.FindStringSubmatch(rest)
		if m == nil {
			return fmt.Sprintf("markup not written by the renderer at %q", rest[:min(len(rest), 40)])
		}
		switch m[1] {
		case "script", "style", "iframe", "object", "embed", "img", "form", "input", "svg", "math", "h1", "h2":
			return "element " + m[1]
		}
		for _, a := range mdAttr.FindAllStringSubmatch(m[2], -1) {
			name, val := a[1], strings.ToLower(strings.TrimSpace(html.UnescapeString(a[2])))
			if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" {
				return "attribute " + name
			}
			if (name == "href" || name == "src") && !safeScheme(val) {
				return fmt.Sprintf("address %q", a[2])
			}
		}
	}
	return ""
}

// nextTag returns the index of the next '<' in s after i, or -1.
func nextTag(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '<')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// TestUnsafeHTML: the fuzz test's check finds what it looks for.
func TestUnsafeHTML(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		out  string
		safe bool
	}{
		{`<p>Text <a href="https://a.se" title="x onclick=y">l</a> &lt;script&gt;</p>` + "\n<!-- raw HTML omitted -->", true},
		{`<h3>R</h3><ul><li>a</li></ul><a href="/sida#x">s</a><a href="mailto:a@b.se">m</a><br />`, true},
		{`<a href="javascript:alert(1)">x</a>`, false},
		{`<a href="JavaScript&#58;alert(1)">x</a>`, false},
		{`<a href="java` + "\t" + `script:alert(1)">x</a>`, false},
		{`<a href="data:text/html,x">x</a>`, false},
		{`<b onclick="x()">b</b>`, false},
		{`<p style="color:red">p</p>`, false},
		{`<script>alert(1)</script>`, false},
		{`<img src="https://a.se/x.png" alt="">`, false},
		{`<h2>R</h2>`, false},
		{`<a href=javascript:x>x</a>`, false},
		{`<p>1 < 2</p>`, false},
	} {
		if got := unsafeHTML(tt.out); (got == "") != tt.safe {
			t.Errorf("unsafeHTML(%q) = %q, want safe %v", tt.out, got, tt.safe)
		}
	}
}

// safeScheme reports whether the address u has no scheme, or http,
// https or mailto, after what a browser strips (ASCII tabs and newlines).
func safeScheme(u string) bool {
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	colon := strings.IndexByte(u, ':')
	if colon < 0 || strings.ContainsAny(u[:colon], "/?#") {
		return true
	}
	switch u[:colon] {
	case "http", "https", "mailto":
		return true
	}
	return false
}
