package auth

import (
	"context"
	"fmt"
)

// throttleKeys returns the keys failed attempts are counted under: one for
// the client address and one for the username. Both are keyed hashes, so
// the table holds neither addresses (personal data) nor usernames.
func (s *Service) throttleKeys(client, username string) (clientKey, userKey string) {
	return s.box.Lookup("login.client", client), s.box.Lookup("login.username", username)
}

// checkThrottle returns a TooMany error, saying when to retry, when the
// client or the username has used up its failed attempts in the window.
func (s *Service) checkThrottle(ctx context.Context, clientKey, userKey string) error {
	since := s.db.Now().Add(-s.policy.Window)
	for _, l := range []struct {
		key   string
		limit int
	}{{clientKey, s.policy.PerClient}, {userKey, s.policy.PerUsername}} {
		w, err := s.db.CountLoginAttempts(ctx, l.key, since)
		if err != nil {
			return fmt.Errorf("check login rate: %w", err)
		}
		if w.Count >= l.limit {
			return tooMany(MsgTooMany, w.Oldest.Add(s.policy.Window))
		}
	}
	return nil
}

// recordFailure counts a failed attempt under both keys.
func (s *Service) recordFailure(ctx context.Context, clientKey, userKey string) error {
	for _, k := range []string{clientKey, userKey} {
		if err := s.db.RecordLoginAttempt(ctx, k); err != nil {
			return err
		}
	}
	return nil
}
