package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/followup"
)

// TestInitiativePages walks the portfolio's pages on both engines: the
// development side (the administrator) creates an initiative, is refused
// with a 422 and the values kept for bad input, edits it, records a
// benefit and assesses the supplier; a case officer reads but may not
// change anything (403, nothing stored).
func TestInitiativePages(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		admin, hugo := e.as(t, "admin"), e.as(t, "hugo")
		unit := e.miljo.ID
		create := url.Values{"title": {"Digital felanmälan"}, "owner": {iniItoa(unit)}, "status": {"idea"}, "perspectives": {"trygghet"}}

		// A case officer may read but not create.
		resp, body := hugo.post("/personal/initiativ", create)
		wantStatus(t, "create as case officer", resp, body, http.StatusForbidden, "")
		resp, body = hugo.get("/personal/initiativ")
		wantStatus(t, "list as case officer", resp, body, http.StatusOK, "")
		if strings.Contains(body, `action="/personal/initiativ" novalidate`) && strings.Contains(body, `method="post" action="/personal/initiativ"`) {
			t.Error("the case officer is offered the create form")
		}

		// Refused: no title, an ongoing initiative without a start date.
		bad := url.Values{"title": {"  "}, "owner": {iniItoa(unit)}, "status": {"ongoing"}, "perspectives": {"trygghet"}, "start": {"1 mars"}}
		resp, body = admin.post("/personal/initiativ", bad)
		wantStatus(t, "create refused", resp, body, http.StatusUnprocessableEntity, "")
		for _, want := range []string{`class="error-summary"`, `href="#title"`, `href="#start"`, `value="1 mars"`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused create page lacks %s", want)
			}
		}
		if all, _ := e.db.Initiatives(t.Context(), followup.InitiativeFilter{}); len(all) != 0 {
			t.Fatalf("%d initiatives stored after refusals, want 0", len(all))
		}

		resp, body = admin.post("/personal/initiativ", create)
		wantStatus(t, "create", resp, body, http.StatusSeeOther, "/personal/initiativ/")
		path := strings.TrimSuffix(resp.Header.Get("Location"), "?klart=skapat")

		// Edit: a bad supplier number and an unknown e-service are refused.
		edit := url.Values{"title": {"Digital felanmälan"}, "owner": {iniItoa(unit)}, "status": {"ongoing"}, "perspectives": {"trygghet", "innovation"},
			"start": {"2026-1-15"}, "budget": {"350 000"}, "goals": {"11"}, "participants": {iniItoa(e.skola.ID)},
			"supplier_name": {"Felappen AB"}, "supplier_org": {"556036-0794"}, "services": {"finns-inte"}, "contact_email": {"anna@example.se"}}
		resp, body = admin.post(path, edit)
		wantStatus(t, "edit refused", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#supplier_org"`) {
			t.Errorf("edit refused without the supplier's error:\n%s", body)
		}
		edit.Set("supplier_org", "556036-0793")
		resp, body = admin.post(path, edit)
		wantStatus(t, "edit unknown service", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#services"`) {
			t.Error("unknown e-service not reported on its field")
		}
		edit.Del("services")
		resp, body = admin.post(path, edit)
		wantStatus(t, "edit", resp, body, http.StatusSeeOther, path+"?klart=sparat")

		// Benefits.
		resp, body = admin.post(path+"/nytta", url.Values{"benefit_date": {"igår"}, "benefit_value": {"-5"}})
		wantStatus(t, "benefit refused", resp, body, http.StatusUnprocessableEntity, "")
		for _, want := range []string{`href="#benefit_date"`, `href="#benefit_value"`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused benefit lacks %s", want)
			}
		}
		resp, body = hugo.post(path+"/nytta", url.Values{"benefit_date": {"2026-02-01"}, "benefit_description": {"Färre samtal"}})
		wantStatus(t, "benefit as case officer", resp, body, http.StatusForbidden, "")
		resp, body = admin.post(path+"/nytta", url.Values{"benefit_date": {"2026-02-01"}, "benefit_description": {"Färre samtal"}, "benefit_value": {"120 000"}})
		wantStatus(t, "benefit", resp, body, http.StatusSeeOther, path+"?klart=nytta")

		// Criteria.
		resp, body = admin.post(path+"/hallbarhet", url.Values{})
		wantStatus(t, "criteria refused", resp, body, http.StatusUnprocessableEntity, "")
		resp, body = admin.post(path+"/hallbarhet", url.Values{"met_ecological-environment": {"partly"}, "evidence_ecological-environment": {"ISO 14001"}})
		wantStatus(t, "criteria", resp, body, http.StatusSeeOther, path+"?klart=hallbarhet")

		resp, body = hugo.get(path)
		wantStatus(t, "detail as case officer", resp, body, http.StatusOK, "")
		for _, want := range []string{"Felappen AB", "ISO 14001", "120\u00a0000 kr", "Färre samtal", "anna@example.se"} {
			if !strings.Contains(body, want) {
				t.Errorf("detail lacks %q", want)
			}
		}
		if strings.Contains(body, `action="`+path+`/nytta"`) {
			t.Error("the case officer is offered the benefit form")
		}
		resp, body = hugo.get("/personal/initiativ/tidslinje")
		wantStatus(t, "timeline", resp, body, http.StatusOK, "")
		if !strings.Contains(body, "<svg") || !strings.Contains(body, "<table") || !strings.Contains(body, "Digital felanmälan") {
			t.Error("timeline lacks its picture, its table or the initiative")
		}
		resp, body = hugo.get("/personal/initiativ?status=ongoing&perspektiv=innovation&enhet=" + iniItoa(e.skola.ID))
		wantStatus(t, "filtered list", resp, body, http.StatusOK, "")
		if !strings.Contains(body, "Digital felanmälan") {
			t.Error("filtered list lacks the initiative the skola takes part in")
		}
		_, body = hugo.get("/personal/initiativ?status=idea")
		if strings.Contains(body, `>Digital felanmälan</a></td>`) {
			t.Error("the filter on idea shows an ongoing initiative")
		}
		resp, body = hugo.get("/personal/initiativ/999")
		wantStatus(t, "unknown initiative", resp, body, http.StatusNotFound, "")
	})
}

// iniItoa writes an id.
func iniItoa(id int64) string { return strconv.FormatInt(id, 10) }
