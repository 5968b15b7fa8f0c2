package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The e-service builder in the browser tests. uiPagesBuilder builds what
// its pages show first, over HTTP as the demo's e-tjänst builder (no
// other setup is needed): a service with every kind of question, two
// pages and conditions, valid but not published, and a new service with
// nothing filled in, whose pages show the draft's problems. Its rows that
// submit forms submit them wrong, so they change nothing.

// uiBuilder is what uiBuilderSetup made: the paths of the two services.
type uiBuilder struct {
	full, empty string
}

// uiPagesBuilder returns the builder's rows. If the setup fails it
// returns one row that fails, saying why.
func uiPagesBuilder(e *uiEnv) []uiPage {
	s, err := e.builderSetup()
	if err != nil {
		return []uiPage{{name: "builder setup failed: " + err.Error(), as: "etjanst", steps: open("/personal/e-tjanster/setup-failed")}}
	}
	q := func(id string) string { return s.full + "/sidor/om_dig/fragor/" + id }
	return []uiPage{
		{name: "builder list", as: "etjanst", steps: open("/personal/e-tjanster")},
		{name: "builder list, case officer", as: "handlaggare", steps: open("/personal/e-tjanster")},
		{name: "builder create error", as: "etjanst", steps: open("/personal/e-tjanster", submit(`form[action="/personal/e-tjanster"]`, "slug", "Å")), status: 422},
		{name: "builder import error", as: "etjanst", steps: open("/personal/e-tjanster", submit(`form[action="/personal/e-tjanster/importera"]`)), status: 422},
		{name: "builder service", as: "etjanst", steps: open(s.full)},
		{name: "builder service with problems", as: "etjanst", steps: open(s.empty)},
		{name: "builder facts", as: "etjanst", steps: open(s.full + "/uppgifter")},
		{name: "builder facts error", as: "etjanst", steps: open(s.full+"/uppgifter", submit(`form[action$="/uppgifter"]`, "retention_months", "två år", "slug", "")), status: 422},
		{name: "builder facts problems", as: "etjanst", steps: open(s.empty + "/uppgifter?fel=1")},
		{name: "builder pages", as: "etjanst", steps: open(s.full + "/sidor")},
		{name: "builder pages error", as: "etjanst", steps: open(s.full+"/sidor", submit(`form[action$="/sidor"]:not(.inline-form)`)), status: 422},
		{name: "builder page", as: "etjanst", steps: open(s.full + "/sidor/om_platsen")},
		{name: "builder page error", as: "etjanst", steps: open(s.full+"/sidor/om_dig", submit(`form[action$="/fragor"]`)), status: 422},
		{name: "builder page problems", as: "etjanst", steps: open(s.empty + "/sidor/uppgifter?fel=1")},
		{name: "builder choice question", as: "etjanst", steps: open(q("vad_galler_ansokan"))},
		{name: "builder question error", as: "etjanst", steps: open(q("vad_galler_ansokan"), submit(`main form[action$="/vad_galler_ansokan"]`, "options", "a|b|c|d\nÅÄÖ|x")), status: 422},
		{name: "builder multichoice question", as: "etjanst", steps: open(q("bilagor_du_har"))},
		{name: "builder text question", as: "etjanst", steps: open(q("fastighetsbeteckning"))},
		{name: "builder number question", as: "etjanst", steps: open(q("antal_kvadratmeter"))},
		{name: "builder file question", as: "etjanst", steps: open(q("ritning"))},
		{name: "builder info", as: "etjanst", steps: open(q("las_forst"))},
		{name: "builder group", as: "etjanst", steps: open(q("grannar"))},
		{name: "builder group error", as: "etjanst", steps: open(q("grannar"), submit(`form[action$="/grannar/fragor"]`)), status: 422},
		{name: "builder question in group", as: "etjanst", steps: open(q("grannar") + "/fragor/grannens_namn")},
		{name: "builder question with condition", as: "etjanst", steps: open(s.full + "/sidor/om_platsen/fragor/tidigare_lov")},
		{name: "builder question problems", as: "etjanst", steps: open(s.empty + "/sidor/uppgifter/fragor/fraga?fel=1")},
		{name: "builder delete question", as: "etjanst", steps: open(q("har_du_bygglov") + "/ta-bort")},
		{name: "builder delete page", as: "etjanst", steps: open(s.full + "/sidor/om_dig/ta-bort")},
		{name: "builder statuses", as: "etjanst", steps: open(s.full + "/statusar")},
		{name: "builder statuses error", as: "etjanst", steps: open(s.full+"/statusar", submit(`form[action$="/statusar"]`, "new_label_en", "Rejected")), status: 422},
		{name: "builder preview", as: "etjanst", steps: open(s.full + "/forhandsgranska")},
		{name: "builder forbidden", as: "handlaggare", steps: open(s.full + "/uppgifter"), status: 403},
	}
}

// builderSetup builds the services uiPagesBuilder's rows show, as the
// demo's e-tjänst builder.
func (e *uiEnv) builderSetup() (uiBuilder, error) {
	c := &uiBuilderClient{base: e.base, session: e.sessions["etjanst"],
		http: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	list, err := c.get("/personal/e-tjanster")
	if err != nil {
		return uiBuilder{}, err
	}
	// The demo's case officer works at Samhällsbyggnadsförvaltningen:
	// the services are built there, so they may look but not change.
	m := regexp.MustCompile(`<option value="([0-9]+)"[^>]*>[^<]*Samhällsbyggnad`).FindStringSubmatch(list)
	if m == nil {
		return uiBuilder{}, fmt.Errorf("no unit Samhällsbyggnadsförvaltningen to build in on the list page")
	}
	unit := m[1]
	var s uiBuilder
	if s.empty, err = c.create(unit, "ui-ofardig", "Anmälan om ofärdig tjänst"); err != nil {
		return s, err
	}
	if s.empty != "" {
		if err := c.post(s.empty+"/sidor/uppgifter/fragor", url.Values{"new_type": {"choice"}, "new_label": {"Fråga"}}); err != nil {
			return s, err
		}
	}
	if s.full, err = c.create(unit, "ui-forhandsbesked", "Ansökan om förhandsbesked"); err != nil {
		return s, err
	}
	return s, c.fill(s.full, unit)
}

// fill builds the full service: facts, two pages, a question of every
// kind the rows open, a group, conditions.
func (c *uiBuilderClient) fill(base, unit string) error {
	steps := []struct {
		path string
		form url.Values
	}{
		{"/uppgifter", url.Values{"title_sv": {"Ansökan om förhandsbesked"}, "title_en": {"Application for an advance ruling"},
			"summary_sv": {"Fråga om du får bygga innan du söker bygglov."}, "category": {"bygga-bo"}, "keywords": {"bygglov, tomt"}, "unit": {unit},
			"slug": {"ui-forhandsbesked"}, "classification": {"1"}, "privacy_purpose_sv": {"Att handlägga din ansökan."},
			"privacy_legal_basis_sv": {"Myndighetsutövning."}, "privacy_retention_sv": {"Två år."}, "privacy_controller": {"Byggnadsnämnden"},
			"retention_months": {"24"}, "retention_action": {"anonymize"}, "target_days": {"30"}}},
		{"/sidor/uppgifter", url.Values{"action": {"save"}, "title_sv": {"Om dig"}, "title_en": {"About you"}, "id": {"om_dig"}}},
		{"/sidor", url.Values{"action": {"add"}, "new_title_sv": {"Om platsen"}}},
	}
	questions := []struct{ typ, label string }{
		{"info", "Läs först"}, {"choice", "Vad gäller ansökan?"}, {"yesno", "Har du bygglov?"}, {"multichoice", "Bilagor du har"},
		{"text", "Fastighetsbeteckning"}, {"number", "Antal kvadratmeter"}, {"file", "Ritning"}, {"group", "Grannar"}, {"address", "Postadress"},
	}
	for _, q := range questions {
		steps = append(steps, struct {
			path string
			form url.Values
		}{"/sidor/om_dig/fragor", url.Values{"new_type": {q.typ}, "new_label": {q.label}}})
	}
	qp := "/sidor/om_dig/fragor/"
	steps = append(steps, []struct {
		path string
		form url.Values
	}{
		{qp + "las_forst", url.Values{"label_sv": {"Läs det här innan du börjar.\n\nDet tar tio minuter."}}},
		{qp + "vad_galler_ansokan", url.Values{"label_sv": {"Vad gäller ansökan?"}, "label_en": {"What is it about?"}, "required": {"1"},
			"options": {"nybyggnad|Nybyggnad|New building\ntillbyggnad|Tillbyggnad|Extension\nAnnat"}}},
		{qp + "bilagor_du_har", url.Values{"label_sv": {"Bilagor du har"}, "options": {"Situationsplan\nFasadritning"}, "min": {"1"}}},
		{qp + "fastighetsbeteckning", url.Values{"label_sv": {"Fastighetsbeteckning"}, "hint_sv": {"Till exempel Nyland 3:14."}, "required": {"1"},
			"max_length": {"60"}, "pattern": {"[A-ZÅÄÖ][a-zåäö]+ [0-9]+:[0-9]+"}, "pattern_message_sv": {"Skriv som Nyland 3:14."}}},
		{qp + "antal_kvadratmeter", url.Values{"label_sv": {"Antal kvadratmeter"}, "min": {"1"}, "max": {"10000"}, "required": {"1"}}},
		{qp + "ritning", url.Values{"label_sv": {"Ritning"}, "file_types": {"application/pdf", "image/png"}, "file_max_mb": {"10"}}},
		{qp + "grannar/fragor", url.Values{"new_type": {"text"}, "new_label": {"Grannens namn"}}},
		{qp + "grannar", url.Values{"label_sv": {"Grannar"}, "max_repeat": {"5"}}},
		{"/sidor/om_platsen/fragor", url.Values{"new_type": {"longtext"}, "new_label": {"Tidigare lov"}}},
		{"/sidor/om_platsen/fragor/tidigare_lov", url.Values{"label_sv": {"Tidigare lov"}, "cond_0_question": {"har_du_bygglov"}, "cond_0_values": {"yes"}}},
		{"/sidor/om_platsen", url.Values{"action": {"save"}, "title_sv": {"Om platsen"}, "cond_0_question": {"vad_galler_ansokan"},
			"cond_0_values": {"annat"}, "cond_0_not": {"1"}}},
	}...)
	for _, s := range steps {
		if err := c.post(base+s.path, s.form); err != nil {
			return err
		}
	}
	return nil
}

// uiBuilderClient is a plain HTTP client with a staff session.
type uiBuilderClient struct {
	base, session string
	http          *http.Client
}

func (c *uiBuilderClient) do(method, path string, form url.Values) (*http.Response, string, error) {
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
	req.AddCookie(&http.Cookie{Name: "sprang", Value: c.session})
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

func (c *uiBuilderClient) get(path string) (string, error) {
	resp, body, err := c.do(http.MethodGet, path, nil)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	}
	return body, err
}

// post posts form to path and wants the redirect of a saved change.
func (c *uiBuilderClient) post(path string, form url.Values) error {
	resp, _, err := c.do(http.MethodPost, path, form)
	if err == nil && resp.StatusCode != http.StatusSeeOther {
		err = fmt.Errorf("POST %s: status %d", path, resp.StatusCode)
	}
	return err
}

// create creates a service and returns its path.
func (c *uiBuilderClient) create(unit, slug, title string) (string, error) {
	resp, _, err := c.do(http.MethodPost, "/personal/e-tjanster", url.Values{"title": {title}, "slug": {slug}, "unit": {unit}, "category": {"bygga-bo"}})
	if err != nil {
		return "", err
	}
	loc, _, _ := strings.Cut(resp.Header.Get("Location"), "?")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/personal/e-tjanster/") {
		return "", fmt.Errorf("create %s: status %d to %q", slug, resp.StatusCode, loc)
	}
	return loc, nil
}
