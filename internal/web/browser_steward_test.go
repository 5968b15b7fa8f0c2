package web_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The data stewards' pages in the browser tests. uiPagesSteward builds
// what its pages show first, over HTTP as the demo's data steward: a
// dataset with its metadata filled in and a Swedish CSV loaded (so the
// resource page shows the column types and the quality report), and a new
// draft with nothing filled in, whose publishing is refused. Its rows that
// submit forms submit them wrong, so they change nothing.

// uiSteward is what stewardSetup made: the paths of the two datasets and
// of the CSV resource.
type uiSteward struct {
	full, empty, resource string
}

// uiPagesSteward returns the browser test rows of these pages. If the
// setup fails it returns one row that fails, saying why.
func uiPagesSteward(e *uiEnv) []uiPage {
	s, err := e.stewardSetup()
	if err != nil {
		return []uiPage{{name: "steward setup failed: " + err.Error(), as: "data", steps: open("/personal/data/setup-failed")}}
	}
	return []uiPage{
		{name: "steward list", as: "data", steps: open("/personal/data")},
		{name: "steward create error", as: "data", steps: open("/personal/data", submit(`form[action="/personal/data"]`, "title_sv", " ")), status: 422},
		{name: "steward dataset", as: "data", steps: open(s.full)},
		{name: "steward dataset error", as: "data", steps: open(s.full, submit(`form[action="`+s.full+`"]`,
			"contact_email", "miljo at kommun", "temporal_start", "1 juni", "landing_page", "kommun.se")), status: 422},
		{name: "steward new draft", as: "data", steps: open(s.empty)},
		{name: "steward publish problems", as: "data", steps: open(s.empty, submit(`form[action$="/publicera"]`)), status: 422},
		{name: "steward upload error", as: "data", steps: open(s.empty, submit(`form[enctype="multipart/form-data"]`)), status: 422},
		{name: "steward resource", as: "data", steps: open(s.resource)},
		{name: "steward resource error", as: "data", steps: open(s.resource, submit(`form:has(input[name="action"][value="save"])`, "title_sv", " ")), status: 422},
		{name: "steward forbidden", as: "handlaggare", steps: open("/personal/data"), status: 403},
	}
}

// stewardSetup builds the datasets uiPagesSteward's rows show, as the
// demo's data steward.
func (e *uiEnv) stewardSetup() (uiSteward, error) {
	c := &uiStewardClient{base: e.base, session: e.sessions["data"],
		http: &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, list, err := c.do(http.MethodGet, "/personal/data", nil)
	if err != nil {
		return uiSteward{}, err
	}
	m := regexp.MustCompile(`<option value="([0-9]+)"`).FindStringSubmatch(list)
	if m == nil {
		return uiSteward{}, fmt.Errorf("no unit to choose on the steward's list")
	}
	unit := m[1]
	var s uiSteward
	if s.full, err = c.redirect(http.MethodPost, "/personal/data", url.Values{"unit": {unit}, "title_sv": {"Badplatser"}, "slug": {"ui-badplatser"}}); err != nil {
		return s, err
	}
	if s.empty, err = c.redirect(http.MethodPost, "/personal/data", url.Values{"unit": {unit}, "title_sv": {"Avfallsmängder per år"}, "slug": {"ui-avfall"}}); err != nil {
		return s, err
	}
	form := url.Values{"title_sv": {"Badplatser och vattenprover"}, "title_en": {"Bathing sites and water samples"},
		"description_sv": {"Kommunens badplatser med vattenprover under badsäsongen."}, "keywords": {"bad, vattenkvalitet"},
		"themes": {"http://publications.europa.eu/resource/authority/data-theme/ENVI"}, "unit": {unit},
		"contact_name": {"Miljöförvaltningen"}, "contact_email": {"miljo@kommun.example.se"},
		"licence": {"http://creativecommons.org/publicdomain/zero/1.0/"}, "access_rights": {"http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
		"frequency": {"http://publications.europa.eu/resource/authority/frequency/ANNUAL"}, "temporal_start": {"2024-06-01"}, "slug": {"ui-badplatser"}}
	if _, err := c.redirect(http.MethodPost, strings.TrimSuffix(s.full, "?klart=skapad"), form); err != nil {
		return s, err
	}
	s.full = strings.TrimSuffix(s.full, "?klart=skapad")
	s.empty = strings.TrimSuffix(s.empty, "?klart=skapad")
	csv := []byte("Badplats;Temperatur (°C);Provdatum;Postnummer;Godkänt\r\n" +
		"Badviken;18,5;2024-06-01;89131;ja\r\nSandstränden;19,0;2024-06-15;89132;ja\r\n\"Åsjön, norra\";17,25;2024-07-01;89133;nej\r\n" +
		"Tjärnen;tjugo;2024-07-15;89134;ja\r\nNorrstranden;;2024-08-01;;ja\r\n")
	loc, err := c.upload(s.full+"/resurser", "vattenprover-2024.csv", csv)
	if err != nil {
		return s, err
	}
	s.resource, _, _ = strings.Cut(loc, "?")
	return s, nil
}

// uiStewardClient is a plain HTTP client with the data steward's session.
type uiStewardClient struct {
	base, session string
	http          *http.Client
}

// do sends a request with an url-encoded form (none when form is nil).
func (c *uiStewardClient) do(method, path string, form url.Values) (*http.Response, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return nil, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c.send(req)
}

// send sends req with the session and reads the response.
func (c *uiStewardClient) send(req *http.Request) (*http.Response, string, error) {
	req.AddCookie(&http.Cookie{Name: "sprang", Value: c.session})
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

// redirect sends a form and returns where the redirect of a saved change
// leads.
func (c *uiStewardClient) redirect(method, path string, form url.Values) (string, error) {
	resp, body, err := c.do(method, path, form)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("%s %s: status %d\n%.2000s", method, path, resp.StatusCode, body)
	}
	return resp.Header.Get("Location"), nil
}

// upload posts a file to path as the upload form does and returns where
// the redirect leads.
func (c *uiStewardClient) upload(path, name string, content []byte) (string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		return "", err
	}
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.base+path, &body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, out, err := c.send(req)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("upload to %s: status %d\n%.2000s", path, resp.StatusCode, out)
	}
	return resp.Header.Get("Location"), nil
}
