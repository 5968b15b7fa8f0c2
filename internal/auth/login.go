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

// Login is the outcome of a successful login step: the new session's
// token (for the cookie) and whether the second factor is still due.
type Login struct {
	Token       string
	PendingTOTP bool
	UserID      int64
}

// LoginPassword checks a staff username and password from client (the
// client's address, used only as a rate-limit key) and starts a session.
// When the user has TOTP on, the session waits for VerifyTOTP. It returns
// an Invalid error with MsgLoginFailed for a wrong username or password
// (the same answer for both), MsgLoginDisabled for a disabled account
// with the right password, and a TooMany error (see RetryAt) when the
// account is locked or the client or username made too many failed
// attempts. Unknown users take as long as known ones. Every outcome is
// audited.
func (s *Service) LoginPassword(ctx context.Context, username, password, client string) (Login, error) {
	username = identity.NormalizeUsername(username)
	clientKey, userKey := s.throttleKeys(client, username)
	if err := s.checkThrottle(ctx, clientKey, userKey); err != nil {
		return Login{}, s.refused(ctx, nil, err, "rate limited")
	}
	u, cred, err := s.findCredentials(ctx, username)
	if err != nil {
		return Login{}, err
	}
	ok := s.checkPassword(password, cred.PasswordHash)
	if u == nil || !ok {
		return Login{}, s.wrongPassword(ctx, u, clientKey, userKey)
	}
	if err := s.usable(ctx, *u); err != nil {
		return Login{}, err
	}
	if err := s.db.ResetLoginFailures(ctx, u.ID); err != nil {
		return Login{}, err
	}
	s.rehash(ctx, u.ID, password, cred.PasswordHash)
	return s.loggedIn(ctx, *u, MethodPassword, u.TOTPEnabled)
}

// findCredentials returns the user named username and their secrets, or a
// nil user (and no error) when there is no such account.
func (s *Service) findCredentials(ctx context.Context, username string) (*identity.User, store.UserCredentials, error) {
	if !identity.ValidUsername(username) {
		return nil, store.UserCredentials{}, nil
	}
	u, err := s.db.FindUserByUsername(ctx, username)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil, store.UserCredentials{}, nil
	}
	if err != nil {
		return nil, store.UserCredentials{}, fmt.Errorf("login: %w", err)
	}
	cred, err := s.db.FindUserCredentials(ctx, u.ID)
	if err != nil {
		return nil, store.UserCredentials{}, fmt.Errorf("login: %w", err)
	}
	return &u, cred, nil
}

// checkPassword verifies password against hash, or against a dummy hash
// when the account has none, so every attempt costs the same.
func (s *Service) checkPassword(password, hash string) bool {
	s.hashSlots <- struct{}{} // each check takes ~19 MiB: never run more than the cores can
	defer func() { <-s.hashSlots }()
	if hash == "" {
		_, _ = secret.VerifyPassword(password, s.dummyHash())
		return false
	}
	ok, err := secret.VerifyPassword(password, hash)
	return err == nil && ok
}

// usable refuses a login to a disabled or locked account (the password was
// right), auditing why.
func (s *Service) usable(ctx context.Context, u identity.User) error {
	now := s.db.Now()
	switch {
	case u.Disabled:
		return s.refused(ctx, &u, sprang.Errorf(sprang.Forbidden, MsgLoginDisabled), "account disabled")
	case u.Locked(now):
		return s.refused(ctx, &u, tooMany(MsgLocked, u.LockedUntil), "account locked")
	}
	return nil
}

// wrongPassword counts a failed attempt against the client, the username
// and (for a known user) the account, locking it on the last allowed
// failure, and returns the error to show.
func (s *Service) wrongPassword(ctx context.Context, u *identity.User, clientKey, userKey string) error {
	if err := s.recordFailure(ctx, clientKey, userKey); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	if u == nil {
		return s.refused(ctx, nil, loginFailed(), "wrong username or password")
	}
	if u.Locked(s.db.Now()) {
		return s.refused(ctx, u, tooMany(MsgLocked, u.LockedUntil), "account locked")
	}
	f, err := s.db.RecordLoginFailure(ctx, u.ID, s.policy.MaxFailures, s.policy.LockFor)
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	if f.LockedUntil.IsZero() {
		return s.refused(ctx, u, loginFailed(), "wrong password")
	}
	if err := s.audit(ctx, Actor{Kind: audit.Anonymous}, audit.Entry{Action: audit.LoginLocked, ObjectType: "user",
		ObjectID: strconv.FormatInt(u.ID, 10), Detail: "locked after " + strconv.Itoa(s.policy.MaxFailures) + " failures"}); err != nil {
		return err
	}
	return tooMany(MsgLocked, f.LockedUntil)
}

// refused audits a refused login (of user u, when known) and returns
// cause, or the audit error when the log cannot be written.
func (s *Service) refused(ctx context.Context, u *identity.User, cause error, why string) error {
	e := audit.Entry{Action: audit.LoginFailure, Detail: why}
	if u != nil {
		e.ObjectType, e.ObjectID = "user", strconv.FormatInt(u.ID, 10)
	}
	if err := s.audit(ctx, Actor{Kind: audit.Anonymous}, e); err != nil {
		return err
	}
	return cause
}

// loggedIn starts the session of a user whose first factor succeeded and
// audits the login when it is complete.
func (s *Service) loggedIn(ctx context.Context, u identity.User, method string, pendingTOTP bool) (Login, error) {
	token, err := s.startSession(ctx, Subject{UserID: u.ID, Name: u.Username}, method, "", pendingTOTP)
	if err != nil {
		return Login{}, err
	}
	if !pendingTOTP {
		if err := s.audit(ctx, StaffActor(u.ID, u.Username), audit.Entry{Action: audit.LoginSuccess, Detail: method}); err != nil {
			return Login{}, err
		}
	}
	return Login{Token: token, PendingTOTP: pendingTOTP, UserID: u.ID}, nil
}

// rehash stores a new hash of a just-verified password when the stored one
// was made with older parameters. A failure only delays the upgrade.
func (s *Service) rehash(ctx context.Context, userID int64, password, hash string) {
	if secret.NeedsRehash(hash) {
		_ = s.db.SetPasswordHash(ctx, userID, s.policy.HashPassword(password))
	}
}
