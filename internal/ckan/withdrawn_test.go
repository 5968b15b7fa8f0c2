package ckan_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestWithdrawnIsOffline withdraws a published dataset with a loaded
// table: for the public and for other units' tokens its metadata, its
// resource, its table and its download are then Not Found, as a draft's;
// the stewards of its unit still see everything. The moves between the
// states are audited as what they are.
func TestWithdrawnIsOffline(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok, other := e.tokens["miljodata"], e.tokens["skoldata"]
		pkg := e.post("package_create", tok, dataset("av-misstag", "miljo")).resultMap(t)
		res := e.upload("resource_create", tok, map[string]string{"package_id": "av-misstag"}, "a.csv",
			[]byte("Namn;Tal\nÄngens;1\nBacken;2\n")).resultMap(t)
		rid := str(res, "id")
		reads := []struct{ name, path string }{
			{"package_show", "/api/3/action/package_show?id=av-misstag"},
			{"resource_show", "/api/3/action/resource_show?id=" + rid},
			{"datastore_search", "/api/3/action/datastore_search?resource_id=" + rid},
			{"dump", "/datastore/dump/" + rid},
		}
		for _, r := range reads {
			if a := e.do("GET", r.path, "", "", nil); a.status != http.StatusOK {
				t.Fatalf("%s of the published dataset: %d %s", r.name, a.status, a.raw)
			}
		}
		d := dataset("av-misstag", "miljo")
		d["id"], d["state"] = str(pkg, "id"), "deleted"
		if p := e.post("package_update", tok, d).resultMap(t); p["state"] != "deleted" {
			t.Fatalf("withdraw: %v", p)
		}
		for _, r := range reads {
			for who, token := range map[string]string{"the public": "", "another unit": other} {
				a := e.do("GET", r.path, token, "", nil)
				if a.status != http.StatusNotFound || a.body["success"] != false {
					t.Errorf("%s of a withdrawn dataset for %s: %d %s", r.name, who, a.status, a.raw)
				}
			}
			if a := e.do("GET", r.path, tok, "", nil); a.status != http.StatusOK {
				t.Errorf("%s of a withdrawn dataset for its steward: %d %s", r.name, a.status, a.raw)
			}
		}
		if names, _ := e.get("package_list", nil).result(t).([]any); len(names) != 0 {
			t.Errorf("package_list lists the withdrawn dataset: %v", names)
		}

		d["state"] = "draft"
		e.post("package_update", tok, d).resultMap(t)
		d["state"] = "active"
		e.post("package_update", tok, d).resultMap(t)
		got := map[audit.Action][]string{}
		page, err := db.FindAuditEntries(t.Context(), audit.Filter{ObjectType: "dataset", ObjectID: str(pkg, "id"), Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range page.Entries {
			got[en.Action] = append(got[en.Action], en.Detail)
		}
		if !slices.Contains(got[audit.DatasetWithdrawn], "api: published to withdrawn") || len(got[audit.DatasetWithdrawn]) != 1 {
			t.Errorf("withdrawn entries %q, want one, of the withdrawal", got[audit.DatasetWithdrawn])
		}
		if !slices.Contains(got[audit.DatasetUpdated], "api: state draft") {
			t.Errorf("updated entries %q, want one of the move to draft", got[audit.DatasetUpdated])
		}
		if !slices.Contains(got[audit.DatasetPublished], "api: draft to published") {
			t.Errorf("published entries %q, want one of publishing the draft", got[audit.DatasetPublished])
		}
	})
}

// TestResourceUpdateOtherUnit checks that a token of another unit can
// change neither a resource's description nor its file.
func TestResourceUpdateOtherUnit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok, other := e.tokens["miljodata"], e.tokens["skoldata"]
		e.post("package_create", tok, dataset("andra-enheten", "miljo")).resultMap(t)
		res := e.upload("resource_create", tok, map[string]string{"package_id": "andra-enheten", "name": "Prover"},
			"a.csv", []byte("a;b\n1;2\n")).resultMap(t)
		rid := str(res, "id")
		e.post("resource_update", other, map[string]any{"id": rid, "name": "Kapad"}).
			errorOf(t, http.StatusForbidden, "Authorization Error")
		e.upload("resource_update", other, map[string]string{"id": rid}, "b.csv", []byte("a;b\n3;4\n")).
			errorOf(t, http.StatusForbidden, "Authorization Error")
		e.upload("resource_update", e.tokens["lasare"], map[string]string{"id": rid}, "b.csv", []byte("a;b\n3;4\n")).
			errorOf(t, http.StatusForbidden, "Authorization Error")
		after := e.get("resource_show", url.Values{"id": {rid}}).resultMap(t)
		if after["name"] != "Prover" || after["version"] != float64(1) {
			t.Errorf("the resource changed: %v", after)
		}
	})
}
