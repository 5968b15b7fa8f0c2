package auth

import (
	"context"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// APITokenLimitsChanged is the audit action of an administrator giving
// an API token its own rate limit and daily quota (or taking them away).
const APITokenLimitsChanged audit.Action = "apitoken.limits_changed"

// AuthenticateAPITokenUse is AuthenticateAPIToken that also returns the
// token's id and its own limits, for the API's rate limits. It returns
// Unauthenticated for an unknown or revoked token and for a disabled
// user, with the same message for all three.
func (s *Service) AuthenticateAPITokenUse(ctx context.Context, token string) (store.APITokenUse, error) {
	if token == "" {
		return store.APITokenUse{}, sprang.Errorf(sprang.Unauthenticated, "auth.apitoken.invalid")
	}
	use, err := s.db.FindAPITokenUse(ctx, secret.HashToken(token))
	if err != nil {
		if sprang.ErrorKind(err) == sprang.Unauthenticated {
			return store.APITokenUse{}, sprang.Errorf(sprang.Unauthenticated, "auth.apitoken.invalid")
		}
		return store.APITokenUse{}, fmt.Errorf("authenticate api token: %w", err)
	}
	return use, nil
}

// APITokenEntries returns the tokens of the user with userID with their
// own limits, revoked ones included, newest first. It returns the
// store's error when they cannot be read.
func (s *Service) APITokenEntries(ctx context.Context, userID int64) ([]store.APITokenEntry, error) {
	ts, err := s.db.FindAPITokenEntries(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("api tokens: %w", err)
	}
	return ts, nil
}

// LiveAPITokens returns every live token of every enabled user with its
// limits and owner, for the administrators who set limits. It returns
// the store's error when they cannot be read; the caller checks
// MaySetAPITokenLimits first.
func (s *Service) LiveAPITokens(ctx context.Context) ([]store.APITokenEntry, error) {
	ts, err := s.db.FindLiveAPITokens(ctx)
	if err != nil {
		return nil, fmt.Errorf("live api tokens: %w", err)
	}
	return ts, nil
}

// MaySetAPITokenLimits reports whether the staff user u may give API
// tokens their own limits: an administrator of the whole platform
// (identity.ManageUsers on the group root), since a larger quota lets
// one client take more of every node. A token's owner may not raise
// their own.
func MaySetAPITokenLimits(u identity.User, t *identity.Tree) bool {
	return identity.Can(u.Principal(), identity.ManageUsers, 0, t)
}

// SetAPITokenLimits gives the live token tokenID its own rate limit
// (calls a minute) and daily quota (calls a UTC day), nil clearing one so
// the API's default applies, and audits it as APITokenLimitsChanged. The
// API reads it within the half minute it believes a checked token. It
// returns the store's Invalid (fields per_minute, per_day) or NotFound
// (unknown or revoked token), and nothing is audited then. The caller
// checks who may: MaySetAPITokenLimits, or the command line.
func (s *Service) SetAPITokenLimits(ctx context.Context, actor Actor, tokenID int64, perMinute, perDay *int) error {
	if err := s.db.SetAPITokenLimits(ctx, tokenID, perMinute, perDay); err != nil {
		return err
	}
	return s.audit(ctx, actor, audit.Entry{Action: APITokenLimitsChanged, ObjectType: "apitoken",
		ObjectID: strconv.FormatInt(tokenID, 10), Detail: "per minute " + limitText(perMinute) + ", per day " + limitText(perDay)})
}

// limitText is a limit in an audit entry: the number, or "default".
func limitText(p *int) string {
	if p == nil {
		return "default"
	}
	return strconv.Itoa(*p)
}
