package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/auth/oidctest"
	"sprang/internal/config"
	"sprang/internal/identity"
)

// noRedirect returns a copy of the browser that follows no redirect.
func noRedirect(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

// startLogin starts the login of kind ("eid" or "sso") in c.
func startLogin(t *testing.T, e *loginEnv, c *http.Client, kind string) *http.Response {
	t.Helper()
	if kind == "eid" {
		resp, _ := do(t, c, http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{})
		return resp
	}
	resp, _ := do(t, c, http.MethodGet, e.ts.URL+"/logga-in/sso", nil)
	return resp
}

// TestOIDCCallbackNeedsTheStartingBrowser shows that a login cannot be
// finished in a browser other than the one that started it (login CSRF:
// an attacker starts a login as themselves and makes the victim's browser
// open the callback), and that the refusal leaves the flow to its own
// browser.
func TestOIDCCallbackNeedsTheStartingBrowser(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"eid", "sso"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, nil)
			if _, err := e.db.CreateUser(context.Background(), identity.NewUser{Username: "anna", DisplayName: "Anna"}); err != nil {
				t.Fatal(err)
			}
			person := residentAnna
			person.Claims = map[string]any{"personal_identity_number": "191212121212", "preferred_username": "anna@kommun.example.se"}
			e.op.SetPerson(person)
			attacker := e.browser
			resp := startLogin(t, e, stopAt(attacker, "/logga-in/"+kind+"/callback"), kind)
			cb := resp.Header.Get("Location")
			if !strings.Contains(cb, "/logga-in/"+kind+"/callback") {
				t.Fatalf("provider sent the browser to %q, want the callback", cb)
			}
			victim := newBrowser(t)
			resp, body := do(t, victim, http.MethodGet, cb, nil)
			if resp.StatusCode == http.StatusOK || !strings.Contains(body, "Börja om från början") {
				t.Fatalf("callback in another browser: %d, want a refusal: %s", resp.StatusCode, body)
			}
			if _, ok := e.session(t, victim); ok {
				t.Fatal("another browser was logged in")
			}
			do(t, attacker, http.MethodGet, cb, nil)
			if _, ok := e.session(t, attacker); !ok {
				t.Fatal("the starting browser could not finish its login")
			}
		})
	}
}

// TestFlowCookieAttributes shows the flow cookie's attributes on http and
// behind TLS.
func TestFlowCookieAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, base, cookie string
		secure             bool
	}{
		{"http", "", "sprang_flow", false},
		{"https", "https://e.example.se", "__Host-sprang_flow", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, func(c *config.Config) {
				if tt.base != "" {
					c.BaseURL = tt.base
				}
			})
			resp := startLogin(t, e, noRedirect(e.browser), "sso")
			var got *http.Cookie
			for _, c := range resp.Cookies() {
				if c.Name == tt.cookie {
					got = c
				}
			}
			if resp.StatusCode != http.StatusSeeOther || got == nil {
				t.Fatalf("start: %d, cookies %v; want a redirect setting %s", resp.StatusCode, resp.Cookies(), tt.cookie)
			}
			if !got.HttpOnly || got.SameSite != http.SameSiteLaxMode || got.Path != "/" || got.Secure != tt.secure ||
				got.MaxAge <= 0 || got.MaxAge > 600 || len(got.Value) < 40 {
				t.Errorf("flow cookie %+v", got)
			}
		})
	}
}

// TestEIDLoginRefusesLowerAssurance shows that a login at a lower level
// of assurance than the one asked for is refused.
func TestEIDLoginRefusesLowerAssurance(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil) // asks for loa3
	low := residentAnna
	low.ACR = "http://id.elegnamnden.se/loa/1.0/loa2"
	e.op.SetPerson(low)
	resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "inte tillräckligt säker") {
		t.Fatalf("loa2 for loa3: %d: %s", resp.StatusCode, body)
	}
	if _, ok := e.session(t, e.browser); ok {
		t.Fatal("a login below the asked level of assurance has a session")
	}
}

// TestLoginFlowStartsAreLimited shows that one client may start 30 e-ID
// or single sign-on logins (each stores a flow) in the window, and then
// gets 429 with Retry-After.
func TestLoginFlowStartsAreLimited(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	e.op.SetPerson(oidctest.Person{Subject: "x"})
	c := noRedirect(e.browser)
	for i := range 30 {
		kind := []string{"eid", "sso"}[i%2]
		if resp := startLogin(t, e, c, kind); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("start %d (%s): %d", i+1, kind, resp.StatusCode)
		}
	}
	for _, kind := range []string{"eid", "sso"} {
		resp := startLogin(t, e, c, kind)
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if resp.StatusCode != http.StatusTooManyRequests || err != nil || secs < 1 || secs > 600 {
			t.Errorf("%s start over the limit: %d, Retry-After %q", kind, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
}
