package audit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"sprang"
)

// Field length limits, in bytes.
const (
	maxName   = 100
	maxObject = 200
	maxText   = 500
	maxAction = 64
)

var (
	actionFormat = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`)
	// personalData matches what looks like a personnummer (YYMMDD-NNNN,
	// YYYYMMDDNNNN, …) or an e-mail address.
	personalData = regexp.MustCompile(`(^|[^0-9])([0-9]{2})?[0-9]{6}[-+ ]?[0-9]{4}($|[^0-9])|[^\s@]+@[^\s@]+\.[^\s@]+`)
)

// Validate checks a new entry before it is appended. It returns nil or a
// sprang.Invalid error with one message key per bad field: the action is
// required and must look like "object.verb"; the actor kind must be known;
// staff and resident actors need an id; PersonalDataRead needs a reason;
// text must be valid UTF-8 without control characters, within its length
// limit, and must not look like a personnummer or an e-mail address.
func (e Entry) Validate() error {
	f := map[string]string{}
	switch {
	case e.Action == "":
		f["action"] = "audit.action.required"
	case len(e.Action) > maxAction || !actionFormat.MatchString(string(e.Action)):
		f["action"] = "audit.action.format"
	}
	switch e.ActorKind {
	case Staff, Resident:
		if e.ActorID <= 0 {
			f["actor_id"] = "audit.actor_id.required"
		}
	case System, Anonymous:
	default:
		f["actor_kind"] = "audit.actor_kind.unknown"
	}
	if e.ActorID < 0 {
		f["actor_id"] = "audit.id.negative"
	}
	if e.ResidentID < 0 {
		f["resident_id"] = "audit.id.negative"
	}
	if e.Action == PersonalDataRead && strings.TrimSpace(e.Reason) == "" {
		f["reason"] = "audit.reason.required"
	}
	checkText(f, "actor_name", e.ActorName, maxName, true)
	checkText(f, "object_type", e.ObjectType, maxObject, false)
	checkText(f, "object_id", e.ObjectID, maxObject, false)
	checkText(f, "reason", e.Reason, maxText, true)
	checkText(f, "detail", e.Detail, maxText, true)
	return sprang.FieldErrors(f)
}

// checkText records in f the first problem of the text s, if any.
func checkText(f map[string]string, field, s string, max int, noPersonal bool) {
	if _, bad := f[field]; bad {
		return
	}
	switch {
	case len(s) > max:
		f[field] = "audit.text.too_long"
	case !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl):
		f[field] = "audit.text.invalid"
	case noPersonal && personalData.MatchString(s):
		f[field] = "audit.text.personal_data"
	}
}
