package followup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Narratives are the texts the development department writes for a
// year's report: an introduction, one text per perspective and a
// conclusion. They are Markdown, rendered safely (no raw HTML).
type Narratives struct {
	Introduction string                 `json:"introduction,omitempty"`
	Perspectives map[Perspective]string `json:"perspectives,omitempty"`
	Conclusion   string                 `json:"conclusion,omitempty"`
}

// NarrativeMax is the longest a narrative may be, in characters: a few
// pages of text.
const NarrativeMax = 8000

// The message keys of what may be wrong with a narrative.
const (
	MsgNarrativeTooLong    = "followup.report.msg.too_long"
	MsgNarrativeUnreadable = "followup.report.msg.unreadable"
)

// Narrative field names, as Validate names them and the form posts them.
const (
	FieldIntroduction = "introduction"
	FieldConclusion   = "conclusion"
)

// PerspectiveField returns the field name of the narrative of p.
func PerspectiveField(p Perspective) string { return "perspective_" + string(p) }

// For returns the narrative of perspective p ("" when none).
func (n Narratives) For(p Perspective) string { return n.Perspectives[p] }

// Fields returns the narratives by field name, every field present.
func (n Narratives) Fields() map[string]string {
	out := map[string]string{FieldIntroduction: n.Introduction, FieldConclusion: n.Conclusion}
	for _, p := range Perspectives() {
		out[PerspectiveField(p)] = n.For(p)
	}
	return out
}

// NarrativesFrom returns the narratives of the fields named as by Fields;
// other fields are ignored.
func NarrativesFrom(fields map[string]string) Narratives {
	n := Narratives{Introduction: fields[FieldIntroduction], Conclusion: fields[FieldConclusion]}
	for _, p := range Perspectives() {
		if t := fields[PerspectiveField(p)]; t != "" {
			if n.Perspectives == nil {
				n.Perspectives = map[Perspective]string{}
			}
			n.Perspectives[p] = t
		}
	}
	return n
}

// Normalized returns n with line ends as "\n", the space at the ends of
// each text trimmed, empty texts and texts of unknown perspectives left
// out.
func (n Narratives) Normalized() Narratives {
	out := Narratives{Introduction: normalizeText(n.Introduction), Conclusion: normalizeText(n.Conclusion)}
	for p, t := range n.Perspectives {
		if t = normalizeText(t); t != "" && p.Valid() {
			if out.Perspectives == nil {
				out.Perspectives = map[Perspective]string{}
			}
			out.Perspectives[p] = t
		}
	}
	return out
}

func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// Validate returns what is wrong with n (after Normalized) by field name
// as message keys, or nil: a text over NarrativeMax characters, or one
// that is not valid UTF-8 or holds control characters other than line
// ends and tabs.
func (n Narratives) Validate() map[string]string {
	bad := map[string]string{}
	for field, text := range n.Normalized().Fields() {
		switch {
		case !readable(text):
			bad[field] = MsgNarrativeUnreadable
		case utf8.RuneCountInString(text) > NarrativeMax:
			bad[field] = MsgNarrativeTooLong
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return bad
}

// readable reports whether s is UTF-8 without control characters other
// than newlines and tabs.
func readable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return false
		}
	}
	return true
}
