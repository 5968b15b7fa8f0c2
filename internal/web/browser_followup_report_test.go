package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sprang/internal/followup"
)

// reportYearUI is the year of the report the browser rows look at.
const reportYearUI = "2025"

// uiPagesReport returns the browser test rows of the yearly follow-up
// report: the staff page with the live draft and the narrative form (and
// without the form for a reader), the form refused with a text far too
// long, the public list, an issued report and a year without one. It
// first issues the year's report as the development department over
// HTTP when none is issued yet; if that fails it returns a row that
// fails, saying why.
func uiPagesReport(e *uiEnv) []uiPage {
	staff := "/personal/uppfoljning/rapporter/" + reportYearUI
	form := `form[action="` + staff + `"]`
	rows := []uiPage{
		{name: "report staff", as: "utveckling", steps: open(staff)},
		{name: "report staff, reader", as: "handlaggare", steps: open(staff)},
		{name: "report staff, running year", as: "utveckling", steps: open("/personal/uppfoljning/rapporter/" + strconv.Itoa(time.Now().In(followup.Location()).Year()))},
		{name: "report narrative refused", as: "utveckling", steps: open(staff,
			submit(form, "introduction", "Året i korthet.", "conclusion", strings.Repeat("Lång slutsats. ", 600))), status: 422},
		{name: "report not issued", steps: open("/uppfoljning/rapporter/2099"), status: 404},
	}
	if err := e.reportSetup(staff); err != nil {
		return append(rows, uiPage{name: "report setup failed: " + err.Error(), steps: open("/uppfoljning/rapporter/setup-failed")})
	}
	return append(rows,
		uiPage{name: "report list", steps: open("/uppfoljning/rapporter")},
		uiPage{name: "report public", steps: open("/uppfoljning/rapporter/" + reportYearUI)},
	)
}

// reportSetup issues the report of reportYearUI as the development
// department unless one is issued already.
func (e *uiEnv) reportSetup(staff string) error {
	client := &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	anon := &uiStewardClient{base: e.base, http: client}
	resp, _, err := anon.do(http.MethodGet, "/uppfoljning/rapporter/"+reportYearUI, nil)
	if err != nil || resp.StatusCode == http.StatusOK {
		return err
	}
	dev := &uiStewardClient{base: e.base, session: e.sessions["utveckling"], http: client}
	resp, body, err := dev.do(http.MethodPost, staff+"/utfarda", nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("issuing answered %d: %.200s", resp.StatusCode, body)
	}
	return nil
}
