package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/auth/oidctest"
	"sprang/internal/identity"
)

func TestSSOLoginEndToEnd(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	ctx := context.Background()
	u, err := e.db.CreateUser(ctx, identity.NewUser{Username: "anna.svensson", DisplayName: "Anna Svensson"})
	if err != nil {
		t.Fatal(err)
	}
	e.op.SetPerson(oidctest.Person{Subject: "entra-4711", Claims: map[string]any{"preferred_username": "Anna.Svensson@kommun.example.se"}})
	resp, body := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/sso?next=/personal", nil)
	if resp.Request.URL.Path != "/personal" || resp.StatusCode != http.StatusOK {
		t.Fatalf("ended at %s with %d: %s", resp.Request.URL, resp.StatusCode, body)
	}
	s, ok := e.session(t, e.browser)
	if !ok || s.UserID != u.ID || s.Method != "oidc" || s.PendingTOTP {
		t.Fatalf("session = %+v (ok=%t), want staff user %d by oidc", s, ok, u.ID)
	}
	linked, err := e.db.FindUserByID(ctx, u.ID)
	if err != nil || linked.OIDCSubject != "entra-4711" || linked.OIDCIssuer != e.op.Issuer {
		t.Fatalf("user after first login = %+v, %v; want the identity linked", linked, err)
	}
	// Later logins find the account by issuer and subject alone.
	e.op.SetPerson(oidctest.Person{Subject: "entra-4711", Claims: map[string]any{"preferred_username": "renamed@kommun.example.se"}})
	b2 := newBrowser(t)
	do(t, b2, http.MethodGet, e.ts.URL+"/logga-in/sso", nil)
	if s2, ok := e.session(t, b2); !ok || s2.UserID != u.ID {
		t.Fatalf("second login: session %+v, want user %d", s2, u.ID)
	}
	if n := len(e.audited(t, audit.LoginSuccess)); n != 2 {
		t.Errorf("audit login.success = %d entries, want 2", n)
	}
}

func TestSSOLoginRefusesUnknownPeople(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		person oidctest.Person
		mis    oidctest.Misbehaviour
		status int
		text   string
	}{
		{"no account", oidctest.Person{Subject: "entra-1", Claims: map[string]any{"preferred_username": "okand@kommun.example.se"}}, oidctest.Misbehaviour{}, http.StatusForbidden, "Konton skapas av en administratör"},
		{"account linked to someone else", oidctest.Person{Subject: "entra-2", Claims: map[string]any{"preferred_username": "bertil"}}, oidctest.Misbehaviour{}, http.StatusForbidden, "Konton skapas av en administratör"},
		{"cancelled", oidctest.Person{Subject: "entra-3"}, oidctest.Misbehaviour{Deny: true}, http.StatusUnauthorized, "Inloggningen avbröts"},
		{"wrong nonce", oidctest.Person{Subject: "entra-4", Claims: map[string]any{"preferred_username": "bertil"}}, oidctest.Misbehaviour{WrongNonce: true}, http.StatusUnauthorized, "kunde inte genomföras"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, nil)
			if _, err := e.db.CreateUser(context.Background(), identity.NewUser{Username: "bertil", DisplayName: "Bertil",
				OIDCIssuer: e.op.Issuer, OIDCSubject: "entra-other"}); err != nil {
				t.Fatal(err)
			}
			e.op.SetPerson(tt.person)
			e.op.Set(tt.mis)
			resp, body := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/sso", nil)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Fatalf("status %d, want %d with %q: %s", resp.StatusCode, tt.status, tt.text, body)
			}
			if !strings.Contains(body, `href="/logga-in/sso"`) || !strings.Contains(body, `href="/logga-in"`) {
				t.Error("refusal page lacks try again and the password login")
			}
			if _, ok := e.session(t, e.browser); ok {
				t.Fatal("refused login has a session")
			}
			if n := len(e.audited(t, audit.LoginFailure)); n != 1 {
				t.Errorf("audit login.failure = %d entries, want 1", n)
			}
		})
	}
}
