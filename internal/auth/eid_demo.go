package auth

import (
	"context"

	"sprang"
	"sprang/internal/identity"
)

// MsgDemoEIDNotTest is the message for a valid personnummer that is not a
// test number: the simulated e-ID never logs in real people.
const MsgDemoEIDNotTest = "eid.demo.not_test"

// IsTestPersonnummer reports whether p is a number set aside for testing:
// born 1912-12-12 (like the well-known 19121212-1212) or with a birth
// number (the three digits after the date) in 980–999, the range the tax
// agency (Skatteverket) reserves for its published test personnummer.
func IsTestPersonnummer(p identity.Personnummer) bool {
	s := p.String()
	if len(s) != 12 {
		return false
	}
	return s[:8] == "19121212" || s[8:10] == "98" || s[8:10] == "99"
}

// LoginDemoEID logs in, for the demo only, as the resident with the test
// personnummer typed in raw, with level of assurance LoADemo and method
// MethodDemoEID. The caller must only offer it in demo mode. It returns
// an Invalid error (field "personnummer") when raw is no valid
// personnummer (format, date, Luhn) or not a test number.
func (s *Service) LoginDemoEID(ctx context.Context, raw string) (Login, error) {
	p, err := identity.ParsePersonnummer(raw, s.db.Now())
	if err != nil {
		return Login{}, err
	}
	if !IsTestPersonnummer(p) {
		return Login{}, &sprang.Error{Kind: sprang.Invalid, Message: MsgDemoEIDNotTest,
			Fields: map[string]string{"personnummer": MsgDemoEIDNotTest}}
	}
	return s.LoginEID(ctx, identity.EIDLogin{Personnummer: p, LoA: LoADemo}, MethodDemoEID, LoADemo)
}
