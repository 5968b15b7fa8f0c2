package identity

import (
	"strings"
	"time"
)

// ResidentKind says how a resident proved who they are.
type ResidentKind string

// The kinds of resident.
const (
	ResidentEID   ResidentKind = "eid"   // Swedish e-ID: personnummer or samordningsnummer
	ResidentEmail ResidentKind = "email" // a verified e-mail address, for people without Swedish e-ID
)

// LoA is a level of assurance (tillitsnivå) in the Swedish framework for
// electronic identification: how sure the platform is of who a resident is.
type LoA string

// The levels. BankID and Freja eID+ give LoA3; a verified e-mail address
// gives LoA1.
const (
	LoA1 LoA = "loa1"
	LoA2 LoA = "loa2"
	LoA3 LoA = "loa3"
	LoA4 LoA = "loa4"
)

// ParseLoA reads a level of assurance: "loa3", "3", or an identifier URI
// ending in "loa3" such as http://id.elegnamnden.se/loa/1.0/loa3. It returns
// an Invalid *sprang.Error with Fields["loa"] = MsgLoAInvalid otherwise.
func ParseLoA(s string) (LoA, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 1 {
		s = "loa" + s
	}
	for _, l := range []LoA{LoA1, LoA2, LoA3, LoA4} {
		if s == string(l) || strings.HasSuffix(s, "/"+string(l)) {
			return l, nil
		}
	}
	return "", fieldErrors(map[string]string{"loa": MsgLoAInvalid})
}

// AtLeast reports whether l is as high as min or higher.
func (l LoA) AtLeast(min LoA) bool { return l != "" && l >= min }

// Resident is a person using the e-services (invånare). Personal fields are
// plain here; the store encrypts them at rest and never logs them.
type Resident struct {
	ID           int64
	Kind         ResidentKind
	LoA          LoA
	Personnummer Personnummer // for Kind ResidentEID
	Email        string       // for Kind ResidentEmail
	GivenName    string
	FamilyName   string
	CreatedAt    time.Time
	LastLoginAt  time.Time
}

// Name returns the resident's full name, or "" when unknown.
func (r Resident) Name() string {
	return strings.TrimSpace(r.GivenName + " " + r.FamilyName)
}

// Principal returns the principal acting for r.
func (r Resident) Principal() Principal { return ResidentPrincipal(r.ID) }

// EIDLogin is what an e-ID login tells about a resident.
type EIDLogin struct {
	Personnummer Personnummer
	GivenName    string
	FamilyName   string
	LoA          LoA
}

// APIToken describes an API token without the token itself, which is shown
// once when created and only its hash is kept.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used
	RevokedAt  time.Time // zero while valid
}

// Revoked reports whether the token has been revoked.
func (t APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }
