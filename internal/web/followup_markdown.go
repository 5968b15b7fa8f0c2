package web

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The policy's Markdown, rendered safely. The texts are written by staff
// with ManageFollowUp, but the public page shows them to everyone, so the
// renderer trusts nothing in them:
//
//   - raw HTML is left out (goldmark's default: it writes a comment
//     instead), so no element or attribute of the author's own reaches
//     the page;
//   - a link whose address is not http, https, mailto, a path or a
//     fragment (javascript:, data:, vbscript:, file:, …) becomes its
//     text, as does such an autolink;
//   - an image becomes its description: the page loads nothing from
//     elsewhere (no third-party requests, and the CSP would block it);
//   - headings are moved below the page's own: the text's highest
//     heading becomes level top and none skips a level, so the page's
//     outline stays valid whatever levels the author used.
//
// goldmark's CommonMark core without extensions has no attribute syntax,
// so no on*= attribute can be written either (FuzzPolicyMarkdown checks).

// policyMarkdown is the Markdown converter of the policy's texts.
var policyMarkdown = goldmark.New()

// renderMarkdown renders src as HTML safe to put in a page, its headings
// starting at level top (2–6).
func renderMarkdown(src string, top int) template.HTML {
	source := []byte(src)
	doc := policyMarkdown.Parser().Parse(text.NewReader(source))
	mdSafe(doc, source, top)
	var buf bytes.Buffer
	if err := policyMarkdown.Renderer().Render(&buf, source, doc); err != nil {
		return template.HTML(template.HTMLEscapeString(src)) //nolint:gosec // escaped text
	}
	return template.HTML(buf.String()) //nolint:gosec // rendered without raw HTML or unsafe links (see above)
}

// mdSafe rewrites doc as the package comment says: unsafe links and every
// image unwrapped to their text, headings moved to start at top.
func mdSafe(doc ast.Node, source []byte, top int) {
	var unwrap, autolinks []ast.Node
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Image:
			unwrap = append(unwrap, n)
		case *ast.Link:
			if !mdSafeURL(n.Destination) {
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkEmail && !mdSafeURL(n.URL(source)) {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		mdUnwrap(n)
	}
	for _, n := range autolinks {
		label := n.(*ast.AutoLink).Label(source)
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(append([]byte(nil), label...)))
	}
	mdHeadings(headings, top)
}

// mdUnwrap replaces n by its children.
func mdUnwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.RemoveChild(n, c)
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// mdHeadings moves the headings (in document order) so the highest
// becomes level top, none is more than one level below the one before
// it, and none is below 6.
func mdHeadings(hs []*ast.Heading, top int) {
	if len(hs) == 0 {
		return
	}
	lowest := 6
	for _, h := range hs {
		lowest = min(lowest, h.Level)
	}
	prev := top - 1
	for _, h := range hs {
		lvl := min(top+h.Level-lowest, prev+1, 6)
		h.Level, prev = lvl, lvl
	}
}

// mdSafeURL reports whether a link may point at u: an http, https or
// mailto address, or one without a scheme (a path, a query or a
// fragment on this site). It looks at u as the renderer will write it,
// with character references resolved ("javascript&#58;…" is
// "javascript:…").
func mdSafeURL(u []byte) bool {
	s := strings.ToLower(string(util.URLEscape(u, true))) // as the renderer writes it: references resolved
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.ContainsAny(s[:colon], "/?#") {
		return true
	}
	switch s[:colon] {
	case "http", "https", "mailto":
		return true
	}
	return false
}
