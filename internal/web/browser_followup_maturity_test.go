package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"sprang/internal/followup"
)

// uiPagesMaturity returns the browser test rows of the maturity and
// competence self-assessments: the maturity overview, a unit's form, the
// form refused (nothing answered), the questions page, the own
// competence form, the own profile after submitting with the unit and
// role group fixed (as the data steward, whose answers are posted over
// HTTP first; if that fails the row fails, saying why), and the
// competence overview: last year's figures (the default), a selection
// of a small group shown as hidden, the current year without figures and
// a filter the form could not have sent (422).
func uiPagesMaturity(e *uiEnv) []uiPage {
	year := strconv.Itoa(time.Now().In(followup.Location()).Year())
	form := `form[action="/personal/mognad/utvecklingsavdelningen/` + year + `"]`
	rows := []uiPage{
		{name: "maturity overview", as: "data", steps: open("/personal/mognad")},
		{name: "maturity form", as: "utveckling", steps: open("/personal/mognad/utvecklingsavdelningen/" + year)},
		{name: "maturity form refused", as: "utveckling", steps: open("/personal/mognad/utvecklingsavdelningen/"+year, submit(form)), status: 422},
		{name: "maturity questions", as: "utveckling", steps: open("/personal/mognad/fragor")},
		{name: "competence own form", as: "handlaggare", steps: open("/personal/kompetens")},
		{name: "competence overview", as: "handlaggare", steps: open("/personal/kompetens/oversikt")},
		{name: "competence overview with a hidden group", as: "handlaggare", steps: open("/personal/kompetens/oversikt?enhet=barn-utbildning&roll=chef")},
		{name: "competence overview of the current year", as: "handlaggare", steps: open("/personal/kompetens/oversikt?ar=" + year)},
		{name: "competence overview refused filter", as: "handlaggare", steps: open("/personal/kompetens/oversikt?roll=boss"), status: 422},
	}
	if err := e.competenceSetup(); err != nil {
		return append(rows, uiPage{name: "competence setup failed: " + err.Error(), as: "data", steps: open("/personal/kompetens/setup-failed")})
	}
	return append(rows, uiPage{name: "competence own profile", as: "data", steps: open("/personal/kompetens")})
}

// competenceSetup posts a full self-assessment as the data steward.
func (e *uiEnv) competenceSetup() error {
	client := &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	data := &uiStewardClient{base: e.base, session: e.sessions["data"], http: client}
	_, page, err := data.do(http.MethodGet, "/personal/kompetens", nil)
	if err != nil {
		return err
	}
	m := regexp.MustCompile(`name="unit" value="([0-9]+)"|<option value="([0-9]+)"`).FindStringSubmatch(page)
	if m == nil {
		return fmt.Errorf("no unit to answer for on the competence page")
	}
	unit := m[1] + m[2]
	vals := url.Values{"unit": {unit}, "group": {"medarbetare"}}
	for i, c := range followup.Competences() {
		vals.Set(c.FieldID(), strconv.Itoa(1+i%8))
	}
	resp, _, err := data.do(http.MethodPost, "/personal/kompetens", vals)
	if err == nil && resp.StatusCode != http.StatusSeeOther {
		err = fmt.Errorf("saving the answers answered %d", resp.StatusCode)
	}
	return err
}
