package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/audit"
)

// TestAPITokensPage creates a token on the page (refused without a label),
// sees it once, uses it, lists it, and revokes it; another user cannot
// revoke it, and a user without the data steward role may still have
// tokens.
func TestAPITokensPage(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		dana := e.as(t, "dana")
		resp, body := dana.get("/personal/api-nycklar")
		wantStatus(t, "page", resp, body, 200, "")
		wantBody(t, "empty page", body, "Du har inga API-nycklar", "ändra datamängder i de enheter där du är datavärd")
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}

		resp, body = dana.post("/personal/api-nycklar", url.Values{"name": {"   "}})
		wantStatus(t, "no label", resp, body, 422, "")
		wantBody(t, "no label", body, `<a href="#name">Skriv vad nyckeln ska användas till`, `aria-invalid="true"`)
		resp, body = dana.post("/personal/api-nycklar", url.Values{"name": {strings.Repeat("x", 101)}})
		wantStatus(t, "long label", resp, body, 422, "")

		resp, body = dana.post("/personal/api-nycklar", url.Values{"name": {"Nattlig  export"}})
		wantStatus(t, "create", resp, body, 200, "")
		wantBody(t, "create", body, "visas bara den här gången", "Nattlig export")
		m := regexp.MustCompile(`<code id="token">(sprang_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no token on the page:\n%s", body)
		}
		token := m[1]
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on the token's page", cc)
		}
		u, err := e.svc.AuthenticateAPIToken(t.Context(), token)
		if err != nil || u.ID != e.users["dana"].ID {
			t.Fatalf("the token does not work: %v %+v", err, u)
		}
		_, body = dana.get("/personal/api-nycklar")
		if strings.Contains(body, token) {
			t.Error("the token is shown again")
		}
		wantBody(t, "list", body, "Nattlig export", `/aterkalla"`)

		ts, err := e.svc.APITokens(t.Context(), e.users["dana"].ID)
		if err != nil || len(ts) != 1 {
			t.Fatalf("tokens: %v %+v", err, ts)
		}
		revoke := "/personal/api-nycklar/" + strconv.FormatInt(ts[0].ID, 10) + "/aterkalla"
		hugo := e.as(t, "hugo")
		resp, body = hugo.post(revoke, nil)
		wantStatus(t, "revoke another's", resp, body, 404, "")
		resp, body = dana.post("/personal/api-nycklar/x/aterkalla", nil)
		wantStatus(t, "revoke bad id", resp, body, 404, "")
		resp, body = dana.post(revoke, nil)
		wantStatus(t, "revoke", resp, body, http.StatusSeeOther, "/personal/api-nycklar?klart=aterkallad")
		if _, err := e.svc.AuthenticateAPIToken(t.Context(), token); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("a revoked token works: %v", err)
		}
		_, body = dana.get("/personal/api-nycklar?klart=aterkallad")
		wantBody(t, "after revoking", body, "Nyckeln är återkallad", "Återkallad ")
		resp, body = dana.post(revoke, nil)
		wantStatus(t, "revoke twice", resp, body, 404, "")

		// A case officer may have tokens; they can only read.
		resp, body = hugo.post("/personal/api-nycklar", url.Values{"name": {"Läsning"}})
		wantStatus(t, "case officer", resp, body, 200, "")
		wantBody(t, "case officer", body, "dina nycklar kan bara läsa", `<code id="token">sprang_`, "Aldrig")
		resp, body = (&browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}).post("/personal/api-nycklar", url.Values{"name": {"x"}})
		wantStatus(t, "anonymous", resp, body, 401, "")

		acts := e.actions(t)
		if acts[audit.APITokenCreated] != 2 || acts[audit.APITokenRevoked] != 1 {
			t.Errorf("audit: %v", acts)
		}
	})
}
