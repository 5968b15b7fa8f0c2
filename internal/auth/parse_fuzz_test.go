package auth

import (
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/identity"
)

// FuzzNormalizeCode checks the one-time code parser: an accepted code is
// exactly six ASCII digits, and any six digits with spaces or dashes in
// between are accepted.
func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"123456", "123 456", "12-34-56", "１２３４５６", "12345", "1234567", "abcdef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := normalizeCode(s)
		if !ok {
			return
		}
		if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
			t.Fatalf("normalizeCode(%q) = %q", s, code)
		}
	})
}

// FuzzEIDLoginFromClaims feeds arbitrary claim values: the result is either
// a login with a valid personnummer and a known level of assurance, or an
// Unauthenticated error whose text never holds the claimed number.
func FuzzEIDLoginFromClaims(f *testing.F) {
	f.Add("19121212-1212", "http://id.elegnamnden.se/loa/1.0/loa3", "")
	f.Add("191212121212", "loa3", "loa4")
	f.Add("", "", "")
	f.Add("20991231-0000", "x", "y z")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, pnr, acr, acrValues string) {
		c := Claims{ACR: acr, All: map[string]any{ClaimPNR: pnr}}
		l, err := EIDLoginFromClaims(c, "", acrValues, now)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Unauthenticated {
				t.Fatalf("error kind %s: %v", sprang.ErrorKind(err), err)
			}
			if len(pnr) >= 10 && strings.Contains(err.Error(), pnr) {
				t.Fatalf("error text holds the personnummer: %v", err)
			}
			return
		}
		if _, err := identity.ParsePersonnummer(string(l.Personnummer), now); err != nil {
			t.Fatalf("accepted an invalid personnummer %q from %q", l.Personnummer, pnr)
		}
		if _, err := identity.ParseLoA(string(l.LoA)); err != nil {
			t.Fatalf("accepted an unknown level of assurance %q", l.LoA)
		}
	})
}
