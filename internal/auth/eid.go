package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
)

// Claims that carry a resident's personnummer: the one most Swedish e-ID
// brokers use, and the one of the Swedish OpenID Connect profile
// (oidc.se). A configured claim name (config.OIDC.PNRClaim) is tried first.
const (
	ClaimPNR       = "personal_identity_number"
	ClaimPNROIDCSE = "https://id.oidc.se/claim/personalIdentityNumber"
)

// LoADemo is the level of assurance of the simulated e-ID of the demo: it
// proves nothing.
const LoADemo = "demo"

// Message keys of e-ID login errors besides the OIDC ones.
const (
	MsgEIDNoPnr  = "eid.no_pnr"      // the provider sent no valid personnummer
	MsgEIDLoA    = "eid.loa_unknown" // the provider sent no known level of assurance
	MsgEIDLoALow = "eid.loa_too_low" // the provider sent a lower level of assurance than asked for
)

// EIDLoginFromClaims reads a resident's e-ID login from the claims of a
// verified ID token: the personnummer from pnrClaim (when set) or the
// well-known claims, validated with identity.ParsePersonnummer at now
// (format, date, Luhn); the names from given_name and family_name; the
// level of assurance from acr, which must meet acrValues (the requested
// ones, config.OIDC.ACRValues; see meetsACR). It returns an
// Unauthenticated *sprang.Error with MsgEIDNoPnr, MsgEIDLoA or
// MsgEIDLoALow; its cause never holds the number.
func EIDLoginFromClaims(c Claims, pnrClaim, acrValues string, now time.Time) (identity.EIDLogin, error) {
	raw := ""
	for _, name := range []string{pnrClaim, ClaimPNR, ClaimPNROIDCSE} {
		if name != "" && c.String(name) != "" {
			raw = c.String(name)
			break
		}
	}
	pnr, err := identity.ParsePersonnummer(raw, now)
	if err != nil {
		return identity.EIDLogin{}, oidcError(sprang.Unauthenticated, MsgEIDNoPnr,
			errors.New("id token has no valid personnummer: "+sprang.ErrorMessage(err)))
	}
	loa, err := identity.ParseLoA(c.ACR)
	if err != nil {
		return identity.EIDLogin{}, oidcError(sprang.Unauthenticated, MsgEIDLoA,
			fmt.Errorf("id token acr %q is no known level of assurance", safeACR(c.ACR)))
	}
	if !meetsACR(c.ACR, loa, acrValues) {
		return identity.EIDLogin{}, oidcError(sprang.Unauthenticated, MsgEIDLoALow,
			fmt.Errorf("id token acr %q is below the requested %q", safeACR(c.ACR), safeACR(acrValues)))
	}
	return identity.EIDLogin{Personnummer: pnr, GivenName: c.String("given_name"),
		FamilyName: c.String("family_name"), LoA: loa}, nil
}

// meetsACR reports whether the returned acr (read as loa) satisfies the
// requested acrValues (space-separated, as sent to the provider): always
// when none were requested; otherwise when acr is one of them, or loa is
// at least the lowest level of assurance among them. A provider may
// answer with another acr than asked for (OpenID Connect Core 3.1.2.1:
// acr_values is a voluntary claim request), so the answer is checked.
func meetsACR(acr string, loa identity.LoA, acrValues string) bool {
	requested := strings.Fields(acrValues)
	if len(requested) == 0 || slices.Contains(requested, acr) {
		return true
	}
	var lowest identity.LoA
	for _, r := range requested {
		if l, err := identity.ParseLoA(r); err == nil && (lowest == "" || !l.AtLeast(lowest)) {
			lowest = l
		}
	}
	return lowest != "" && loa.AtLeast(lowest)
}

// safeACR shortens an acr value for an error message.
func safeACR(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

// LoginEID finishes a resident's e-ID login: it finds or creates the
// resident with the personnummer (stored encrypted), starts a resident
// session with method and the login's level of assurance (loa overrides
// it when not empty, as for the demo) and audits resident.login. The
// personnummer is never logged or audited.
func (s *Service) LoginEID(ctx context.Context, l identity.EIDLogin, method, loa string) (Login, error) {
	if loa == "" {
		loa = string(l.LoA)
	}
	r, err := s.db.FindOrCreateResidentByEID(ctx, l)
	if err != nil {
		return Login{}, fmt.Errorf("e-id login: %w", err)
	}
	return s.residentLoggedIn(ctx, r.ID, method, loa)
}

// residentLoggedIn starts the session of resident id and audits the login.
func (s *Service) residentLoggedIn(ctx context.Context, id int64, method, loa string) (Login, error) {
	token, err := s.StartSession(ctx, Subject{ResidentID: id}, method, loa)
	if err != nil {
		return Login{}, err
	}
	err = s.audit(ctx, Actor{Kind: audit.Resident, ID: id}, audit.Entry{Action: audit.ResidentLogin,
		ObjectType: "resident", ObjectID: strconv.FormatInt(id, 10), ResidentID: id, Detail: method + " " + loa})
	if err != nil {
		return Login{}, err
	}
	return Login{Token: token}, nil
}

// RefuseLogin audits a refused login through provider (ProviderEID,
// ProviderSSO or "email") and returns err. The audit detail is the error's
// message key and the kind of cause, never personal data.
func (s *Service) RefuseLogin(ctx context.Context, provider string, err error) error {
	detail := provider + ": " + sprang.ErrorMessage(err)
	if aerr := s.audit(ctx, Actor{Kind: audit.Anonymous}, audit.Entry{Action: audit.LoginFailure, Detail: detail}); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}
