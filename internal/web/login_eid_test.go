package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/auth/oidctest"
	"sprang/internal/identity"
)

var residentAnna = oidctest.Person{Subject: "broker-anna", ACR: "http://id.elegnamnden.se/loa/1.0/loa3",
	Claims: map[string]any{"personal_identity_number": "191212121212", "given_name": "Tolvan", "family_name": "Tolvansson"}}

func TestEIDLoginEndToEnd(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	e.op.SetPerson(residentAnna)
	resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{"next": {"/tillganglighet"}})
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/tillganglighet" {
		t.Fatalf("ended at %s with %d, want /tillganglighet 200: %s", resp.Request.URL, resp.StatusCode, body)
	}
	s, ok := e.session(t, e.browser)
	if !ok || s.ResidentID == 0 || s.LoA != "loa3" || s.Method != "eid" {
		t.Fatalf("session = %+v (ok=%t), want a resident with loa3 by eid", s, ok)
	}
	r, err := e.db.FindResidentByID(context.Background(), s.ResidentID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Personnummer != "191212121212" || r.Kind != identity.ResidentEID || r.LoA != identity.LoA3 || r.GivenName != "Tolvan" {
		t.Errorf("resident = %+v", r)
	}
	logins := e.audited(t, audit.ResidentLogin)
	if len(logins) != 1 || logins[0].ResidentID != s.ResidentID {
		t.Errorf("audit resident.login = %+v", logins)
	}
	for _, en := range logins {
		if strings.Contains(en.Detail+en.ObjectID, "1212") {
			t.Errorf("audit entry holds the personnummer: %+v", en)
		}
	}
	// A second login finds the same resident.
	b2 := newBrowser(t)
	do(t, b2, http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{})
	if s2, ok := e.session(t, b2); !ok || s2.ResidentID != s.ResidentID {
		t.Errorf("second login: session %+v, want resident %d", s2, s.ResidentID)
	}
}

// callbackURL starts an e-ID login in c and returns the callback URL the
// provider sends the browser back to, without following it.
func callbackURL(t *testing.T, e *loginEnv, c *http.Client) string {
	t.Helper()
	resp, _ := do(t, stopAt(c, "/logga-in/eid/callback"), http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{})
	loc := resp.Header.Get("Location")
	if !strings.Contains(loc, "/logga-in/eid/callback") {
		t.Fatalf("provider sent the browser to %q, want the callback", loc)
	}
	return loc
}

func TestEIDLoginStateIsSingleUse(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	e.op.SetPerson(residentAnna)
	cb := callbackURL(t, e, e.browser)

	forged, _ := url.Parse(cb)
	q := forged.Query()
	q.Set("state", "forged-"+q.Get("state"))
	forged.RawQuery = q.Encode()
	resp, body := do(t, e.browser, http.MethodGet, forged.String(), nil)
	if resp.StatusCode == http.StatusOK || !strings.Contains(body, "Börja om från början") {
		t.Fatalf("wrong state: %d, want a refusal asking to start again", resp.StatusCode)
	}
	if _, ok := e.session(t, e.browser); ok {
		t.Fatal("wrong state logged in")
	}
	if resp, _ := do(t, e.browser, http.MethodGet, cb, nil); resp.Request.URL.Path != "/" {
		t.Fatalf("right state ended at %s", resp.Request.URL)
	}
	if _, ok := e.session(t, e.browser); !ok {
		t.Fatal("right state did not log in")
	}
	replay := newBrowser(t)
	resp, body = do(t, replay, http.MethodGet, cb, nil)
	if resp.StatusCode == http.StatusOK || !strings.Contains(body, "redan använts") {
		t.Fatalf("replayed state: %d, want a refusal", resp.StatusCode)
	}
	if _, ok := e.session(t, replay); ok {
		t.Fatal("replayed state logged in")
	}
}

func TestEIDLoginRefusals(t *testing.T) {
	t.Parallel()
	badLuhn := residentAnna
	badLuhn.Claims = map[string]any{"personal_identity_number": "191212121213"}
	noACR := residentAnna
	noACR.ACR = ""
	tests := []struct {
		name   string
		mis    oidctest.Misbehaviour
		person oidctest.Person
		status int
		text   string
	}{
		{"cancelled at provider", oidctest.Misbehaviour{Deny: true}, residentAnna, http.StatusUnauthorized, "Inloggningen avbröts"},
		{"wrong nonce", oidctest.Misbehaviour{WrongNonce: true}, residentAnna, http.StatusUnauthorized, "kunde inte genomföras"},
		{"pkce verifier mismatch", oidctest.Misbehaviour{WrongPKCE: true}, residentAnna, http.StatusUnauthorized, "kunde inte genomföras"},
		{"personnummer fails luhn", oidctest.Misbehaviour{}, badLuhn, http.StatusUnauthorized, "inget giltigt personnummer"},
		{"no level of assurance", oidctest.Misbehaviour{}, noACR, http.StatusUnauthorized, "hur säker inloggningen var"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, nil)
			e.op.SetPerson(tt.person)
			e.op.Set(tt.mis)
			resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/eid", url.Values{})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Fatalf("status %d, want %d with %q: %s", resp.StatusCode, tt.status, tt.text, body)
			}
			for _, want := range []string{`action="/logga-in/eid"`, `href="/logga-in/invanare"`, "Försök igen"} {
				if !strings.Contains(body, want) {
					t.Errorf("refusal page lacks %q", want)
				}
			}
			if strings.Contains(body, `href="/logga-in/epost"`) {
				t.Error("refusal page offers the e-mail login without a mail server")
			}
			if _, ok := e.session(t, e.browser); ok {
				t.Fatal("refused login has a session")
			}
			if got := e.audited(t, audit.LoginFailure); len(got) != 1 {
				t.Errorf("audit login.failure = %d entries, want 1", len(got))
			}
		})
	}
}

func TestResidentLoginPage(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	resp, body := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/invanare", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`action="/logga-in/eid"`, "BankID"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "demo-eid") {
		t.Error("page offers the simulated e-ID outside demo mode")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+e.op.Issuer) {
		t.Errorf("CSP %q does not let the e-ID form reach the broker", csp)
	}
}
