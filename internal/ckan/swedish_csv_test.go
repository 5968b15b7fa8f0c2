package ckan_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// swedishCSV is a file as Swedish spreadsheets save it: Windows-1252,
// semicolons, decimal commas, å/ä/ö and ° in the header, quoted fields
// with semicolons, doubled quotes and line breaks inside, empty cells.
const swedishCSV = "Område;Mätdatum;Temperatur (°C);Antal prover;Kommentar;Godkänd\r\n" +
	"Domsjö;2025-06-01;18,5;3;Klart vatten;ja\r\n" +
	"Domsjö;2025-06-15;21,25;4;\"Alger vid\r\nbryggan; se bild\";nej\r\n" +
	"Sidsjön;2025-06-01;17,0;2;;ja\r\n" +
	"Sidsjön;2025-06-15;22,75;5;\"Badförbud \"\"tillfälligt\"\"\";ja\r\n" +
	"Domsjö;2025-07-01;24,5;3;Varmt;ja\r\n" +
	"Åsjön;2025-07-01;-1,5;1;;nej\r\n"

// TestSwedishCSVThroughTheAPI is the check of issue 4 section 7: a
// Windows-1252 semicolon CSV with decimal commas, å/ä/ö headers and
// quoted multi-line fields, uploaded through resource_create with an API
// token, loaded, and queried with datastore_search filters, sort and
// paging, checking values and types, on both engines.
func TestSwedishCSVThroughTheAPI(t *testing.T) {
	t.Parallel()
	content, err := charmap.Windows1252.NewEncoder().String(swedishCSV)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok := e.tokens["miljodata"]
		e.post("package_create", tok, dataset("badvatten", "miljo")).resultMap(t)

		a := e.upload("resource_create", tok, map[string]string{"package_id": "badvatten", "name": "Vattenprover 2025"},
			"vattenprover.csv", []byte(content))
		res := a.resultMap(t)
		if res["datastore_active"] != true || res["format"] != "CSV" || res["url_type"] != "upload" ||
			res["datastore_rows"] != float64(6) || res["version"] != float64(1) {
			t.Fatalf("resource_create = %s", a.raw)
		}
		rid := str(res, "id")
		if h := str(res, "hash"); len(h) != len("sha256:")+64 || h[:7] != "sha256:" {
			t.Errorf("hash = %q", h)
		}
		if res["size"] != float64(len(content)) {
			t.Errorf("size = %v, want %d", res["size"], len(content))
		}
		if u := str(res, "url"); u != "https://data.example.se/data/badvatten/resurser/"+rid+"/fil" {
			t.Errorf("url = %s", u)
		}
		if r := e.get("resource_show", url.Values{"id": {rid}}).resultMap(t); r["datastore_active"] != true || r["package_id"] == "" {
			t.Errorf("resource_show = %v", r)
		}

		search := func(q url.Values) map[string]any {
			t.Helper()
			q.Set("resource_id", rid)
			return e.get("datastore_search", q).resultMap(t)
		}

		t.Run("fields and types", func(t *testing.T) {
			r := search(url.Values{"limit": {"1"}})
			var fields []map[string]string
			b, _ := json.Marshal(r["fields"])
			_ = json.Unmarshal(b, &fields)
			want := []map[string]string{
				{"id": "_id", "type": "int"}, {"id": "Område", "type": "text"}, {"id": "Mätdatum", "type": "date"},
				{"id": "Temperatur (°C)", "type": "numeric"}, {"id": "Antal prover", "type": "int"},
				{"id": "Kommentar", "type": "text"}, {"id": "Godkänd", "type": "bool"},
			}
			if !reflect.DeepEqual(fields, want) {
				t.Errorf("fields = %v\nwant     %v", fields, want)
			}
			if r["total"] != float64(6) {
				t.Errorf("total = %v", r["total"])
			}
		})
		t.Run("values", func(t *testing.T) {
			r := search(url.Values{"filters": {`{"Område": "Domsjö"}`}, "sort": {"Mätdatum"}})
			recs, _ := r["records"].([]any)
			if len(recs) != 3 || r["total"] != float64(3) {
				t.Fatalf("records = %v", r["records"])
			}
			second := recs[1].(map[string]any)
			want := map[string]any{"_id": float64(2), "Område": "Domsjö", "Mätdatum": "2025-06-15",
				"Temperatur (°C)": 21.25, "Antal prover": float64(4), "Kommentar": "Alger vid\nbryggan; se bild", "Godkänd": false}
			if !reflect.DeepEqual(second, want) {
				t.Errorf("record = %v\nwant     %v", second, want)
			}
		})
		t.Run("filters, sort and paging", func(t *testing.T) {
			var temps []float64
			for offset := 0; offset < 6; offset += 2 {
				r := search(url.Values{"sort": {"Temperatur (°C) desc"}, "limit": {"2"}, "offset": {strconv.Itoa(offset)}})
				recs, _ := r["records"].([]any)
				if len(recs) != 2 {
					t.Fatalf("page at %d: %v", offset, recs)
				}
				for _, rec := range recs {
					temps = append(temps, rec.(map[string]any)["Temperatur (°C)"].(float64))
				}
				links, _ := r["_links"].(map[string]any)
				if !contains(str(links, "next"), "offset="+strconv.Itoa(offset+2), "/api/3/action/datastore_search?") {
					t.Errorf("_links = %v", links)
				}
			}
			if want := []float64{24.5, 22.75, 21.25, 18.5, 17, -1.5}; !reflect.DeepEqual(temps, want) {
				t.Errorf("temperatures = %v, want %v", temps, want)
			}
			r := search(url.Values{"filters": {`{"Område": ["Sidsjön", "Åsjön"], "Godkänd": true}`}})
			if r["total"] != float64(2) {
				t.Errorf("filters with a list and a bool: total %v", r["total"])
			}
			r = search(url.Values{"filters": {`{"Antal prover": 3}`}, "fields": {"Område,Antal prover"}, "distinct": {"true"}})
			if recs, _ := r["records"].([]any); len(recs) != 1 || !reflect.DeepEqual(recs[0], map[string]any{"Område": "Domsjö", "Antal prover": float64(3)}) {
				t.Errorf("distinct = %v", r["records"])
			}
			r = search(url.Values{"q": {"bryggan"}})
			if r["total"] != float64(1) {
				t.Errorf("q: total %v", r["total"])
			}
		})
		t.Run("records formats", func(t *testing.T) {
			r := search(url.Values{"records_format": {"lists"}, "fields": {`["_id","Temperatur (°C)"]`}, "limit": {"2"}})
			if !reflect.DeepEqual(r["records"], []any{[]any{float64(1), 18.5}, []any{float64(2), 21.25}}) {
				t.Errorf("lists = %v", r["records"])
			}
			r = search(url.Values{"records_format": {"csv"}, "fields": {"Område,Kommentar"}, "limit": {"2"}})
			if r["records"] != "Domsjö,Klart vatten\nDomsjö,\"Alger vid\nbryggan; se bild\"\n" {
				t.Errorf("csv = %q", r["records"])
			}
			r = search(url.Values{"include_total": {"false"}, "limit": {"0"}})
			if _, ok := r["total"]; ok || len(r["records"].([]any)) != 0 {
				t.Errorf("include_total=false, limit=0: %v", r)
			}
		})
		t.Run("POST", func(t *testing.T) {
			r := e.post("datastore_search", "", map[string]any{"resource_id": rid,
				"filters": map[string]any{"Område": "Domsjö"}, "sort": "Mätdatum desc", "limit": 1}).resultMap(t)
			recs, _ := r["records"].([]any)
			if len(recs) != 1 || recs[0].(map[string]any)["Mätdatum"] != "2025-07-01" || r["total"] != float64(3) {
				t.Errorf("POST = %v", r)
			}
		})
		t.Run("errors name the field", func(t *testing.T) {
			for param, q := range map[string]url.Values{
				"filters":        {"filters": {`{"Ort": "Domsjö"}`}},
				"sort":           {"sort": {"Temperatur desc"}},
				"fields":         {"fields": {"Område,Ort"}},
				"limit":          {"limit": {"-1"}},
				"records_format": {"records_format": {"xml"}},
				"filter":         {"filter": {`{"Område": "Domsjö"}`}},
			} {
				q.Set("resource_id", rid)
				m := e.get("datastore_search", q).errorOf(t, http.StatusConflict, "Validation Error")
				if l, _ := m[param].([]any); len(l) != 1 || l[0] == "" {
					t.Errorf("%s: %v", param, m)
				}
			}
			m := e.get("datastore_search", url.Values{"resource_id": {rid}, "filters": {`{"Antal prover": "många"}`}}).
				errorOf(t, http.StatusConflict, "Validation Error")
			if l, _ := m["filters"].([]any); len(l) != 1 || !contains(l[0].(string), "många", "Antal prover") {
				t.Errorf("bad value: %v", m)
			}
		})
		t.Run("a new version", func(t *testing.T) {
			more, _ := charmap.Windows1252.NewEncoder().String(swedishCSV + "Åsjön;2025-08-01;19,5;2;Ny;ja\r\n")
			r := e.upload("resource_update", tok, map[string]string{"id": rid}, "vattenprover.csv", []byte(more)).resultMap(t)
			if r["version"] != float64(2) || r["name"] != "Vattenprover 2025" {
				t.Fatalf("resource_update = %v", r)
			}
			if got := search(url.Values{})["total"]; got != float64(7) {
				t.Errorf("newest version: total %v", got)
			}
			if got := search(url.Values{"version": {"1"}})["total"]; got != float64(6) {
				t.Errorf("version 1: total %v", got)
			}
			e.get("datastore_search", url.Values{"resource_id": {rid}, "version": {"9"}}).errorOf(t, http.StatusNotFound, "Not Found Error")
		})
	})
}
