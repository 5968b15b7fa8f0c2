package eservice

// Answers holds a resident's answers, keyed by field name. A field name is
// a question id; an address question has the fields "<id>.street",
// "<id>.postcode" and "<id>.city"; the questions of a group instance i
// (from 0) are "<group>.<i>.<question>", and "<group>" holds the number of
// instances as a decimal string. A multichoice answer has one value per
// choice; every other answer has at most one value. File answers hold the
// decimal id of the uploaded File.
type Answers map[string][]string

// Get returns the first value of field, or "".
func (a Answers) Get(field string) string {
	if v := a[field]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Clone returns a deep copy of a.
func (a Answers) Clone() Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// FieldError is one problem with one answer. Field is the field name (and
// the id of the input it concerns); Key is a message key with Args for its
// placeholders; Custom, when set, is the author's own message (a pattern's
// PatternMessage) and is shown instead of Key.
type FieldError struct {
	Field  string
	Key    string
	Args   []any
	Custom Text
}

// Row is one answer as a person reads it, for "check your answers", the
// receipt, the PDF and the case officer: the page it is on, its label and
// its value formatted for display. Group instances give one Row per inner
// question with Instance set (from 1).
type Row struct {
	Page     int    // index into Form.Pages
	Field    string // the field name, for change links
	Label    Text
	Value    string   // the display value; "" when unanswered
	Values   []string // for multichoice: one display value per choice
	Instance int      // group instance number, from 1; 0 outside groups
	Group    Text     // the group's label, for rows inside a group
	FileID   int64    // for file questions: the File id
}
