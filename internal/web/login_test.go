package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/secret"
)

func TestStaffLogin(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	tests := []struct {
		name, user, pw string
		status         int
		contains       string
	}{
		{"wrong password", "admin", "wrong", 422, "Användarnamnet eller lösenordet är fel"},
		{"unknown user", "nobody", "whatever", 422, "Användarnamnet eller lösenordet är fel"},
		{"empty form", "", "", 422, `href="#password"`},
		{"right password", "admin", staffPassword, 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			resp, body := b.post("/logga-in", url.Values{"username": {tt.user}, "password": {tt.pw}, "next": {"/personal/enheter"}})
			wantStatus(t, tt.name, resp, body, tt.status, "")
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if tt.status != 303 {
				if strings.Contains(body, tt.pw) && tt.pw != "" {
					t.Error("the password is echoed back")
				}
				if _, ok := b.cookies["sprang"]; ok {
					t.Error("a failed login set a session cookie")
				}
				return
			}
			if got := resp.Header.Get("Location"); got != "/personal/enheter" {
				t.Errorf("redirect to %q, want the next page", got)
			}
			resp, body = b.get("/personal")
			wantStatus(t, "staff page", resp, body, 200, "")
			for _, want := range []string{"Person admin", "Administratör", "Kommunkoncernen", `href="/personal/anvandare"`, `href="/personal/logg"`, `href="/personal/jobb"`} {
				if !strings.Contains(body, want) {
					t.Errorf("staff page lacks %q", want)
				}
			}
		})
	}
}

func TestLoginPageLinks(t *testing.T) {
	t.Parallel()
	for _, sso := range []bool{false, true} {
		cfg := config.Config{BaseURL: "http://example.test"}
		if sso {
			cfg.StaffOIDC.Issuer = "https://login.example.test"
		}
		e := newStaffEnv(t, cfg)
		resp, body := e.browser(t).get("/logga-in")
		wantStatus(t, "login page", resp, body, 200, "")
		if !strings.Contains(body, `href="/logga-in/invanare"`) || !strings.Contains(body, `autocomplete="current-password"`) {
			t.Error("login page lacks the resident link or autocomplete")
		}
		if got := strings.Contains(body, `href="/logga-in/sso`); got != sso {
			t.Errorf("SSO link shown = %v, want %v", got, sso)
		}
	}
}

func TestLockoutAndRateLimitPages(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	for i := 1; i <= 5; i++ {
		resp, body := b.post("/logga-in", url.Values{"username": {"reader"}, "password": {"wrong"}})
		want := 422
		if i == 5 {
			want = 429
		}
		wantStatus(t, "wrong password", resp, body, want, "")
	}
	resp, body := b.post("/logga-in", url.Values{"username": {"reader"}, "password": {staffPassword}})
	wantStatus(t, "locked account", resp, body, 429, "")
	if !strings.Contains(body, "tillfälligt låst") || !strings.Contains(body, "2026-03-02 09:15") || resp.Header.Get("Retry-After") == "" {
		t.Errorf("locked page lacks the retry time:\n%s", body)
	}
	// The client (127.0.0.1) has 5 failures; 15 more on other names use up its 20.
	for i := range 15 {
		b.post("/logga-in", url.Values{"username": {"guess" + string(rune('a'+i))}, "password": {"x"}})
	}
	resp, body = b.post("/logga-in", url.Values{"username": {"admin"}, "password": {staffPassword}})
	wantStatus(t, "rate limited client", resp, body, 429, "")
	if !strings.Contains(body, "För många misslyckade inloggningsförsök") {
		t.Errorf("rate limit page:\n%s", body)
	}
	e.clock.Add(16 * time.Minute)
	b.login("reader")
}

func TestTOTPTwoStep(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	// Enrol through the pages.
	resp, body := b.get("/personal/tvastegs")
	wantStatus(t, "totp page", resp, body, 200, "")
	resp, body = b.post("/personal/tvastegs", url.Values{"action": {"begin"}})
	wantStatus(t, "begin", resp, body, 303, "/personal/tvastegs")
	_, body = b.get("/personal/tvastegs")
	key := between(body, "<code>", "</code>")
	if key == "" || !strings.Contains(body, `src="data:image/png;base64,`) || !strings.Contains(body, `autocomplete="one-time-code"`) {
		t.Fatalf("enrolment page:\n%s", body)
	}
	resp, body = b.post("/personal/tvastegs", url.Values{"action": {"confirm"}, "code": {"000000"}})
	wantStatus(t, "wrong confirm", resp, body, 422, "")
	code, _ := secret.TOTPCode(key, e.clock.Now())
	resp, body = b.post("/personal/tvastegs", url.Values{"action": {"confirm"}, "code": {code}})
	wantStatus(t, "confirm", resp, body, 303, "")
	e.clock.Add(30 * time.Second)

	// Log in again: two steps now.
	c := e.browser(t)
	resp, body = c.post("/logga-in", url.Values{"username": {"admin"}, "password": {staffPassword}})
	wantStatus(t, "password step", resp, body, 303, "/logga-in/tvastegs")
	pending := c.cookies["sprang"]
	resp, body = c.get("/personal")
	wantStatus(t, "staff page before the code", resp, body, 303, "/logga-in")
	resp, body = c.get("/logga-in/tvastegs")
	wantStatus(t, "code page", resp, body, 200, "")
	resp, body = c.post("/logga-in/tvastegs", url.Values{"code": {"999999"}})
	wantStatus(t, "wrong code", resp, body, 422, "")
	code, _ = secret.TOTPCode(key, e.clock.Now())
	resp, body = c.post("/logga-in/tvastegs", url.Values{"code": {code}})
	wantStatus(t, "right code", resp, body, 303, "/personal")
	if c.cookies["sprang"] == pending {
		t.Error("the session token was not rotated after the second step")
	}
	resp, body = c.get("/personal")
	wantStatus(t, "staff page after the code", resp, body, 200, "")

	// The authenticator is lost: the administrator turns two-step off for
	// the account from its user page, which also ends its sessions.
	userPage := fmt.Sprintf("/personal/anvandare/%d", e.users["admin"].ID)
	_, body = c.get(userPage)
	if !strings.Contains(body, `value="reset-totp"`) {
		t.Fatalf("no reset button for an account with two-step:\n%s", body)
	}
	resp, body = c.post(userPage, url.Values{"action": {"reset-totp"}})
	wantStatus(t, "reset two-step", resp, body, 303, userPage)
	resp, body = c.get("/personal")
	wantStatus(t, "session after the reset", resp, body, 303, "/logga-in")
	d := e.browser(t)
	resp, body = d.post("/logga-in", url.Values{"username": {"admin"}, "password": {staffPassword}})
	wantStatus(t, "one-step login after the reset", resp, body, 303, "/personal")
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

func TestLogout(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	a, b := e.browser(t), e.browser(t)
	a.login("admin")
	b.login("admin")
	old := a.cookies["sprang"]
	resp, body := a.post("/logga-ut", nil)
	wantStatus(t, "logout", resp, body, 303, "/")
	if _, ok := a.cookies["sprang"]; ok {
		t.Error("logout did not clear the cookie")
	}
	a.cookies["sprang"] = old
	resp, body = a.get("/personal")
	wantStatus(t, "old cookie after logout", resp, body, 303, "/logga-in")
	resp, body = b.get("/personal")
	wantStatus(t, "other session after logout", resp, body, 200, "")

	c := e.browser(t)
	c.login("admin")
	resp, body = c.post("/logga-ut", url.Values{"everywhere": {"1"}})
	wantStatus(t, "logout everywhere", resp, body, 303, "/")
	resp, body = b.get("/personal")
	wantStatus(t, "other session after logout everywhere", resp, body, 303, "/logga-in")
	if _, ok := b.cookies["sprang"]; ok {
		t.Error("an ended session's cookie was not cleared")
	}
}

func TestSessionTimeouts(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("reader")
	e.clock.Add(31 * time.Minute)
	resp, body := b.get("/personal")
	wantStatus(t, "after 31 idle minutes", resp, body, 303, "/logga-in")

	b.login("reader")
	for range 30 { // used every 25 minutes; the 12-hour end comes anyway
		e.clock.Add(25 * time.Minute)
		if resp, _ = b.get("/personal"); resp.StatusCode != 200 {
			break
		}
	}
	if resp.StatusCode != http.StatusSeeOther || e.clock.Now().Before(time.Date(2026, 3, 2, 20, 30, 0, 0, time.UTC)) {
		t.Fatalf("absolute timeout: status %d at %v", resp.StatusCode, e.clock.Now())
	}
}

func TestSessionCookie(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		base, name string
		secure     bool
	}{{"http://example.test", "sprang", false}, {"https://e.example.se", "__Host-sprang", true}} {
		e := newStaffEnv(t, config.Config{BaseURL: tt.base})
		resp, body := e.browser(t).post("/logga-in", url.Values{"username": {"admin"}, "password": {staffPassword}})
		wantStatus(t, "login", resp, body, 303, "")
		cs := resp.Cookies()
		if len(cs) != 1 {
			t.Fatalf("%s: cookies %v", tt.base, cs)
		}
		c := cs[0]
		if c.Name != tt.name || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != tt.secure || c.Domain != "" || len(c.Value) < 40 {
			t.Errorf("%s: cookie %+v", tt.base, c)
		}
		// An unknown cookie is cleared.
		b := e.browser(t)
		b.cookies[tt.name] = "forged"
		resp, _ = b.get("/")
		if len(resp.Cookies()) != 1 || resp.Cookies()[0].MaxAge >= 0 {
			t.Errorf("%s: unknown cookie not cleared: %v", tt.base, resp.Cookies())
		}
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	b.header.Set("Sec-Fetch-Site", "cross-site")
	for _, path := range []string{"/logga-in", "/logga-ut", "/personal/anvandare", "/personal/enheter", "/personal/tvastegs"} {
		resp, body := b.post(path, url.Values{"username": {"x"}})
		wantStatus(t, path, resp, body, 403, "")
	}
	b.header.Set("Sec-Fetch-Site", "same-origin")
	resp, body := b.get("/personal")
	wantStatus(t, "still logged in", resp, body, 200, "")
}

func TestNoPersonalDataInLogs(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.post("/logga-in", url.Values{"username": {"19121212-1212"}, "password": {"hemligt-lösen-123"}})
	b.post("/logga-in", url.Values{"username": {"admin"}, "password": {"fel-lösenord-456"}})
	b.login("admin")
	b.post("/personal/anvandare", url.Values{"username": {"cecilia"}, "display_name": {"Cecilia Ek"}, "password": {"ett långt lösenord"}})
	logs := e.logs.String()
	if !strings.Contains(logs, `"route"`) {
		t.Fatalf("no request logs captured: %s", logs)
	}
	for _, secretText := range []string{staffPassword, "hemligt", "fel-lösenord", "19121212", "121212", "Cecilia Ek", "ett långt lösenord", b.cookies["sprang"]} {
		if strings.Contains(logs, secretText) {
			t.Errorf("logs contain %q", secretText)
		}
	}
}

func TestAPITokenAuthenticates(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	tok, err := e.svc.CreateAPIToken(t.Context(), auth.SystemActor("test"), e.users["reader"].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.svc.AuthenticateAPIToken(t.Context(), tok)
	if err != nil || u.Username != "reader" || len(u.Grants) != 1 || u.Grants[0].Role != identity.RoleLasare {
		t.Fatalf("AuthenticateAPIToken = %+v, %v", u, err)
	}
}
