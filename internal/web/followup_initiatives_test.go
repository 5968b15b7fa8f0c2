package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/followup"
	"sprang/internal/identity"
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
		// Removing the supplier, whose criteria are assessed, needs the
		// confirmation box; without it nothing changes.
		noSupplier := url.Values{}
		for k, vs := range edit {
			if !strings.HasPrefix(k, "supplier_") {
				noSupplier[k] = vs
			}
		}
		resp, body = admin.post(path, noSupplier)
		wantStatus(t, "remove supplier unconfirmed", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#remove_supplier"`) || !strings.Contains(body, `name="remove_supplier"`) {
			t.Error("removing the supplier is not asked to be confirmed")
		}
		if all, _ := e.db.Initiatives(t.Context(), followup.InitiativeFilter{}); len(all) != 1 || all[0].Supplier == nil || len(all[0].Supplier.Criteria) != 1 {
			t.Fatalf("the unconfirmed removal changed the supplier: %+v", all)
		}
		noSupplier.Set("remove_supplier", "1")
		resp, body = admin.post(path, noSupplier)
		wantStatus(t, "remove supplier confirmed", resp, body, http.StatusSeeOther, path+"?klart=sparat")
		if all, _ := e.db.Initiatives(t.Context(), followup.InitiativeFilter{}); len(all) != 1 || all[0].Supplier != nil {
			t.Fatalf("the confirmed removal kept the supplier: %+v", all)
		}

		resp, body = hugo.get("/personal/initiativ/999")
		wantStatus(t, "unknown initiative", resp, body, http.StatusNotFound, "")
	})
}

// iniItoa writes an id.
func iniItoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestInitiativeOwnerScope checks that an initiative belongs to its
// owner unit on both engines: a bolag's administrator reads a
// förvaltning's initiative but may not change it, record a benefit or
// assess its supplier (403, nothing stored), may not create one for the
// förvaltning or move their own to it (422 on the owner field), and is
// offered only their own bolag as owner.
func TestInitiativeOwnerScope(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		ctx, sys := t.Context(), auth.SystemActor("test")
		bolag, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindBolag, Slug: "energi", NameSV: "Energibolaget", ParentID: e.group.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: "bea", DisplayName: "Person bea"},
			Password: staffPassword, Grants: []identity.Grant{{UnitID: bolag.ID, Role: identity.RoleAdministrator}}}); err != nil {
			t.Fatal(err)
		}
		admin, bea := e.as(t, "admin"), e.as(t, "bea")
		miljo := url.Values{"title": {"Digital felanmälan"}, "owner": {iniItoa(e.miljo.ID)}, "status": {"idea"}, "perspectives": {"trygghet"}}
		resp, body := admin.post("/personal/initiativ", miljo)
		wantStatus(t, "create for miljo", resp, body, http.StatusSeeOther, "/personal/initiativ/")
		path := strings.TrimSuffix(resp.Header.Get("Location"), "?klart=skapat")
		withSupplier := url.Values{"title": {"Digital felanmälan"}, "owner": {iniItoa(e.miljo.ID)}, "status": {"idea"}, "perspectives": {"trygghet"},
			"supplier_name": {"Felappen AB"}, "supplier_org": {"556036-0793"}}
		resp, body = admin.post(path, withSupplier)
		wantStatus(t, "admin adds a supplier", resp, body, http.StatusSeeOther, path+"?klart=sparat")

		resp, body = bea.get(path)
		wantStatus(t, "bolag admin reads", resp, body, http.StatusOK, "")
		for _, form := range []string{`action="` + path + `/nytta"`, `action="` + path + `/hallbarhet"`, `href="` + path + `?andra=1`} {
			if strings.Contains(body, form) {
				t.Errorf("the bolag's administrator is offered %s", form)
			}
		}
		changed := url.Values{"title": {"Kapad"}, "owner": {iniItoa(bolag.ID)}, "status": {"idea"}, "perspectives": {"trygghet"}}
		for _, tc := range []struct {
			name, path string
			form       url.Values
		}{
			{"edit", path, changed},
			{"benefit", path + "/nytta", url.Values{"benefit_date": {"2026-02-01"}, "benefit_description": {"Färre samtal"}}},
			{"criteria", path + "/hallbarhet", url.Values{"met_ecological-environment": {"yes"}, "evidence_ecological-environment": {"ISO 14001"}}},
		} {
			resp, body := bea.post(tc.path, tc.form)
			wantStatus(t, "bolag admin "+tc.name, resp, body, http.StatusForbidden, "")
		}
		all, err := e.db.Initiatives(ctx, followup.InitiativeFilter{})
		if err != nil || len(all) != 1 {
			t.Fatalf("initiatives = %d, %v; want 1", len(all), err)
		}
		if ini := all[0]; ini.Title != "Digital felanmälan" || ini.OwnerUnitID != e.miljo.ID || len(ini.Benefits) != 0 || len(ini.Supplier.Criteria) != 0 {
			t.Errorf("the refused changes were stored: %+v", ini)
		}

		// The owner select offers the bolag only; a forged owner is refused.
		_, body = bea.get("/personal/initiativ")
		_, owner, _ := strings.Cut(body, `name="owner"`)
		owner, _, _ = strings.Cut(owner, "</select>")
		if !strings.Contains(owner, `<option value="`+iniItoa(bolag.ID)+`"`) || strings.Contains(owner, `<option value="`+iniItoa(e.miljo.ID)+`"`) ||
			strings.Contains(owner, `<option value="`+iniItoa(e.group.ID)+`"`) {
			t.Errorf("the owner select should offer the bolag only:\n%s", owner)
		}
		resp, body = bea.post("/personal/initiativ", miljo)
		wantStatus(t, "bolag admin creates for miljo", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#owner"`) {
			t.Error("the refused owner is not reported on its field")
		}
		own := url.Values{"title": {"Smarta elmätare"}, "owner": {iniItoa(bolag.ID)}, "status": {"idea"}, "perspectives": {"hallbarhet"}}
		resp, body = bea.post("/personal/initiativ", own)
		wantStatus(t, "bolag admin creates for the bolag", resp, body, http.StatusSeeOther, "/personal/initiativ/")
		ownPath := strings.TrimSuffix(resp.Header.Get("Location"), "?klart=skapat")
		own.Set("owner", iniItoa(e.miljo.ID))
		resp, body = bea.post(ownPath, own)
		wantStatus(t, "bolag admin moves to miljo", resp, body, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#owner"`) {
			t.Error("the refused new owner is not reported on its field")
		}
		// The group's administrator may move it: they manage both units.
		resp, body = admin.post(ownPath, own)
		wantStatus(t, "group admin moves to miljo", resp, body, http.StatusSeeOther, ownPath+"?klart=sparat")
		resp, body = bea.post(ownPath+"/nytta", url.Values{"benefit_date": {"2026-02-01"}, "benefit_description": {"Färre samtal"}})
		wantStatus(t, "bolag admin after the move", resp, body, http.StatusForbidden, "")
	})
}
