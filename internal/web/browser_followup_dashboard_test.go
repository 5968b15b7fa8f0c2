package web_test

import (
	"errors"
	"html"
	"io"
	"net/http"
	"regexp"
	"time"
)

// The follow-up dashboards in the browser tests, over the demo's
// indicators. Every row is also loaded with JavaScript off (checkPage):
// the dashboards and their charts need no script, each chart being an SVG
// with a title and a description followed by its numbers in a table.

// uiPagesDashboard returns the browser test rows of the follow-up
// dashboards and where digitalization is not used fully. The filtered and
// indicator rows take their links from the dashboards themselves; if they
// cannot be read, the rows fail saying so.
func uiPagesDashboard(e *uiEnv) []uiPage {
	public, err := e.dashboardLinks("", "/uppfoljning")
	if err != nil {
		return []uiPage{{name: "dashboard setup failed: " + err.Error(), steps: open("/uppfoljning/setup-failed")}}
	}
	staff, err := e.dashboardLinks("utveckling", "/personal/uppfoljning")
	if err != nil {
		return []uiPage{{name: "dashboard setup failed: " + err.Error(), as: "utveckling", steps: open("/personal/uppfoljning/setup-failed")}}
	}
	return []uiPage{
		{name: "dashboard public", steps: open("/uppfoljning")},
		{name: "dashboard public filtered by unit and year", steps: open(public.unit)},
		{name: "dashboard public perspective", steps: open("/uppfoljning?perspektiv=innovation")},
		{name: "dashboard public indicator", steps: open(public.indicator)},
		{name: "dashboard refused filter", steps: open("/uppfoljning?ar=1999"), status: 422},
		{name: "dashboard staff", as: "utveckling", steps: open("/personal/uppfoljning")},
		{name: "dashboard staff indicator", as: "utveckling", steps: open(staff.indicator)},
		{name: "dashboard staff refused filter", as: "handlaggare", steps: open("/personal/uppfoljning?enhet=abc"), status: 422},
		{name: "dashboard not used fully", as: "handlaggare", steps: open("/personal/uppfoljning/ej-fullt-utnyttjat")},
	}
}

// dashboardPaths are links read from a dashboard: a drill-down link to a
// unit's dashboard (a unit and a year) and an indicator page.
type dashboardPaths struct {
	unit, indicator string
}

var (
	dashUnitLink      = regexp.MustCompile(`href="(/[a-z/]*uppfoljning\?ar=[0-9]{4}&amp;enhet=[0-9]+[^"]*)"`)
	dashIndicatorLink = regexp.MustCompile(`href="(/[a-z/]*uppfoljning/indikatorer/[a-z0-9-]+\?[^"]*)"`)
)

// dashboardLinks reads path as the demo account as ("" anonymous) and
// returns its first drill-down and indicator links.
func (e *uiEnv) dashboardLinks(as, path string) (dashboardPaths, error) {
	req, err := http.NewRequest(http.MethodGet, e.base+path, nil)
	if err != nil {
		return dashboardPaths{}, err
	}
	if as != "" {
		req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions[as]})
	}
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Do(req)
	if err != nil {
		return dashboardPaths{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return dashboardPaths{}, err
	}
	unit, ind := dashUnitLink.FindStringSubmatch(string(b)), dashIndicatorLink.FindStringSubmatch(string(b))
	if resp.StatusCode != http.StatusOK || unit == nil || ind == nil {
		return dashboardPaths{}, errDashboardLinks
	}
	return dashboardPaths{unit: html.UnescapeString(unit[1]), indicator: html.UnescapeString(ind[1])}, nil
}

// errDashboardLinks says the dashboard had no links to follow.
var errDashboardLinks = errors.New("no drill-down or indicator link on the dashboard")
