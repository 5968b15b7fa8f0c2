package demo_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"sprang/internal/datastore"
	"sprang/internal/demo"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// wantTable is what a demo CSV file loads as: its rows and the types of
// some of its columns.
type wantTable struct {
	rows  []int64 // per version, oldest first; 0 means at least 10
	types map[string]opendata.ColumnType
}

// demoTables are the demo's CSV files by dataset slug.
var demoTables = map[string]wantTable{
	"lekplatser": {[]int64{0}, map[string]opendata.ColumnType{"Latitud": opendata.TypeNumeric,
		"Longitud": opendata.TypeNumeric, "Senast besiktad": opendata.TypeDate}},
	"badplatser":      {[]int64{14}, map[string]opendata.ColumnType{"Brygga": opendata.TypeBool, "Latitud": opendata.TypeNumeric}},
	"badvattenprover": {[]int64{210}, map[string]opendata.ColumnType{"Provdatum": opendata.TypeDate, "E. coli (cfu/100 ml)": opendata.TypeInt, "Vattentemperatur (°C)": opendata.TypeNumeric}},
	"avfallsmangder-per-ar": {[]int64{110, 122}, map[string]opendata.ColumnType{"År": opendata.TypeInt,
		"Mängd (ton)": opendata.TypeNumeric, "Kg per invånare": opendata.TypeNumeric}},
	"forskolor":              {[]int64{22}, map[string]opendata.ColumnType{"Platser": opendata.TypeInt, "Område": opendata.TypeText, "Longitud": opendata.TypeNumeric}},
	"politiska-sammantraden": {[]int64{132}, map[string]opendata.ColumnType{"Datum": opendata.TypeDate, "Tid": opendata.TypeText}},
	"luftkvalitet-timvarden-2025": {[]int64{3 * 8760}, map[string]opendata.ColumnType{"Tidpunkt": opendata.TypeTimestamp,
		"PM10 (µg/m³)": opendata.TypeNumeric, "NO2 (µg/m³)": opendata.TypeNumeric}},
	"kommunens-nyckeltal":            {[]int64{110}, map[string]opendata.ColumnType{"År": opendata.TypeInt, "Värde": opendata.TypeNumeric}},
	"laddplatser-elbil":              {[]int64{22}, map[string]opendata.ColumnType{"Snabbladdning": opendata.TypeBool, "Max effekt (kW)": opendata.TypeNumeric}},
	"ovikshem-lagenheter-per-omrade": {[]int64{14}, map[string]opendata.ColumnType{"Lägenheter": opendata.TypeInt, "Medelhyra (kr per m² och år)": opendata.TypeNumeric}},
}

// TestSeedDatasets seeds the open data demo twice on both engines and
// checks every dataset: published, conformant, each CSV loaded with its
// rows and types, and the files, link, versions, licences, units and
// high-value dataset the demo promises.
func TestSeedDatasets(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = withBox(t, db)
		ctx := t.Context()
		fs := memFiles(t, db)
		if err := demo.Seed(ctx, db); err != nil {
			t.Fatal(err)
		}
		loader := datastore.NewLoader(db, fs, nil)
		for range 2 {
			if err := demo.SeedDatasets(ctx, db, fs, loader); err != nil {
				t.Fatal(err)
			}
		}
		entries, err := db.PublishedEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(demoTables) {
			t.Fatalf("%d published datasets, want %d", len(entries), len(demoTables))
		}
		var s seen
		for _, e := range entries {
			s.entry(t, e)
			for _, d := range e.Distributions {
				s.distribution(t, db, fs, e, d)
			}
		}
		s.check(t)
	})
}

// seen gathers what the demo datasets show across entries.
type seen struct {
	units                             map[string]bool
	bolag, highValue, ccBY, link, pdf bool
	geoJSON, windows1252, twoVersions bool
}

func (s *seen) entry(t *testing.T, e opendata.Entry) {
	t.Helper()
	d := e.Dataset
	if s.units == nil {
		s.units = map[string]bool{}
	}
	s.units[e.Publisher.Slug] = true
	s.bolag = s.bolag || e.Publisher.Type == opendata.PublisherTypeOf(identity.KindBolag)
	s.highValue = s.highValue || d.HighValue()
	s.ccBY = s.ccBY || d.Licence == opendata.LicenceCCBY40
	if d.TitleEN == "" || d.DescriptionEN == "" || len(d.KeywordsEN) == 0 || len(d.Themes) == 0 || d.Frequency == "" ||
		d.TemporalStart == "" || d.Spatial == "" || d.ContactEmail == "" || d.Generated {
		t.Errorf("%s: metadata incomplete: %+v", d.Slug, d)
	}
	for _, p := range opendata.Check(e) {
		if p.Violation {
			t.Errorf("%s: conformance violation %+v", d.Slug, p)
		} else if p.Field != "distributions" {
			t.Logf("%s: advice %+v", d.Slug, p)
		}
	}
	if _, ok := demoTables[d.Slug]; !ok {
		t.Errorf("unexpected dataset %s", d.Slug)
	}
}

func (s *seen) distribution(t *testing.T, db *store.DB, fs *files.Store, e opendata.Entry, d opendata.Distribution) {
	t.Helper()
	ctx := t.Context()
	switch {
	case d.Kind == opendata.KindLink:
		s.link = true
		return
	case d.Format != "CSV":
		up, err := db.Upload(ctx, d.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		content := read(t, fs, up.BlobKey)
		switch d.Format {
		case "PDF":
			s.pdf = bytes.HasPrefix(content, []byte("%PDF-"))
		case "GEOJSON":
			var fc struct {
				Type     string
				Features []json.RawMessage
			}
			s.geoJSON = json.Unmarshal(content, &fc) == nil && fc.Type == "FeatureCollection" && len(fc.Features) > 10
		}
		return
	}
	want := demoTables[e.Dataset.Slug]
	ups, err := db.Uploads(ctx, d.ID)
	if err != nil || len(ups) != len(want.rows) {
		t.Fatalf("%s: %d uploads (%v), want %d", e.Dataset.Slug, len(ups), err, len(want.rows))
	}
	s.twoVersions = s.twoVersions || len(ups) == 2
	for _, up := range ups {
		rows := want.rows[up.Version-1]
		if up.LoadState != opendata.LoadDone || up.Quality == nil || up.Quality.ProblemRows != 0 ||
			(rows > 0 && up.LoadedRows != rows) || (rows == 0 && up.LoadedRows < 10) {
			t.Errorf("%s v%d: load %s (%s), %d rows, want %s with %d", e.Dataset.Slug, up.Version, up.LoadState,
				up.LoadMessage, up.LoadedRows, opendata.LoadDone, rows)
			continue
		}
		s.windows1252 = s.windows1252 || up.Quality.Encoding == "Windows-1252"
		for name, typ := range want.types {
			if got := columnType(up.Columns, name); got != typ {
				t.Errorf("%s v%d: column %q is %q, want %q", e.Dataset.Slug, up.Version, name, got, typ)
			}
		}
	}
}

func (s *seen) check(t *testing.T) {
	t.Helper()
	if len(s.units) < 5 || !s.bolag || !s.highValue || !s.ccBY || !s.link || !s.pdf || !s.geoJSON || !s.windows1252 || !s.twoVersions {
		t.Errorf("the demo lacks something it promises: %+v", *s)
	}
}

func columnType(cols []opendata.Column, name string) opendata.ColumnType {
	for _, c := range cols {
		if c.Name == name {
			return c.Type
		}
	}
	return ""
}

func read(t *testing.T, fs *files.Store, key string) []byte {
	t.Helper()
	r, err := fs.ReadOpen(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSeedDatasetsWindows1252 reads Swedish letters of the Windows-1252
// file back from the datastore.
func TestSeedDatasetsWindows1252(t *testing.T) {
	t.Parallel()
	db := withBox(t, storetest.Open(t))
	ctx := t.Context()
	fs := memFiles(t, db)
	if err := demo.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedDatasets(ctx, db, fs, datastore.NewLoader(db, fs, nil)); err != nil {
		t.Fatal(err)
	}
	e, err := db.Dataset(ctx, "forskolor")
	if err != nil {
		t.Fatal(err)
	}
	up, err := db.Upload(ctx, e.Distributions[0].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.DatastoreSearch(ctx, up, opendata.Query{Filters: []opendata.Filter{{Field: "Område", Values: []any{"Gullänget"}}},
		Fields: []string{"Namn", "Område"}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) == 0 {
		t.Fatal("no preschool in Gullänget: å, ä and ö of the Windows-1252 file were not read right")
	}
	for _, r := range res.Rows {
		if r[1] != "Gullänget" {
			t.Errorf("row %v", r)
		}
	}
}
