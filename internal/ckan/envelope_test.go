package ckan_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestEnvelopeAndErrors checks CKAN's envelope and its answers to calls it
// cannot run.
func TestEnvelopeAndErrors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		t.Run("success envelope", func(t *testing.T) {
			a := e.get("package_list", nil)
			if a.body["help"] != "https://data.example.se/api/3/action/help_show?name=package_list" {
				t.Errorf("help = %v", a.body["help"])
			}
			if l, ok := a.result(t).([]any); !ok || len(l) != 0 {
				t.Errorf("result = %v, want []", a.body["result"])
			}
			if ct := a.header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
				t.Errorf("Content-Type = %s", ct)
			}
		})
		t.Run("unknown action", func(t *testing.T) {
			a := e.get("package_frobnicate", nil)
			if a.status != http.StatusBadRequest || a.raw != `"Bad request - Action name not known: package_frobnicate"`+"\n" {
				t.Errorf("got %d %s", a.status, a.raw)
			}
		})
		t.Run("sql search is off", func(t *testing.T) {
			a := e.get("datastore_search_sql", url.Values{"sql": {"SELECT 1"}})
			if a.status != http.StatusBadRequest || !contains(a.raw, "Action name not known: datastore_search_sql", "datastore_search") {
				t.Errorf("got %d %s", a.status, a.raw)
			}
		})
		t.Run("write action by GET", func(t *testing.T) {
			a := e.get("package_create", url.Values{"name": {"x"}})
			if a.status != http.StatusBadRequest || !contains(a.raw, "Bad request - JSON Error: Invalid request. Please use POST method") {
				t.Errorf("got %d %s", a.status, a.raw)
			}
		})
		t.Run("body is no JSON object", func(t *testing.T) {
			for _, body := range []string{`[1,2]`, `{"id":`, `"x"`} {
				a := e.do("POST", "/api/3/action/package_show", "", "application/json", strings.NewReader(body))
				if a.status != http.StatusBadRequest || !contains(a.raw, "Bad request - JSON Error") {
					t.Errorf("%s: got %d %s", body, a.status, a.raw)
				}
			}
		})
		t.Run("missing value", func(t *testing.T) {
			m := e.get("package_show", nil).errorOf(t, http.StatusConflict, "Validation Error")
			if l, _ := m["id"].([]any); len(l) != 1 || l[0] != "Missing value" {
				t.Errorf("error = %v", m)
			}
		})
		t.Run("not found", func(t *testing.T) {
			m := e.get("package_show", url.Values{"id": {"finns-inte"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
			if !strings.HasPrefix(str(m, "message"), "Not found: ") {
				t.Errorf("message = %v", m["message"])
			}
			e.get("resource_show", url.Values{"id": {"x"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
			e.get("organization_show", url.Values{"id": {"x"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
			e.get("datastore_search", url.Values{"resource_id": {"x"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
		})
		t.Run("POST JSON, form and curl -d", func(t *testing.T) {
			for _, tc := range []struct{ ct, body string }{
				{"application/json", `{"id": "kommunen"}`},
				{"application/x-www-form-urlencoded", `{"id": "kommunen"}`}, // curl -d '{…}'
				{"application/x-www-form-urlencoded", `id=kommunen`},
			} {
				a := e.do("POST", "/api/3/action/organization_show", "", tc.ct, strings.NewReader(tc.body))
				if m := a.resultMap(t); m["name"] != "kommunen" {
					t.Errorf("%s %s: %v", tc.ct, tc.body, m)
				}
			}
		})
		t.Run("message language", func(t *testing.T) {
			m := e.get("package_show", url.Values{"id": {"nej"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
			if str(m, "message") != `Not found: Dataset "nej" was not found.` {
				t.Errorf("English message: %v", m["message"])
			}
			req, _ := http.NewRequestWithContext(t.Context(), "GET", e.ts.URL+"/api/3/action/package_show?id=nej", nil)
			req.Header.Set("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5")
			res, err := e.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = res.Body.Close() }()
			b, _ := io.ReadAll(res.Body)
			if !contains(string(b), "Hittades inte: Datamängden ”nej” hittades inte.") {
				t.Errorf("Swedish message: %s", b)
			}
		})
		t.Run("version and unknown path", func(t *testing.T) {
			if a := e.do("GET", "/api/3/", "", "", nil); a.body["version"] != float64(3) {
				t.Errorf("/api/3/ = %s", a.raw)
			}
			e.do("GET", "/api/3/nothing/here", "", "", nil).errorOf(t, http.StatusNotFound, "Not Found Error")
		})
		t.Run("help and status", func(t *testing.T) {
			if s, _ := e.get("help_show", url.Values{"name": {"datastore_search"}}).result(t).(string); !contains(s, ":param filters:") {
				t.Errorf("help_show = %q", s)
			}
			if m := e.get("status_show", nil).resultMap(t); m["ckan_version"] == "" {
				t.Errorf("status_show = %v", m)
			}
		})
	})
}
