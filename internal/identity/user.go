package identity

import (
	"regexp"
	"strings"
	"time"
)

// User is a staff member's account. Its secrets (password hash, TOTP
// secret) are deliberately not here: the store hands them out separately
// to the login code only, so a User can be rendered or logged safely.
type User struct {
	ID           int64
	Username     string
	DisplayName  string
	Email        string // may be empty; encrypted at rest
	TOTPEnabled  bool
	OIDCIssuer   string // set for single sign-on accounts
	OIDCSubject  string
	Disabled     bool
	FailedLogins int
	LockedUntil  time.Time // zero when not locked
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Grants       []Grant
}

// Locked reports whether the account is locked out at time now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// Principal returns the principal acting for u: staff with u's grants, or
// anonymous when the account is disabled.
func (u User) Principal() Principal {
	if u.Disabled {
		return Principal{}
	}
	return Staff(u.ID, u.Grants)
}

// NewUser is what it takes to create a staff account.
type NewUser struct {
	Username    string
	DisplayName string
	Email       string // optional
	OIDCIssuer  string // optional, with OIDCSubject, for single sign-on
	OIDCSubject string
}

// Normalize returns n with username and e-mail lowercased and every field
// trimmed, ready for Validate.
func (n NewUser) Normalize() NewUser {
	n.Username = NormalizeUsername(n.Username)
	n.DisplayName = NormalizeDisplayName(n.DisplayName)
	n.Email = NormalizeEmail(n.Email)
	n.OIDCIssuer = strings.TrimSpace(n.OIDCIssuer)
	n.OIDCSubject = strings.TrimSpace(n.OIDCSubject)
	return n
}

// Validate returns nil or an Invalid *sprang.Error with a message key per
// faulty field (username, display_name, email).
func (n NewUser) Validate() error {
	f := map[string]string{}
	if !ValidUsername(n.Username) {
		f["username"] = MsgUsernameInvalid
	}
	if !ValidDisplayName(n.DisplayName) {
		f["display_name"] = MsgDisplayName
	}
	if n.Email != "" && !ValidEmail(n.Email) {
		f["email"] = MsgEmailInvalid
	}
	return fieldErrors(f)
}

// UserUpdate changes some fields of a user; nil fields stay as they are.
type UserUpdate struct {
	DisplayName *string
	Email       *string // "" removes the address
	Disabled    *bool
}

// Normalize returns u with its text fields normalized like NewUser's.
func (u UserUpdate) Normalize() UserUpdate {
	if u.DisplayName != nil {
		s := NormalizeDisplayName(*u.DisplayName)
		u.DisplayName = &s
	}
	if u.Email != nil {
		s := NormalizeEmail(*u.Email)
		u.Email = &s
	}
	return u
}

// Validate returns nil or an Invalid *sprang.Error with a message key per
// faulty field (display_name, email).
func (u UserUpdate) Validate() error {
	f := map[string]string{}
	if u.DisplayName != nil && !ValidDisplayName(*u.DisplayName) {
		f["display_name"] = MsgDisplayName
	}
	if u.Email != nil && *u.Email != "" && !ValidEmail(*u.Email) {
		f["email"] = MsgEmailInvalid
	}
	return fieldErrors(f)
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// NormalizeUsername trims and lowercases s.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidUsername reports whether s is a normalized username: 2–64
// characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit.
func ValidUsername(s string) bool { return usernamePattern.MatchString(s) }
