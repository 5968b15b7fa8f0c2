package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/config"
	"sprang/internal/store"
)

// TestResidentSeesWhoReadTheirData: a staff read of a resident's data,
// made through store.ReadResident with a reason, shows on the resident's
// own page; nobody else reaches that page.
func TestResidentSeesWhoReadTheirData(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, func(c *config.Config) { c.Demo = true; c.ResidentOIDC = config.OIDC{} })
	resp, _ := do(t, e.browser, http.MethodGet, e.ts.URL+"/mina-sidor/vem-har-last", nil)
	if resp.Request.URL.Path != "/logga-in/invanare" {
		t.Fatalf("anonymous ended on %s (status %d), want the resident login", resp.Request.URL.Path, resp.StatusCode)
	}
	do(t, e.browser, http.MethodPost, e.ts.URL+"/logga-in/demo-eid", url.Values{"personnummer": {"19121212-1212"}})
	s, ok := e.session(t, e.browser)
	if !ok || s.ResidentID == 0 {
		t.Fatal("demo e-ID login failed")
	}
	_, body := do(t, e.browser, http.MethodGet, e.ts.URL+"/mina-sidor/vem-har-last", nil)
	if !strings.Contains(body, "Ingen har läst dina personuppgifter") {
		t.Errorf("before any read:\n%s", body)
	}
	reason := "handläggning av ärende 2026-0042"
	if _, err := e.db.ReadResident(context.Background(), s.ResidentID, store.Reader{ActorKind: audit.Staff, ActorID: 9, ActorName: "handlaggare", Reason: reason}); err != nil {
		t.Fatal(err)
	}
	resp, body = do(t, e.browser, http.MethodGet, e.ts.URL+"/mina-sidor/vem-har-last", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "handlaggare") || !strings.Contains(body, reason) {
		t.Errorf("after a read: %d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `href="/mina-sidor/vem-har-last"`) {
		t.Error("no link to the page in the logged-in bar")
	}
}
