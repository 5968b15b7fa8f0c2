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

	"sprang/internal/eservice"
)

// uiServiceSlug is the service the browser tests fill in from start to
// receipt: every field it requires can be typed or picked from a select,
// which the tests' form filling can do (it cannot tick radios).
const uiServiceSlug = "prova-formular"

// uiPagesEService returns the e-service pages the browser tests check:
// the catalogue, service pages, steps with and without errors, the check
// page, the receipt, and a case officer's registration. The demo content
// has the services; the one filled in to its receipt is imported through
// the builder by uiEServiceSetup.
func uiPagesEService(e *uiEnv) []uiPage {
	id := e.uiEServiceSetup()
	start := func(slug string) []uiStep {
		return open("/e-tjanster/"+slug, submit(`form[action="/e-tjanster/`+slug+`/starta"]`))
	}
	toCheck := append(start(uiServiceSlug),
		submit("main form", "rubrik", "Räksmörgås", "val", "b", "datum", "2026-03-15"),
		submit("main form", "personer-0-namn", "Anna Andersson"))
	register := open("/personal/arenden/registrera",
		submit(`form[action="/personal/arenden/registrera"]`, "service", id, "channel", "paper"))
	return []uiPage{
		// Anonymous residents.
		{name: "e-services", steps: open("/e-tjanster")},
		{name: "e-services search", steps: open("/e-tjanster?q=parkering")},
		{name: "e-services category", steps: open("/e-tjanster?kategori=gata-trafik")},
		{name: "e-service", steps: open("/e-tjanster/felanmalan-gata-park")},
		{name: "e-service needing e-ID", steps: open("/e-tjanster/ansokan-om-skolskjuts")},
		{name: "e-service first step", steps: start(uiServiceSlug)},
		{name: "e-service step error", steps: append(start(uiServiceSlug), submit("main form", "datum", "15 mars")), status: 422},
		{name: "e-service step with choices", steps: start("synpunkter-och-klagomal")},
		{name: "e-service step with choices error", steps: append(start("synpunkter-och-klagomal"), submit("main form", "text", "Bra!")), status: 422},
		{name: "e-service group", steps: append(start(uiServiceSlug), submit("main form", "rubrik", "Räksmörgås", "val", "a"))},
		{name: "e-service check", steps: toCheck},
		{name: "e-service check error", steps: append(toCheck, submit("main form", "email", "inte en adress")), status: 422}, //nolint:misspell // Swedish
		{name: "e-service receipt", steps: append(toCheck, submit("main form", "email", "anna@example.se"))},

		// A resident logged in with the demo e-ID.
		{name: "e-service with e-ID", as: "invanare", steps: start("ansokan-om-bostadsanpassningsbidrag")},

		// A case officer registering an errand that came on paper.
		{name: "register errand", as: "handlaggare", steps: open("/personal/arenden/registrera")},
		{name: "register errand error", as: "handlaggare", steps: open("/personal/arenden/registrera",
			submit(`form[action="/personal/arenden/registrera"]`, "personnummer", "19121212-1213")), status: 422},
		{name: "register errand step", as: "handlaggare", steps: register},
		{name: "register errand check", as: "handlaggare", steps: append(register,
			submit("main form", "rubrik", "Lapp i brevlådan", "val", "a"),
			submit("main form", "personer-0-namn", "Anna Andersson"))},
	}
}

// uiService is the service uiServiceSlug: the first page has a text, a
// select, a date, an information text and an optional address; the
// second a group, a file, a yes/no with a question shown after "yes",
// checkboxes and a long text, all optional but the group's name.
func uiService() eservice.Spec {
	t := func(sv, en string) eservice.Text { return eservice.Text{SV: sv, EN: en} }
	return eservice.Spec{Format: eservice.FormatVersion, Slug: uiServiceSlug, UnitSlug: "samhallsbyggnad",
		Title: t("Prova formuläret", "Try the form"), Summary: t("En e-tjänst med alla sorters frågor.", "An e-service with every kind of question."),
		Category: "kommun-politik", Classification: eservice.ClassPublic, Login: eservice.LoginRule{Anonymous: true}, ConfirmByEmail: true,
		Privacy: eservice.Privacy{Purpose: t("Att prova.", "To try."), LegalBasis: t("Allmänt intresse.", "Public interest."),
			Retention: t("En månad.", "One month."), Controller: "Samhällsbyggnadsnämnden"},
		Retention: eservice.Retention{Months: 1, Action: eservice.RetainDelete}, TargetDays: 5, Statuses: eservice.DefaultStatuses(),
		OtherChannels: eservice.Other{Phone: "0660-88 000"},
		Form: eservice.Form{Pages: []eservice.Page{
			{ID: "om", Title: t("Om ärendet", "About the errand"), Questions: []eservice.Question{
				{ID: "info", Type: eservice.TypeInfo, Label: t("Svara så gott du kan.", "Answer as well as you can.")},
				{ID: "rubrik", Type: eservice.TypeText, Label: t("Rubrik", "Title"), Required: true},
				{ID: "val", Type: eservice.TypeChoice, Display: "select", Label: t("Välj ett", "Choose one"), Required: true,
					Options: []eservice.Option{{Value: "a", Label: t("Alfa", "Alpha")}, {Value: "b", Label: t("Beta", "Beta")}}},
				{ID: "datum", Type: eservice.TypeDate, Label: t("Datum", "Date")},
				{ID: "adress", Type: eservice.TypeAddress, Label: t("Adress", "Address")}, //nolint:misspell // Swedish
			}},
			{ID: "mer", Title: t("Mer om ärendet", "More about the errand"), Questions: []eservice.Question{
				{ID: "personer", Type: eservice.TypeGroup, Label: t("Person", "Person"), MaxRepeat: 3, Questions: []eservice.Question{
					{ID: "namn", Type: eservice.TypeText, Label: t("Namn", "Name"), Required: true},
				}},
				{ID: "bilaga", Type: eservice.TypeFile, Label: t("Bilaga", "Attachment"),
					File: &eservice.FileRule{Types: []string{"application/pdf", "image/png"}, MaxBytes: 1 << 20}},
				{ID: "brad", Type: eservice.TypeYesNo, Label: t("Är det bråttom?", "Is it urgent?")},
				{ID: "varfor", Type: eservice.TypeText, Label: t("Varför?", "Why?"),
					ShowIf: []eservice.Condition{{Question: "brad", Values: []string{"yes"}}}},
				{ID: "kanaler", Type: eservice.TypeMulti, Label: t("Hur vill du bli kontaktad?", "How do you want to be contacted?"),
					Options: []eservice.Option{{Value: "post", Label: t("Brev", "Letter")}, {Value: "telefon", Label: t("Telefon", "Phone")}}},
				{ID: "ovrigt", Type: eservice.TypeLongText, Label: t("Övrigt", "Other")},
			}},
		}},
	}
}

var builderIDRE = regexp.MustCompile(`^/personal/e-tjanster/(\d+)`)

// uiEServiceSetup imports uiService through the builder as the demo
// administrator and publishes it, and returns its id (the value of the
// registration form's service choice). It panics when that fails: the
// rows cannot be built without it.
func (e *uiEnv) uiEServiceSetup() string {
	var spec bytes.Buffer
	if err := eservice.Export(&spec, uiService()); err != nil {
		panic(fmt.Sprintf("export the browser tests' service: %v", err))
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("import_file", uiServiceSlug+".json")
	_, _ = fw.Write(spec.Bytes())
	_ = mw.Close()
	resp := e.adminPost("/personal/e-tjanster/importera", mw.FormDataContentType(), &body)
	m := builderIDRE.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		panic(fmt.Sprintf("import the browser tests' service: status %d, location %q", resp.StatusCode, resp.Header.Get("Location")))
	}
	resp = e.adminPost("/personal/e-tjanster/"+m[1]+"/publicera", "application/x-www-form-urlencoded", strings.NewReader(url.Values{}.Encode()))
	if resp.StatusCode != http.StatusSeeOther {
		panic(fmt.Sprintf("publish the browser tests' service: status %d", resp.StatusCode))
	}
	return m[1]
}

// adminPost posts body as the demo administrator and returns the
// response, its body closed.
func (e *uiEnv) adminPost(path, contentType string, body io.Reader) *http.Response {
	req, err := http.NewRequest(http.MethodPost, e.base+path, body)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions["admin"]})
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		panic(err)
	}
	_ = resp.Body.Close()
	return resp
}
