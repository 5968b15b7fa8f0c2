package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// VerifyTOTP completes a login that waits for its second factor: the
// session with tokenHash must be pending. A right code ends that session
// and starts a new one (a fresh token for the fully logged-in state). A
// wrong or replayed code gives an Invalid error with Fields["code"] and
// counts toward the account's lockout; a locked or disabled account gets
// the errors of LoginPassword; an unknown or expired pending session gives
// Unauthenticated (log in again).
func (s *Service) VerifyTOTP(ctx context.Context, tokenHash, code string) (Login, error) {
	sess, err := s.db.FindSession(ctx, tokenHash, s.idle)
	if err != nil || !sess.PendingTOTP || sess.UserID == 0 {
		return Login{}, sprang.Errorf(sprang.Unauthenticated, MsgNoPending)
	}
	u, err := s.db.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return Login{}, fmt.Errorf("verify totp: %w", err)
	}
	if err := s.usable(ctx, u); err != nil {
		return Login{}, err
	}
	if err := s.checkCode(ctx, u, code); err != nil {
		return Login{}, s.wrongCode(ctx, u, err)
	}
	if err := s.unlocked(ctx, u); err != nil {
		return Login{}, err
	}
	if err := s.db.DeleteSession(ctx, tokenHash); err != nil {
		return Login{}, fmt.Errorf("verify totp: %w", err)
	}
	return s.loggedIn(ctx, u, sess.Method, false)
}

// checkCode checks code against the user's TOTP secret and claims its time
// step, so the same code cannot be used twice, on any node.
func (s *Service) checkCode(ctx context.Context, u identity.User, code string) error {
	key, err := s.totpSecret(ctx, u.ID)
	if err != nil {
		return err
	}
	last, err := s.db.LastTOTPStep(ctx, u.ID)
	if err != nil {
		return err
	}
	step, err := secret.CheckTOTP(key, code, s.db.Now(), last)
	if err != nil {
		return err
	}
	first, err := s.db.ClaimTOTPStep(ctx, u.ID, step)
	if err != nil {
		return err
	}
	if !first {
		return codeError(MsgCodeReused, secret.ErrTOTPReused)
	}
	return nil
}

// wrongCode turns a failed code check into the error to show, counting it
// toward the account's lockout like a wrong password.
func (s *Service) wrongCode(ctx context.Context, u identity.User, err error) error {
	switch {
	case errors.Is(err, secret.ErrTOTPReused):
		err = codeError(MsgCodeReused, err)
	case errors.Is(err, secret.ErrTOTPInvalid):
		err = codeError(MsgCodeInvalid, err)
	default:
		return fmt.Errorf("verify totp: %w", err)
	}
	f, ferr := s.db.RecordLoginFailure(ctx, u.ID, s.policy.MaxFailures, s.policy.LockFor)
	if ferr != nil {
		return fmt.Errorf("verify totp: %w", ferr)
	}
	if !f.LockedUntil.IsZero() && !f.NewlyLocked {
		return s.refused(ctx, &u, tooMany(MsgLocked, f.LockedUntil), "account locked")
	}
	if f.NewlyLocked {
		if aerr := s.audit(ctx, Actor{Kind: audit.Anonymous}, audit.Entry{Action: audit.LoginLocked, ObjectType: "user",
			ObjectID: strconv.FormatInt(u.ID, 10), Detail: "locked after wrong codes"}); aerr != nil {
			return aerr
		}
		return tooMany(MsgLocked, f.LockedUntil)
	}
	return s.refused(ctx, &u, err, "wrong code")
}

// codeError is the Invalid error for the code field with message key msg.
func codeError(msg string, cause error) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: msg, Fields: map[string]string{"code": msg}, Cause: cause}
}

// totpSecret returns the user's TOTP secret (enrolled or being enrolled),
// or NotFound when there is none.
func (s *Service) totpSecret(ctx context.Context, userID int64) (string, error) {
	cred, err := s.db.FindUserCredentials(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("totp secret: %w", err)
	}
	if cred.TOTPSecret == "" {
		return "", sprang.Errorf(sprang.NotFound, "totp secret not found")
	}
	return cred.TOTPSecret, nil
}
