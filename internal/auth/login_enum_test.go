package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

// answer is what a login attempt tells the client.
type answer struct {
	kind  sprang.Kind
	msg   string
	retry time.Time
}

func answerOf(err error) answer {
	at, _ := auth.RetryAt(err)
	return answer{sprang.ErrorKind(err), sprang.ErrorMessage(err), at}
}

// TestUnknownUsernamesLockLikeKnownOnes shows that wrong passwords for an
// existing and for a non-existing username get the same answers, step by
// step: "wrong username or password" until the lockout, then "locked"
// with the same retry time, and after the lock the same again.
func TestUnknownUsernamesLockLikeKnownOnes(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		f.mustUser(t, "anna")
		steps := 8
		for round := range 2 {
			for i := range steps {
				known := answerOf(wrongLogin(ctx, f, "anna", fmt.Sprintf("10.1.%d.%d", round, i)))
				unknown := answerOf(wrongLogin(ctx, f, "nobody", fmt.Sprintf("10.2.%d.%d", round, i)))
				if known != unknown {
					t.Fatalf("round %d attempt %d: known user %+v, unknown %+v", round, i+1, known, unknown)
				}
				want := sprang.Invalid
				if i >= 4 {
					want = sprang.TooMany
				}
				if known.kind != want {
					t.Fatalf("round %d attempt %d: %+v, want %s", round, i+1, known, want)
				}
				f.clock.Add(10 * time.Second)
			}
			f.clock.Add(16 * time.Minute) // past the lock and the rate-limit window
		}
	})
}

// wrongLogin tries username with a wrong password from client.
func wrongLogin(ctx context.Context, f loginFixture, username, client string) error {
	_, err := f.svc.LoginPassword(ctx, username, "wrong password", client)
	return err
}

// TestCreateUserIsOneTransaction shows that an account whose grant fails
// leaves neither the account nor an audit entry behind.
func TestCreateUserIsOneTransaction(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		_, err := f.svc.CreateUser(ctx, auth.SystemActor("test"), auth.NewUser{
			NewUser:  identity.NewUser{Username: "anna", DisplayName: "Anna"},
			Password: testPassword, Grants: []identity.Grant{{UnitID: 424242, Role: identity.RoleLasare}}})
		if sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("grant in an unknown unit: %v, want NotFound", err)
		}
		if _, err := f.db.FindUserByUsername(ctx, "anna"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("the account stayed: %v", err)
		}
		if a := f.actions(t); len(a) != 0 {
			t.Errorf("audited %v for a creation that failed", a)
		}
		u := f.mustUser(t, "bertil")
		if a := f.actions(t); len(a) != 1 || a[0] != audit.UserCreated || u.ID == 0 {
			t.Errorf("audited %v, want one %s", a, audit.UserCreated)
		}
	})
}

// ssoService is a login service on f's database whose staff single
// sign-on links first logins by the e-mail domain domain ("" for none).
func ssoService(t *testing.T, f loginFixture, domain string) *auth.Service {
	t.Helper()
	box, err := secret.NewBox("test key test key test key test key 0123")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{SessionIdle: time.Hour, SessionAbsolute: time.Hour, StaffOIDC: config.OIDC{Domain: domain}}
	return auth.NewWithPolicy(f.db, box, cfg, auth.DefaultPolicy())
}

// TestSSOFirstLoginLinking shows who a first single sign-on may be linked
// to: only NAME@configured-domain to the account NAME, with a verified
// e-mail or a preferred_username, and only an account without an identity.
func TestSSOFirstLoginLinking(t *testing.T) {
	t.Parallel()
	const iss = "https://login.example.se"
	tests := []struct {
		name   string
		domain string
		claims map[string]any
		linked bool
	}{
		{"own domain", "kommun.se", map[string]any{"preferred_username": "anna.svensson@kommun.se"}, true},
		{"verified e-mail", "kommun.se", map[string]any{"email": "anna.svensson@kommun.se", "email_verified": true}, true},
		{"no domain configured", "", map[string]any{"preferred_username": "anna.svensson@kommun.se"}, false},
		{"guest with the same name", "kommun.se", map[string]any{"preferred_username": "anna.svensson@gmail.com"}, false},
		{"bare username", "kommun.se", map[string]any{"preferred_username": "anna.svensson"}, false},
		{"e-mail not said to be verified", "kommun.se", map[string]any{"email": "anna.svensson@kommun.se"}, false},
		{"unverified e-mail", "kommun.se", map[string]any{"email": "anna.svensson@kommun.se", "email_verified": false}, false},
		{"account linked already", "kommun.se", map[string]any{"preferred_username": "bertil@kommun.se"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eachLogin(t, func(t *testing.T, f loginFixture) {
				ctx := t.Context()
				anna := f.mustUser(t, "anna.svensson")
				if _, err := f.db.CreateUser(ctx, identity.NewUser{Username: "bertil", DisplayName: "Bertil", OIDCIssuer: iss, OIDCSubject: "sub-bertil"}); err != nil {
					t.Fatal(err)
				}
				svc := ssoService(t, f, tt.domain)
				l, err := svc.LoginSSO(ctx, auth.Claims{Issuer: iss, Subject: "sub-new", All: tt.claims})
				if tt.linked != (err == nil) {
					t.Fatalf("login: %+v, %v; want linked %t", l, err, tt.linked)
				}
				if !tt.linked {
					if sprang.ErrorMessage(err) != auth.MsgSSOUnknown {
						t.Errorf("refusal %v, want %s", err, auth.MsgSSOUnknown)
					}
					if u, _ := f.db.FindUserByUsername(ctx, "bertil"); u.OIDCSubject != "sub-bertil" {
						t.Errorf("bertil relinked to %q", u.OIDCSubject)
					}
					return
				}
				if l.UserID != anna.ID {
					t.Errorf("logged in as %d, want %d", l.UserID, anna.ID)
				}
			})
		})
	}
}
