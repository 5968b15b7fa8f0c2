package opendata

// ParseSort parses a CKAN sort parameter ("Temperatur (°C) desc, Område")
// against the table's columns. Field names may be quoted with double
// quotes when they contain a comma. An unknown field or direction is an
// Invalid error naming it.
func ParseSort(s string, cols []Column) ([]SortKey, error) {
	panic("opendata.ParseSort: not built yet")
}

// ParseFilters parses a CKAN filters parameter (a JSON object of field to
// value or array of values) against the table's columns, converting each
// value to the column's type. An unknown field or a value that does not fit
// the column is an Invalid error naming it.
func ParseFilters(s string, cols []Column) ([]Filter, error) {
	panic("opendata.ParseFilters: not built yet")
}
