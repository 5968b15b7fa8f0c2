package ckan

import (
	"bytes"
	"encoding/csv"
	"sprang/internal/dataexport"

	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// appendRecords appends the rows as the records of records_format:
// objects ({"field": value, …} per row, keys precomputed in keys, each
// with its colon), lists ([value, …] per row), or csv and tsv (one string
// of rows without a header, as CKAN's DataStore writes them).
func appendRecords(b []byte, format string, keys [][]byte, rows []opendata.Row) []byte {
	switch format {
	case "csv", "tsv":
		return dataexport.AppendJSONString(b, delimited(rows, format == "tsv"))
	case "lists":
		b = append(b, '[')
		for i, row := range rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for j, v := range row {
				if j > 0 {
					b = append(b, ',')
				}
				b = dataexport.AppendJSONValue(b, v)
			}
			b = append(b, ']')
		}
		return append(b, ']')
	}
	b = append(b, '[')
	for i, row := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for j, v := range row {
			if j >= len(keys) {
				break
			}
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, keys[j]...)
			b = dataexport.AppendJSONValue(b, v)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// delimited writes rows as CSV (or, with tabs, TSV) text, quoted where
// needed, lines ending in \n. Text cells pass through tabular.SafeCell,
// as in the downloads, so that a spreadsheet opening the text runs no
// formula; numbers, booleans and times are written as they are.
func delimited(rows []opendata.Row, tabs bool) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if tabs {
		w.Comma = '\t'
	}
	rec := []string{}
	for _, row := range rows {
		rec = rec[:0]
		for _, v := range row {
			rec = append(rec, csvCell(v))
		}
		_ = w.Write(rec) // writes to memory: cannot fail
	}
	w.Flush()
	return buf.String()
}

// csvCell returns one value of a row as a CSV cell: text made safe for
// spreadsheets, anything else as textOf writes it.
func csvCell(v any) string {
	switch x := v.(type) {
	case string:
		return tabular.SafeCell(x)
	case []byte:
		return tabular.SafeCell(string(x))
	}
	return textOf(v)
}
