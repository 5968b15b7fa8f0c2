package web

import (
	"context"
	"html/template"
	"time"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// How the policy's pages show a revision: its parts in order, each with
// its main section, its sub-areas and (for the five perspectives) its
// goals with links to the indicators that measure them. Texts missing in
// English show the Swedish ones, marked lang="sv" (WCAG 3.1.2).

// policyDoc is one revision as the pages show it.
type policyDoc struct {
	Number int
	At     time.Time
	Parts  []policyPart
	// The heading levels: of the table of contents and the parts
	// (Level), of the sub-areas and goals (SubLevel); the texts' own
	// headings start below those. Level is 2 on a page whose h1 is the
	// policy, 3 where the policy sits under an h2 of the page.
	Level, SubLevel int
}

// policyPart is one part of the policy: the introduction, a perspective
// or the follow-up section.
type policyPart struct {
	Key     string // the anchor: the part's name
	Heading unitName
	Body    policyBody
	Subs    []policySub
	Goals   []policyGoal
}

// policySub is a sub-area of a part.
type policySub struct {
	Key     string
	Heading unitName
	Body    policyBody
}

// policyBody is a section's text rendered from Markdown, and its language
// when it is not the page's.
type policyBody struct {
	HTML template.HTML
	Lang string
}

// policyGoal is one goal with its indicators.
type policyGoal struct {
	Text       unitName
	Indicators []policyIndicator
}

// policyIndicator is an indicator a goal links to: its name and the page
// to read it on ("" when it has none the reader may see).
type policyIndicator struct {
	Key  string
	Name unitName
	URL  string
}

// policyText returns t in the view's language, marked Swedish when it
// falls back to the Swedish text.
func policyText(v *view, t followup.Text) unitName {
	s := t.In(string(v.Lang))
	if v.Lang != i18n.Swedish && s == t.SV && t.EN == "" {
		return unitName{Text: s, Lang: string(i18n.Swedish)}
	}
	return unitName{Text: s}
}

// policyMarkdownIn renders the Markdown t in the view's language with its
// headings from level top.
func policyMarkdownIn(v *view, t followup.Text, top int) policyBody {
	n := policyText(v, t)
	return policyBody{HTML: renderMarkdown(n.Text, top), Lang: n.Lang}
}

// policyDocOf builds the view of rev with its parts' headings at level
// (2–4: the sub-areas' at level+1, the texts' headings below those).
// staff chooses the indicator pages the goals link to: the staff pages
// of every indicator in the registry, or the public pages of the public
// ones.
func (s *Server) policyDocOf(ctx context.Context, v *view, rev followup.Revision, staff bool, level int) policyDoc {
	level = min(max(level, 2), 4)
	links := s.policyIndicatorLinks(ctx, v, staff)
	d := policyDoc{Number: rev.Number, At: rev.At, Level: level, SubLevel: level + 1}
	for _, p := range followup.PolicyParts() {
		part := policyPart{Key: string(p)}
		for _, sec := range rev.SectionsOf(p) {
			if sec.Main() {
				part.Heading, part.Body = policyText(v, sec.Heading), policyMarkdownIn(v, sec.Body, level+1)
				continue
			}
			part.Subs = append(part.Subs, policySub{Key: sec.Key, Heading: policyText(v, sec.Heading), Body: policyMarkdownIn(v, sec.Body, level+2)})
		}
		for _, g := range rev.GoalsOf(p) {
			goal := policyGoal{Text: policyText(v, g.Text)}
			for _, k := range g.Indicators {
				if l, ok := links[k]; ok {
					goal.Indicators = append(goal.Indicators, l)
				} else if staff {
					goal.Indicators = append(goal.Indicators, policyIndicator{Key: k, Name: unitName{Text: k}})
				}
			}
			part.Goals = append(part.Goals, goal)
		}
		d.Parts = append(d.Parts, part)
	}
	return d
}

// policyIndicatorLinks returns the indicators of the registry a reader
// may follow, by key: all of them for staff (to their staff pages), the
// public ones for everyone else. When the registry cannot be read the
// goals show no links (staff see the keys), and the error is logged.
func (s *Server) policyIndicatorLinks(ctx context.Context, v *view, staff bool) map[string]policyIndicator {
	out := map[string]policyIndicator{}
	inds, err := s.db.Indicators(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "policy: read indicators", "error", err.Error())
		return out
	}
	for _, ind := range inds {
		switch {
		case staff:
			out[ind.Key] = policyIndicator{Key: ind.Key, Name: policyText(v, ind.Name), URL: "/personal/uppfoljning/indikatorer/" + ind.Key}
		case ind.Public:
			out[ind.Key] = policyIndicator{Key: ind.Key, Name: policyText(v, ind.Name), URL: "/uppfoljning/indikatorer/" + ind.Key}
		}
	}
	return out
}
