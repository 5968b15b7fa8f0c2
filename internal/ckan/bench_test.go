package ckan_test

import (
	"io"
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"sprang/internal/ckan"
	"sprang/internal/store/storetest"
)

// BenchmarkDatastoreSearchHTTP measures datastore_search over HTTP with a
// filter, a sort and a page of ten rows on a small table: the API's own
// cost (parsing, the resolve cache, encoding) on top of the store's
// query. The load test on a million rows is in docs/PERFORMANCE.md.
func BenchmarkDatastoreSearchHTTP(b *testing.B) {
	e := newEnv(b, storetest.Open(b), ckan.Limits{AnonymousPerMinute: 1 << 30, AnonymousPerDay: 1 << 30})
	content, _ := charmap.Windows1252.NewEncoder().String(swedishCSV)
	tok := e.tokens["miljodata"]
	e.post("package_create", tok, dataset("bench", "miljo"))
	res := e.upload("resource_create", tok, map[string]string{"package_id": "bench"}, "b.csv", []byte(content))
	rid, _ := res.body["result"].(map[string]any)["id"].(string)
	q := url.Values{"resource_id": {rid}, "filters": {`{"Område": "Domsjö"}`}, "sort": {"Temperatur (°C) desc"}, "limit": {"10"}}
	u := e.ts.URL + "/api/3/action/datastore_search?" + q.Encode()
	client := e.ts.Client()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := client.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
		if r.StatusCode != http.StatusOK {
			b.Fatalf("status %d", r.StatusCode)
		}
	}
}
