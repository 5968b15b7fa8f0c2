package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// uiPagesAPITokens returns the browser test rows of the API tokens page:
// the page, a token just made (shown once), the create form refused
// without a label, and an administrator's page with every live token's
// limits form, one of them refused with a limit that is no number. It
// first makes a token as the data steward over HTTP, so the
// administrator's list has a form; if that fails it returns a row that
// fails, saying why.
func uiPagesAPITokens(e *uiEnv) []uiPage {
	const form = `form[action="/personal/api-nycklar"]`
	rows := []uiPage{
		{name: "API tokens", as: "data", steps: open("/personal/api-nycklar")},
		{name: "API token created", as: "data", steps: open("/personal/api-nycklar", submit(form, "name", "Nattlig export av vattenprover"))},
		{name: "API tokens error", as: "data", steps: open("/personal/api-nycklar", submit(form, "name", " ")), status: 422},
		{name: "API tokens, case officer", as: "handlaggare", steps: open("/personal/api-nycklar")},
	}
	id, err := e.apiTokenSetup()
	if err != nil {
		return append(rows, uiPage{name: "API tokens setup failed: " + err.Error(), as: "admin", steps: open("/personal/api-nycklar/setup-failed")})
	}
	limits := `form:has(input[name="limits"][value="` + id + `"])`
	return append(rows,
		uiPage{name: "API tokens, administrator", as: "admin", steps: open("/personal/api-nycklar")},
		uiPage{name: "API token limits error", as: "admin", steps: open("/personal/api-nycklar",
			submit(limits, "per_minute_"+id, "sextio", "per_day_"+id, "0")), status: 422},
	)
}

// apiTokenSetup makes an API token as the data steward and returns its
// id as the administrator's page shows it.
func (e *uiEnv) apiTokenSetup() (string, error) {
	client := &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	data := &uiStewardClient{base: e.base, session: e.sessions["data"], http: client}
	if _, _, err := data.do(http.MethodPost, "/personal/api-nycklar", url.Values{"name": {"Uppladdning av luftkvalitet"}}); err != nil {
		return "", err
	}
	admin := &uiStewardClient{base: e.base, session: e.sessions["admin"], http: client}
	_, page, err := admin.do(http.MethodGet, "/personal/api-nycklar", nil)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`name="limits" value="([0-9]+)"`).FindStringSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("no limits form on the administrator's page")
	}
	return m[1], nil
}
