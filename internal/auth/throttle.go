package auth

import (
	"context"
	"fmt"
	"time"
)

// throttleKeys returns the keys login attempts are counted under: one for
// the client address and one for the username. Both are keyed hashes, so
// the table holds neither addresses (personal data) nor usernames.
func (s *Service) throttleKeys(client, username string) (clientKey, userKey string) {
	return s.box.Lookup("login.client", client), s.box.Lookup("login.username", username)
}

// limit is a rate limit: at most max attempts under key per window.
type limit struct {
	key string
	max int
}

// claimAttempts records one attempt under each limit's key before the
// attempt is checked and returns the recorded rows, to be forgotten when
// the attempt turns out not to count (a successful login). When a limit is
// used up it records nothing and returns a TooMany error with message key
// msg, saying when to retry. Recording first and counting after makes
// parallel attempts on any node see each other.
func (s *Service) claimAttempts(ctx context.Context, msg string, window time.Duration, limits ...limit) ([]int64, error) {
	since := s.db.Now().Add(-window)
	var ids []int64
	for _, l := range limits {
		a, err := s.db.ClaimLoginAttempt(ctx, l.key, l.max, since)
		if err == nil && !a.Allowed {
			err = tooMany(msg, a.Window.Oldest.Add(window))
		}
		if err != nil {
			return nil, joinForget(err, s.forgetAttempts(ctx, ids))
		}
		ids = append(ids, a.ID)
	}
	return ids, nil
}

// forgetAttempts removes attempts recorded by claimAttempts.
func (s *Service) forgetAttempts(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if err := s.db.ForgetLoginAttempt(ctx, id); err != nil {
			return fmt.Errorf("login rate: %w", err)
		}
	}
	return nil
}

// joinForget returns err, or forgetErr when forgetting the attempts
// already recorded failed.
func joinForget(err, forgetErr error) error {
	if forgetErr != nil {
		return forgetErr
	}
	return err
}

// ThrottleLoginFlow counts the start of an e-ID or single sign-on login
// by client (its address, used only as a keyed hash): each start stores a
// flow, so anonymous clients may start Policy.FlowsPerClient per Window.
// Over that it returns a TooMany error (see RetryAt).
func (s *Service) ThrottleLoginFlow(ctx context.Context, client string) error {
	_, err := s.claimAttempts(ctx, MsgTooMany, s.policy.Window,
		limit{key: s.box.Lookup("flow.client", client), max: s.policy.FlowsPerClient})
	return err
}
