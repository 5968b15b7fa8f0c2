package web_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"time"
)

// The statistics pages in the browser tests. They read the demo database
// with the errands seedErrandsUI adds to Samhällsbyggnadsförvaltningen,
// where the demo's handläggare works.

// uiStatsServiceRE finds the UI errands' service among the statistics
// page's service choices.
var uiStatsServiceRE = regexp.MustCompile(`<option value="(\d+)"[^>]*>Felanmälan av gatubelysning</option>`)

// uiStatsService returns the id of the UI errands' service, found among
// the service choices of the handläggare's statistics page.
func (e *uiEnv) uiStatsService() string {
	req, err := http.NewRequest(http.MethodGet, e.base+"/personal/statistik", nil)
	if err != nil {
		panic(err)
	}
	req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions["handlaggare"]})
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		panic(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	m := uiStatsServiceRE.FindStringSubmatch(string(body))
	if m == nil {
		panic(fmt.Sprintf("the UI errands' service is not among the statistics' choices (did newUIEnv call seedErrandsUI?); status %d", resp.StatusCode))
	}
	return m[1]
}

// uiPagesStats returns the statistics pages the browser tests check: the
// summary with the monthly chart, one service with its drop-off chart,
// another period, an e-service builder's view and a refused filter.
func uiPagesStats(e *uiEnv) []uiPage {
	svc := e.uiStatsService()
	return []uiPage{
		{name: "statistics", as: "handlaggare", steps: open("/personal/statistik")},
		{name: "statistics of a service", as: "handlaggare", steps: open("/personal/statistik?tjanst=" + svc + "&period=30-dagar")},
		{name: "statistics filtered", as: "handlaggare", steps: open("/personal/statistik",
			submit(`form[action="/personal/statistik"]`))},
		{name: "statistics this year", as: "etjanst", steps: open("/personal/statistik?period=i-ar")},
		{name: "statistics filter error", as: "handlaggare", steps: open("/personal/statistik?period=1999"), status: 422},
	}
}
