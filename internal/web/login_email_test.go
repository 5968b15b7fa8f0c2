package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/mail/mailtest"
)

var (
	demoCode = regexp.MustCompile(`<strong>(\d{6})</strong>`)
	demoLink = regexp.MustCompile(`href="(/logga-in/epost/lank/[A-Za-z0-9_-]+)"`)
)

// demoEmailEnv is a demo platform without a mail server: the code page
// shows what would have been mailed.
func demoEmailEnv(t *testing.T) *loginEnv {
	t.Helper()
	return newLoginEnv(t, func(c *config.Config) { c.Demo = true })
}

// requestCode asks for a code for address and returns the code page.
func requestCode(t *testing.T, e *loginEnv, c *http.Client, address string) (int, string) {
	t.Helper()
	resp, body := do(t, c, http.MethodPost, e.ts.URL+"/logga-in/epost", url.Values{"email": {address}})
	return resp.StatusCode, body
}

func TestEmailLoginWithCode(t *testing.T) {
	t.Parallel()
	e := demoEmailEnv(t)
	status, page := requestCode(t, e, e.browser, "Kim@Example.COM")
	m := demoCode.FindStringSubmatch(page)
	if status != http.StatusOK || m == nil {
		t.Fatalf("status %d, no demo code on the page: %s", status, page)
	}
	if strings.Contains(page, "kim@example.com") {
		t.Error("code page repeats the address")
	}
	resp, _ := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/epost/kod", url.Values{"code": {m[1][:3] + " " + m[1][3:]}})
	if resp.Request.URL.Path != "/" {
		t.Fatalf("ended at %s, want /", resp.Request.URL)
	}
	s, ok := e.session(t, e.browser)
	if !ok || s.ResidentID == 0 || s.Method != "email" || s.LoA != "loa1" {
		t.Fatalf("session = %+v, want a resident by email with loa1", s)
	}
	r, err := e.db.FindResidentByID(context.Background(), s.ResidentID)
	if err != nil || r.Kind != identity.ResidentEmail || r.Email != "kim@example.com" {
		t.Fatalf("resident = %+v, %v", r, err)
	}
	// The code works once only.
	other := newBrowser(t)
	resp, _ = do(t, other, http.MethodPost, e.ts.URL+"/logga-in/epost/kod", url.Values{"code": {m[1]}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("code without the flow cookie: %d, want 422", resp.StatusCode)
	}
	// The same address logs in as the same resident again.
	b2 := newBrowser(t)
	_, page = requestCode(t, e, b2, "kim@example.com")
	do(t, b2, http.MethodPost, e.ts.URL+"/logga-in/epost/kod", url.Values{"code": {demoCode.FindStringSubmatch(page)[1]}})
	if s2, ok := e.session(t, b2); !ok || s2.ResidentID != s.ResidentID {
		t.Errorf("second login: %+v, want resident %d", s2, s.ResidentID)
	}
}

func TestEmailLoginWrongCodes(t *testing.T) {
	t.Parallel()
	e := demoEmailEnv(t)
	_, page := requestCode(t, e, e.browser, "wrong@example.se")
	code := demoCode.FindStringSubmatch(page)[1]
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	tests := []struct {
		code   string
		status int
		text   string
	}{
		{"12ab56", http.StatusUnprocessableEntity, "sex siffror"},
		{wrong, http.StatusUnprocessableEntity, "Koden stämmer inte"},
		{wrong, http.StatusUnprocessableEntity, "Koden stämmer inte"},
		{wrong, http.StatusUnprocessableEntity, "Koden stämmer inte"},
		{wrong, http.StatusUnprocessableEntity, "Koden stämmer inte"},
		{wrong, http.StatusUnprocessableEntity, "Koden stämmer inte"},
		{code, http.StatusTooManyRequests, "för många gånger"},
	}
	for i, tt := range tests {
		resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/epost/kod", url.Values{"code": {tt.code}})
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) || !strings.Contains(body, `href="#code"`) {
			t.Fatalf("try %d: status %d, want %d with %q linked to the field", i+1, resp.StatusCode, tt.status, tt.text)
		}
	}
	if _, ok := e.session(t, e.browser); ok {
		t.Fatal("logged in after the attempts were used up")
	}
	if n := len(e.audited(t, audit.LoginFailure)); n != 6 {
		t.Errorf("audit login.failure = %d, want 6", n)
	}
}

func TestEmailLoginWithLink(t *testing.T) {
	t.Parallel()
	e := demoEmailEnv(t)
	_, page := requestCode(t, e, e.browser, "lank@example.se")
	link := e.ts.URL + demoLink.FindStringSubmatch(page)[1]
	phone := newBrowser(t) // the link works in another browser too
	resp, body := do(t, phone, http.MethodGet, link, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<form method=\"post\"") {
		t.Fatalf("opening the link: %d, want a page with a button", resp.StatusCode)
	}
	if _, ok := e.session(t, phone); ok {
		t.Fatal("opening the link logged in (mail scanners open links too)")
	}
	if resp, _ := do(t, phone, http.MethodPost, link, url.Values{}); resp.Request.URL.Path != "/" {
		t.Fatalf("using the link ended at %s", resp.Request.URL)
	}
	if s, ok := e.session(t, phone); !ok || s.Method != "email" {
		t.Fatalf("link login: %+v", s)
	}
	resp, body = do(t, newBrowser(t), http.MethodPost, link, url.Values{})
	if resp.StatusCode != http.StatusGone || !strings.Contains(body, "redan använts") {
		t.Fatalf("second use: %d, want 410 saying it was used", resp.StatusCode)
	}
}

func TestEmailLoginRateLimits(t *testing.T) {
	t.Parallel()
	e := demoEmailEnv(t)
	shown := 0
	for i := range 20 {
		status, page := requestCode(t, e, e.browser, "spam@example.se")
		if status != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, status)
		}
		if demoCode.MatchString(page) {
			shown++
		}
	}
	if shown != 5 {
		t.Errorf("%d codes were sent to one address, want 5 (then the same answer, nothing sent)", shown)
	}
	resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/epost", url.Values{"email": {"other@example.se"}})
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "för många koder") {
		t.Fatalf("21st request from one client: %d, want 429 with Retry-After", resp.StatusCode)
	}
}

func TestEmailLoginFormErrors(t *testing.T) {
	t.Parallel()
	e := demoEmailEnv(t)
	status, body := requestCode(t, e, e.browser, "inte-en-epostadress")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#email"`) {
		t.Fatalf("bad address: %d, want 422 with the summary linking to the field", status)
	}
	resp, _ := do(t, newBrowser(t), http.MethodGet, e.ts.URL+"/logga-in/epost/kod", nil)
	if resp.Request.URL.Path != "/logga-in/epost" {
		t.Errorf("code form without a pending flow ended at %s, want the address form", resp.Request.URL.Path)
	}
}

// TestEmailLoginThroughSMTP sends the mail through a real SMTP server.
func TestEmailLoginThroughSMTP(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	e := newLoginEnv(t, func(c *config.Config) {
		c.SMTPURL, c.MailFrom = mp.SMTPURL(), "Kommunen <noreply@kommun.example.se>"
	})
	resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/epost", url.Values{"email": {"åsa@exempel.se"}})
	if resp.Request.URL.Path != "/logga-in/epost/kod" || demoCode.MatchString(body) {
		t.Fatalf("ended at %s; the code must only be in the mail", resp.Request.URL.Path)
	}
	msg := mp.WaitFor(t, "åsa@exempel.se")
	if msg.Subject != "Din inloggningskod till Språnget" || !strings.Contains(msg.Text, "Med vänliga hälsningar") {
		t.Fatalf("mail = %q / %q", msg.Subject, msg.Text)
	}
	code := regexp.MustCompile(`\b(\d{6})\b`).FindStringSubmatch(msg.Text)
	if code == nil || !strings.Contains(msg.Text, e.ts.URL+"/logga-in/epost/lank/") {
		t.Fatalf("mail lacks code or link: %q", msg.Text)
	}
	resp, _ = do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/epost/kod", url.Values{"code": {code[1]}})
	if s, ok := e.session(t, e.browser); !ok || s.Method != "email" || resp.Request.URL.Path != "/" {
		t.Fatalf("login with the mailed code: %+v at %s", s, resp.Request.URL.Path)
	}
}
