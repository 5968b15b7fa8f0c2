package web_test

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/eservice"
)

// newService creates a service as b in unit and returns its base path.
func newService(t *testing.T, b *browser, unit int64, title string) string {
	t.Helper()
	resp, body := b.post("/personal/e-tjanster", url.Values{"title": {title}, "unit": {fmt.Sprint(unit)}, "category": {"bygga-bo"}})
	wantStatus(t, "create "+title, resp, body, 303, "/personal/e-tjanster/")
	return fmt.Sprintf("/personal/e-tjanster/%d", serviceIDIn(t, resp.Header.Get("Location")))
}

// TestBuilderAccess checks who may do what: a builder of another unit
// gets 404 for the service's pages (as if it did not exist), a case
// officer of the owning unit may look but not change anything, and
// nobody creates a service in a unit where they may not build.
func TestBuilderAccess(t *testing.T) {
	t.Parallel()
	builderEngines(t, func(t *testing.T, e *builderEnv) {
		elsa := e.as(t, "elsa")
		base := newService(t, elsa, e.bygg.ID, "Anmälan om ovårdad tomt")
		pages := []string{"", "/uppgifter", "/sidor", "/sidor/uppgifter", "/sidor/uppgifter/ta-bort", "/statusar", "/forhandsgranska", "/export.json"}
		posts := []string{"/uppgifter", "/sidor", "/sidor/uppgifter", "/sidor/uppgifter/fragor", "/sidor/uppgifter/ta-bort", "/statusar", "/publicera", "/kasta"}

		erik := e.as(t, "erik")
		for _, p := range pages {
			resp, body := erik.get(base + p)
			wantStatus(t, "other unit's builder GET "+p, resp, body, 404, "")
		}
		for _, p := range posts {
			resp, body := erik.post(base+p, url.Values{"action": {"save"}, "title_sv": {"Kapad"}})
			wantStatus(t, "other unit's builder POST "+p, resp, body, 404, "")
		}
		_, body := erik.get("/personal/e-tjanster")
		if strings.Contains(body, "Anmälan om ovårdad tomt") {
			t.Error("another unit's builder sees the service in the list")
		}
		resp, body := erik.post("/personal/e-tjanster", url.Values{"title": {"Smyg"}, "unit": {fmt.Sprint(e.bygg.ID)}, "category": {"bygga-bo"}})
		wantStatus(t, "create in another unit", resp, body, 422, "")
		wantBody(t, "create in another unit", body, `<a href="#unit">Välj en enhet där du får bygga`)

		hugo := e.as(t, "hugo")
		for _, p := range []string{"", "/forhandsgranska", "/export.json"} {
			resp, body := hugo.get(base + p)
			wantStatus(t, "case officer GET "+p, resp, body, 200, "")
		}
		for _, p := range []string{"/uppgifter", "/sidor", "/statusar"} {
			resp, body := hugo.get(base + p)
			wantStatus(t, "case officer GET "+p, resp, body, 403, "")
		}
		for _, p := range posts {
			resp, body := hugo.post(base+p, url.Values{"action": {"save"}, "title_sv": {"Ändrad"}})
			wantStatus(t, "case officer POST "+p, resp, body, 403, "")
		}
		resp, body = hugo.post("/personal/e-tjanster", url.Values{"title": {"X"}, "unit": {fmt.Sprint(e.bygg.ID)}, "category": {"bygga-bo"}})
		wantStatus(t, "case officer creates", resp, body, 403, "")
		_, body = hugo.get(base)
		if strings.Contains(body, "/publicera") || strings.Contains(body, "/kasta") {
			t.Error("the case officer is offered to publish or discard")
		}
		_, body = hugo.get("/personal/e-tjanster")
		wantBody(t, "case officer's list", body, "Anmälan om ovårdad tomt")
		if strings.Contains(body, `action="/personal/e-tjanster"`) {
			t.Error("the case officer is offered to create a service")
		}

		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}}
		resp, body = anon.get(base)
		wantStatus(t, "anonymous", resp, body, 303, "/logga-in")
		if d := e.draftOf(t, serviceIDIn(t, base)); d.Title.SV != "Anmälan om ovårdad tomt" {
			t.Errorf("someone changed the draft: %q", d.Title.SV)
		}
		for _, p := range []string{"/personal/e-tjanster/999999", "/personal/e-tjanster/x", base + "/sidor/finns_inte", base + "/sidor/uppgifter/fragor/finns_inte"} {
			resp, body := elsa.get(p)
			wantStatus(t, "missing "+p, resp, body, 404, "")
		}
	})
}

// TestBuilderDeleteAndDiscard deletes a question and a page through
// their confirmation pages (which name the conditions that go with them)
// and discards drafts: a service never published goes with its draft.
func TestBuilderDeleteAndDiscard(t *testing.T) {
	t.Parallel()
	builderEngines(t, func(t *testing.T, e *builderEnv) {
		b := e.as(t, "elsa")
		base := newService(t, b, e.bygg.ID, "Ansökan om parkeringstillstånd")
		id := serviceIDIn(t, base)
		b.post(base+"/sidor/uppgifter/fragor", url.Values{"new_type": {"yesno"}, "new_label": {"Har du bil"}})
		b.post(base+"/sidor", url.Values{"action": {"add"}, "new_title_sv": {"Bilen"}})
		b.post(base+"/sidor/bilen/fragor", url.Values{"new_type": {"text"}, "new_label": {"Registreringsnummer"}})
		resp, body := b.post(base+"/sidor/bilen", url.Values{"action": {"save"}, "title_sv": {"Bilen"}, "cond_0_question": {"har_du_bil"}, "cond_0_values": {"yes"}})
		wantStatus(t, "page condition", resp, body, 303, "")
		resp, body = b.post(base+"/sidor/bilen/fragor/registreringsnummer", url.Values{"action": {"save"}, "label_sv": {"Registreringsnummer"},
			"cond_0_question": {"har_du_bil"}, "cond_0_values": {"no"}, "cond_0_not": {"1"}})
		wantStatus(t, "question condition", resp, body, 303, "")

		// Renaming a question's id carries its conditions along.
		resp, body = b.post(base+"/sidor/uppgifter/fragor/har_du_bil", url.Values{"action": {"save"}, "label_sv": {"Har du bil?"}, "id": {"bil"}})
		wantStatus(t, "rename id", resp, body, 303, base+"/sidor/uppgifter/fragor/bil?klart=sparat")
		resp, body = b.post(base+"/sidor/uppgifter/fragor", url.Values{"new_type": {"text"}, "new_label": {"Namn"}})
		wantStatus(t, "second question", resp, body, 303, "")
		resp, body = b.post(base+"/sidor/uppgifter/fragor/namn", url.Values{"action": {"save"}, "label_sv": {"Namn"}, "id": {"bil"}})
		wantStatus(t, "taken id", resp, body, 422, "")
		wantBody(t, "taken id", body, `<a href="#id">Id:t används redan`)
		spec := e.draftOf(t, id)
		if spec.Form.Pages[1].ShowIf[0].Question != "bil" || spec.Form.Pages[1].Questions[0].ShowIf[0].Question != "bil" {
			t.Fatalf("conditions did not follow the renamed id: %+v", spec.Form.Pages[1])
		}

		resp, body = b.get(base + "/sidor/uppgifter/fragor/bil/ta-bort")
		wantStatus(t, "confirm delete", resp, body, 200, "")
		wantBody(t, "confirm delete", body, "Vill du ta bort frågan?", "Har du bil?", "Villkoren tas bort", "<li>Bilen</li>", "<li>Registreringsnummer</li>")
		resp, body = b.post(base+"/sidor/uppgifter/fragor/bil/ta-bort", nil)
		wantStatus(t, "delete question", resp, body, 303, base+"/sidor/uppgifter?klart=borttagen")
		spec = e.draftOf(t, id)
		if len(spec.Form.Pages[0].Questions) != 1 || len(spec.Form.Pages[1].ShowIf) != 0 || len(spec.Form.Pages[1].Questions[0].ShowIf) != 0 {
			t.Fatalf("after deleting the question: %+v", spec.Form)
		}
		resp, body = b.get(base + "/sidor/bilen/ta-bort")
		wantStatus(t, "confirm page delete", resp, body, 200, "")
		wantBody(t, "confirm page delete", body, "Vill du ta bort sidan?", "(1)")
		resp, body = b.post(base+"/sidor/bilen/ta-bort", nil)
		wantStatus(t, "delete page", resp, body, 303, base+"/sidor?klart=borttagen")
		if spec = e.draftOf(t, id); len(spec.Form.Pages) != 1 {
			t.Fatalf("page not deleted: %+v", spec.Form.Pages)
		}

		// Moving pages.
		b.post(base+"/sidor", url.Values{"action": {"add"}, "new_title_sv": {"Andra"}})
		resp, body = b.post(base+"/sidor", url.Values{"action": {"up"}, "page": {"andra"}})
		wantStatus(t, "move page", resp, body, 303, base+"/sidor?klart=flyttad")
		if spec = e.draftOf(t, id); spec.Form.Pages[0].ID != "andra" {
			t.Errorf("page not moved: %s", spec.Form.Pages[0].ID)
		}

		// Discarding a draft of a service never published deletes it.
		resp, body = b.post(base+"/kasta", nil)
		wantStatus(t, "discard", resp, body, 303, "/personal/e-tjanster?klart=kastad")
		resp, body = b.get(base)
		wantStatus(t, "discarded", resp, body, 404, "")
	})
}

// builderImportFile returns the export of a valid spec for unit slug.
func builderImportFile(t *testing.T, slug, unit string) []byte {
	t.Helper()
	yes := 1.0
	spec := eservice.Spec{Slug: slug, Title: eservice.Text{SV: "Boka tid för vigsel", EN: "Book a wedding"},
		Summary: eservice.Text{SV: "Boka borgerlig vigsel."}, Category: "kommun-politik", UnitSlug: unit, Classification: 1,
		Privacy: eservice.Privacy{Purpose: eservice.Text{SV: "Att boka."}, LegalBasis: eservice.Text{SV: "Allmänt intresse."},
			Retention: eservice.Text{SV: "Ett år."}, Controller: "Kommunstyrelsen"},
		Retention: eservice.Retention{Months: 12, Action: eservice.RetainDelete}, TargetDays: 10, Statuses: eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "vigsel", Title: eservice.Text{SV: "Vigseln"}, Questions: []eservice.Question{
			{ID: "datum", Type: eservice.TypeDate, Label: eservice.Text{SV: "Önskat datum"}, Required: true},
			{ID: "vittnen", Type: eservice.TypeMulti, Label: eservice.Text{SV: "Vittnen"}, Options: []eservice.Option{{Value: "egna", Label: eservice.Text{SV: "Egna"}}}, Min: &yes},
		}}}}}
	var buf bytes.Buffer
	if err := eservice.Export(&buf, spec); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBuilderImportExport imports a good file (the form's unit wins over
// the file's), refuses bad ones with every problem in plain words and
// where it is in the file, and checks that an export imports back to the
// same service.
func TestBuilderImportExport(t *testing.T) {
	t.Parallel()
	builderEngines(t, func(t *testing.T, e *builderEnv) {
		b := e.as(t, "elsa")
		good := builderImportFile(t, "boka-vigsel", "annan-kommun")

		resp, body := upload(t, b, "/personal/e-tjanster/importera", map[string]string{"import_unit": ""}, good)
		wantStatus(t, "import with a foreign unit", resp, body, 422, "")
		wantBody(t, "import with a foreign unit", body, `<a href="#import_unit">Välj en enhet`)
		resp, body = upload(t, b, "/personal/e-tjanster/importera", map[string]string{"import_unit": fmt.Sprint(e.bygg.ID)}, good)
		wantStatus(t, "import", resp, body, 303, "/personal/e-tjanster/")
		id := serviceIDIn(t, resp.Header.Get("Location"))
		spec := e.draftOf(t, id)
		if spec.UnitID != e.bygg.ID || spec.Slug != "boka-vigsel" || len(spec.Form.Pages[0].Questions) != 2 {
			t.Fatalf("imported: %+v", spec)
		}
		resp, body = upload(t, b, "/personal/e-tjanster/importera", map[string]string{"import_unit": fmt.Sprint(e.bygg.ID)}, good)
		wantStatus(t, "import again", resp, body, 422, "")
		wantBody(t, "import again", body, `<a href="#import_slug">Det finns redan en e-tjänst med det adressnamnet`)

		bad := map[string]struct {
			file []byte
			want []string
		}{
			"no file":       {nil, []string{`<a href="#import_file">Välj en fil att importera</a>`}},
			"not JSON":      {[]byte("{\n  \"format\": \"sprang-eservice/1\",\n  \"slug\": \n}"), []string{`<a href="#import_file">`, "Filen är inte giltig JSON: det finns ett fel på rad 4"}},
			"not a service": {[]byte(`{"namn": "x"}`), []string{"Filen är inte en e-tjänst från Språnget"}},
			"unknown field": {bytes.Replace(good, []byte(`"slug":`), []byte(`"farg": "blå", "slug":`), 1), []string{"Filen innehåller fältet farg"}},
			"invalid service": {bytes.Replace(bytes.Replace(good, []byte(`"Kommunstyrelsen"`), []byte(`""`), 1), []byte(`"Önskat datum"`), []byte(`""`), 1),
				[]string{"Personuppgiftsansvarig: Fyll i det här fältet.", "i filen: privacy.controller", "Sida 1, fråga 1 – Fråga på svenska: Fyll i det här fältet.", "i filen: form.pages.0.questions.0.label.sv"}},
		}
		for name, tt := range bad {
			resp, body := upload(t, b, "/personal/e-tjanster/importera", map[string]string{"import_unit": fmt.Sprint(e.bygg.ID), "import_slug": "ny-" + strings.ReplaceAll(name, " ", "-")}, tt.file)
			wantStatus(t, "import "+name, resp, body, 422, "")
			wantBody(t, "import "+name, body, tt.want...)
		}

		// Export and import back: the same service under a new slug.
		resp, body = b.get(fmt.Sprintf("/personal/e-tjanster/%d/export.json", id))
		wantStatus(t, "export", resp, body, 200, "")
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="boka-vigsel-v1.json"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		wantBody(t, "export", body, `"unit": "bygg"`, `"format": "sprang-eservice/1"`)
		resp, body = upload(t, b, "/personal/e-tjanster/importera", map[string]string{"import_unit": "", "import_slug": "boka-vigsel-kopia"}, []byte(body))
		wantStatus(t, "import the export", resp, body, 303, "/personal/e-tjanster/")
		back := e.draftOf(t, serviceIDIn(t, resp.Header.Get("Location")))
		back.Slug = spec.Slug
		if a, b := mustJSON(t, spec), mustJSON(t, back); a != b {
			t.Errorf("round trip changed the service:\n%s\n%s", a, b)
		}

		erik := e.as(t, "erik")
		resp, body = upload(t, erik, "/personal/e-tjanster/importera", map[string]string{"import_unit": fmt.Sprint(e.bygg.ID)}, good)
		wantStatus(t, "import into another unit", resp, body, 422, "")
		hugo := e.as(t, "hugo")
		resp, body = upload(t, hugo, "/personal/e-tjanster/importera", map[string]string{"import_unit": fmt.Sprint(e.bygg.ID)}, good)
		wantStatus(t, "case officer imports", resp, body, 403, "")
	})
}

// TestBuilderEnglish checks the builder in English: texts the author
// wrote only in Swedish are marked as Swedish.
func TestBuilderEnglish(t *testing.T) {
	t.Parallel()
	builderEngines(t, func(t *testing.T, e *builderEnv) {
		b := e.as(t, "elsa")
		base := newService(t, b, e.bygg.ID, "Felanmälan")
		b.cookies["lang"] = "en"
		for _, p := range []string{"", "/uppgifter", "/sidor", "/sidor/uppgifter", "/statusar", "/forhandsgranska"} {
			resp, body := b.get(base + p)
			wantStatus(t, "English "+p, resp, body, 200, "")
			if !strings.Contains(body, `<html lang="en">`) {
				t.Errorf("%s is not in English", p)
			}
		}
		_, body := b.get(base)
		wantBody(t, "English overview", body, `<h1><span lang="sv">Felanmälan</span></h1>`, "Correct this before you publish")
	})
}
