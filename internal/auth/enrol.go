package auth

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/secret"
)

// Enrolment is a TOTP secret being set up, for showing to its user: the
// secret as text (to type into an app) and the otpauth:// URL (for a QR
// code). Both are secrets; never log them.
type Enrolment struct {
	Secret string
	URL    string
}

// BeginTOTP creates a new TOTP secret for the user and keeps it, sealed,
// until ConfirmTOTP proves the user's app has it. Beginning again replaces
// a secret not yet confirmed. It returns Conflict when TOTP is on already.
func (s *Service) BeginTOTP(ctx context.Context, userID int64) error {
	u, err := s.db.FindUserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("begin totp: %w", err)
	}
	if u.TOTPEnabled {
		return sprang.Errorf(sprang.Conflict, "auth.totp.already_on")
	}
	k, err := secret.NewTOTP(s.policy.TOTPIssuer, u.Username)
	if err != nil {
		return fmt.Errorf("begin totp: %w", err)
	}
	if err := s.db.SetTOTPSecret(ctx, u.ID, k.Secret); err != nil {
		return fmt.Errorf("begin totp: %w", err)
	}
	return nil
}

// PendingEnrolment returns the unconfirmed TOTP secret of the user, or
// NotFound when enrolment has not begun (or TOTP is on already).
func (s *Service) PendingEnrolment(ctx context.Context, userID int64) (Enrolment, error) {
	u, err := s.db.FindUserByID(ctx, userID)
	if err != nil {
		return Enrolment{}, fmt.Errorf("pending totp: %w", err)
	}
	if u.TOTPEnabled {
		return Enrolment{}, sprang.Errorf(sprang.NotFound, "no pending totp enrolment")
	}
	key, err := s.totpSecret(ctx, u.ID)
	if err != nil {
		return Enrolment{}, err
	}
	return Enrolment{Secret: key, URL: otpauthURL(s.policy.TOTPIssuer, u.Username, key)}, nil
}

// otpauthURL returns the key URI authenticator apps read.
func otpauthURL(issuer, account, key string) string {
	q := url.Values{"secret": {key}, "issuer": {issuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return "otpauth://totp/" + url.PathEscape(issuer+":"+account) + "?" + q.Encode()
}

// ConfirmTOTP turns TOTP on for the user when code matches the pending
// secret, and audits it. A wrong code gives an Invalid error with
// Fields["code"]; no pending secret gives NotFound.
func (s *Service) ConfirmTOTP(ctx context.Context, actor Actor, userID int64, code string) error {
	u, err := s.db.FindUserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("confirm totp: %w", err)
	}
	if u.TOTPEnabled {
		return sprang.Errorf(sprang.Conflict, "auth.totp.already_on")
	}
	if err := s.checkCode(ctx, u, code); err != nil {
		return enrolError(err)
	}
	if err := s.db.EnableTOTP(ctx, u.ID); err != nil {
		return fmt.Errorf("confirm totp: %w", err)
	}
	return s.audit(ctx, actor, audit.Entry{Action: audit.TOTPEnabled, ObjectType: "user", ObjectID: strconv.FormatInt(u.ID, 10)})
}

// enrolError maps a failed code check to the message to show.
func enrolError(err error) error {
	switch {
	case sprang.ErrorKind(err) == sprang.NotFound:
		return err
	case sprang.ErrorKind(err) == sprang.Invalid:
		return codeError(MsgCodeInvalid, err)
	}
	return fmt.Errorf("confirm totp: %w", err)
}
