package ckan_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/ckan"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestPackageWriteTokens checks who may write: no token, a token that is
// not valid and a token of another unit's steward are Authorization
// Errors; a steward of the unit creates, and the write is audited.
func TestPackageWriteTokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		body := dataset("badplatser", "miljo")
		for name, token := range map[string]string{
			"no token":             "",
			"other unit's steward": e.tokens["skoldata"],
			"reader":               e.tokens["lasare"],
		} {
			m := e.post("package_create", token, body).errorOf(t, http.StatusForbidden, "Authorization Error")
			if !contains(str(m, "message"), "Access denied: ") {
				t.Errorf("%s: %v", name, m)
			}
		}
		m := e.post("package_create", "sprang_notatoken", body).errorOf(t, http.StatusForbidden, "Authorization Error")
		if !contains(str(m, "message"), "not valid") {
			t.Errorf("bad token: %v", m)
		}
		p := e.post("package_create", "Bearer "+e.tokens["miljodata"], body).resultMap(t)
		if p["name"] != "badplatser" || p["state"] != "active" || p["private"] != false {
			t.Fatalf("created %v", p)
		}
		page, err := db.FindAuditEntries(t.Context(), audit.Filter{Action: "dataset.created"})
		if err != nil {
			t.Fatal(err)
		}
		entries := page.Entries
		if len(entries) != 1 || entries[0].ActorID != e.users["miljodata"].ID || entries[0].ObjectID != str(p, "id") {
			t.Errorf("audit: %+v", entries)
		}
	})
}

// TestPackageLifecycle creates, reads, searches and updates datasets as
// CKAN clients do.
func TestPackageLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok := e.tokens["miljodata"]

		t.Run("validation", func(t *testing.T) {
			bad := dataset("Not A Slug", "ingen-enhet")
			bad["contact_email"] = "ingen e-post"
			bad["license_id"] = "GPL"
			bad["theme"] = []string{"ENVI", "KATTER"}
			bad["temporal_start"] = "2025-13-01"
			m := e.post("package_create", tok, bad).errorOf(t, http.StatusConflict, "Validation Error")
			for _, f := range []string{"name", "owner_org", "contact_email", "license_id", "theme", "temporal_start"} {
				if l, _ := m[f].([]any); len(l) == 0 {
					t.Errorf("no error on %s: %v", f, m)
				}
			}
		})
		t.Run("conformance blocks publishing", func(t *testing.T) {
			d := dataset("utan-kontakt", "miljo")
			delete(d, "notes")
			m := e.post("package_create", tok, d).errorOf(t, http.StatusConflict, "Validation Error")
			if l, _ := m["notes"].([]any); len(l) == 0 {
				t.Errorf("no error on notes: %v", m)
			}
			if a := e.get("package_show", url.Values{"id": {"utan-kontakt"}}); a.status != http.StatusNotFound {
				t.Errorf("a refused dataset was stored: %s", a.raw)
			}
		})

		pub := e.post("package_create", tok, dataset("badplatser", "miljo")).resultMap(t)
		draft := dataset("fororeningar", "miljo")
		draft["state"] = "draft"
		delete(draft, "notes") // a draft may be incomplete
		dr := e.post("package_create", tok, draft).resultMap(t)
		if dr["state"] != "draft" || dr["private"] != true {
			t.Fatalf("draft: %v", dr)
		}
		m := e.post("package_create", tok, dataset("badplatser", "miljo")).errorOf(t, http.StatusConflict, "Validation Error")
		if l, _ := m["name"].([]any); len(l) == 0 || !contains(l[0].(string), "already in use") {
			t.Errorf("taken name: %v", m)
		}

		t.Run("package_show", func(t *testing.T) {
			for _, id := range []string{"badplatser", str(pub, "id")} {
				p := e.get("package_show", url.Values{"id": {id}}).resultMap(t)
				org, _ := p["organization"].(map[string]any)
				if p["title"] != "Badplatser och vattenprover" || p["license_id"] != "CC0-1.0" || org["name"] != "miljo" ||
					p["owner_org"] != org["id"] || p["contact_email"] != "miljo@example.se" ||
					p["frequency"] != opendata.FrequencyBase+"ANNUAL" || p["url"] != "https://data.example.se/data/badplatser" {
					t.Errorf("package_show %s = %v", id, p)
				}
				if th, _ := p["theme"].([]any); len(th) != 2 || th[0] != opendata.ThemeBase+"ENVI" {
					t.Errorf("theme = %v", p["theme"])
				}
				if tags, _ := p["tags"].([]any); len(tags) != 2 || tags[0].(map[string]any)["name"] != "bad" {
					t.Errorf("tags = %v", p["tags"])
				}
				if tt, _ := p["title_translated"].(map[string]any); tt["en"] != "Bathing sites and water samples" {
					t.Errorf("title_translated = %v", p["title_translated"])
				}
			}
		})
		t.Run("drafts are hidden", func(t *testing.T) {
			e.get("package_show", url.Values{"id": {"fororeningar"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
			a := e.do("GET", "/api/3/action/package_show?id=fororeningar", e.tokens["skoldata"], "", nil)
			a.errorOf(t, http.StatusNotFound, "Not Found Error")
			a = e.do("GET", "/api/3/action/package_show?id=fororeningar", tok, "", nil)
			if a.resultMap(t)["state"] != "draft" {
				t.Errorf("the steward does not see the draft: %s", a.raw)
			}
			names, _ := e.get("package_list", nil).result(t).([]any)
			if len(names) != 1 || names[0] != "badplatser" {
				t.Errorf("package_list = %v", names)
			}
		})
		t.Run("package_search", func(t *testing.T) {
			r := e.get("package_search", url.Values{"q": {"vattenprover"}, "facet.field": {`["organization","tags","license_id","theme"]`}}).resultMap(t)
			if r["count"] != float64(1) {
				t.Fatalf("count = %v", r)
			}
			facets, _ := r["facets"].(map[string]any)
			if org, _ := facets["organization"].(map[string]any); org["miljo"] != float64(1) {
				t.Errorf("facets = %v", facets)
			}
			sf, _ := r["search_facets"].(map[string]any)
			tags, _ := sf["tags"].(map[string]any)
			items, _ := tags["items"].([]any)
			if len(items) != 2 {
				t.Errorf("search_facets.tags = %v", tags)
			}
			for fq, want := range map[string]float64{
				"organization:miljo": 1, "organization:skola": 0, "tags:bad": 1, "tags:katt": 0,
				"res_format:CSV": 0, "license_id:cc-zero": 1, "license_id:CC-BY-4.0": 0, "theme:ENVI": 1,
				`theme:"` + opendata.ThemeBase + `HEAL"`: 1, "+organization:miljo +tags:vatten": 1,
			} {
				r := e.get("package_search", url.Values{"fq": {fq}}).resultMap(t)
				if r["count"] != want {
					t.Errorf("fq %s: count %v, want %v", fq, r["count"], want)
				}
			}
			if r := e.get("package_search", url.Values{"q": {"title:badplatser tags:bad"}}).resultMap(t); r["count"] != float64(1) {
				t.Errorf("q with title: and tags: terms: %v", r["count"])
			}
			m := e.get("package_search", url.Values{"fq": {"-tags:bad"}}).errorOf(t, http.StatusBadRequest, "Search Query Error")
			if !contains(str(m, "message"), "Search Query is invalid") {
				t.Errorf("message = %v", m)
			}
			e.get("package_search", url.Values{"fq": {"nope:x"}}).errorOf(t, http.StatusBadRequest, "Search Query Error")
			e.get("package_search", url.Values{"sort": {"price asc"}}).errorOf(t, http.StatusBadRequest, "Search Query Error")
			r = e.do("GET", "/api/3/action/package_search?include_drafts=true&sort=name+asc", tok, "", nil).resultMap(t)
			res, _ := r["results"].([]any)
			if r["count"] != float64(2) || len(res) != 2 || res[0].(map[string]any)["name"] != "badplatser" {
				t.Errorf("include_drafts, name asc: %v", r)
			}
			r = e.get("package_search", url.Values{"rows": {"0"}}).resultMap(t)
			if res, _ := r["results"].([]any); r["count"] != float64(1) || len(res) != 0 {
				t.Errorf("rows=0: %v", r)
			}
		})
		t.Run("organizations", func(t *testing.T) {
			names, _ := e.get("organization_list", nil).result(t).([]any)
			if !slices.Contains(names, any("miljo")) || len(names) != 3 {
				t.Errorf("organization_list = %v", names)
			}
			orgs, _ := e.get("organization_list", url.Values{"all_fields": {"true"}, "sort": {"package_count desc"}}).result(t).([]any)
			if o := orgs[0].(map[string]any); o["name"] != "miljo" || o["package_count"] != float64(1) || o["is_organization"] != true {
				t.Errorf("first by package_count: %v", o)
			}
			o := e.get("organization_show", url.Values{"id": {"miljo"}, "include_datasets": {"true"}}).resultMap(t)
			if pk, _ := o["packages"].([]any); len(pk) != 1 || o["title"] != "Miljöförvaltningen" {
				t.Errorf("organization_show = %v", o)
			}
		})
		t.Run("package_update", func(t *testing.T) {
			d := dataset("badplatser", "miljo")
			d["id"] = str(pub, "id")
			d["title"] = "Badplatser"
			delete(d, "tags") // full replace: gone
			p := e.post("package_update", tok, d).resultMap(t)
			if p["title"] != "Badplatser" || p["num_tags"] != float64(0) || p["state"] != "active" {
				t.Errorf("updated: %v", p)
			}
			d["owner_org"] = "skola"
			e.post("package_update", tok, d).errorOf(t, http.StatusForbidden, "Authorization Error")
			e.post("package_update", e.tokens["skoldata"], d).errorOf(t, http.StatusForbidden, "Authorization Error")
			dr := dataset("fororeningar", "miljo")
			dr["id"] = "fororeningar"
			dr["state"] = "active"
			if p := e.post("package_update", tok, dr).resultMap(t); p["state"] != "active" {
				t.Errorf("publish by update: %v", p)
			}
			dr["state"] = "deleted"
			if p := e.post("package_update", tok, dr).resultMap(t); p["state"] != "deleted" {
				t.Errorf("withdraw by update: %v", p)
			}
			names, _ := e.get("package_list", nil).result(t).([]any)
			if len(names) != 1 {
				t.Errorf("package_list after withdrawing = %v", names)
			}
		})
	})
}

// TestOnChange checks that a write through the API tells the platform
// (which forgets cached pages listing datasets) and a refused one does not.
func TestOnChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.Open(t), ckan.Limits{})
	tok := e.tokens["miljodata"]
	bad := dataset("Not A Slug", "miljo")
	e.post("package_create", tok, bad).errorOf(t, http.StatusConflict, "Validation Error")
	if n := e.writes.Load(); n != 0 {
		t.Fatalf("a refused write called OnChange %d times", n)
	}
	e.post("package_create", tok, dataset("andrad", "miljo")).resultMap(t)
	if n := e.writes.Load(); n == 0 {
		t.Fatal("package_create did not call OnChange")
	}
}
