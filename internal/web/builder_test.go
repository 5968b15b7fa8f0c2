package web_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// validFacts is a facts form that Spec.Validate accepts, for unit.
func validFacts(unit int64, title string) url.Values {
	return url.Values{
		"title_sv": {title}, "title_en": {"Building permit"}, "summary_sv": {"Sök bygglov för att bygga nytt eller bygga till."},
		"about_sv": {"Första stycket.\r\n\r\nAndra stycket."}, "category": {"bygga-bo"}, "keywords": {"bygglov, altan ,  , bygglov, attefallshus"},
		"unit": {fmt.Sprint(unit)}, "slug": {"ansokan-om-bygglov"}, "classification": {"1"}, "login_min_loa": {""},
		"privacy_purpose_sv": {"Att handlägga din ansökan."}, "privacy_legal_basis_sv": {"Myndighetsutövning."},
		"privacy_retention_sv": {"Uppgifterna gallras efter två år."}, "privacy_controller": {"Byggnadsnämnden"},
		"retention_months": {"24"}, "retention_action": {"anonymize"}, "needs_sv": {"Ritningar."}, "minutes_to_fill": {"15"},
		"target_days": {"28"}, "other_channels_phone": {"0660-88 000"}, "other_channels_visit_sv": {"Medborgarhuset."},
		"confirm_by_email": {"1"},
	}
}

// TestBuilderFlow builds a service from nothing: create, facts, pages,
// every question type, a group with inner questions, conditions,
// statuses; publishes it; changes it, which opens version 2 while
// version 1 stays published and unchanged; and publishes version 2.
func TestBuilderFlow(t *testing.T) {
	t.Parallel()
	builderEngines(t, func(t *testing.T, e *builderEnv) {
		b := e.as(t, "elsa")
		_, body := b.get("/personal")
		wantBody(t, "staff page", body, `href="/personal/e-tjanster"`)
		resp, body := b.get("/personal/e-tjanster")
		wantStatus(t, "list", resp, body, 200, "")
		wantBody(t, "list", body, "Ny e-tjänst", "Importera")

		resp, body = b.post("/personal/e-tjanster", url.Values{"title": {"Ansökan om bygglov"}, "unit": {fmt.Sprint(e.bygg.ID)}, "category": {"bygga-bo"}})
		wantStatus(t, "create", resp, body, 303, "/personal/e-tjanster/")
		id := serviceIDIn(t, resp.Header.Get("Location"))
		base := fmt.Sprintf("/personal/e-tjanster/%d", id)
		spec := e.draftOf(t, id)
		if spec.Slug != "ansokan-om-bygglov" || spec.UnitID != e.bygg.ID || len(spec.Statuses) != 5 || len(spec.Form.Pages) != 1 {
			t.Fatalf("new spec: %+v", spec)
		}

		// The new draft is not valid: the overview lists why, and
		// publishing refuses with the same list.
		_, body = b.get(base)
		wantBody(t, "overview", body, "Rätta det här innan du publicerar", base+"/uppgifter?fel=1#privacy_purpose_sv")
		if strings.Contains(body, "/publicera") {
			t.Error("an invalid draft offers to publish")
		}
		resp, body = b.post(base+"/publicera", nil)
		wantStatus(t, "publish invalid", resp, body, 422, "")
		wantBody(t, "publish invalid", body, "kan inte publiceras", `role="alert"`, "Ändamål på svenska: Fyll i det här fältet.")

		// Facts: a number that is no number is refused inline and in
		// the summary, and nothing is saved.
		bad := validFacts(e.bygg.ID, "Ansökan om bygglov")
		bad.Set("retention_months", "två år")
		resp, body = b.post(base+"/uppgifter", bad)
		wantStatus(t, "facts not a number", resp, body, 422, "")
		wantBody(t, "facts not a number", body, `<a href="#retention_months">Skriv ett heltal`, `id="retention_months-error"`, `aria-invalid="true"`, `value="två år"`)
		resp, body = b.post(base+"/uppgifter", validFacts(e.bygg.ID, "Ansökan om bygglov"))
		wantStatus(t, "facts", resp, body, 303, base+"/uppgifter?klart=sparat")
		spec = e.draftOf(t, id)
		if spec.Privacy.Controller != "Byggnadsnämnden" || spec.Retention.Months != 24 || spec.About.SV != "Första stycket.\n\nAndra stycket." ||
			!slices.Equal(spec.Keywords, []string{"bygglov", "altan", "attefallshus"}) || !spec.ConfirmByEmail || spec.TargetDays != 28 {
			t.Errorf("facts not saved: %+v", spec)
		}
		// A saved fact that breaks a rule is shown inline after the save.
		strict := validFacts(e.bygg.ID, "Ansökan om bygglov")
		strict.Set("classification", "3")
		resp, body = b.post(base+"/uppgifter", strict)
		wantStatus(t, "class 3", resp, body, 303, "")
		_, body = b.get(base + "/uppgifter?klart=sparat")
		wantBody(t, "class 3 problems", body, "Ändringarna är sparade", `<a href="#login_required">`, `id="login_eid-error"`, `<a href="#confirm_by_email">`)
		b.post(base+"/uppgifter", validFacts(e.bygg.ID, "Ansökan om bygglov"))

		// Pages: rename the first, add a second; a page needs a title.
		resp, body = b.post(base+"/sidor", url.Values{"action": {"add"}})
		wantStatus(t, "page without title", resp, body, 422, "")
		wantBody(t, "page without title", body, `<a href="#new_title_sv">Skriv sidans rubrik på svenska</a>`)
		resp, body = b.post(base+"/sidor", url.Values{"action": {"add"}, "new_title_sv": {"Om åtgärden"}, "new_title_en": {"About the work"}})
		wantStatus(t, "add page", resp, body, 303, base+"/sidor/om_atgarden?klart=tillagd")
		resp, body = b.post(base+"/sidor/uppgifter", url.Values{"action": {"save"}, "title_sv": {"Om dig"}, "id": {"om_dig"}})
		wantStatus(t, "rename page", resp, body, 303, base+"/sidor/om_dig?klart=sparat")

		// Every question type on the first page.
		qs := map[eservice.QuestionType]string{}
		for _, typ := range eservice.QuestionTypes() {
			resp, body = b.post(base+"/sidor/om_dig/fragor", url.Values{"new_type": {string(typ)}, "new_label": {"Fråga " + string(typ)}})
			wantStatus(t, "add "+string(typ), resp, body, 303, base+"/sidor/om_dig/fragor/fraga_")
			qs[typ] = strings.TrimPrefix(strings.Split(resp.Header.Get("Location"), "?")[0], base+"/sidor/om_dig/fragor/")
		}
		qURL := func(typ eservice.QuestionType) string { return base + "/sidor/om_dig/fragor/" + qs[typ] }
		edit := func(typ eservice.QuestionType, extra url.Values) {
			t.Helper()
			form := url.Values{"action": {"save"}, "label_sv": {"Fråga " + string(typ)}, "label_en": {"Question " + string(typ)},
				"hint_sv": {"Hjälp"}, "required": {"1"}}
			for k, v := range extra {
				form[k] = v
			}
			resp, body := b.post(qURL(typ), form)
			wantStatus(t, "edit "+string(typ), resp, body, 303, qURL(typ)+"?klart=sparat")
		}
		resp, body = b.post(qURL(eservice.TypeChoice), url.Values{"action": {"save"}, "label_sv": {"Vad gäller det?"}, "options": {"Hål i vägen\nHÅL|Trasig\na|b|c|d"}})
		wantStatus(t, "bad options", resp, body, 422, "")
		wantBody(t, "bad options", body, `<a href="#options">Rad 2: värdet före | får bara ha a–z`, "Rad 3: skriv högst tre delar")
		edit(eservice.TypeChoice, url.Values{"options": {"hal|Hål i vägen|Pothole\nBelysning\n\n"}, "display": {"select"}})
		edit(eservice.TypeMulti, url.Values{"options": {"Ritning\nFoto"}, "min": {"1"}, "max": {"2"}})
		edit(eservice.TypeText, url.Values{"max_length": {"100"}, "pattern": {"[A-Z]{3} [0-9]{3}"}, "pattern_message_sv": {"Skriv som ABC 123."}, "personal": {"1"}})
		edit(eservice.TypeNumber, url.Values{"min": {"0"}, "max": {"2,5"}})
		edit(eservice.TypeFile, url.Values{"file_types": {"application/pdf", "image/png", "text/html"}, "file_max_mb": {"5"}})
		edit(eservice.TypeGroup, url.Values{"max_repeat": {"3"}})
		edit(eservice.TypeInfo, url.Values{"label_sv": {"Läs det här först.\r\n\r\nSedan det här."}})
		for _, typ := range []eservice.QuestionType{eservice.TypeLongText, eservice.TypeDate, eservice.TypeEmail, eservice.TypePhone,
			eservice.TypePersonnummer, eservice.TypeOrgNumber, eservice.TypeAddress, eservice.TypeYesNo} {
			edit(typ, nil)
		}
		// The group's questions, edited on the nested editor.
		gURL := qURL(eservice.TypeGroup)
		resp, body = b.post(gURL+"/fragor", url.Values{"new_type": {"group"}, "new_label": {"Grupp i grupp"}})
		wantStatus(t, "group in group", resp, body, 422, "")
		resp, body = b.post(gURL+"/fragor", url.Values{"new_type": {"text"}, "new_label": {"Barnets namn"}})
		wantStatus(t, "add inner", resp, body, 303, gURL+"/fragor/barnets_namn?klart=tillagd")
		resp, body = b.post(gURL+"/fragor", url.Values{"new_type": {"yesno"}, "new_label": {"Går i skolan"}})
		wantStatus(t, "add inner 2", resp, body, 303, gURL+"/fragor/gar_i_skolan")
		resp, body = b.post(gURL+"/fragor/barnets_namn", url.Values{"action": {"save"}, "label_sv": {"Barnets förnamn"}, "id": {"fornamn"}, "required": {"1"}})
		wantStatus(t, "edit inner", resp, body, 303, gURL+"/fragor/fornamn?klart=sparat")
		resp, body = b.post(gURL+"/fragor/gar_i_skolan/flytta", url.Values{"dir": {"up"}})
		wantStatus(t, "move inner", resp, body, 303, gURL+"?klart=flyttad")
		_, body = b.get(gURL)
		wantBody(t, "group editor", body, "Frågor i gruppen", "Barnets förnamn", "Går i skolan")

		// A condition, in two steps: choosing the question shows its
		// answers; saving keeps the ticked ones.
		later := base + "/sidor/om_atgarden"
		resp, body = b.post(later+"/fragor", url.Values{"new_type": {"longtext"}, "new_label": {"Beskriv skadan"}})
		wantStatus(t, "add on page 2", resp, body, 303, later+"/fragor/beskriv_skadan")
		resp, body = b.post(later+"/fragor/beskriv_skadan", url.Values{"action": {"choose"}, "label_sv": {"Beskriv skadan"}, "cond_0_question": {qs[eservice.TypeYesNo]}})
		wantStatus(t, "choose condition", resp, body, 303, later+"/fragor/beskriv_skadan?klart=sparat")
		if loc := resp.Header.Get("Location"); !strings.HasSuffix(loc, "#villkor") {
			t.Errorf("choosing goes back to %q, not to the conditions", loc)
		}
		_, body = b.get(later + "/fragor/beskriv_skadan?klart=sparat")
		wantBody(t, "choose condition", body, `name="cond_0_values" value="yes"`, `name="cond_0_values" value="no"`, `id="cond_0_not"`,
			`<a href="#cond_0_values">Välj minst ett svar som villkoret gäller.</a>`, `id="villkor"`)
		resp, body = b.post(later+"/fragor/beskriv_skadan", url.Values{"action": {"save"}, "label_sv": {"Beskriv skadan"}, "cond_0_question": {qs[eservice.TypeYesNo]}})
		wantStatus(t, "condition without values", resp, body, 422, "")
		wantBody(t, "condition without values", body, `<a href="#cond_0_values">Kryssa i minst ett svar`)
		resp, body = b.post(later+"/fragor/beskriv_skadan", url.Values{"action": {"save"}, "label_sv": {"Beskriv skadan"},
			"cond_0_question": {qs[eservice.TypeYesNo]}, "cond_0_values": {"yes", "maybe"}})
		wantStatus(t, "condition", resp, body, 303, later+"/fragor/beskriv_skadan?klart=sparat")
		resp, body = b.post(later, url.Values{"action": {"save"}, "title_sv": {"Om åtgärden"}, "title_en": {"About the work"},
			"cond_0_question": {qs[eservice.TypeChoice]}, "cond_0_values": {"hal"}, "cond_0_not": {"1"}})
		wantStatus(t, "page condition", resp, body, 303, later+"?klart=sparat")

		// Statuses: rename one, remove one, add one.
		form := url.Values{}
		for i, st := range e.draftOf(t, id).Statuses {
			p := fmt.Sprintf("status_%d_", i)
			form.Set(p+"id", st.ID)
			form.Set(p+"label_sv", st.Label.SV)
			form.Set(p+"kind", string(st.Kind))
			form[p+"next"] = st.Next
		}
		form.Set("status_1_label_sv", "Handläggs")
		form.Set("status_2_delete", "1")
		form.Set("new_label_sv", "Avvisat")
		form.Set("new_kind", "closed")
		form["status_0_next"] = append(form["status_0_next"], "ingen-sadan")
		resp, body = b.post(base+"/statusar", form)
		wantStatus(t, "statuses", resp, body, 303, base+"/statusar?klart=sparat")
		_, body = b.get(base + "/statusar?klart=sparat")
		wantBody(t, "unreachable status", body, `<a href="#status_4_label_sv">`, "kan inte nås")
		form = url.Values{}
		for i, st := range e.draftOf(t, id).Statuses {
			p := fmt.Sprintf("status_%d_", i)
			form.Set(p+"id", st.ID)
			form.Set(p+"label_sv", st.Label.SV)
			form.Set(p+"kind", string(st.Kind))
			form[p+"next"] = st.Next
		}
		form["status_0_next"] = append(form["status_0_next"], "avvisat")
		resp, body = b.post(base+"/statusar", form)
		wantStatus(t, "statuses 2", resp, body, 303, base+"/statusar?klart=sparat")

		spec = e.draftOf(t, id)
		if err := spec.Validate(); err != nil {
			t.Fatalf("the built spec is not valid: %v", err)
		}
		checkBuilt(t, spec, qs)

		// The preview shows every page, read-only, with conditions.
		resp, body = b.get(base + "/forhandsgranska")
		wantStatus(t, "preview", resp, body, 200, "")
		wantBody(t, "preview", body, "Sida 2:", "Visas bara om", "Hål i vägen", "Läs det här först.", "Sedan det här.", "disabled")
		if strings.Contains(body, `type="submit"`) && strings.Contains(body, "<main") && strings.Contains(body[strings.Index(body, "<main"):], `type="submit"`) {
			t.Error("the preview has a submit button")
		}

		// Publish version 1.
		_, body = b.get(base)
		wantBody(t, "valid overview", body, "klart att publicera", "Publicera version 1")
		resp, body = b.post(base+"/publicera", nil)
		wantStatus(t, "publish", resp, body, 303, base+"?klart=publicerad")
		v1, err := e.db.FindServiceVersion(t.Context(), id, 1)
		if err != nil {
			t.Fatal(err)
		}

		// Changing it opens version 2; version 1 stays as it was.
		_, body = b.get(base + "/uppgifter")
		wantBody(t, "facts of published", body, "Version 1 är publicerad")
		resp, body = b.post(base+"/uppgifter", validFacts(e.bygg.ID, "Ansökan om bygglov och rivningslov"))
		wantStatus(t, "edit published", resp, body, 303, "")
		svc, err := e.db.FindService(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if svc.Published != 1 || svc.Draft != 2 || svc.Spec.Title.SV != "Ansökan om bygglov" {
			t.Fatalf("after editing a published service: published %d draft %d title %q", svc.Published, svc.Draft, svc.Spec.Title.SV)
		}
		again, err := e.db.FindServiceVersion(t.Context(), id, 1)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := mustJSON(t, v1), mustJSON(t, again); a != b {
			t.Errorf("version 1 changed:\n%s\n%s", a, b)
		}
		if d := e.draftOf(t, id); d.Title.SV != "Ansökan om bygglov och rivningslov" || len(d.Form.Pages) != 2 {
			t.Errorf("version 2 is not a copy with the change: %+v", d.Title)
		}
		resp, body = b.post(base+"/publicera", nil)
		wantStatus(t, "publish v2", resp, body, 303, base+"?klart=publicerad")
		vs, err := e.db.ServiceVersions(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 || vs[0].State != store.VersionPublished || vs[1].State != store.VersionSuperseded {
			t.Errorf("versions: %+v", vs)
		}
		_, body = b.get(base)
		wantBody(t, "overview after v2", body, "Ersatt", "Publicerad", "Person elsa", "Ändra e-tjänsten (nytt utkast)")
		for action, n := range map[audit.Action]int{"eservice.created": 1, "eservice.published": 2} {
			p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{Action: action})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Entries) != n || p.Entries[0].ActorName != "elsa" || p.Entries[0].ObjectID != fmt.Sprint(id) {
				t.Errorf("audit %s: %+v", action, p.Entries)
			}
		}
	})
}

// checkBuilt checks what TestBuilderFlow built.
func checkBuilt(t *testing.T, spec eservice.Spec, qs map[eservice.QuestionType]string) {
	t.Helper()
	f := spec.Form
	if len(f.Pages) != 2 || f.Pages[0].ID != "om_dig" || f.Pages[0].Title.SV != "Om dig" || f.Pages[1].Title.EN != "About the work" {
		t.Fatalf("pages: %+v", f.Pages)
	}
	byType := map[eservice.QuestionType]eservice.Question{}
	for _, q := range f.Pages[0].Questions {
		byType[q.Type] = q
	}
	if len(byType) != len(eservice.QuestionTypes()) {
		t.Errorf("page 1 has %d types", len(byType))
	}
	choice := byType[eservice.TypeChoice]
	if len(choice.Options) != 2 || choice.Options[0] != (eservice.Option{Value: "hal", Label: eservice.Text{SV: "Hål i vägen", EN: "Pothole"}}) ||
		choice.Options[1].Value != "belysning" || choice.Display != "select" || choice.Label.EN != "Question choice" {
		t.Errorf("choice: %+v", choice)
	}
	if m := byType[eservice.TypeMulti]; m.Min == nil || *m.Min != 1 || m.Max == nil || *m.Max != 2 {
		t.Errorf("multichoice: %+v", m)
	}
	if x := byType[eservice.TypeText]; x.MaxLength != 100 || x.Pattern != "[A-Z]{3} [0-9]{3}" || x.PatternMessage.SV == "" || !x.Personal {
		t.Errorf("text: %+v", x)
	}
	if n := byType[eservice.TypeNumber]; n.Min == nil || *n.Min != 0 || n.Max == nil || *n.Max != 2.5 {
		t.Errorf("number: %+v", n)
	}
	if fq := byType[eservice.TypeFile]; fq.File == nil || !slices.Equal(fq.File.Types, []string{"application/pdf", "image/png"}) || fq.File.MaxBytes != 5<<20 {
		t.Errorf("file: %+v", fq.File)
	}
	g := byType[eservice.TypeGroup]
	if g.MaxRepeat != 3 || len(g.Questions) != 2 || g.Questions[0].ID != "gar_i_skolan" || g.Questions[1].ID != "fornamn" {
		t.Errorf("group: %+v", g)
	}
	if info := byType[eservice.TypeInfo]; info.Required || info.Label.SV != "Läs det här först.\n\nSedan det här." {
		t.Errorf("info: %+v", info)
	}
	q := f.Pages[1].Questions[0]
	if len(q.ShowIf) != 1 || q.ShowIf[0].Question != qs[eservice.TypeYesNo] || !slices.Equal(q.ShowIf[0].Values, []string{"yes"}) {
		t.Errorf("question condition: %+v", q.ShowIf)
	}
	if c := f.Pages[1].ShowIf; len(c) != 1 || c[0].Question != qs[eservice.TypeChoice] || !c[0].Not || !slices.Equal(c[0].Values, []string{"hal"}) {
		t.Errorf("page condition: %+v", c)
	}
	ids := []string{}
	for _, st := range spec.Statuses {
		ids = append(ids, st.ID)
	}
	if !slices.Equal(ids, []string{"mottaget", "handlaggs", "beslutat", "avslutat", "avvisat"}) || spec.Statuses[1].Label.SV != "Handläggs" ||
		slices.Contains(spec.Statuses[0].Next, "komplettering") || slices.Contains(spec.Statuses[0].Next, "ingen-sadan") {
		t.Errorf("statuses: %+v", spec.Statuses)
	}
}

// mustJSON returns v as JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
