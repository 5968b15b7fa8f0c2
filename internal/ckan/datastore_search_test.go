package ckan_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/ckan"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// formulaTable creates, with datastore_create, a table whose text cells
// a spreadsheet would run as formulas (after spaces, after a line feed,
// with @) beside a negative number in Swedish, and returns its resource.
func formulaTable(t *testing.T, e *env, name string) string {
	t.Helper()
	tok := e.tokens["miljodata"]
	e.post("package_create", tok, dataset(name, "miljo")).resultMap(t)
	r := e.post("datastore_create", tok, map[string]any{
		"resource": map[string]any{"package_id": name, "name": "Formler"},
		"fields":   []map[string]string{{"id": "Cell", "type": "text"}, {"id": "Tal", "type": "numeric"}},
		"records": []map[string]any{
			{"Cell": " =1+1", "Tal": 1}, {"Cell": "\n=2+2", "Tal": 2}, {"Cell": "@SUM(A1)", "Tal": 3},
			{"Cell": "-3,5", "Tal": -3.5}, {"Cell": "Ängens", "Tal": nil},
		},
	}).resultMap(t)
	return str(r, "resource_id")
}

// TestRecordsFormatSafeCells checks that records_format=csv and tsv
// protect text cells from formula injection as the downloads do, and
// leave numbers, also negative ones, as they are.
func TestRecordsFormatSafeCells(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		rid := formulaTable(t, e, "formler")
		want := [][]string{{"' =1+1", "1"}, {"'\n=2+2", "2"}, {"'@SUM(A1)", "3"}, {"-3,5", "-3.5"}, {"Ängens", ""}}
		for _, format := range []string{"csv", "tsv"} {
			r := e.get("datastore_search", url.Values{"resource_id": {rid}, "records_format": {format},
				"fields": {"Cell,Tal"}}).resultMap(t)
			cr := csv.NewReader(strings.NewReader(str(r, "records")))
			if format == "tsv" {
				cr.Comma = '\t'
			}
			got, err := cr.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v\n%q", format, err, r["records"])
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
				t.Errorf("%s records = %q, want %q", format, got, want)
			}
		}
		// the download, the other way out of the same table
		a := e.do("GET", "/datastore/dump/"+rid+"?fields=Cell", "", "", nil)
		if want := "Cell\r\n' =1+1\r\n\"'\n=2+2\"\r\n'@SUM(A1)\r\n\"-3,5\"\r\nÄngens\r\n"; a.raw != want {
			t.Errorf("dump = %q, want %q", a.raw, want)
		}
	})
}

// getLang calls an action by GET with an Accept-Language.
func (e *env) getLang(action, lang string, q url.Values) answer {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), http.MethodGet, e.ts.URL+"/api/3/action/"+action+"?"+q.Encode(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept-Language", lang)
	res, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.read(res)
}

// read returns a response as an answer.
func (e *env) read(res *http.Response) answer {
	e.t.Helper()
	defer func() { _ = res.Body.Close() }()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	a := answer{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// TestDatastoreQuality checks the data-quality report of a loaded upload
// in resource_show and, asked for, in datastore_search, with the problem
// rows' messages in the request's language.
func TestDatastoreQuality(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		tok := e.tokens["miljodata"]
		e.post("package_create", tok, dataset("kvalitet", "miljo")).resultMap(t)
		res := e.upload("resource_create", tok, map[string]string{"package_id": "kvalitet"}, "k.csv",
			[]byte("Namn;Tal\nÄngens;1,5\nBacken;2;9\nKullen;\nÄngens;-3\n")).resultMap(t)
		rid := str(res, "id")
		for _, tc := range []struct{ lang, message string }{{"en", "more than the header row"}, {"sv", "fler än"}} {
			r := e.getLang("resource_show", tc.lang, url.Values{"id": {rid}}).resultMap(t)
			q, ok := r["datastore_quality"].(map[string]any)
			if !ok {
				t.Fatalf("resource_show has no datastore_quality: %v", r)
			}
			if q["rows"] != float64(3) || q["encoding"] == "" || q["delimiter"] != ";" || q["problem_rows"] != float64(1) ||
				q["version"] != float64(1) {
				t.Errorf("report = %v", q)
			}
			cols, _ := q["columns"].([]any)
			if len(cols) != 2 {
				t.Fatalf("columns = %v", q["columns"])
			}
			tal := cols[1].(map[string]any)
			if tal["id"] != "Tal" || tal["type"] != "numeric" || tal["empty"] != float64(1) || tal["distinct"] != float64(2) ||
				tal["min"] == nil || tal["max"] == nil || tal["examples"] == nil {
				t.Errorf("column Tal = %v", tal)
			}
			probs, _ := q["problems"].([]any)
			if len(probs) != 1 {
				t.Fatalf("problems = %v", q["problems"])
			}
			p := probs[0].(map[string]any)
			if p["line"] != float64(3) || !strings.Contains(str(p, "message"), tc.message) {
				t.Errorf("%s problem = %v, want line 3 saying %q", tc.lang, p, tc.message)
			}
		}
		s := e.get("datastore_search", url.Values{"resource_id": {rid}, "include_quality": {"true"}, "limit": {"1"}}).resultMap(t)
		if q, ok := s["datastore_quality"].(map[string]any); !ok || q["problem_rows"] != float64(1) {
			t.Errorf("datastore_search with include_quality: %v", s["datastore_quality"])
		}
		if _, ok := e.get("datastore_search", url.Values{"resource_id": {rid}}).resultMap(t)["datastore_quality"]; ok {
			t.Error("datastore_search gives the report unasked")
		}
		p := e.get("package_show", url.Values{"id": {"kvalitet"}}).resultMap(t)
		if rs, _ := p["resources"].([]any); len(rs) != 1 || rs[0].(map[string]any)["datastore_quality"] != nil {
			t.Errorf("package_show's resources carry the report: %v", p["resources"])
		}
	})
}

// TestDatastoreSearchParams checks CKAN's parameters the API cannot
// follow or that are mistyped: q as an object (per-field search) is a
// Validation Error saying what to use instead, not a search that finds
// nothing; a boolean that is no boolean is a Validation Error naming it.
func TestDatastoreSearchParams(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{})
		rid := formulaTable(t, e, "parametrar")
		tests := []struct {
			name  string
			call  func() answer
			field string
			text  string
		}{
			{"q object in the query string", func() answer {
				return e.get("datastore_search", url.Values{"resource_id": {rid}, "q": {`{"Cell":"Ängens"}`}})
			}, "q", "filters"},
			{"q object in JSON", func() answer {
				return e.post("datastore_search", "", map[string]any{"resource_id": rid, "q": map[string]string{"Cell": "Ängens"}})
			}, "q", "filters"},
			{"distinct=maybe", func() answer {
				return e.get("datastore_search", url.Values{"resource_id": {rid}, "distinct": {"maybe"}})
			}, "distinct", "Invalid boolean"},
			{"include_total=2", func() answer {
				return e.post("datastore_search", "", map[string]any{"resource_id": rid, "include_total": 2})
			}, "include_total", "Invalid boolean"},
			{"include_quality=kanske", func() answer {
				return e.get("datastore_search", url.Values{"resource_id": {rid}, "include_quality": {"kanske"}})
			}, "include_quality", "Invalid boolean"},
			{"all_fields=sometimes", func() answer {
				return e.get("organization_list", url.Values{"all_fields": {"sometimes"}})
			}, "all_fields", "Invalid boolean"},
		}
		for _, tt := range tests {
			m := tt.call().errorOf(t, http.StatusConflict, "Validation Error")
			if l, _ := m[tt.field].([]any); len(l) != 1 || !strings.Contains(fmt.Sprint(l[0]), tt.text) {
				t.Errorf("%s: error %v, want one on %s saying %q", tt.name, m, tt.field, tt.text)
			}
		}
		// a plain q with braces that are no JSON object is still words
		if r := e.get("datastore_search", url.Values{"resource_id": {rid}, "q": {"{Ängens"}}).resultMap(t); r["total"] != float64(0) {
			t.Errorf("q {Ängens = %v", r["total"])
		}
		if r := e.get("datastore_search", url.Values{"resource_id": {rid}, "distinct": {"no"}, "include_total": {"yes"}}).resultMap(t); r["total"] != float64(5) {
			t.Errorf("distinct=no, include_total=yes: total %v", r["total"])
		}
		h := e.get("help_show", url.Values{"name": {"datastore_dump"}}).result(t)
		if s, _ := h.(string); !strings.Contains(s, "/datastore/dump/") {
			t.Errorf("help_show of the download = %v", h)
		}
		h = e.get("help_show", url.Values{"name": {"datastore_search"}}).result(t)
		if s, _ := h.(string); !strings.Contains(s, fmt.Sprintf("after %g seconds", ckan.SearchTimeout.Seconds())) {
			t.Errorf("help_show of datastore_search does not state the time limit: %v", h)
		}
	})
}

// TestSearchTimeout runs datastore_search with a time limit that has run
// out before the search starts: the answer is a Validation Error on query
// saying to narrow the search, while the download, which has no overall
// limit, still streams the table.
func TestSearchTimeout(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ckan.Limits{SearchTimeout: time.Nanosecond})
		rid := formulaTable(t, e, "langsam")
		m := e.get("datastore_search", url.Values{"resource_id": {rid}}).errorOf(t, http.StatusConflict, "Validation Error")
		if l, _ := m["query"].([]any); len(l) != 1 || !strings.Contains(fmt.Sprint(l[0]), "took too long") {
			t.Errorf("error %v, want one on query saying the search took too long", m)
		}
		if a := e.do("GET", "/datastore/dump/"+rid, "", "", nil); a.status != http.StatusOK || !strings.Contains(a.raw, "Ängens") {
			t.Errorf("dump under the search limit: %d %s", a.status, a.raw)
		}
	})
}

// TestSearchTimedOut checks the helper the web's preview may share: only
// the search's own limit counts as timed out, not a client going away.
func TestSearchTimedOut(t *testing.T) {
	t.Parallel()
	ctx, cancel := ckan.SearchContext(t.Context(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if !ckan.SearchTimedOut(ctx, ctx.Err()) || ckan.SearchTimedOut(ctx, nil) {
		t.Error("the search's own limit is not reported as timed out")
	}
	parent, stop := context.WithCancel(t.Context())
	ctx, cancel = ckan.SearchContext(parent, 0)
	defer cancel()
	stop()
	if ckan.SearchTimedOut(ctx, ctx.Err()) {
		t.Error("a client that went away is reported as a time-out")
	}
	if d, ok := ctx.Deadline(); !ok || time.Until(d) > ckan.SearchTimeout {
		t.Errorf("default deadline %v", d)
	}
}
