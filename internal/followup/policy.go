package followup

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The digitalization policy as versioned text. A Revision is the whole
// policy as it was adopted at one time: its sections in the policy's
// structure (an introduction, the five perspectives each with its
// sub-areas, and the follow-up section that ends it), written in Markdown
// in Swedish and English, and its goals, each linked to the indicators
// that measure it. Revisions are numbered 1, 2, 3, …; each says who made
// it and why, and none is ever changed: the newest is the policy in force
// and the older ones are its history (policy_diff.go shows what changed).

// Introduction is the part of the policy before the five perspectives.
const Introduction Perspective = "inledning"

// PolicyParts returns the parts of the policy in their order: the
// introduction, the five perspectives and the follow-up section.
func PolicyParts() []Perspective {
	return append(append([]Perspective{Introduction}, Perspectives()...), Uppfoljning)
}

// partIndex returns p's position in PolicyParts, or -1.
func partIndex(p Perspective) int { return slices.Index(PolicyParts(), p) }

// Revision is one version of the policy. Number, At and AuthorName are set
// by the store; Reason (why it changed) is required.
type Revision struct {
	Number     int       // 1, 2, 3, … in the order they were made
	At         time.Time // when it was made
	AuthorID   int64     // the staff user who made it
	AuthorName string    // their display name, for staff pages only
	Reason     string    // why the policy changed
	Sections   []Section // in the policy's order (see Validate)
	Goals      []Goal
}

// Section is one section of the policy: the main section of a part (its
// Key is the part's name, e.g. "trygghet") or one of the part's sub-areas
// (Key "<part>-<name>"). Heading is plain text; Body is Markdown, which
// the web layer renders safely.
type Section struct {
	Perspective Perspective `json:"perspective"`
	Key         string      `json:"key"`
	Heading     Text        `json:"heading"`
	Body        Text        `json:"body"`
}

// Main reports whether s is the main section of its part rather than a
// sub-area.
func (s Section) Main() bool { return s.Key == string(s.Perspective) }

// Goal is one goal of the policy under one of the five perspectives,
// measured by the indicators whose keys it lists. Key is its stable
// identity across revisions.
type Goal struct {
	Key         string      `json:"key"`
	Perspective Perspective `json:"perspective"`
	Text        Text        `json:"text"`
	Indicators  []string    `json:"indicators,omitempty"`
}

// SectionsOf returns the sections of part p, its main section first.
func (r Revision) SectionsOf(p Perspective) []Section {
	var out []Section
	for _, s := range r.Sections {
		if s.Perspective == p {
			out = append(out, s)
		}
	}
	return out
}

// GoalsOf returns the goals under perspective p, in the revision's order.
func (r Revision) GoalsOf(p Perspective) []Goal {
	var out []Goal
	for _, g := range r.Goals {
		if g.Perspective == p {
			out = append(out, g)
		}
	}
	return out
}

// PolicySkeleton returns the sections every policy has, with empty texts:
// the main section of each part in PolicyParts (its Heading left for the
// caller to name). An editor of a policy that does not exist yet starts
// from it.
func PolicySkeleton() []Section {
	out := make([]Section, 0, len(PolicyParts()))
	for _, p := range PolicyParts() {
		out = append(out, Section{Perspective: p, Key: string(p)})
	}
	return out
}

// Form field names: the names under which Validate reports a problem, and
// the names the editing form gives its fields.
const (
	FieldReason   = "reason"   // the reason for the change
	FieldSections = "sections" // the structure of the sections as a whole
	FieldGoals    = "goals"    // the goals as a whole (too many)
)

// SectionField names the field of part ("heading_sv", "heading_en",
// "body_sv" or "body_en") of the section with key.
func SectionField(key, part string) string { return "sec-" + key + "-" + part }

// GoalField names the field of part ("key", "perspective", "text_sv",
// "text_en" or "indicators") of the i-th goal (from 0).
func GoalField(i int, part string) string { return "goal-" + strconv.Itoa(i) + "-" + part }

// Normalize trims the revision's texts: headings and goal texts to one
// line with single spaces, bodies to "\n" line ends without surrounding
// blank lines; indicator keys are trimmed and repeats dropped.
func (r Revision) Normalize() Revision {
	r.Reason = strings.TrimSpace(policyBlock(r.Reason))
	secs := make([]Section, len(r.Sections))
	for i, s := range r.Sections {
		s.Key = strings.TrimSpace(s.Key)
		s.Heading = Text{SV: policyLine(s.Heading.SV), EN: policyLine(s.Heading.EN)}
		s.Body = Text{SV: policyBlock(s.Body.SV), EN: policyBlock(s.Body.EN)}
		secs[i] = s
	}
	r.Sections = secs
	goals := make([]Goal, len(r.Goals))
	for i, g := range r.Goals {
		g.Key = strings.TrimSpace(g.Key)
		g.Text = Text{SV: policyLine(g.Text.SV), EN: policyLine(g.Text.EN)}
		var keys []string
		for _, k := range g.Indicators {
			if k = strings.TrimSpace(k); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		g.Indicators = keys
		goals[i] = g
	}
	r.Goals = goals
	return r
}

// policyLine collapses s to one line with single spaces.
func policyLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// policyBlock makes s's line ends "\n", drops trailing spaces of each line
// and the blank lines around it.
func policyBlock(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// PolicyIndicatorKeys returns the keys of the indicators the goals link
// to, each once, in the order they first appear.
func (r Revision) PolicyIndicatorKeys() []string {
	var out []string
	for _, g := range r.Goals {
		for _, k := range g.Indicators {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// NewSubAreaKey returns a key for a new sub-area of part p with the
// Swedish heading: "<part>-" and the heading in lower-case ASCII letters,
// digits and hyphens (å, ä → a, ö → o), made unique among taken with a
// number when needed.
func NewSubAreaKey(p Perspective, heading string, taken []string) string {
	base := string(p) + "-" + policySlug(heading)
	if policySlug(heading) == "" {
		base = string(p) + "-delomrade"
	}
	return policyUnique(base, taken)
}

// NewGoalKey returns a key for a new goal under perspective p, unique
// among taken: "<perspective>-mal-<n>".
func NewGoalKey(p Perspective, taken []string) string {
	if p == "" {
		p = "mal"
	}
	for n := 1; ; n++ {
		k := string(p) + "-mal-" + strconv.Itoa(n)
		if !slices.Contains(taken, k) {
			return k
		}
	}
}

// policyUnique returns base, or base with "-2", "-3", … when taken.
func policyUnique(base string, taken []string) string {
	k := base
	for n := 2; slices.Contains(taken, k); n++ {
		k = base + "-" + strconv.Itoa(n)
	}
	return k
}

// policySlug turns s into lower-case ASCII letters, digits and single
// hyphens, at most 40 characters.
func policySlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä', 'á', 'à':
			r = 'a'
		case 'ö', 'ó', 'ø':
			r = 'o'
		case 'é', 'è', 'ë':
			r = 'e'
		case 'ü':
			r = 'u'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	return out
}
