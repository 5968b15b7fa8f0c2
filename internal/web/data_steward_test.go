package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/opendata"
)

// TestStewardFlow takes a dataset from nothing to published: create it
// (refused without unit and title), describe it (refused with a bad
// address, date and link, nothing saved), try to publish it (refused
// with the conformance problems linked to their fields), fill it in,
// upload a Swedish CSV that loads at once, a second version, override a
// column's type (which reloads it), publish, withdraw and republish.
// Every change is audited.
func TestStewardFlow(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		b := e.as(t, "dana")
		_, body := b.get("/personal")
		wantBody(t, "staff page", body, `href="/personal/data"`, `href="/personal/api-nycklar"`)
		resp, body := b.get("/personal/data")
		wantStatus(t, "list", resp, body, 200, "")
		wantBody(t, "empty list", body, "Dina enheter har inga datamängder", `<option value="`+strconv.FormatInt(e.miljo.ID, 10)+`"`)
		if strings.Contains(body, `<option value="`+strconv.FormatInt(e.skola.ID, 10)+`"`) {
			t.Error("the unit select offers a unit dana does not manage")
		}

		resp, body = b.post("/personal/data", url.Values{"title_sv": {"  "}, "unit": {strconv.FormatInt(e.skola.ID, 10)}})
		wantStatus(t, "create without title", resp, body, 422, "")
		wantBody(t, "create without title", body, `<a href="#unit">Välj en enhet`, `<a href="#title_sv">Skriv datamängdens titel`, `role="alert"`)
		base := e.create(t, b, e.miljo.ID, "Badplatser & vattenprover")
		en := e.dataset(t, base)
		d := en.Dataset
		if d.State != opendata.Draft || d.Slug != "badplatser-vattenprover" || d.Licence != opendata.LicenceCC0 ||
			d.AccessRights != opendata.AccessPublic || d.UnitID != e.miljo.ID || d.TitleSV != "Badplatser & vattenprover" {
			t.Fatalf("new dataset: %+v", d)
		}
		resp, body = b.post("/personal/data", url.Values{"title_sv": {"Igen"}, "slug": {"badplatser-vattenprover"}, "unit": {strconv.FormatInt(e.miljo.ID, 10)}})
		wantStatus(t, "create taken slug", resp, body, 422, "")
		wantBody(t, "create taken slug", body, `<a href="#slug">Det namnet används redan`)

		_, body = b.get(base + "?klart=skapad")
		wantBody(t, "new dataset page", body, "Utkastet är skapat", "Rätta det här innan du publicerar", `href="#description_sv"`,
			`name="licence" value="`+opendata.LicenceCC0+`" checked`, `enctype="multipart/form-data"`)

		bad := validDataset(e.miljo.ID, d.Slug)
		bad.Set("contact_email", "Miljö <miljo@kommun>")
		bad.Set("temporal_end", "31/8 2024")
		bad.Set("landing_page", "kommun.se/bad")
		bad["themes"] = append(bad["themes"], "http://example.org/theme")
		resp, body = b.post(base, bad)
		wantStatus(t, "edit with errors", resp, body, 422, "")
		wantBody(t, "edit with errors", body, `<a href="#contact_email">Skriv en e-postadress`, `<a href="#temporal_end">Skriv datumet som ÅÅÅÅ-MM-DD`,
			`<a href="#landing_page">Skriv en hel webbadress`, `<a href="#themes">Välj bland alternativen`, `id="contact_email-error"`,
			`aria-invalid="true"`, `value="31/8 2024"`, `autofocus`)
		if got := e.dataset(t, base).Dataset; got.ContactEmail != "" || got.LandingPage != "" {
			t.Errorf("a refused form was saved: %+v", got)
		}

		resp, body = b.post(base+"/publicera", url.Values{"action": {"publish"}})
		wantStatus(t, "publish incomplete", resp, body, 422, "")
		wantBody(t, "publish incomplete", body, "kan inte publiceras", `role="alert"`, `href="#description_sv"`, `id="description_sv-error"`)
		if e.dataset(t, base).Dataset.State != opendata.Draft {
			t.Fatal("an incomplete dataset was published")
		}

		resp, body = b.post(base, validDataset(e.miljo.ID, "badplatser"))
		wantStatus(t, "edit", resp, body, http.StatusSeeOther, base+"?klart=sparat")
		d = e.dataset(t, base).Dataset
		if d.Slug != "badplatser" || d.ContactEmail != "miljo@kommun.example.se" || d.TemporalStart != "2024-06-01" ||
			!slices.Equal(d.Keywords, []string{"bad", "vattenkvalitet"}) || len(d.Themes) != 2 || d.Frequency != opendata.FrequencyBase+"ANNUAL" ||
			d.DescriptionSV != "Kommunens badplatser med provtagning av vattnet under badsäsongen.\n\nProverna tas varannan vecka." {
			t.Errorf("metadata not saved: %+v", d)
		}

		// A CSV upload makes a file resource, version 1, loaded at once.
		resp, body = b.postFile(base+"/resurser", url.Values{"file_title": {"Vattenprover"}}, "file", "prover.csv", bathCSV)
		wantStatus(t, "upload", resp, body, http.StatusSeeOther, base+"/resurser/")
		res := resourcePath(t, resp.Header.Get("Location"))
		rid := lastSegment(res)
		up, err := e.db.Upload(t.Context(), rid, 0)
		if err != nil {
			t.Fatal(err)
		}
		if up.Version != 1 || up.LoadState != opendata.LoadDone || up.LoadedRows != 3 || up.FileName != "prover.csv" || up.Quality == nil ||
			len(up.Columns) != 4 || up.Columns[1].Type != opendata.TypeNumeric {
			t.Fatalf("upload 1: %+v", up)
		}
		dist, err := e.db.Distribution(t.Context(), rid)
		if err != nil {
			t.Fatal(err)
		}
		if dist.Kind != opendata.KindFile || dist.Format != "CSV" || dist.TitleSV != "Vattenprover" || dist.ByteSize != int64(len(bathCSV)) {
			t.Errorf("distribution: %+v", dist)
		}
		_, body = b.get(res + "?klart=uppladdad")
		wantBody(t, "resource page", body, "Filen är uppladdad", "Datakvalitet", "Temperatur (°C)", "Inläst", `name="type_1"`, "prover.csv")

		// A second upload is version 2; version 1 stays.
		v2 := append(append([]byte{}, bathCSV...), "Norrstranden;20,5;2024-07-15;89134\n"...)
		resp, body = b.postFile(res, url.Values{"action": {"upload"}}, "file", "prover-2.csv", v2)
		wantStatus(t, "upload version 2", resp, body, http.StatusSeeOther, res+"?klart=uppladdad")
		ups, err := e.db.Uploads(t.Context(), rid)
		if err != nil {
			t.Fatal(err)
		}
		if len(ups) != 2 || ups[0].Version != 2 || ups[0].LoadedRows != 4 || ups[1].Version != 1 {
			t.Fatalf("uploads: %+v", ups)
		}

		// The postcode column is read as a number; the steward makes it text.
		form := url.Values{"action": {"types"}}
		for i, c := range ups[0].Columns {
			form.Set("type_"+strconv.Itoa(i), string(c.Type))
		}
		form.Set("type_3", "decimal")
		resp, body = b.post(res, form)
		wantStatus(t, "bad type", resp, body, 422, "")
		wantBody(t, "bad type", body, `<a href="#type_3">Välj en typ`)
		form.Set("type_3", string(opendata.TypeText))
		resp, body = b.post(res, form)
		wantStatus(t, "override", resp, body, http.StatusSeeOther, res+"?klart=omladdad")
		up, _ = e.db.Upload(t.Context(), rid, 0)
		if up.LoadState != opendata.LoadDone || up.Columns[3].Type != opendata.TypeText || up.Columns[3].Inferred == opendata.TypeText {
			t.Errorf("after override: %+v", up.Columns)
		}

		resp, body = b.post(res, url.Values{"action": {"save"}, "title_sv": {"Vattenprover 2024"}, "description_sv": {"Ett prov per rad."}, "licence": {""}})
		wantStatus(t, "resource form", resp, body, http.StatusSeeOther, res+"?klart=sparat")
		if dist, _ := e.db.Distribution(t.Context(), rid); dist.TitleSV != "Vattenprover 2024" || dist.DescriptionSV != "Ett prov per rad." {
			t.Errorf("resource form not saved: %+v", dist)
		}

		resp, body = b.post(base+"/publicera", url.Values{"action": {"publish"}})
		wantStatus(t, "publish", resp, body, http.StatusSeeOther, base+"?klart=publicerad")
		if d := e.dataset(t, base).Dataset; d.State != opendata.Published || d.PublishedAt.IsZero() {
			t.Fatalf("after publishing: %+v", d)
		}
		_, body = b.get(base)
		wantBody(t, "published page", body, `href="/data/badplatser"`, `value="withdraw"`)

		// A published dataset stays conformant: emptying its description is refused.
		strip := validDataset(e.miljo.ID, "badplatser")
		strip.Set("description_sv", "")
		resp, body = b.post(base, strip)
		wantStatus(t, "unpublishable change", resp, body, 422, "")
		wantBody(t, "unpublishable change", body, `<a href="#description_sv">`, "återkalla den först")

		resp, body = b.post(base+"/publicera", url.Values{"action": {"withdraw"}})
		wantStatus(t, "withdraw", resp, body, http.StatusSeeOther, base+"?klart=aterkallad")
		if d := e.dataset(t, base).Dataset; d.State != opendata.Withdrawn {
			t.Fatalf("after withdrawing: %+v", d)
		}
		_, body = b.get(base)
		wantBody(t, "withdrawn page", body, "Publicera igen")
		resp, body = b.post(base+"/publicera", url.Values{"action": {"publish"}})
		wantStatus(t, "republish", resp, body, http.StatusSeeOther, base+"?klart=publicerad")

		_, body = b.get("/personal/data")
		wantBody(t, "list", body, `href="`+base+`"`, "Badplatser och vattenprover", "Publicerad")

		acts := e.actions(t)
		for a, n := range map[string]int{"dataset.created": 1, "dataset.updated": 1, "dataset.published": 2, "dataset.withdrawn": 1,
			"distribution.created": 1, "distribution.uploaded": 1, "distribution.retyped": 1, "distribution.updated": 1} {
			if acts[audit.Action(a)] != n {
				t.Errorf("audit %s: %d entries, want %d (%v)", a, acts[audit.Action(a)], n, acts)
			}
		}
	})
}
