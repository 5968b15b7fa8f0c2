package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/config"
	"sprang/internal/mail/mailtest"
)

// TestEmailLoginOffWithoutMailServer checks that outside demo mode, with
// no mail server, the e-mail login is not offered and its URLs answer 503
// with the other ways to log in, instead of promising a code that is
// never sent.
func TestEmailLoginOffWithoutMailServer(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	tests := []struct {
		method, path string
		form         url.Values
	}{
		{http.MethodGet, "/logga-in/epost", nil},
		{http.MethodPost, "/logga-in/epost", url.Values{"email": {"kim@example.se"}}},
		{http.MethodGet, "/logga-in/epost/kod", nil},
		{http.MethodPost, "/logga-in/epost/kod", url.Values{"code": {"123456"}}},
		{http.MethodGet, "/logga-in/epost/lank/abc", nil},
		{http.MethodPost, "/logga-in/epost/lank/abc", url.Values{}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, newBrowser(t), tt.method, e.ts.URL+tt.path, tt.form)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503", resp.StatusCode)
			}
			for _, want := range []string{"E-postinloggning är inte tillgänglig just nu", `action="/logga-in/eid"`,
				`href="/logga-in/invanare"`, `href="/logga-in"`} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(body, `action="/logga-in/epost`) {
				t.Error("page offers the e-mail form")
			}
		})
	}
	for _, path := range []string{"/logga-in/invanare"} {
		_, body := do(t, newBrowser(t), http.MethodGet, e.ts.URL+path, nil)
		if strings.Contains(body, `href="/logga-in/epost"`) || strings.Contains(body, "e-postadress") {
			t.Errorf("%s offers the e-mail login without a mail server", path)
		}
	}
}

// TestResidentLoginOffersEmail checks which installations offer the
// e-mail login on the resident login page: one with a mail server, and
// the demo (which shows the code on the page), but not one without.
func TestResidentLoginOffersEmail(t *testing.T) {
	t.Parallel()
	mp := mailtest.Start(t)
	tests := []struct {
		name  string
		mut   func(*config.Config)
		offer bool
	}{
		{"no mail server", nil, false},
		{"smtp", func(c *config.Config) { c.SMTPURL, c.MailFrom = mp.SMTPURL(), "noreply@kommun.example.se" }, true},
		{"demo", func(c *config.Config) { c.Demo = true }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, tt.mut)
			_, body := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/invanare", nil)
			if got := strings.Contains(body, `href="/logga-in/epost"`); got != tt.offer {
				t.Errorf("offers e-mail login = %t, want %t", got, tt.offer)
			}
			resp, _ := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/epost", nil)
			if want := map[bool]int{true: 200, false: 503}[tt.offer]; resp.StatusCode != want {
				t.Errorf("GET /logga-in/epost: %d, want %d", resp.StatusCode, want)
			}
		})
	}
}
