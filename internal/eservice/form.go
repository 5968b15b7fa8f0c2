package eservice

// QuestionType is the kind of a question, which decides its input control
// and its validation.
type QuestionType string

// The question types.
const (
	TypeText         QuestionType = "text"         // one line of text
	TypeLongText     QuestionType = "longtext"     // several lines of text
	TypeNumber       QuestionType = "number"       // a decimal number; Swedish comma allowed
	TypeDate         QuestionType = "date"         // a date, YYYY-MM-DD
	TypeEmail        QuestionType = "email"        // an e-mail address
	TypePhone        QuestionType = "phone"        // a Swedish or international phone number
	TypePersonnummer QuestionType = "personnummer" // a personnummer or samordningsnummer
	TypeOrgNumber    QuestionType = "orgnumber"    // an organisationsnummer
	TypeAddress      QuestionType = "address"      // a postal address: street, postcode, town
	TypeChoice       QuestionType = "choice"       // one of Options, as radios or a select
	TypeMulti        QuestionType = "multichoice"  // any of Options, as checkboxes
	TypeYesNo        QuestionType = "yesno"        // yes or no, as two radios
	TypeFile         QuestionType = "file"         // an uploaded file, checked by File
	TypeInfo         QuestionType = "info"         // information text only; no answer
	TypeGroup        QuestionType = "group"        // Questions repeated: "add another"
)

// QuestionTypes lists every question type in the order the builder offers them.
func QuestionTypes() []QuestionType {
	return []QuestionType{TypeText, TypeLongText, TypeNumber, TypeDate, TypeEmail, TypePhone,
		TypePersonnummer, TypeOrgNumber, TypeAddress, TypeChoice, TypeMulti, TypeYesNo,
		TypeFile, TypeInfo, TypeGroup}
}

// Form is what a service asks: its pages (steps), in order. A "check your
// answers" page always follows the last visible page; it is not a Page.
type Form struct {
	Pages []Page `json:"pages"`
}

// Page is one step of a form.
type Page struct {
	ID        string      `json:"id"`                // unique within the form: [a-z][a-z0-9_]{0,39}
	Title     Text        `json:"title"`             // the page's h1
	Questions []Question  `json:"questions"`         // in order
	ShowIf    []Condition `json:"show_if,omitempty"` // all must hold for the page to be shown
}

// Question is one question of a page, or of a group.
type Question struct {
	ID       string       `json:"id"` // unique within the form: [a-z][a-z0-9_]{0,39}
	Type     QuestionType `json:"type"`
	Label    Text         `json:"label"`
	Hint     Text         `json:"hint,omitzero"`
	Required bool         `json:"required,omitempty"`

	// Personal marks an answer that may hold personal data beyond what the
	// type implies. Every answer is encrypted at rest regardless; this flag
	// decides what anonymization clears (see Form.Anonymize).
	Personal bool `json:"personal,omitempty"`

	Options []Option `json:"options,omitempty"` // choice, multichoice
	Display string   `json:"display,omitempty"` // choice: "radio" (default) or "select"

	MinLength int      `json:"min_length,omitempty"` // text, longtext: in characters
	MaxLength int      `json:"max_length,omitempty"` // text, longtext: 0 means the type's default
	Min       *float64 `json:"min,omitempty"`        // number: lowest value; multichoice: fewest choices
	Max       *float64 `json:"max,omitempty"`        // number: highest value; multichoice: most choices

	// Pattern is a regular expression (RE2) the whole answer must match;
	// PatternMessage is the error shown when it does not, and is required
	// with a pattern.
	Pattern        string `json:"pattern,omitempty"`
	PatternMessage Text   `json:"pattern_message,omitzero"`

	File *FileRule `json:"file,omitempty"` // file: accepted types and size

	Questions []Question `json:"questions,omitempty"`  // group: the repeated questions
	MaxRepeat int        `json:"max_repeat,omitempty"` // group: most instances (default 10)

	ShowIf []Condition `json:"show_if,omitempty"` // all must hold for the question to be shown
}

// Option is one choice of a choice or multichoice question.
type Option struct {
	Value string `json:"value"` // stored and exported: [a-z0-9_-]{1,40}
	Label Text   `json:"label"`
}

// FileRule says which files a file question accepts. Types are media types
// detected from the content (magic bytes), never from the name.
type FileRule struct {
	Types    []string `json:"types"`     // e.g. "application/pdf", "image/jpeg", "image/png"
	MaxBytes int64    `json:"max_bytes"` // at most MaxFileBytes
}

// MaxFileBytes is the largest file any question may accept: 20 MiB.
const MaxFileBytes = 20 << 20

// Condition holds when the answer to an earlier question is one of Values
// (or, with Not, is none of them). A hidden question counts as unanswered.
type Condition struct {
	Question string   `json:"question"`
	Values   []string `json:"values"`
	Not      bool     `json:"not,omitempty"`
}
