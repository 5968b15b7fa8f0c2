package followup

import (
	"regexp"
	"unicode/utf8"

	"sprang"
)

// Limits of a policy revision, in characters and counts.
const (
	PolicyReasonMax     = 1_000   // the reason for a change
	PolicyHeadingMax    = 200     // a section's heading, per language
	PolicyBodyMax       = 20_000  // a section's body, per language
	PolicyTextMax       = 150_000 // every heading and body together, both languages
	PolicySectionsMax   = 60      // sections, main sections included
	PolicyGoalsMax      = 100     // goals
	PolicyGoalTextMax   = 1_000   // a goal's text, per language
	PolicyGoalIndicMax  = 10      // indicators linked to one goal
	PolicyKeyMax        = 60      // a section's, goal's or indicator's key
	policyMsg           = "followup.policy.e."
	policyMsgKeyInvalid = policyMsg + "key_invalid"
)

// policyKey is the form of every key: lower-case ASCII letters, digits and
// hyphens, starting with a letter or digit.
var policyKey = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// PolicyKeyValid reports whether k is a valid key for a section, a goal or
// an indicator link: lower-case letters a–z, digits and hyphens, at most
// PolicyKeyMax characters.
func PolicyKeyValid(k string) bool { return len(k) <= PolicyKeyMax && policyKey.MatchString(k) }

// Validate checks a normalized revision and returns nil or an Invalid
// error (sprang.FieldErrors) with one message key per bad field, named as
// FieldReason, FieldSections, FieldGoals, SectionField and GoalField name
// them. The texts of the keys are in internal/i18n/locales/followup-policy.
//
// The sections must follow the policy's structure: the parts of
// PolicyParts in order, each with its main section (Key equal to the
// part's name) first and then its sub-areas (Key "<part>-…"), every key
// once; every section needs a Swedish heading and body.
func (r Revision) Validate() error {
	f := map[string]string{}
	switch {
	case r.Reason == "":
		f[FieldReason] = policyMsg + "reason_required"
	case utf8.RuneCountInString(r.Reason) > PolicyReasonMax:
		f[FieldReason] = policyMsg + "reason_too_long"
	}
	r.validateStructure(f)
	total := 0
	for _, s := range r.Sections {
		total += validateSection(f, s)
	}
	if total > PolicyTextMax {
		f[FieldSections] = policyMsg + "text_too_long"
	}
	r.validateGoals(f)
	return sprang.FieldErrors(f)
}

// validateStructure checks the sections' number, keys and order.
func (r Revision) validateStructure(f map[string]string) {
	if len(r.Sections) > PolicySectionsMax {
		f[FieldSections] = policyMsg + "too_many_sections"
		return
	}
	seen := map[string]bool{}
	last := -1
	for _, s := range r.Sections {
		part := partIndex(s.Perspective)
		switch {
		case part < 0 || !PolicyKeyValid(s.Key) || seen[s.Key]:
			f[FieldSections] = policyMsg + "structure"
			return
		case part < last, part > last && !s.Main():
			f[FieldSections] = policyMsg + "structure"
			return
		case part == last && (s.Main() || !policySubKey(s)):
			f[FieldSections] = policyMsg + "structure"
			return
		}
		seen[s.Key], last = true, part
	}
	for _, p := range PolicyParts() {
		if !seen[string(p)] {
			f[FieldSections] = policyMsg + "structure"
			return
		}
	}
}

// policySubKey reports whether s's key is that of a sub-area of its part.
func policySubKey(s Section) bool {
	prefix := string(s.Perspective) + "-"
	return len(s.Key) > len(prefix) && s.Key[:len(prefix)] == prefix
}

// validateSection checks one section's texts and returns their length.
func validateSection(f map[string]string, s Section) int {
	if !PolicyKeyValid(s.Key) {
		return 0
	}
	total := 0
	for _, t := range []struct {
		part, text string
		maxLen     int
		required   string
	}{
		{"heading_sv", s.Heading.SV, PolicyHeadingMax, "heading_required"},
		{"heading_en", s.Heading.EN, PolicyHeadingMax, ""},
		{"body_sv", s.Body.SV, PolicyBodyMax, "body_required"},
		{"body_en", s.Body.EN, PolicyBodyMax, ""},
	} {
		n := utf8.RuneCountInString(t.text)
		total += n
		switch {
		case n == 0 && t.required != "":
			f[SectionField(s.Key, t.part)] = policyMsg + t.required
		case n > t.maxLen:
			f[SectionField(s.Key, t.part)] = policyMsg + t.part[:len(t.part)-3] + "_too_long"
		}
	}
	return total
}

// validateGoals checks the goals: their number, keys, perspectives, texts
// and indicator keys.
func (r Revision) validateGoals(f map[string]string) {
	if len(r.Goals) > PolicyGoalsMax {
		f[FieldGoals] = policyMsg + "too_many_goals"
		return
	}
	seen := map[string]bool{}
	for i, g := range r.Goals {
		if !PolicyKeyValid(g.Key) || seen[g.Key] {
			f[GoalField(i, "key")] = policyMsg + "goal_key_invalid"
		}
		seen[g.Key] = true
		if !g.Perspective.Valid() {
			f[GoalField(i, "perspective")] = policyMsg + "goal_perspective_required"
		}
		switch {
		case g.Text.SV == "":
			f[GoalField(i, "text_sv")] = policyMsg + "goal_text_required"
		case utf8.RuneCountInString(g.Text.SV) > PolicyGoalTextMax:
			f[GoalField(i, "text_sv")] = policyMsg + "goal_text_too_long"
		}
		if utf8.RuneCountInString(g.Text.EN) > PolicyGoalTextMax {
			f[GoalField(i, "text_en")] = policyMsg + "goal_text_too_long"
		}
		validateGoalIndicators(f, i, g.Indicators)
	}
}

// validateGoalIndicators checks the indicator keys of the i-th goal.
func validateGoalIndicators(f map[string]string, i int, keys []string) {
	if len(keys) > PolicyGoalIndicMax {
		f[GoalField(i, "indicators")] = policyMsg + "goal_indicators_too_many"
		return
	}
	for _, k := range keys {
		if !PolicyKeyValid(k) {
			f[GoalField(i, "indicators")] = policyMsgKeyInvalid
			return
		}
	}
}
