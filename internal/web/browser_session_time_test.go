package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"sprang/internal/demo"
)

// uiMoreTimeStaff names the session (in uiEnv.sessions) of a case officer
// who has chosen more time: its own login, so that the sessions other rows
// share keep the configured limit.
const uiMoreTimeStaff = "handlaggare, more time"

// uiPagesSessionTime are the rows of the more-time page (/mer-tid): as a
// resident and as staff, before and after choosing. The resident chooses
// in the browser, after a login of their own in the tab; the case
// officer's session has chosen before the tabs open (a tab that chose
// would find the choice made when it checks the page again).
func uiPagesSessionTime(e *uiEnv) []uiPage {
	if _, ok := e.sessions[uiMoreTimeStaff]; !ok {
		if s, err := e.moreTimeSession("handlaggare"); err != nil {
			// The row then fails with "no session for …"; this says why.
			_, _ = fmt.Fprintf(e.logs, "more time for %s: %v\n", uiMoreTimeStaff, err)
		} else {
			e.sessions[uiMoreTimeStaff] = s
		}
	}
	return []uiPage{
		{name: "more time resident", as: "invanare", steps: open("/mer-tid?next=%2Fmina-sidor")},
		{name: "more time staff", as: "admin", steps: open("/mer-tid?next=%2Fpersonal")},
		{name: "more time chosen resident", steps: open("/logga-in/demo-eid?next=%2Fmer-tid%3Fnext%3D%252Fmina-sidor",
			submit(`form[action="/logga-in/demo-eid"]`, "personnummer", "19121212-1212"),
			submit(`form[action="/mer-tid"]`))},
		{name: "more time chosen staff", as: uiMoreTimeStaff, steps: open("/mer-tid?next=%2Fpersonal%2Farenden")},
	}
}

// moreTimeSession logs in as the demo staff account username in a session
// of its own, chooses more time for it, and returns its cookie value.
func (e *uiEnv) moreTimeSession(username string) (string, error) {
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(e.base+"/logga-in", url.Values{"username": {username}, "password": {demo.Password}})
	if err != nil {
		return "", err
	}
	_ = resp.Body.Close()
	var session string
	for _, ck := range resp.Cookies() {
		if ck.Name == "sprang" {
			session = ck.Value
		}
	}
	if resp.StatusCode != http.StatusSeeOther || session == "" {
		return "", fmt.Errorf("login: status %d, no session", resp.StatusCode)
	}
	req, err := http.NewRequest(http.MethodPost, e.base+"/mer-tid", nil)
	if err != nil {
		return "", err
	}
	req.AddCookie(&http.Cookie{Name: "sprang", Value: session})
	if resp, err = c.Do(req); err != nil {
		return "", err
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/mer-tid" {
		return "", fmt.Errorf("choose more time: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return session, nil
}
