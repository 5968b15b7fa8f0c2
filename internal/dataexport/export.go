// Package dataexport writes datastore tables as downloadable files,
// streamed row by row so that a table of any length is written in
// constant memory: CSV and TSV (RFC 4180, UTF-8, optionally with a BOM
// for Excel, text cells protected from formula injection), JSON (CKAN's
// dump format: {"fields": […], "records": [[…], …]}), GeoJSON (a
// FeatureCollection of points, for tables with WGS 84 latitude and
// longitude columns) and Parquet (typed columns, written in row groups).
//
// Numbers are written for machines, not for a Swedish spreadsheet: with a
// decimal point ("12.5"), without digit grouping, in plain notation from
// 1e-6 up to 1e21 and in exponent notation outside; timestamps in RFC 3339
// in UTC, dates as YYYY-MM-DD, booleans as true/false, null as an empty
// cell (CSV, TSV) or null (JSON).
package dataexport

import (
	"io"
	"strings"

	"sprang"
	"sprang/internal/opendata"
)

// Writer writes one table: Begin with its columns, then Row for each row
// (values in the columns' order, typed as opendata.ColumnType documents),
// then End, which writes what is left and the format's closing. A Writer
// is used once, by one goroutine. An error from the underlying io.Writer
// is returned as it is and ends the file; a row that does not fit the
// columns is an Internal error.
type Writer interface {
	Begin(cols []opendata.Column) error
	Row(r opendata.Row) error
	End() error
}

// Skipper is implemented by writers that leave some rows out: the GeoJSON
// writer skips rows without valid coordinates. Skipped returns how many.
type Skipper interface {
	Skipped() int64
}

// Options tune a Writer.
type Options struct {
	// BOM starts a CSV, TSV or JSON file with the UTF-8 byte order mark,
	// which makes Excel read it as UTF-8 (CKAN's bom=true).
	BOM bool
	// RowGroupRows is how many rows a Parquet row group holds (and so how
	// many the writer keeps in memory); 0 means DefaultRowGroupRows.
	RowGroupRows int
}

// DefaultRowGroupRows is the Parquet row group size when Options gives
// none.
const DefaultRowGroupRows = 64 * 1024

// Format is one download format: its name in the format parameter, the
// media type to send it with and the file name extension.
type Format struct {
	Name        string
	ContentType string
	Ext         string
}

// Formats returns the download formats, CSV first.
func Formats() []Format {
	return []Format{
		{Name: "csv", ContentType: "text/csv; charset=utf-8", Ext: "csv"},
		{Name: "tsv", ContentType: "text/tab-separated-values; charset=utf-8", Ext: "tsv"},
		{Name: "json", ContentType: "application/json; charset=utf-8", Ext: "json"},
		{Name: "geojson", ContentType: "application/geo+json", Ext: "geojson"},
		{Name: "parquet", ContentType: "application/vnd.apache.parquet", Ext: "parquet"},
	}
}

// Lookup returns the format called name (any case), or false.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats() {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Format{}, false
}

// MsgFormat is the message key of an unknown format; its argument lists
// the formats.
const MsgFormat = "dataexport.format"

// MsgNoCoordinates is the message key of a GeoJSON download of a table
// without latitude and longitude columns; its arguments list the column
// names it looks for (CoordinateNames).
const MsgNoCoordinates = "dataexport.geojson.no_coordinates"

// New returns a Writer of the format called name writing to w. An unknown
// format is an Invalid error with the key MsgFormat.
func New(name string, w io.Writer, opts Options) (Writer, error) {
	f, ok := Lookup(name)
	if !ok {
		return nil, &sprang.Error{Kind: sprang.Invalid, Message: MsgFormat,
			Fields: map[string]string{"format": MsgFormat}}
	}
	switch f.Name {
	case "csv":
		return newDelimited(w, ',', opts), nil
	case "tsv":
		return newDelimited(w, '\t', opts), nil
	case "json":
		return newJSON(w, opts), nil
	case "geojson":
		return newGeoJSON(w), nil
	default:
		return newParquet(w, opts), nil
	}
}

// FormatNames returns the names of the formats separated by commas, for
// the MsgFormat message.
func FormatNames() string {
	names := make([]string, 0, 5)
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}
