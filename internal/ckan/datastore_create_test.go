package ckan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestDatastoreCreate creates tables from JSON records, with CKAN's type
// names and without fields, and checks its errors.
func TestDatastoreCreate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok := e.tokens["miljodata"]
		e.post("package_create", tok, dataset("matningar", "miljo")).resultMap(t)
		body := map[string]any{
			"resource": map[string]any{"package_id": "matningar", "name": "Mätningar"},
			"fields": []map[string]string{{"id": "Station", "type": "text"}, {"id": "År", "type": "int4"},
				{"id": "Halt", "type": "float8"}, {"id": "Dag", "type": "date"}, {"id": "Tid", "type": "timestamp"},
				{"id": "OK", "type": "boolean"}},
			"records": []map[string]any{
				{"Station": "Centrum", "År": 2025, "Halt": 12.5, "Dag": "2025-06-30", "Tid": "2025-06-30T14:00:00Z", "OK": true},
				// a naive timestamp is Stockholm time, as in CSV files
				{"Station": "Hamnen", "År": "2024", "Halt": "7,25", "Dag": nil, "Tid": "2024-01-02 03:04:05", "OK": "nej"},
			},
			"indexes": "Station",
		}
		r := e.post("datastore_create", tok, body).resultMap(t)
		rid := str(r, "resource_id")
		if rid == "" || r["total"] != float64(2) || r["version"] != float64(1) {
			t.Fatalf("datastore_create = %v", r)
		}
		s := e.get("datastore_search", url.Values{"resource_id": {rid}, "sort": {"År"}}).resultMap(t)
		recs, _ := s["records"].([]any)
		want := []any{
			map[string]any{"_id": float64(2), "Station": "Hamnen", "År": float64(2024), "Halt": 7.25, "Dag": nil, "Tid": "2024-01-02T02:04:05Z", "OK": false},
			map[string]any{"_id": float64(1), "Station": "Centrum", "År": float64(2025), "Halt": 12.5, "Dag": "2025-06-30", "Tid": "2025-06-30T14:00:00Z", "OK": true},
		}
		if !reflect.DeepEqual(recs, want) {
			t.Errorf("records = %v\nwant      %v", recs, want)
		}
		if res := e.get("resource_show", url.Values{"id": {rid}}).resultMap(t); res["datastore_active"] != true || res["format"] != "CSV" {
			t.Errorf("resource_show = %v", res)
		}

		// No fields: the first record's keys in the order sent, types from the values.
		raw := `{"resource_id": "` + rid + `", "records": [{"Ö": "x", "A": 1, "B": 1.5, "C": true}, {"Ö": "y", "A": 2, "B": 2, "C": false}]}`
		a := e.do("POST", "/api/3/action/datastore_create", tok, "application/json", bytes.NewReader([]byte(raw)))
		if r := a.resultMap(t); r["version"] != float64(2) {
			t.Fatalf("second call: %v", r)
		}
		s = e.get("datastore_search", url.Values{"resource_id": {rid}}).resultMap(t)
		var fields []map[string]string
		b, _ := json.Marshal(s["fields"])
		_ = json.Unmarshal(b, &fields)
		wantFields := []map[string]string{{"id": "_id", "type": "int"}, {"id": "Ö", "type": "text"},
			{"id": "A", "type": "int"}, {"id": "B", "type": "numeric"}, {"id": "C", "type": "bool"}}
		if !reflect.DeepEqual(fields, wantFields) || s["total"] != float64(2) {
			t.Errorf("guessed fields = %v, total %v", fields, s["total"])
		}
		if v1 := e.get("datastore_search", url.Values{"resource_id": {rid}, "version": {"1"}}).resultMap(t); v1["total"] != float64(2) {
			t.Errorf("version 1 = %v", v1)
		}

		for name, tc := range map[string]struct {
			body  map[string]any
			field string
		}{
			"extra key":    {map[string]any{"resource_id": rid, "fields": []map[string]string{{"id": "a"}}, "records": []map[string]any{{"a": 1, "b": 2}}}, "records"},
			"bad value":    {map[string]any{"resource_id": rid, "fields": []map[string]string{{"id": "a", "type": "int"}}, "records": []map[string]any{{"a": "tolv"}}}, "records"},
			"unknown type": {map[string]any{"resource_id": rid, "fields": []map[string]string{{"id": "a", "type": "json"}}}, "fields"},
			"bad name":     {map[string]any{"resource_id": rid, "fields": []map[string]string{{"id": "_x"}}}, "fields"},
			"no target":    {map[string]any{"fields": []map[string]string{{"id": "a"}}}, "resource_id"},
			"no fields":    {map[string]any{"resource_id": rid}, "fields"},
		} {
			m := e.post("datastore_create", tok, tc.body).errorOf(t, http.StatusConflict, "Validation Error")
			if l, _ := m[tc.field].([]any); len(l) == 0 {
				t.Errorf("%s: %v", name, m)
			}
		}
		e.post("datastore_create", e.tokens["skoldata"], map[string]any{"resource_id": rid, "records": []map[string]any{{"a": 1}}}).
			errorOf(t, http.StatusForbidden, "Authorization Error")
		e.post("datastore_create", "", map[string]any{"resource_id": rid}).errorOf(t, http.StatusForbidden, "Authorization Error")
	})
}

// TestLinkResource creates and changes a link resource, which has no
// table.
func TestLinkResource(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok := e.tokens["miljodata"]
		e.post("package_create", tok, dataset("kartor", "miljo")).resultMap(t)
		e.post("resource_create", tok, map[string]any{"package_id": "kartor", "name": "Karta"}).errorOf(t, http.StatusConflict, "Validation Error")
		r := e.post("resource_create", tok, map[string]any{"package_id": "kartor", "name": "Karta",
			"url": "https://kartor.example.se/bad.geojson", "format": "geojson"}).resultMap(t)
		if r["url"] != "https://kartor.example.se/bad.geojson" || r["url_type"] != "" || r["format"] != "GEOJSON" ||
			r["datastore_active"] != false || r["position"] != float64(0) {
			t.Errorf("link = %v", r)
		}
		rid := str(r, "id")
		e.get("datastore_search", url.Values{"resource_id": {rid}}).errorOf(t, http.StatusNotFound, "Not Found Error")
		u := e.post("resource_update", tok, map[string]any{"id": rid, "url": "https://kartor.example.se/ny.geojson"}).resultMap(t)
		if u["url"] != "https://kartor.example.se/ny.geojson" || u["name"] != "Karta" {
			t.Errorf("resource_update = %v", u)
		}
		e.upload("resource_update", tok, map[string]string{"id": rid}, "a.csv", []byte("a;b\n1;2\n")).
			errorOf(t, http.StatusConflict, "Validation Error")
		e.upload("resource_create", e.tokens["skoldata"], map[string]string{"package_id": "kartor"}, "a.csv", []byte("a;b\n1;2\n")).
			errorOf(t, http.StatusForbidden, "Authorization Error")
		p := e.get("package_show", url.Values{"id": {"kartor"}}).resultMap(t)
		if res, _ := p["resources"].([]any); len(res) != 1 || p["num_resources"] != float64(1) {
			t.Errorf("resources = %v", p["resources"])
		}
	})
}

// TestUploadOrderAndSize sends the file before the field that names its
// dataset: refused before the file is stored, unless the query string
// names the dataset (then the fields after the file are read); and a file
// over the size limit.
func TestUploadOrderAndSize(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.Open(t), ckan.Limits{MaxUploadBytes: 64})
	tok := e.tokens["miljodata"]
	e.post("package_create", tok, dataset("ordning", "miljo")).resultMap(t)
	body := func(pkg string, content string) (string, *bytes.Buffer) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		fw, _ := w.CreateFormFile("upload", "a.csv")
		_, _ = fw.Write([]byte(content))
		if pkg != "" {
			_ = w.WriteField("package_id", pkg)
		}
		_ = w.WriteField("name", "Efter filen")
		_ = w.Close()
		return w.FormDataContentType(), &buf
	}
	ct, b := body("ordning", "a;b\n1;2,5\n")
	m := e.do("POST", "/api/3/action/resource_create", tok, ct, b).errorOf(t, http.StatusConflict, "Validation Error")
	if l, _ := m["package_id"].([]any); len(l) != 1 || !strings.Contains(fmt.Sprint(l[0]), "before the file") {
		t.Errorf("file before package_id: %v", m)
	}
	ct, b = body("", "a;b\n1;2,5\n")
	r := e.do("POST", "/api/3/action/resource_create?package_id=ordning", tok, ct, b).resultMap(t)
	if r["name"] != "Efter filen" || r["datastore_active"] != true {
		t.Errorf("package_id in the query string, fields after the file: %v", r)
	}
	ct, b = body("", "a;b\n1;2\n")
	e.do("POST", "/api/3/action/resource_create?package_id=finns-inte", tok, ct, b).errorOf(t, http.StatusNotFound, "Not Found Error")
	ct, b = body("", strings.Repeat("x;y\n", 40))
	m = e.do("POST", "/api/3/action/resource_create?package_id=ordning", tok, ct, b).errorOf(t, http.StatusConflict, "Validation Error")
	if l, _ := m["upload"].([]any); len(l) != 1 {
		t.Errorf("too large: %v", m)
	}
}
