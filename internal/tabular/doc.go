// Package tabular reads the delimited text files (CSV) of the open data
// portal the way Swedish files are written, streaming and in constant
// memory: it tells the encoding (UTF-8 with or without BOM, Windows-1252,
// which also reads ISO-8859-1) and the delimiter (; , or tab) from the
// start of a file (Sniff), reads quoted fields with delimiters, doubled
// quotes and line breaks inside and reports rows it cannot read with
// their line numbers instead of merging them (Reader), infers each
// column's type in one pass and writes the data-quality report (Profile,
// which returns a Table; Table.WithTypes applies a steward's overrides),
// and in a second pass gives the rows as typed values for a bulk load
// (NewRowSource). tabulartest generates realistic files for tests and
// benchmarks. ParseValue is the one conversion from text to a column
// type's value, shared by inference, loading and API filters; SafeCell
// protects spreadsheet users from formula injection in exports.
//
// Values follow opendata.ColumnType: text string, int int64, numeric
// float64, bool bool, date "YYYY-MM-DD" string, timestamp time.Time in
// UTC, nil for an empty cell (also one of white space only). Swedish
// numbers have a decimal comma ("12,5"), may group digits with spaces
// ("1 234,5") and may use the minus sign U+2212; decimal points are read
// too. Timestamps without an offset are Stockholm local time.
//
// Messages: errors are *sprang.Error values whose Message is a key of the
// catalog (internal/i18n/locales/tabular.*.json). A RowProblem's Key is a
// "tabular.row.*" or "tabular.header.*" key whose text has exactly one %s,
// the problem's Value (the number of fields found, the start of the row,
// the offending value or the new column name); the report shows Line and
// Column beside it: T(lang, p.Key, p.Value).
//
// The package is pure: it imports the standard library,
// golang.org/x/text for the Windows-1252 table, sprang and opendata.
package tabular
