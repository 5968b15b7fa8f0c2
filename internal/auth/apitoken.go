package auth

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// CreateAPIToken makes a new API token for the user, named name (a label
// such as "statistics export"; "api" when empty), stores only its hash,
// audits it and returns the token: the only time it is ever shown.
func (s *Service) CreateAPIToken(ctx context.Context, actor Actor, userID int64, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		name = "api"
	}
	token, t, err := s.db.CreateAPIToken(ctx, userID, name)
	if err != nil {
		return "", err
	}
	err = s.audit(ctx, actor, audit.Entry{Action: audit.APITokenCreated, ObjectType: "apitoken",
		ObjectID: strconv.FormatInt(t.ID, 10), Detail: "for user " + strconv.FormatInt(userID, 10)})
	if err != nil {
		return "", err
	}
	return token, nil
}

// AuthenticateAPIToken returns the user an API token belongs to, with the
// user's grants. It returns Unauthenticated for an unknown or revoked
// token and for a disabled user, with the same message for all three.
func (s *Service) AuthenticateAPIToken(ctx context.Context, token string) (identity.User, error) {
	if token == "" {
		return identity.User{}, sprang.Errorf(sprang.Unauthenticated, "auth.apitoken.invalid")
	}
	u, err := s.db.FindUserByAPIToken(ctx, secret.HashToken(token))
	if err != nil {
		if sprang.ErrorKind(err) == sprang.Unauthenticated {
			return identity.User{}, sprang.Errorf(sprang.Unauthenticated, "auth.apitoken.invalid")
		}
		return identity.User{}, fmt.Errorf("authenticate api token: %w", err)
	}
	return u, nil
}
