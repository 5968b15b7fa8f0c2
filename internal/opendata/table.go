package opendata

import "time"

// ColumnType is the type of a datastore column, named as CKAN's DataStore
// names them.
type ColumnType string

// The column types and the Go values a row holds for them (nil is null in
// every type):
//
//	TypeText      string
//	TypeInt       int64
//	TypeNumeric   float64
//	TypeBool      bool
//	TypeDate      string "YYYY-MM-DD" (sorts as text; stored as a date on PostgreSQL)
//	TypeTimestamp time.Time in UTC
const (
	TypeText      ColumnType = "text"
	TypeInt       ColumnType = "int"
	TypeNumeric   ColumnType = "numeric"
	TypeBool      ColumnType = "bool"
	TypeDate      ColumnType = "date"
	TypeTimestamp ColumnType = "timestamp"
)

// ColumnTypes lists every column type, from the narrowest a value can be
// inferred as to the widest.
var ColumnTypes = []ColumnType{TypeBool, TypeInt, TypeNumeric, TypeDate, TypeTimestamp, TypeText}

// Valid reports whether t is one of the column types.
func (t ColumnType) Valid() bool {
	for _, c := range ColumnTypes {
		if c == t {
			return true
		}
	}
	return false
}

// Column is one column of a datastore table. Name is the public field name
// exactly as in the file's header (any text, e.g. "Temperatur (°C)"); the
// store keeps it as data and names the physical column itself. Inferred is
// what the loader found; Type is what the table uses (the steward may
// override it).
type Column struct {
	Name     string
	Type     ColumnType
	Inferred ColumnType
	Index    bool // an index on the column (filters and sorts on it are fast)
}

// Row is one row of a datastore table: one value per column, typed as
// ColumnType documents.
type Row []any

// RowSource yields rows one at a time for a bulk load. Next returns io.EOF
// after the last row. A source may reuse the slice it returns between
// calls.
type RowSource interface {
	Next() (Row, error)
}

// SortKey is one key of a datastore sort.
type SortKey struct {
	Field string
	Desc  bool
}

// Filter is an equality filter on one field: the row matches when the
// field equals any of Values (CKAN's filters={"field": value or [values]}).
// Values are already converted to the column's type.
type Filter struct {
	Field  string
	Values []any
}

// MaxLimit is the largest page datastore_search returns, and DefaultLimit
// the page when none is asked for (CKAN's defaults).
const (
	MaxLimit     = 32000
	DefaultLimit = 100
)

// Query is a datastore search in CKAN's DataStore semantics. Fields empty
// means every column; Q is a full-text search over the text columns (every
// word must occur, case-insensitively); Distinct returns distinct rows of
// Fields; Version 0 means the newest upload.
type Query struct {
	Filters      []Filter
	Q            string
	Fields       []string
	Sort         []SortKey
	Limit        int
	Offset       int
	Distinct     bool
	IncludeTotal bool
	Version      int
}

// Result is one page of a datastore search: the columns in Fields order,
// the rows, and the number of matching rows when Query.IncludeTotal (-1
// otherwise).
type Result struct {
	Columns []Column
	Rows    []Row
	Total   int64
}

// Quality is the data-quality report of a loaded upload: per column its
// type, the share of empty cells and the number of distinct values, and
// the rows the loader could not read or convert, with their line numbers.
type Quality struct {
	Rows        int64
	Encoding    string // "UTF-8", "UTF-8 with BOM", "Windows-1252"
	Delimiter   string // ";", ",", "\t"
	Columns     []ColumnQuality
	Problems    []RowProblem // at most MaxProblems
	ProblemRows int64        // every problem row, also those not listed
	CheckedAt   time.Time
}

// MaxProblems is how many problem rows a Quality report lists.
const MaxProblems = 100

// ColumnQuality is one column's line of a Quality report. Distinct counts
// up to MaxDistinct; DistinctCapped says there were more.
type ColumnQuality struct {
	Name           string
	Type           ColumnType
	Empty          int64
	Distinct       int64
	DistinctCapped bool
	Min            string // smallest value as text, "" for text columns
	Max            string
	Examples       []string // up to three values
}

// MaxDistinct is where counting distinct values of a column stops.
const MaxDistinct = 10000

// RowProblem is one row the loader could not read or convert: its line in
// the file (1 is the header), the column, and a message key with its
// argument (the offending value, shortened).
type RowProblem struct {
	Line   int64
	Column string
	Key    string
	Value  string
}

// EmptyShare returns the share of empty cells of c in a report of rows
// rows, from 0 to 1.
func (c ColumnQuality) EmptyShare(rows int64) float64 {
	if rows == 0 {
		return 0
	}
	return float64(c.Empty) / float64(rows)
}
