package ckan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"sprang/internal/ckan"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// dumpRows is a RowSource over rows in memory.
type dumpRows struct {
	rows []opendata.Row
	i    int
}

func (s *dumpRows) Next() (opendata.Row, error) {
	if s.i >= len(s.rows) {
		return nil, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}

// dumpN numbers what the dump tests create, so slugs stay unique.
var dumpN atomic.Int64

// dumpCols is the bathing sites table: every type, coordinates, and
// names with spaces, parentheses and Swedish letters.
var dumpCols = []opendata.Column{
	{Name: "Badplats", Type: opendata.TypeText},
	{Name: "Temperatur (°C)", Type: opendata.TypeNumeric},
	{Name: "Antal prover", Type: opendata.TypeInt},
	{Name: "Godkänd", Type: opendata.TypeBool},
	{Name: "Datum", Type: opendata.TypeDate},
	{Name: "Provtagen", Type: opendata.TypeTimestamp},
	{Name: "Latitud", Type: opendata.TypeNumeric},
	{Name: "Longitud", Type: opendata.TypeNumeric},
}

func dumpTableRows() []opendata.Row {
	ts := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
	return []opendata.Row{
		{"Domsjö", 18.5, int64(3), true, "2025-07-01", ts, 63.27, 18.72},
		{"Gullviksbadet", 21.25, int64(2), false, "2025-07-02", ts.Add(24 * time.Hour), 63.29, 18.71},
		{"=Öviks strand", -0.5, int64(1), true, "2025-07-03", ts.Add(48 * time.Hour), nil, nil},
		{"Själevad, \"norra\"", nil, nil, nil, nil, nil, 63.31, 18.6},
	}
}

// dumpFixture is a loaded resource of a dataset and an API over its
// database.
type dumpFixture struct {
	db      *store.DB
	srv     *httptest.Server
	dataset opendata.Dataset
	rid     string
}

// dumpUnit stores the municipality and a unit in it that publishes the
// test datasets, and returns the unit's id.
func dumpUnit(t testing.TB, db *store.DB) int64 {
	t.Helper()
	ctx := t.Context()
	root, err := db.CreateUnit(ctx, identity.Unit{Kind: identity.KindGroup, Slug: "dump-kommun",
		NameSV: "Kommunen", NameEN: "The municipality"})
	if err != nil {
		t.Fatalf("CreateUnit: %v", err)
	}
	unit, err := db.CreateUnit(ctx, identity.Unit{ParentID: root.ID, Kind: identity.KindForvaltning,
		Slug: "dump-miljo", NameSV: "Miljöförvaltningen", NameEN: "Environment"})
	if err != nil {
		t.Fatalf("CreateUnit: %v", err)
	}
	return unit.ID
}

// newDumpFixture stores a dataset of unit in state with one file resource
// whose table holds rows with cols, loaded (waiting to be loaded when
// rows is nil), and serves the API.
func newDumpFixture(t testing.TB, db *store.DB, unit int64, state opendata.State, cols []opendata.Column, rows []opendata.Row) dumpFixture {
	t.Helper()
	ctx := t.Context()
	n := dumpN.Add(1)
	d, err := db.CreateDataset(ctx, opendata.Dataset{Slug: fmt.Sprintf("badplatser-%d", n), UnitID: unit,
		TitleSV: "Badplatser", DescriptionSV: "Badplatser och vattenprover", ContactName: "Miljöenheten",
		ContactEmail: "miljo@example.se", Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic})
	if err != nil {
		t.Fatalf("CreateDataset: %v", err)
	}
	dist, err := db.CreateDistribution(ctx, opendata.Distribution{DatasetID: d.ID, Kind: opendata.KindFile,
		TitleSV: "Vattenprover & temperaturer", Format: "CSV"})
	if err != nil {
		t.Fatalf("CreateDistribution: %v", err)
	}
	up, err := db.AddUpload(ctx, opendata.Upload{DistributionID: dist.ID, FileName: "prover.csv",
		BlobKey: "o/dump-test", MediaType: "text/csv", ByteSize: 1, Checksum: "00"})
	if err != nil {
		t.Fatalf("AddUpload: %v", err)
	}
	if rows == nil {
		if err := db.SetLoadState(ctx, up.ID, opendata.LoadPending, 0, ""); err != nil {
			t.Fatalf("SetLoadState: %v", err)
		}
	} else {
		loaded, err := db.LoadTable(ctx, up.ID, cols, &dumpRows{rows: rows}, nil)
		if err != nil {
			t.Fatalf("LoadTable: %v", err)
		}
		if err := db.SetLoadState(ctx, up.ID, opendata.LoadDone, loaded, ""); err != nil {
			t.Fatalf("SetLoadState: %v", err)
		}
	}
	if state != opendata.Draft {
		if err := db.SetDatasetState(ctx, d.ID, state, time.Now()); err != nil {
			t.Fatalf("SetDatasetState: %v", err)
		}
	}
	api := ckan.New(ckan.Deps{DB: db})
	srv := httptest.NewServer(api)
	t.Cleanup(func() {
		srv.Close()
		_ = api.Close(t.Context())
	})
	return dumpFixture{db: db, srv: srv, dataset: d, rid: dist.ID}
}

// get downloads the resource with the query string q.
func (f dumpFixture) get(t testing.TB, q string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, f.srv.URL+"/datastore/dump/"+f.rid+"?"+q, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", "sv")
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", q, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", q, err)
	}
	return resp, body
}

func TestDump(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newDumpFixture(t, db, dumpUnit(t, db), opendata.Published, dumpCols, dumpTableRows())
		t.Run("csv", func(t *testing.T) {
			resp, body := f.get(t, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			wantName := fmt.Sprintf(`attachment; filename="%s-vattenprover-temperaturer.csv"`, f.dataset.Slug)
			if got := resp.Header.Get("Content-Disposition"); got != wantName {
				t.Errorf("Content-Disposition = %q, want %q", got, wantName)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			want := "Badplats,Temperatur (°C),Antal prover,Godkänd,Datum,Provtagen,Latitud,Longitud\r\n" +
				"Domsjö,18.5,3,true,2025-07-01,2025-07-01T08:00:00Z,63.27,18.72\r\n" +
				"Gullviksbadet,21.25,2,false,2025-07-02,2025-07-02T08:00:00Z,63.29,18.71\r\n" +
				"'=Öviks strand,-0.5,1,true,2025-07-03,2025-07-03T08:00:00Z,,\r\n" +
				"\"Själevad, \"\"norra\"\"\",,,,,,63.31,18.6\r\n"
			if string(body) != want {
				t.Errorf("CSV =\n%q\nwant\n%q", body, want)
			}
		})
		t.Run("query", func(t *testing.T) {
			q := "bom=true&sort=Temperatur+(%C2%B0C)+desc&fields=Badplats,Temperatur+(%C2%B0C),_id" +
				"&filters=" + url.QueryEscape(`{"Godkänd":[true,false]}`) + "&offset=1&limit=5&version=1"
			resp, body := f.get(t, q)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			want := "\uFEFFBadplats,Temperatur (°C),_id\r\nDomsjö,18.5,1\r\n'=Öviks strand,-0.5,3\r\n"
			if string(body) != want {
				t.Errorf("CSV = %q, want %q", body, want)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, `-v1.csv"`) {
				t.Errorf("Content-Disposition = %q, want the version in the name", cd)
			}
		})
		t.Run("search and empty", func(t *testing.T) {
			if _, body := f.get(t, "format=tsv&q=domsj%C3%B6&fields=Badplats"); string(body) != "Badplats\r\nDomsjö\r\n" {
				t.Errorf("TSV with q = %q", body)
			}
			if _, body := f.get(t, "limit=0&fields=Badplats"); string(body) != "Badplats\r\n" {
				t.Errorf("limit=0 = %q, want the header only", body)
			}
		})
		t.Run("json", func(t *testing.T) {
			resp, body := f.get(t, "format=json")
			var doc struct {
				Fields  []map[string]string `json:"fields"`
				Records [][]any             `json:"records"`
			}
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatalf("not JSON (%s): %v\n%s", resp.Header.Get("Content-Type"), err, body)
			}
			if len(doc.Fields) != len(dumpCols) || len(doc.Records) != 4 || doc.Records[0][0] != "Domsjö" {
				t.Errorf("JSON = %s", body)
			}
		})
		t.Run("geojson", func(t *testing.T) {
			resp, body := f.get(t, "format=geojson")
			var fc struct {
				Features []struct {
					Geometry struct{ Coordinates []float64 } `json:"geometry"`
				} `json:"features"`
			}
			if err := json.Unmarshal(body, &fc); err != nil || resp.Header.Get("Content-Type") != "application/geo+json" {
				t.Fatalf("GeoJSON %s: %v\n%s", resp.Header.Get("Content-Type"), err, body)
			}
			if len(fc.Features) != 3 || fc.Features[0].Geometry.Coordinates[0] != 18.72 {
				t.Errorf("GeoJSON = %s", body)
			}
		})
		t.Run("parquet", func(t *testing.T) {
			_, body := f.get(t, "format=parquet&sort=_id+desc")
			pf, err := parquet.OpenFile(bytes.NewReader(body), int64(len(body)))
			if err != nil {
				t.Fatalf("open parquet: %v", err)
			}
			if pf.NumRows() != 4 || pf.Schema().Fields()[0].Name() != "Badplats" {
				t.Fatalf("parquet: %d rows, schema %v", pf.NumRows(), pf.Schema())
			}
			rows := make([]parquet.Row, 4)
			n, _ := parquet.NewReader(pf).ReadRows(rows)
			if n != 4 || rows[0][0].String() != `Själevad, "norra"` {
				t.Errorf("first row = %v, want the last row of the table", rows[0])
			}
		})
	})
}

// dumpError is the failure envelope of the API.
type dumpError struct {
	Help    string         `json:"help"`
	Success bool           `json:"success"`
	Error   map[string]any `json:"error"`
}

func TestDumpErrors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		unit := dumpUnit(t, db)
		f := newDumpFixture(t, db, unit, opendata.Published, dumpCols, dumpTableRows())
		noCoords := newDumpFixture(t, db, unit, opendata.Published, dumpCols[:2], []opendata.Row{{"a", 1.0}})
		draft := newDumpFixture(t, db, unit, opendata.Draft, dumpCols, dumpTableRows())
		withdrawn := newDumpFixture(t, db, unit, opendata.Withdrawn, dumpCols, dumpTableRows())
		unloaded := newDumpFixture(t, db, unit, opendata.Published, dumpCols, nil)
		tests := []struct {
			name   string
			f      dumpFixture
			q      string
			status int
			field  string // the field a Validation Error names, or "" for a message
			text   string // part of the message
		}{
			{"unknown format", f, "format=xml", 409, "format", "csv, tsv, json, geojson, parquet"},
			{"unknown field", f, "sort=Okänt+desc", 409, "sort", "Okänt"},
			{"bad direction", f, "sort=Badplats+upp", 409, "sort", "upp"},
			{"bad filter", f, "filters=" + url.QueryEscape(`{"Antal prover":"tre"}`), 409, "filters", "tre"},
			{"bad fields", f, "fields=Okänt", 409, "fields", "Okänt"},
			{"bad limit", f, "limit=-1", 409, "limit", ""},
			{"unexpected", f, "filter=x", 409, "filter", ""},
			{"no coordinates", noCoords, "format=geojson", 409, "format", "latitude, latitud, lat, y"},
			{"no such version", f, "version=7", 404, "", ""},
			{"draft", draft, "", 404, "", ""},
			{"withdrawn", withdrawn, "", 404, "", ""},
			{"bad boolean", f, "bom=kanske", 409, "bom", "sanningsvärde"},
			{"bad distinct", f, "distinct=maybe", 409, "distinct", "sanningsvärde"},
			{"q per field", f, "q=" + url.QueryEscape(`{"Badplats":"Domsjö"}`), 409, "q", "filters"},
			{"not loaded", unloaded, "", 404, "", "försök igen om en stund"},
			{"no resource", dumpFixture{srv: f.srv, rid: "00000000-0000-0000-0000-000000000000"}, "", 404, "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, body := tt.f.get(t, tt.q)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") ||
					resp.Header.Get("Content-Disposition") != "" {
					t.Errorf("Content-Type %q with Content-Disposition %q, want a JSON error", ct, resp.Header.Get("Content-Disposition"))
				}
				var e dumpError
				if err := json.Unmarshal(body, &e); err != nil || e.Success || e.Error["__type"] == nil {
					t.Fatalf("not a CKAN error: %s", body)
				}
				if !strings.HasSuffix(e.Help, "/api/3/action/help_show?name=datastore_dump") {
					t.Errorf("help %q does not name the download", e.Help)
				}
				msg := fmt.Sprint(e.Error["message"])
				if tt.field != "" {
					msg = fmt.Sprint(e.Error[tt.field])
					if e.Error[tt.field] == nil {
						t.Errorf("no error on %q: %s", tt.field, body)
					}
				}
				if !strings.Contains(msg, tt.text) {
					t.Errorf("message %q does not say %q", msg, tt.text)
				}
			})
		}
	})
}
