package web

import (
	"strings"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// What changed between two revisions, as the revision page shows it: per
// changed section its heading, what happened to it and its line diff per
// language (removed and added lines are <del> and <ins> with a visually
// hidden "Borttaget:" or "Tillagt:", so the change is told in text, not
// only by colour or strike-through); per changed goal its old and new
// wording.

// policyDiffView is the changes from revision From to To.
type policyDiffView struct {
	From, To int
	Sections []policyDiffSection
	Goals    []policyDiffGoal
}

// policyDiffSection is one changed section.
type policyDiffSection struct {
	Key     string
	Heading unitName
	Change  string // in words
	Langs   []policyDiffLang
}

// policyDiffLang is a section's line diff in one language.
type policyDiffLang struct {
	Name  string // the language's name, in the page's language
	Lang  string // its code, for the lang attribute
	Lines []followup.DiffLine
}

// policyDiffGoal is one changed goal: its old and new wording ("" when
// added or removed).
type policyDiffGoal struct {
	Change   string
	Old, New unitName
}

// policyDiffOf builds the view of d.
func policyDiffOf(v *view, d followup.RevisionDiff) policyDiffView {
	out := policyDiffView{From: d.From, To: d.To}
	for _, s := range d.ChangedSections() {
		ds := policyDiffSection{Key: s.Key, Heading: policyText(v, s.Heading),
			Change: v.T("followup.policy.diff.section_" + string(s.Change))}
		for _, l := range []struct {
			lang  i18n.Lang
			lines []followup.DiffLine
		}{{i18n.Swedish, s.SV}, {i18n.English, s.EN}} {
			if len(l.lines) > 0 {
				ds.Langs = append(ds.Langs, policyDiffLang{Name: v.T("followup.policy.diff.in_" + string(l.lang)),
					Lang: string(l.lang), Lines: l.lines})
			}
		}
		out.Sections = append(out.Sections, ds)
	}
	for _, g := range d.ChangedGoals() {
		dg := policyDiffGoal{Change: v.T("followup.policy.diff.goal_" + string(g.Change))}
		if g.Change != followup.ChangeAdded {
			dg.Old = policyGoalLine(v, g.Old)
		}
		if g.Change != followup.ChangeRemoved {
			dg.New = policyGoalLine(v, g.New)
		}
		out.Goals = append(out.Goals, dg)
	}
	return out
}

// policyGoalLine writes a goal on one line: its perspective, its text and
// the keys of its indicators.
func policyGoalLine(v *view, g followup.Goal) unitName {
	t := policyText(v, g.Text)
	line := v.T("followup.policy.part."+string(g.Perspective)) + ": " + t.Text
	if len(g.Indicators) > 0 {
		line += " (" + v.T("followup.policy.measured_by") + " " + strings.Join(g.Indicators, ", ") + ")"
	}
	return unitName{Text: line, Lang: t.Lang}
}
