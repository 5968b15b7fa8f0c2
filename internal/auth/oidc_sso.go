package auth

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"sprang"
	"sprang/internal/identity"
)

// MsgSSOUnknown is the message for a single sign-on identity that belongs
// to no staff account: accounts are created by administrators.
const MsgSSOUnknown = "sso.unknown"

// LoginSSO logs in the staff user that the verified single sign-on
// identity c belongs to and starts a session (no TOTP step: the identity
// provider does the strong authentication). The user is found by issuer
// and subject. Only when a staff e-mail domain is configured
// (config.OIDC.Domain) is a first login linked by name: a
// preferred_username, or a verified email (email_verified true), of
// exactly NAME@domain names the account NAME, which must have no linked
// identity yet; the identity is then linked to it. Addresses of any other
// domain (guests, private accounts at the same provider) never name an
// account. Unknown people get a Forbidden error with MsgSSOUnknown;
// disabled accounts MsgLoginDisabled. Every outcome is audited.
func (s *Service) LoginSSO(ctx context.Context, c Claims) (Login, error) {
	u, err := s.db.FindUserByOIDC(ctx, c.Issuer, c.Subject)
	if sprang.ErrorKind(err) == sprang.NotFound {
		u, err = s.linkSSO(ctx, c)
	}
	if err != nil {
		if k := sprang.ErrorKind(err); k == sprang.NotFound || k == sprang.Forbidden || k == sprang.Conflict {
			return Login{}, s.refused(ctx, nil, sprang.Errorf(sprang.Forbidden, MsgSSOUnknown), "single sign-on identity has no account")
		}
		return Login{}, fmt.Errorf("sso login: %w", err)
	}
	if err := s.usable(ctx, u); err != nil {
		return Login{}, err
	}
	return s.loggedIn(ctx, u, MethodOIDC, false)
}

// linkSSO finds the account named by c's username claims and links c's
// identity to it, only if the account has none yet. It returns NotFound
// when no claim names an account, and Conflict when the account is linked
// to another identity already.
func (s *Service) linkSSO(ctx context.Context, c Claims) (identity.User, error) {
	for _, name := range ssoUsernames(c, s.ssoDomain) {
		u, err := s.db.FindUserByUsername(ctx, name)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return identity.User{}, err
		}
		if err := s.db.LinkUserOIDC(ctx, u.ID, c.Issuer, c.Subject); err != nil {
			return identity.User{}, err
		}
		u.OIDCIssuer, u.OIDCSubject = c.Issuer, c.Subject
		return u, nil
	}
	return identity.User{}, sprang.Errorf(sprang.NotFound, "user not found")
}

// ssoUsernames returns the usernames c's preferred_username and (when
// verified) email claims name, in that order: the part before '@' of a
// value whose domain is exactly domain, valid by identity.ValidUsername.
// With no domain it returns none.
func ssoUsernames(c Claims, domain string) []string {
	if domain == "" {
		return nil
	}
	var out []string
	for _, claim := range []string{"preferred_username", "email"} {
		if claim == "email" && c.All["email_verified"] != true {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(c.String(claim)))
		at := strings.LastIndexByte(v, '@')
		if at < 0 || v[at+1:] != domain {
			continue
		}
		if name := v[:at]; identity.ValidUsername(name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
