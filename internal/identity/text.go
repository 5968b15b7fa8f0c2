package identity

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"sprang"
)

// maxDisplayName is the longest display name accepted, in characters.
const maxDisplayName = 100

// NormalizeDisplayName trims s and collapses runs of white space to one
// space.
func NormalizeDisplayName(s string) string { return strings.Join(strings.Fields(s), " ") }

// ValidDisplayName reports whether s is a normalized, non-empty name of at
// most 100 characters without control characters.
func ValidDisplayName(s string) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxDisplayName {
		return false
	}
	return strings.IndexFunc(s, unicode.IsControl) < 0 && s == NormalizeDisplayName(s)
}

// maxEmail is the longest e-mail address accepted (RFC 5321's path limit).
const maxEmail = 254

// NormalizeEmail trims and lowercases s. Local parts are case-sensitive in
// theory but not in practice, and one spelling per address keeps lookups
// exact.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s is a plain address (no display name or
// angle brackets) that net/mail accepts, at most 254 bytes, whose domain
// has a dot.
func ValidEmail(s string) bool {
	if s == "" || len(s) > maxEmail {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".") && !strings.HasPrefix(domain, "[")
}

// ParseEmail normalizes s and returns it, or an Invalid *sprang.Error with
// Fields["email"] = MsgEmailInvalid.
func ParseEmail(s string) (string, error) {
	s = NormalizeEmail(s)
	if !ValidEmail(s) {
		return "", fieldErrors(map[string]string{"email": MsgEmailInvalid})
	}
	return s, nil
}

// Password length limits. The upper one bounds the hashing work an
// attacker can ask for; the lower follows current guidance for passwords
// that a second factor protects.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// ValidatePassword checks a new password's length in characters. It
// returns nil or an Invalid *sprang.Error with Fields["password"] set to
// MsgPasswordShort or MsgPasswordLong. Demo accounts are seeded without it.
func ValidatePassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPasswordLen:
		return fieldErrors(map[string]string{"password": MsgPasswordShort})
	case len(pw) > MaxPasswordLen:
		return fieldErrors(map[string]string{"password": MsgPasswordLong})
	}
	return nil
}

// fieldErrors is sprang.FieldErrors with the single field's key as the
// message, so an error about one thing reads well on its own too.
func fieldErrors(f map[string]string) error {
	if len(f) == 1 {
		for _, v := range f {
			return &sprang.Error{Kind: sprang.Invalid, Message: v, Fields: f}
		}
	}
	return sprang.FieldErrors(f)
}
