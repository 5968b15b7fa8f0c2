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
// and subject; the first time, by a preferred_username or email claim
// whose value — or its part before '@' (anna.svensson@kommun.se →
// anna.svensson) — is an existing username without a linked identity, and
// then the identity is linked to the account. Unknown people get a
// Forbidden error with MsgSSOUnknown; disabled accounts MsgLoginDisabled.
// Every outcome is audited.
func (s *Service) LoginSSO(ctx context.Context, c Claims) (Login, error) {
	u, err := s.db.FindUserByOIDC(ctx, c.Issuer, c.Subject)
	if sprang.ErrorKind(err) == sprang.NotFound {
		u, err = s.linkSSO(ctx, c)
	}
	if err != nil {
		if k := sprang.ErrorKind(err); k == sprang.NotFound || k == sprang.Forbidden {
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
// identity to it. It returns NotFound when no claim names an account, and
// Forbidden when the account is linked to another identity already.
func (s *Service) linkSSO(ctx context.Context, c Claims) (identity.User, error) {
	for _, name := range ssoUsernames(c) {
		u, err := s.db.FindUserByUsername(ctx, name)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return identity.User{}, err
		}
		if u.OIDCSubject != "" {
			return identity.User{}, sprang.Errorf(sprang.Forbidden, "account is linked to another identity")
		}
		if err := s.db.LinkUserOIDC(ctx, u.ID, c.Issuer, c.Subject); err != nil {
			return identity.User{}, err
		}
		u.OIDCIssuer, u.OIDCSubject = c.Issuer, c.Subject
		return u, nil
	}
	return identity.User{}, sprang.Errorf(sprang.NotFound, "user not found")
}

// ssoUsernames returns the usernames c's preferred_username and email
// claims may name, in that order, each valid by identity.ValidUsername.
func ssoUsernames(c Claims) []string {
	var out []string
	for _, claim := range []string{"preferred_username", "email"} {
		v := identity.NormalizeUsername(c.String(claim))
		if claim == "email" && c.All["email_verified"] == false {
			continue
		}
		for _, cand := range []string{v, localPart(v)} {
			if identity.ValidUsername(cand) && !slices.Contains(out, cand) {
				out = append(out, cand)
			}
		}
	}
	return out
}

func localPart(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return ""
	}
	return s[:at]
}
