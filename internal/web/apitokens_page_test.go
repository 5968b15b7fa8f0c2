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
	"sprang/internal/auth"
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

// TestAPITokenLimitsPage: every token shows its limits; an administrator
// of the whole platform sees every live token and gives one its own
// limits (audited, read with the token), is told how to fix a bad value,
// and may return a limit to the default; the token's owner sees the new
// limits but may not change them, and has no form for it.
func TestAPITokenLimitsPage(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		dana, admin := e.as(t, "dana"), e.as(t, "admin")
		_, body := dana.post("/personal/api-nycklar", url.Values{"name": {"Nattlig export"}})
		m := regexp.MustCompile(`<code id="token">(sprang_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no token on the page:\n%s", body)
		}
		token := m[1]
		wantBody(t, "owner's limits", body, "600 anrop i minuten, 100\u00a0000 per dygn (standard)", "plattformens administratörer")
		if strings.Contains(body, "Gränser för alla nycklar") || strings.Contains(body, `name="limits"`) {
			t.Error("the owner gets the administrators' limits forms")
		}
		ts, err := e.svc.APITokens(t.Context(), e.users["dana"].ID)
		if err != nil || len(ts) != 1 {
			t.Fatalf("tokens: %v %+v", err, ts)
		}
		id := strconv.FormatInt(ts[0].ID, 10)
		minute, day := "per_minute_"+id, "per_day_"+id

		resp, body := admin.get("/personal/api-nycklar")
		wantStatus(t, "admin page", resp, body, 200, "")
		wantBody(t, "admin page", body, "Gränser för alla nycklar", "Nattlig export (", `name="limits" value="`+id+`"`, `id="`+minute+`"`)

		resp, body = dana.post("/personal/api-nycklar", url.Values{"limits": {id}, minute: {"100000"}})
		wantStatus(t, "owner raises own limit", resp, body, http.StatusForbidden, "")

		resp, body = admin.post("/personal/api-nycklar", url.Values{"limits": {id}, minute: {"noll"}, day: {"0"}})
		wantStatus(t, "bad values", resp, body, 422, "")
		wantBody(t, "bad values", body, `<a href="#`+minute+"\">Skriv ett heltal från 1 till 1\u00a0000\u00a0000", `aria-invalid="true"`, `value="noll"`)

		resp, body = admin.post("/personal/api-nycklar", url.Values{"limits": {id}, minute: {"30"}, day: {"20 000"}})
		wantStatus(t, "set limits", resp, body, http.StatusSeeOther, "/personal/api-nycklar?klart=granser")
		use, err := e.svc.AuthenticateAPITokenUse(t.Context(), token)
		if err != nil || use.Limits.PerMinute != 30 || use.Limits.PerDay != 20000 {
			t.Fatalf("limits read with the token: %+v, %v", use.Limits, err)
		}
		_, body = admin.get("/personal/api-nycklar?klart=granser")
		wantBody(t, "after saving", body, "Gränserna är sparade", `value="30"`, "30 anrop i minuten, 20\u00a0000 per dygn (egen gräns)")
		_, body = dana.get("/personal/api-nycklar")
		wantBody(t, "owner sees own limits", body, "30 anrop i minuten, 20\u00a0000 per dygn (egen gräns)")

		resp, body = admin.post("/personal/api-nycklar", url.Values{"limits": {id}, minute: {""}, day: {"20000"}})
		wantStatus(t, "clear one", resp, body, http.StatusSeeOther, "/personal/api-nycklar?klart=granser")
		if use, _ := e.svc.AuthenticateAPITokenUse(t.Context(), token); use.Limits.PerMinute != 0 || use.Limits.PerDay != 20000 {
			t.Errorf("after clearing the minute limit: %+v", use.Limits)
		}
		resp, body = admin.post("/personal/api-nycklar", url.Values{"limits": {"999999"}})
		wantStatus(t, "unknown token", resp, body, 404, "")
		resp, body = admin.post("/personal/api-nycklar", url.Values{"limits": {"x"}})
		wantStatus(t, "bad id", resp, body, 404, "")

		if acts := e.actions(t); acts[auth.APITokenLimitsChanged] != 2 {
			t.Errorf("audit: %v", acts)
		}
	})
}
