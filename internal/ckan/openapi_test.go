package ckan_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sprang/internal/ckan"
)

// TestOpenAPI checks that the description is well-formed JSON of OpenAPI
// 3.1, that it describes every action the API has (and no action it does
// not have, datastore_search_sql aside, which it documents as not
// offered), with CKAN's error responses, and that the security scheme of
// the write actions is the token in the Authorization header.
func TestOpenAPI(t *testing.T) {
	t.Parallel()
	api := ckan.New(ckan.Deps{})
	rec := httptest.NewRecorder()
	req := httptest.NewRequestWithContext(t.Context(), "GET", "/api/3/openapi.json", nil)
	api.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	var doc struct {
		OpenAPI    string                               `json:"openapi"`
		Paths      map[string]map[string]map[string]any `json:"paths"`
		Components struct {
			SecuritySchemes map[string]map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	if s := doc.Components.SecuritySchemes["apiToken"]; s["in"] != "header" || s["name"] != "Authorization" {
		t.Errorf("security scheme = %v", s)
	}
	actions := api.ActionNames()
	for _, name := range actions {
		ops := doc.Paths["/api/3/action/"+name]
		post, ok := ops["post"]
		if !ok {
			t.Errorf("%s: no POST in the description", name)
			continue
		}
		resp, _ := post["responses"].(map[string]any)
		if _, ok := resp["200"]; !ok {
			t.Errorf("%s: no 200", name)
		}
		if _, ok := resp["429"]; !ok {
			t.Errorf("%s: no 429", name)
		}
		write := post["security"] != nil && strings.Contains(mustJSON(post["security"]), `"apiToken":[]`) && !strings.Contains(mustJSON(post["security"]), "{}")
		if _, hasGet := ops["get"]; hasGet == write {
			t.Errorf("%s: GET described = %v, but it is a write action = %v", name, hasGet, write)
		}
	}
	for path := range doc.Paths {
		name, ok := strings.CutPrefix(path, "/api/3/action/")
		if ok && name != "datastore_search_sql" && !contains(strings.Join(actions, " ")+" ", name+" ") {
			t.Errorf("the description has %s, which the API does not", path)
		}
	}
	if _, ok := doc.Paths["/datastore/dump/{resource_id}"]; !ok {
		t.Error("no download path")
	}
	for _, want := range []string{`"name":"include_quality"`, `"datastore_quality"`, `"DatastoreQuality"`} {
		if !strings.Contains(mustJSON(doc.Paths)+rec.Body.String(), want) {
			t.Errorf("the description does not document %s", want)
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
