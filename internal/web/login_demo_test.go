package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/config"
)

func TestDemoEIDOnlyInDemo(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, nil)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		resp, _ := do(t, e.browser, m, e.ts.URL+"/logga-in/demo-eid", url.Values{"personnummer": {"19121212-1212"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s without demo: %d, want 404", m, resp.StatusCode)
		}
	}
	if _, ok := e.session(t, e.browser); ok {
		t.Fatal("logged in without demo")
	}
}

func TestDemoEID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, pnr string
		status    int
		text      string
	}{
		{"tolvan", "19121212-1212", http.StatusOK, ""},
		{"tax agency test range", "199001019802", http.StatusOK, ""},
		{"short form of someone over 100", "121212+1212", http.StatusOK, ""},
		{"real-looking number", "19800101-0019", http.StatusUnprocessableEntity, "inget testpersonnummer"},
		{"wrong check digit", "19121212-1213", http.StatusUnprocessableEntity, ""},
		{"not a number", "tolvan", http.StatusUnprocessableEntity, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newLoginEnv(t, func(c *config.Config) { c.Demo = true; c.ResidentOIDC = config.OIDC{} })
			_, page := do(t, e.browser, http.MethodGet, e.ts.URL+"/logga-in/demo-eid", nil)
			if !strings.Contains(page, "Simulerad e-legitimation – endast för demo") {
				t.Fatal("demo page is not clearly marked")
			}
			resp, body := do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/demo-eid", url.Values{"personnummer": {tt.pnr}})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Fatalf("status %d, want %d with %q", resp.StatusCode, tt.status, tt.text)
			}
			s, ok := e.session(t, e.browser)
			if tt.status != http.StatusOK {
				if ok {
					t.Fatal("refused number logged in")
				}
				if !strings.Contains(body, `href="#personnummer"`) || !strings.Contains(body, `aria-invalid="true"`) {
					t.Error("error summary does not link to the field")
				}
				return
			}
			if !ok || s.ResidentID == 0 || s.LoA != "demo" || s.Method != "demo-eid" {
				t.Fatalf("session = %+v, want a resident with LoA demo by demo-eid", s)
			}
		})
	}
}
