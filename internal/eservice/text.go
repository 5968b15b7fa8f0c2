package eservice

import "strings"

// Text is a text written by the author of a service, in Swedish and
// optionally English. Swedish is required; English falls back to it.
type Text struct {
	SV string `json:"sv"`
	EN string `json:"en,omitempty"`
}

// In returns the text in language lang ("sv" or "en"), falling back to
// Swedish when there is no English text.
func (t Text) In(lang string) string {
	if lang == "en" && strings.TrimSpace(t.EN) != "" {
		return t.EN
	}
	return t.SV
}

// IsZero reports whether the text is empty in both languages.
func (t Text) IsZero() bool { return strings.TrimSpace(t.SV) == "" && strings.TrimSpace(t.EN) == "" }
