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
// attempts. An unknown username locks after as many failures as an
// account and takes as long, so no answer tells whether it exists. Every
// outcome is audited.
//
// The attempt is counted before the password is checked and the lock is
// checked again in the database after a right password, so parallel
// guesses on any node cannot get past the limits or the lockout.
func (s *Service) LoginPassword(ctx context.Context, username, password, client string) (Login, error) {
	username = identity.NormalizeUsername(username)
	clientKey, userKey := s.throttleKeys(client, username)
	attempts, err := s.claimAttempts(ctx, MsgTooMany, s.policy.Window,
		limit{clientKey, s.policy.PerClient}, limit{userKey, s.policy.PerUsername})
	if err != nil {
		return Login{}, s.refused(ctx, nil, err, "rate limited")
	}
	u, cred, found, err := s.findCredentials(ctx, username)
	if err != nil {
		return Login{}, err
	}
	if !s.checkPassword(password, cred.PasswordHash) || !found {
		return Login{}, s.wrongPassword(ctx, u, found, userKey)
	}
	if err := s.usable(ctx, u); err != nil {
		return Login{}, err
	}
	if err := s.unlocked(ctx, u); err != nil {
		return Login{}, err
	}
	if err := s.forgetAttempts(ctx, attempts); err != nil {
		return Login{}, err
	}
	s.rehash(ctx, u.ID, password, cred.PasswordHash)
	return s.loggedIn(ctx, u, MethodPassword, u.TOTPEnabled)
}

// findCredentials returns the user named username and their secrets, and
// whether there is such an account.
func (s *Service) findCredentials(ctx context.Context, username string) (identity.User, store.UserCredentials, bool, error) {
	if !identity.ValidUsername(username) {
		return identity.User{}, store.UserCredentials{}, false, nil
	}
	u, err := s.db.FindUserByUsername(ctx, username)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return identity.User{}, store.UserCredentials{}, false, nil
	}
	if err != nil {
		return identity.User{}, store.UserCredentials{}, false, fmt.Errorf("login: %w", err)
	}
	cred, err := s.db.FindUserCredentials(ctx, u.ID)
	if err != nil {
		return identity.User{}, store.UserCredentials{}, false, fmt.Errorf("login: %w", err)
	}
	return u, cred, true, nil
}

// checkPassword verifies password against hash, or against a dummy hash
// when the account has none, so every attempt costs the same.
func (s *Service) checkPassword(password, hash string) bool {
	if s.beforeHash != nil {
		s.beforeHash(password)
	}
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
// right), auditing why. u may be a moment old: a login that goes on also
// passes unlocked.
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

// unlocked clears the failures of u after a right password or code — in
// the database, in one statement with the check that the account is not
// locked, so a lock that parallel wrong guesses set a moment ago holds.
func (s *Service) unlocked(ctx context.Context, u identity.User) error {
	until, err := s.db.ClearLoginFailures(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	if !until.IsZero() {
		return s.refused(ctx, &u, tooMany(MsgLocked, until), "account locked")
	}
	return nil
}

// wrongPassword counts a failed attempt against the account u (when found)
// or, for a username with no account, against userKey, locking either on
// the last allowed failure, and returns the error to show: the same for
// both.
func (s *Service) wrongPassword(ctx context.Context, u identity.User, found bool, userKey string) error {
	if !found {
		f, err := s.db.RecordUnknownLoginFailure(ctx, userKey, s.policy.MaxFailures, s.policy.LockFor)
		if err != nil {
			return fmt.Errorf("login: %w", err)
		}
		if f.LockedUntil.IsZero() {
			return s.refused(ctx, nil, loginFailed(), "wrong username or password")
		}
		return s.refused(ctx, nil, tooMany(MsgLocked, f.LockedUntil), "unknown username locked")
	}
	f, err := s.db.RecordLoginFailure(ctx, u.ID, s.policy.MaxFailures, s.policy.LockFor)
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	switch {
	case f.LockedUntil.IsZero():
		return s.refused(ctx, &u, loginFailed(), "wrong password")
	case !f.NewlyLocked:
		return s.refused(ctx, &u, tooMany(MsgLocked, f.LockedUntil), "account locked")
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
