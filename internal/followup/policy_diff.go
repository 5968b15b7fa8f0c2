package followup

import (
	"slices"
	"strings"
)

// What changed between two revisions of the policy: per section and
// language a line diff of its text (the heading as the first line, then
// the Markdown body), and per goal whether it was added, removed or
// changed. The line diff is a longest common subsequence over lines
// (policies are a few hundred lines, so the quadratic table is small);
// a pair of texts too long for it is shown as all removed and all added.

// LineOp says what happened to one line of a diff.
type LineOp string

// The line operations.
const (
	LineSame    LineOp = "same"    // in both revisions
	LineRemoved LineOp = "removed" // only in the older revision
	LineAdded   LineOp = "added"   // only in the newer revision
	LineSkipped LineOp = "skipped" // unchanged lines left out; Skipped says how many
)

// DiffLine is one line of a diff.
type DiffLine struct {
	Op      LineOp
	Text    string
	Skipped int // for LineSkipped: how many unchanged lines it stands for
}

// Change says what happened to a section or a goal between revisions.
type Change string

// The changes.
const (
	ChangeNone    Change = "same"
	ChangeAdded   Change = "added"
	ChangeRemoved Change = "removed"
	ChangeEdited  Change = "changed"
)

// SectionDiff is what changed in one section: its key and part, its
// heading in the newer revision (the older one's if it was removed), and
// the line diff of its text per language.
type SectionDiff struct {
	Key         string
	Perspective Perspective
	Heading     Text
	Change      Change
	SV, EN      []DiffLine
}

// GoalDiff is what changed in one goal: Old is zero when it was added,
// New when it was removed.
type GoalDiff struct {
	Key    string
	Change Change
	Old    Goal
	New    Goal
}

// RevisionDiff is what changed from revision From to revision To.
type RevisionDiff struct {
	From, To int
	Sections []SectionDiff // every section of both, in the policy's order
	Goals    []GoalDiff    // every goal of both, the newer revision's order first
}

// ChangedSections returns the sections that changed (added, removed or changed).
func (d RevisionDiff) ChangedSections() []SectionDiff {
	var out []SectionDiff
	for _, s := range d.Sections {
		if s.Change != ChangeNone {
			out = append(out, s)
		}
	}
	return out
}

// ChangedGoals returns the goals that were added, removed or changed.
func (d RevisionDiff) ChangedGoals() []GoalDiff {
	var out []GoalDiff
	for _, g := range d.Goals {
		if g.Change != ChangeNone {
			out = append(out, g)
		}
	}
	return out
}

// diffContext is how many unchanged lines a diff shows around a change.
const diffContext = 2

// DiffRevisions returns what changed from old to new, with diffContext
// unchanged lines around each change.
func DiffRevisions(old, new Revision) RevisionDiff {
	d := RevisionDiff{From: old.Number, To: new.Number}
	for _, p := range PolicyParts() {
		olds, news := old.SectionsOf(p), new.SectionsOf(p)
		for _, s := range news {
			i := slices.IndexFunc(olds, func(o Section) bool { return o.Key == s.Key })
			if i < 0 {
				d.Sections = append(d.Sections, diffSection(Section{}, s, ChangeAdded))
				continue
			}
			d.Sections = append(d.Sections, diffSection(olds[i], s, ChangeEdited))
		}
		for _, o := range olds {
			if !slices.ContainsFunc(news, func(s Section) bool { return s.Key == o.Key }) {
				d.Sections = append(d.Sections, diffSection(o, Section{}, ChangeRemoved))
			}
		}
	}
	d.Goals = diffGoals(old.Goals, new.Goals)
	return d
}

// diffSection returns the diff of section o to s (either zero when added
// or removed); a change that leaves the texts alike is ChangeNone.
func diffSection(o, s Section, c Change) SectionDiff {
	sd := SectionDiff{Key: s.Key, Perspective: s.Perspective, Heading: s.Heading, Change: c}
	if c == ChangeRemoved {
		sd.Key, sd.Perspective, sd.Heading = o.Key, o.Perspective, o.Heading
	}
	oldSV, newSV := sectionLines(o, "sv", c == ChangeAdded), sectionLines(s, "sv", c == ChangeRemoved)
	oldEN, newEN := sectionLines(o, "en", c == ChangeAdded), sectionLines(s, "en", c == ChangeRemoved)
	sd.SV = CollapseDiff(DiffLines(oldSV, newSV), diffContext)
	sd.EN = CollapseDiff(DiffLines(oldEN, newEN), diffContext)
	if c == ChangeEdited && slices.Equal(oldSV, newSV) && slices.Equal(oldEN, newEN) {
		sd.Change = ChangeNone
	}
	return sd
}

// sectionLines returns s's text in lang as lines: the heading, a blank
// line and the body; none when absent (the section is missing there).
func sectionLines(s Section, lang string, absent bool) []string {
	if absent {
		return nil
	}
	h, b := s.Heading.SV, s.Body.SV
	if lang == "en" {
		h, b = s.Heading.EN, s.Body.EN
	}
	if h == "" && b == "" {
		return nil
	}
	return append([]string{h, ""}, strings.Split(b, "\n")...)
}

// diffGoals returns the goal changes from olds to news.
func diffGoals(olds, news []Goal) []GoalDiff {
	var out []GoalDiff
	for _, g := range news {
		i := slices.IndexFunc(olds, func(o Goal) bool { return o.Key == g.Key })
		switch {
		case i < 0:
			out = append(out, GoalDiff{Key: g.Key, Change: ChangeAdded, New: g})
		case goalsEqual(olds[i], g):
			out = append(out, GoalDiff{Key: g.Key, Change: ChangeNone, Old: olds[i], New: g})
		default:
			out = append(out, GoalDiff{Key: g.Key, Change: ChangeEdited, Old: olds[i], New: g})
		}
	}
	for _, o := range olds {
		if !slices.ContainsFunc(news, func(g Goal) bool { return g.Key == o.Key }) {
			out = append(out, GoalDiff{Key: o.Key, Change: ChangeRemoved, Old: o})
		}
	}
	return out
}

// goalsEqual reports whether two goals say the same.
func goalsEqual(a, b Goal) bool {
	return a.Perspective == b.Perspective && a.Text == b.Text && slices.Equal(a.Indicators, b.Indicators)
}

// maxDiffCells bounds the LCS table of DiffLines; longer pairs of texts
// are shown as all removed and all added.
const maxDiffCells = 1 << 22

// DiffLines returns the line diff that turns a into b: every line of
// both, unchanged lines once, in order, with removed lines before the
// added lines that replace them.
func DiffLines(a, b []string) []DiffLine {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	out := make([]DiffLine, 0, len(a)+len(b))
	for _, l := range a[:pre] {
		out = append(out, DiffLine{Op: LineSame, Text: l})
	}
	out = append(out, lcsDiff(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		out = append(out, DiffLine{Op: LineSame, Text: l})
	}
	return out
}

// lcsDiff diffs a and b by their longest common subsequence.
func lcsDiff(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	out := make([]DiffLine, 0, n+m)
	if n == 0 || m == 0 || n*m > maxDiffCells {
		for _, l := range a {
			out = append(out, DiffLine{Op: LineRemoved, Text: l})
		}
		for _, l := range b {
			out = append(out, DiffLine{Op: LineAdded, Text: l})
		}
		return out
	}
	// t[i*(m+1)+j] is the LCS length of a[i:] and b[j:].
	t := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
			} else {
				t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffLine{Op: LineSame, Text: a[i]})
			i, j = i+1, j+1
		case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
			out = append(out, DiffLine{Op: LineRemoved, Text: a[i]})
			i++
		default:
			out = append(out, DiffLine{Op: LineAdded, Text: b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{Op: LineRemoved, Text: a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{Op: LineAdded, Text: b[j]})
	}
	return out
}

// CollapseDiff replaces the unchanged lines further than context lines
// from any change with one LineSkipped line each run. A diff without
// changes collapses to nothing.
func CollapseDiff(lines []DiffLine, context int) []DiffLine {
	near := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op == LineSame {
			continue
		}
		for k := max(0, i-context); k <= min(len(lines)-1, i+context); k++ {
			near[k] = true
		}
	}
	if !slices.Contains(near, true) {
		return nil
	}
	var out []DiffLine
	for i, l := range lines {
		switch {
		case near[i]:
			out = append(out, l)
		case len(out) > 0 && out[len(out)-1].Op == LineSkipped:
			out[len(out)-1].Skipped++
		default:
			out = append(out, DiffLine{Op: LineSkipped, Skipped: 1})
		}
	}
	return out
}
