package auth

import (
	"context"
	"fmt"
	"strconv"

	"sprang/internal/audit"
	"sprang/internal/identity"
)

// APITokens returns the API tokens of the user with userID, revoked ones
// included, newest first, without the tokens themselves (only their
// hashes are kept). It returns the store's error when they cannot be read.
func (s *Service) APITokens(ctx context.Context, userID int64) ([]identity.APIToken, error) {
	ts, err := s.db.FindAPITokens(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("api tokens: %w", err)
	}
	return ts, nil
}

// RevokeAPIToken revokes the live token id of the user with userID, so it
// stops working at once, and audits it. It returns NotFound when the user
// has no such live token (someone else's token included), and nothing is
// audited then.
func (s *Service) RevokeAPIToken(ctx context.Context, actor Actor, userID, id int64) error {
	if err := s.db.RevokeAPIToken(ctx, userID, id); err != nil {
		return err
	}
	return s.audit(ctx, actor, audit.Entry{Action: audit.APITokenRevoked, ObjectType: "apitoken",
		ObjectID: strconv.FormatInt(id, 10), Detail: "for user " + strconv.FormatInt(userID, 10)})
}
