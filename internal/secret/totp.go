package secret

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"

	"sprang"
)

// TOTP settings: RFC 6238 defaults that every authenticator app reads.
const (
	totpPeriod = 30 // seconds per step
	totpDigits = otp.DigitsSix
)

// Errors wrapped by CheckTOTP's *sprang.Error, for errors.Is.
var (
	ErrTOTPInvalid = errors.New("wrong TOTP code")
	ErrTOTPReused  = errors.New("TOTP code already used")
)

// TOTPKey is a new TOTP secret (base32, as authenticator apps take it) and
// its otpauth:// URL for a QR code. Both are secrets: show them once to
// the user who enrols, store Secret encrypted, log neither.
type TOTPKey struct {
	Secret string
	URL    string
}

// NewTOTP generates a TOTP secret of 20 random bytes for account (the
// username) at issuer (the platform's name, as the app will show it). It
// returns an error when issuer or account is empty.
func NewTOTP(issuer, account string) (TOTPKey, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Period: totpPeriod, Digits: totpDigits})
	if err != nil {
		return TOTPKey{}, fmt.Errorf("generate TOTP secret: %w", err)
	}
	return TOTPKey{Secret: k.Secret(), URL: k.URL()}, nil
}

// TOTPQRCode renders an otpauth:// URL as a PNG QR code of size×size
// pixels. It returns an error for a URL it cannot read.
func TOTPQRCode(url string, size int) ([]byte, error) {
	k, err := otp.NewKeyFromURL(url)
	if err == nil && k.Type() != "totp" {
		err = errors.New("not an otpauth://totp/ URL")
	}
	if err != nil {
		return nil, fmt.Errorf("TOTP QR code: %w", err)
	}
	img, err := k.Image(size, size)
	if err != nil {
		return nil, fmt.Errorf("TOTP QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("TOTP QR code: %w", err)
	}
	return buf.Bytes(), nil
}

// TOTPStep returns the RFC 6238 time step that now falls in.
func TOTPStep(now time.Time) int64 { return now.Unix() / totpPeriod }

// TOTPCode returns the code for secret at time at, for tests and demos. It
// returns an error for a secret that is not base32.
func TOTPCode(secret string, at time.Time) (string, error) {
	return codeAt(secret, TOTPStep(at))
}

func codeAt(secret string, step int64) (string, error) {
	if step < 0 {
		return "", fmt.Errorf("TOTP step %d before 1970", step)
	}
	code, err := hotp.GenerateCodeCustom(secret, uint64(step), hotp.ValidateOpts{Digits: totpDigits, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("TOTP code: %w", err)
	}
	return code, nil
}

// CheckTOTP checks code (spaces allowed) against secret at time now,
// accepting the previous, current and next step to allow for clock skew,
// and refusing any step at or before lastStep — the step of the last code
// accepted for this user, 0 for none — so a code cannot be replayed. On
// success it returns the step matched, which the caller must store (and
// store atomically, only if still greater than the stored one) as the new
// lastStep. On failure it returns an Invalid *sprang.Error wrapping
// ErrTOTPInvalid or ErrTOTPReused, or an internal error for a bad secret.
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (int64, error) {
	code = strings.ReplaceAll(code, " ", "")
	if len(code) != totpDigits.Length() {
		return 0, totpError(ErrTOTPInvalid)
	}
	cur := TOTPStep(now)
	var matched int64 = -1
	for step := cur - 1; step <= cur+1; step++ {
		want, err := codeAt(secret, step)
		if err != nil {
			return 0, fmt.Errorf("check TOTP: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			matched = step
		}
	}
	switch {
	case matched < 0:
		return 0, totpError(ErrTOTPInvalid)
	case matched <= lastStep:
		return 0, totpError(ErrTOTPReused)
	}
	return matched, nil
}

func totpError(cause error) error {
	key := "secret.totp.invalid"
	if errors.Is(cause, ErrTOTPReused) {
		key = "secret.totp.reused"
	}
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{"code": key}, Cause: cause}
}
