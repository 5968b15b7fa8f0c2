package secret

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"sprang"
)

func TestNewTOTP(t *testing.T) {
	t.Parallel()
	k, err := NewTOTP("Språnget", "admin")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Secret) != 32 || !strings.HasPrefix(k.URL, "otpauth://totp/") || !strings.Contains(k.URL, "secret="+k.Secret) {
		t.Errorf("key = %+v", k)
	}
	if _, err := NewTOTP("", "admin"); err == nil {
		t.Error("empty issuer accepted")
	}
	png, err := TOTPQRCode(k.URL, 200)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("TOTPQRCode = %d bytes, %v", len(png), err)
	}
	if _, err := TOTPQRCode("http://x", 200); err == nil {
		t.Error("TOTPQRCode accepted a non-otpauth URL")
	}
}

// RFC 6238 appendix B, SHA-1, truncated to six digits.
func TestTOTPCodeRFCVectors(t *testing.T) {
	t.Parallel()
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // "12345678901234567890"
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1234567890: "005924", 2000000000: "279037"} {
		if got, err := TOTPCode(secret, time.Unix(unix, 0)); err != nil || got != want {
			t.Errorf("TOTPCode(%d) = %q, %v; want %s", unix, got, err, want)
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	t.Parallel()
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	now := time.Unix(1_800_000_015, 0)
	step := TOTPStep(now)
	code := func(d time.Duration) string {
		c, err := TOTPCode(secret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		code     string
		last     int64
		wantStep int64
		wantErr  error
	}{
		{"current step", code(0), 0, step, nil},
		{"with spaces", code(0)[:3] + " " + code(0)[3:], 0, step, nil},
		{"previous step", code(-30 * time.Second), 0, step - 1, nil},
		{"next step", code(30 * time.Second), 0, step + 1, nil},
		{"two steps back", code(-60 * time.Second), 0, 0, ErrTOTPInvalid},
		{"two steps ahead", code(60 * time.Second), 0, 0, ErrTOTPInvalid},
		{"reused in same step", code(0), step, 0, ErrTOTPReused},
		{"older than last used", code(-30 * time.Second), step, 0, ErrTOTPReused},
		{"newer than last used", code(30 * time.Second), step, step + 1, nil},
		{"wrong code", "000000", 0, 0, ErrTOTPInvalid},
		{"too short", "12345", 0, 0, ErrTOTPInvalid},
		{"letters", "abcdef", 0, 0, ErrTOTPInvalid},
		{"empty", "", 0, 0, ErrTOTPInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.name == "wrong code" && tt.code == code(0) {
				t.Skip("000000 happens to be the code")
			}
			got, err := CheckTOTP(secret, tt.code, now, tt.last)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || sprang.ErrorKind(err) != sprang.Invalid {
					t.Fatalf("CheckTOTP = %d, %v; want %v", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.wantStep {
				t.Fatalf("CheckTOTP = %d, %v; want step %d", got, err, tt.wantStep)
			}
		})
	}
	if _, err := CheckTOTP("not base32!", "123456", now, 0); err == nil || sprang.ErrorKind(err) != sprang.Internal {
		t.Errorf("bad secret: %v", err)
	}
}
