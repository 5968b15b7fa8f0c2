package web

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"sprang/internal/pdf"
)

// reportPDFMarkdown returns a narrative's Markdown as document blocks:
// its headings as level-3 headings (under the part's level-2 one), its
// lists as lists and everything else as paragraphs of plain text, with
// the Markdown's marks left out. Raw HTML is dropped, as on the page.
func reportPDFMarkdown(src string) []pdf.Block {
	source := []byte(src)
	doc := policyMarkdown.Parser().Parse(text.NewReader(source))
	var out []pdf.Block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, pdf.Block{Kind: pdf.H3, Text: mdPlain(n, source)})
		case *ast.List:
			var items []string
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				items = append(items, mdPlain(it, source))
			}
			out = append(out, pdf.Block{Kind: pdf.List, Items: items})
		case *ast.HTMLBlock, *ast.ThematicBreak:
		default:
			if t := mdPlain(n, source); t != "" {
				out = append(out, pdf.Block{Text: t})
			}
		}
	}
	return out
}

// mdPlain returns the text of n and its descendants without Markdown's
// marks: soft line breaks as spaces, hard ones and the lines of code
// blocks as newlines, blocks within n (a list item's paragraphs) apart by
// a newline; raw HTML left out.
func mdPlain(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(c.Value(source))
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
		default:
			if c != n && c.Type() == ast.TypeBlock && b.Len() > 0 {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
