// Package sprang holds the vocabulary every other package shares: the error
// kinds that the web layer maps to HTTP status codes and that the command line
// maps to exit messages. It depends on the standard library only.
package sprang

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error by what the caller can do about it.
type Kind string

// The error kinds. Every error that leaves a domain or store package either is
// an *Error with one of these kinds or is treated as Internal.
const (
	Invalid         Kind = "invalid"         // the input is wrong; the message says how to fix it
	NotFound        Kind = "not_found"       // the object does not exist (or is hidden from the caller)
	Conflict        Kind = "conflict"        // the object exists already or changed meanwhile
	Forbidden       Kind = "forbidden"       // the caller is known but lacks the permission
	Unauthenticated Kind = "unauthenticated" // the caller must log in first
	TooMany         Kind = "too_many"        // rate limited or locked out for a while
	Internal        Kind = "internal"        // a fault of ours; details are logged, never shown
)

// Error is an error with a Kind, a message safe to show to the user, optional
// per-field messages, and an optional cause that is logged but never shown.
type Error struct {
	Kind    Kind
	Message string            // safe for users; a message key or plain text
	Fields  map[string]string // field name → message key, for form re-rendering
	Cause   error             // internal detail; logged once at the edge
}

// Error returns the message followed by the cause, for logs.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Kind))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" [")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k + "=" + e.Fields[k])
		}
		b.WriteString("]")
	}
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	return b.String()
}

// Unwrap returns the cause so errors.Is and errors.As see through an *Error.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf returns an *Error of kind k with a formatted user-safe message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// FieldErrors returns an Invalid error carrying per-field messages, or nil
// when fields is empty, so callers can collect and return in one step.
func FieldErrors(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "form.invalid", Fields: fields}
}

// ErrorKind returns the Kind of err: the kind of the first *Error in its
// chain, or Internal when there is none. A nil error has no kind ("").
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// ErrorMessage returns the user-safe message of err, or "" when err carries
// none (then callers show a generic text for its kind).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// ErrorFields returns the per-field messages of err, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
