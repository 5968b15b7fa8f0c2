package dataexport_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/dataexport"
	"sprang/internal/opendata"
)

// table is a small table with a value of every type, nulls, Swedish
// letters, cells that would be formulas and cells that need quotes.
func table() ([]opendata.Column, []opendata.Row) {
	cols := []opendata.Column{
		{Name: "Område", Type: opendata.TypeText},
		{Name: "Antal", Type: opendata.TypeInt},
		{Name: "Temperatur (°C)", Type: opendata.TypeNumeric},
		{Name: "Öppen", Type: opendata.TypeBool},
		{Name: "Datum", Type: opendata.TypeDate},
		{Name: "Provtagen", Type: opendata.TypeTimestamp},
		{Name: "Latitud (WGS 84)", Type: opendata.TypeNumeric},
		{Name: "Longitud", Type: opendata.TypeNumeric},
	}
	ts := time.Date(2025, 6, 30, 12, 30, 0, 0, time.UTC)
	rows := []opendata.Row{
		{"Domsjö å ä ö", int64(12), 12.5, true, "2025-06-30", ts, 63.29, 18.72},
		{`=HYPERLINK("http://x")`, int64(-3), -0.25, false, "1969-12-31", ts.Add(-time.Hour), nil, 18.0},
		{nil, nil, nil, nil, nil, nil, nil, nil},
		{"Rad ett\r\nmed \"citat\", komma", int64(0), 1e21, true, "2000-02-29", ts, -33.9, 151.2},
		{"-5", int64(1) << 40, 1e-7, false, "2025-01-01", ts, 91.0, 10.0},
		{"@SUM(A1)", int64(7), 3.0, true, "2025-01-02", ts, 59.3, 18.1},
	}
	return cols, rows
}

// write runs a writer of format over the table.
func write(t *testing.T, format string, opts dataexport.Options, cols []opendata.Column, rows []opendata.Row) ([]byte, dataexport.Writer) {
	t.Helper()
	var buf bytes.Buffer
	w, err := dataexport.New(format, &buf, opts)
	if err != nil {
		t.Fatalf("New(%s): %v", format, err)
	}
	if err := w.Begin(cols); err != nil {
		t.Fatalf("%s Begin: %v", format, err)
	}
	for _, r := range rows {
		if err := w.Row(r); err != nil {
			t.Fatalf("%s Row(%v): %v", format, r, err)
		}
	}
	if err := w.End(); err != nil {
		t.Fatalf("%s End: %v", format, err)
	}
	return buf.Bytes(), w
}

func TestCSV(t *testing.T) {
	t.Parallel()
	cols, rows := table()
	got, _ := write(t, "csv", dataexport.Options{}, cols, rows)
	want := "Område,Antal,Temperatur (°C),Öppen,Datum,Provtagen,Latitud (WGS 84),Longitud\r\n" +
		"Domsjö å ä ö,12,12.5,true,2025-06-30,2025-06-30T12:30:00Z,63.29,18.72\r\n" +
		`"'=HYPERLINK(""http://x"")",-3,-0.25,false,1969-12-31,2025-06-30T11:30:00Z,,18` + "\r\n" +
		",,,,,,,\r\n" +
		"\"Rad ett\r\nmed \"\"citat\"\", komma\",0,1e+21,true,2000-02-29,2025-06-30T12:30:00Z,-33.9,151.2\r\n" +
		"-5,1099511627776,1e-07,false,2025-01-01,2025-06-30T12:30:00Z,91,10\r\n" +
		"'@SUM(A1),7,3,true,2025-01-02,2025-06-30T12:30:00Z,59.3,18.1\r\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
}

func TestCSVBOMAndTSV(t *testing.T) {
	t.Parallel()
	cols := []opendata.Column{{Name: "=Namn", Type: opendata.TypeText}, {Name: "Tal", Type: opendata.TypeNumeric}}
	rows := []opendata.Row{{"a\tb", 1.5}, {"\tx", -2.0}}
	got, _ := write(t, "csv", dataexport.Options{BOM: true}, cols, rows)
	if want := "\uFEFF'=Namn,Tal\r\na\tb,1.5\r\n'\tx,-2\r\n"; string(got) != want {
		t.Errorf("CSV with BOM = %q, want %q", got, want)
	}
	got, _ = write(t, "tsv", dataexport.Options{}, cols, rows)
	if want := "'=Namn\tTal\r\n\"a\tb\"\t1.5\r\n\"'\tx\"\t-2\r\n"; string(got) != want {
		t.Errorf("TSV = %q, want %q", got, want)
	}
}

// TestFormulaCells checks that the CSV and TSV writers protect every
// text cell and heading a spreadsheet could run as a formula, with the
// rule of tabular.SafeCell: after leading spaces, after a line feed, an
// @, while a Swedish negative number stays a number.
func TestFormulaCells(t *testing.T) {
	t.Parallel()
	cols := []opendata.Column{{Name: " =Namn", Type: opendata.TypeText}, {Name: "Tal", Type: opendata.TypeNumeric}}
	rows := []opendata.Row{{" =1+1", 1.0}, {"\n=2+2", 2.0}, {"@SUM(A1)", 3.0}, {"-3,5", -3.5}, {"-3.5", 0.0}, {"+46 70", 0.0}}
	tests := []struct{ format, want string }{
		{"csv", "' =Namn,Tal\r\n' =1+1,1\r\n\"'\n=2+2\",2\r\n'@SUM(A1),3\r\n\"-3,5\",-3.5\r\n-3.5,0\r\n'+46 70,0\r\n"},
		{"tsv", "' =Namn\tTal\r\n' =1+1\t1\r\n\"'\n=2+2\"\t2\r\n'@SUM(A1)\t3\r\n-3,5\t-3.5\r\n-3.5\t0\r\n'+46 70\t0\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			t.Parallel()
			got, _ := write(t, tt.format, dataexport.Options{}, cols, rows)
			if string(got) != tt.want {
				t.Errorf("%s =\n%q\nwant\n%q", tt.format, got, tt.want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	cols, rows := table()
	got, _ := write(t, "json", dataexport.Options{}, cols, rows)
	var doc struct {
		Fields []struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"fields"`
		Records [][]any `json:"records"`
	}
	dec := json.NewDecoder(bytes.NewReader(got))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if len(doc.Fields) != len(cols) || doc.Fields[2].ID != "Temperatur (°C)" || doc.Fields[2].Type != "numeric" {
		t.Errorf("fields = %+v", doc.Fields)
	}
	want := [][]any{
		{"Domsjö å ä ö", json.Number("12"), json.Number("12.5"), true, "2025-06-30", "2025-06-30T12:30:00Z", json.Number("63.29"), json.Number("18.72")},
		{`=HYPERLINK("http://x")`, json.Number("-3"), json.Number("-0.25"), false, "1969-12-31", "2025-06-30T11:30:00Z", nil, json.Number("18")},
		{nil, nil, nil, nil, nil, nil, nil, nil},
	}
	if diff := cmp.Diff(want, doc.Records[:3]); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if len(doc.Records) != len(rows) {
		t.Errorf("%d records, want %d", len(doc.Records), len(rows))
	}
	empty, _ := write(t, "json", dataexport.Options{BOM: true}, cols, nil)
	if !json.Valid(bytes.TrimPrefix(empty, []byte("\uFEFF"))) || !bytes.HasPrefix(empty, []byte("\uFEFF")) {
		t.Errorf("empty JSON with BOM = %q", empty)
	}
}

func TestJSONStrings(t *testing.T) {
	t.Parallel()
	cols := []opendata.Column{{Name: "t\"x\\", Type: opendata.TypeText}}
	texts := []string{"a\"b\\c", "\x00\x1f\n\r\t", "\u2028\u2029", "bad \xff utf-8", "<script>&", "ÅÄÖ 😀"}
	var rows []opendata.Row
	for _, s := range texts {
		rows = append(rows, opendata.Row{s})
	}
	got, _ := write(t, "json", dataexport.Options{}, cols, rows)
	var doc struct {
		Fields  []map[string]string `json:"fields"`
		Records [][]string          `json:"records"`
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if doc.Fields[0]["id"] != cols[0].Name {
		t.Errorf("field id = %q", doc.Fields[0]["id"])
	}
	for i, s := range texts {
		if want := strings.ToValidUTF8(s, "\uFFFD"); doc.Records[i][0] != want {
			t.Errorf("record %d = %q, want %q", i, doc.Records[i][0], want)
		}
	}
	if bytes.Contains(got, []byte("\u2028")) {
		t.Error("U+2028 written unescaped")
	}
}

func TestGeoJSON(t *testing.T) {
	t.Parallel()
	cols, rows := table()
	got, w := write(t, "geojson", dataexport.Options{}, cols, rows)
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(got, &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Fatalf("type %q with %d features, want a FeatureCollection of 3:\n%s", fc.Type, len(fc.Features), got)
	}
	f := fc.Features[0]
	if f.Type != "Feature" || f.Geometry.Type != "Point" || !cmp.Equal(f.Geometry.Coordinates, []float64{18.72, 63.29}) {
		t.Errorf("first feature = %+v, want a point at [18.72, 63.29] (lon, lat)", f)
	}
	wantProps := map[string]any{"Område": "Domsjö å ä ö", "Antal": 12.0, "Temperatur (°C)": 12.5, "Öppen": true,
		"Datum": "2025-06-30", "Provtagen": "2025-06-30T12:30:00Z"}
	if diff := cmp.Diff(wantProps, f.Properties); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	if c := fc.Features[1].Geometry.Coordinates; !cmp.Equal(c, []float64{151.2, -33.9}) {
		t.Errorf("second feature at %v, want [151.2, -33.9]", c)
	}
	// Skipped: no latitude, all null, latitude 91.
	if s := w.(dataexport.Skipper).Skipped(); s != 3 {
		t.Errorf("Skipped() = %d, want 3", s)
	}
}

func TestGeoJSONColumns(t *testing.T) {
	t.Parallel()
	num := func(name string) opendata.Column { return opendata.Column{Name: name, Type: opendata.TypeNumeric} }
	tests := []struct {
		name string
		cols []opendata.Column
		ok   bool
	}{
		{"lat lon", []opendata.Column{num("LAT"), num("lon")}, true},
		{"x y", []opendata.Column{num("x"), num("y")}, true},
		{"lng", []opendata.Column{num(" Latitude "), num("lng")}, true},
		{"text coordinates", []opendata.Column{{Name: "lat", Type: opendata.TypeText}, num("lon")}, false},
		{"latitude only", []opendata.Column{num("lat"), num("höjd")}, false},
		{"none", []opendata.Column{num("N"), num("E")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w, _ := dataexport.New("geojson", &buf, dataexport.Options{})
			err := w.Begin(tt.cols)
			if tt.ok != (err == nil) {
				t.Fatalf("Begin(%v) = %v, want ok %v", tt.cols, err, tt.ok)
			}
			if err != nil && (sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != dataexport.MsgNoCoordinates || buf.Len() > 0) {
				t.Errorf("Begin error = %v after %d bytes, want Invalid %s before any", err, buf.Len(), dataexport.MsgNoCoordinates)
			}
		})
	}
}

func TestNewAndRowErrors(t *testing.T) {
	t.Parallel()
	if _, err := dataexport.New("xml", &bytes.Buffer{}, dataexport.Options{}); sprang.ErrorKind(err) != sprang.Invalid ||
		sprang.ErrorMessage(err) != dataexport.MsgFormat {
		t.Errorf("New(xml) error = %v, want Invalid %s", err, dataexport.MsgFormat)
	}
	if f, ok := dataexport.Lookup("CSV"); !ok || f.Ext != "csv" {
		t.Errorf("Lookup(CSV) = %+v, %v", f, ok)
	}
	cols := []opendata.Column{{Name: "n", Type: opendata.TypeInt}}
	for _, f := range dataexport.Formats() {
		if f.Name == "geojson" {
			continue
		}
		w, _ := dataexport.New(f.Name, &bytes.Buffer{}, dataexport.Options{})
		if err := w.Begin(cols); err != nil {
			t.Fatal(err)
		}
		if err := w.Row(opendata.Row{int64(1), int64(2)}); sprang.ErrorKind(err) != sprang.Internal {
			t.Errorf("%s: a row too long gave %v, want Internal", f.Name, err)
		}
		if err := w.Row(opendata.Row{"ett"}); sprang.ErrorKind(err) != sprang.Internal {
			t.Errorf("%s: text in an int column gave %v, want Internal", f.Name, err)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteErrors(t *testing.T) {
	t.Parallel()
	cols, rows := table()
	for _, f := range dataexport.Formats() {
		w, _ := dataexport.New(f.Name, failWriter{}, dataexport.Options{RowGroupRows: 2})
		err := w.Begin(cols)
		for _, r := range rows {
			if err != nil {
				break
			}
			err = w.Row(r)
		}
		if err == nil {
			err = w.End()
		}
		if !errors.Is(err, errDisk) {
			t.Errorf("%s: error = %v, want the writer's", f.Name, err)
		}
	}
}

// TestDriverValues checks the near misses a database driver may return.
func TestDriverValues(t *testing.T) {
	t.Parallel()
	cols := []opendata.Column{
		{Name: "t", Type: opendata.TypeText}, {Name: "i", Type: opendata.TypeInt}, {Name: "n", Type: opendata.TypeNumeric},
		{Name: "b", Type: opendata.TypeBool}, {Name: "d", Type: opendata.TypeDate},
	}
	rows := []opendata.Row{{int64(90325), 3.0, int64(2), int64(1), time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}
	got, _ := write(t, "csv", dataexport.Options{}, cols, rows)
	if want := "t,i,n,b,d\r\n90325,3,2,true,2025-01-02\r\n"; string(got) != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}
