package opendata

import (
	"slices"
	"strings"

	"sprang"
)

// IDField is the row number every datastore table has besides its
// columns (CKAN's _id): always allowed as a sort key and a filter.
const IDField = "_id"

// QueryError is the cause of the Invalid errors that ParseSort,
// ParseFilters and ParseFields return: the request parameter it is about
// ("sort", "filters", "fields"), a message key and the arguments its text
// is formatted with (the offending field name or value, as the caller
// wrote it). The *sprang.Error around it carries the key as its Message
// and as Fields[Param]; callers that show the text use
// errors.As(err, &qe) and translate Key with Args.
type QueryError struct {
	Param string
	Key   string
	Args  []any
}

// Error returns the parameter, the key and the arguments, for logs.
func (e *QueryError) Error() string {
	var b strings.Builder
	b.WriteString(e.Param + ": " + e.Key)
	for _, a := range e.Args {
		if s, ok := a.(string); ok {
			b.WriteString(" " + quoteName(s))
		}
	}
	return b.String()
}

// invalidQuery returns the Invalid error of one bad query parameter.
func invalidQuery(param, key string, args ...any) error {
	return &sprang.Error{
		Kind:    sprang.Invalid,
		Message: key,
		Fields:  map[string]string{param: key},
		Cause:   &QueryError{Param: param, Key: key, Args: args},
	}
}

// The message keys of the query parameters' errors (texts in
// internal/i18n/locales/query.*.json; each takes the Args listed).
const (
	MsgSortUnknownField    = "opendata.sort.unknown_field"    // field
	MsgSortDirection       = "opendata.sort.direction"        // word
	MsgSortQuote           = "opendata.sort.quote"            // text after the quote
	MsgFieldsUnknownField  = "opendata.fields.unknown_field"  // field
	MsgFieldsQuote         = "opendata.fields.quote"          // text after the quote
	MsgFieldsDuplicate     = "opendata.fields.duplicate"      // field
	MsgFiltersJSON         = "opendata.filters.json"          // (none)
	MsgFiltersUnknownField = "opendata.filters.unknown_field" // field
	MsgFiltersDuplicate    = "opendata.filters.duplicate"     // field
	MsgFiltersValueKind    = "opendata.filters.value_kind"    // field
	MsgFiltersTooMany      = "opendata.filters.too_many"      // the cap as text
	MsgFiltersBadInt       = "opendata.filters.bad_int"       // value, field
	MsgFiltersBadNumeric   = "opendata.filters.bad_numeric"   // value, field
	MsgFiltersBadBool      = "opendata.filters.bad_bool"      // value, field
	MsgFiltersBadDate      = "opendata.filters.bad_date"      // value, field
	MsgFiltersBadTimestamp = "opendata.filters.bad_timestamp" // value, field
)

// ParseSort parses a CKAN sort parameter ("Temperatur (°C) desc, Område")
// against the table's columns. Keys are separated by commas; each is a
// field name, optionally followed by asc or desc (any case) after a space.
// A name is matched as written, longest known name first, so names with
// spaces and parentheses need no quotes; a name with a comma, or one that
// would otherwise be read differently, may be written in double quotes
// with "" for a quote inside. IDField is always allowed. Empty keys are
// skipped and a field named again is ignored (the first key wins). An
// unknown field, a direction other than asc/desc or a quote left open is
// an Invalid error (see QueryError) naming it; "" gives no keys.
func ParseSort(s string, cols []Column) ([]SortKey, error) {
	var keys []SortKey
	p := clauseParser{s: s, names: knownNames(cols, true), param: "sort",
		unknown: MsgSortUnknownField, quote: MsgSortQuote, directions: true}
	for !p.done() {
		name, ok, err := p.name()
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // an empty key
		}
		desc, err := p.direction()
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(keys, func(k SortKey) bool { return k.Field == name }) {
			keys = append(keys, SortKey{Field: name, Desc: desc})
		}
	}
	return keys, nil
}

// FormatSort writes keys as a sort parameter that ParseSort reads back:
// every name quoted, "desc" after descending keys.
func FormatSort(keys []SortKey) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteName(k.Field))
		if k.Desc {
			b.WriteString(" desc")
		}
	}
	return b.String()
}

// ParseFields parses a CKAN fields parameter (field names separated by
// commas, written as ParseSort reads them, without directions) against the
// table's columns, returning the names in the order given. An unknown
// field, a field named twice or a quote left open is an Invalid error (see
// QueryError); "" gives nil, which means every column.
func ParseFields(s string, cols []Column) ([]string, error) {
	var out []string
	p := clauseParser{s: s, names: knownNames(cols, false), param: "fields",
		unknown: MsgFieldsUnknownField, quote: MsgFieldsQuote}
	for !p.done() {
		name, ok, err := p.name()
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if err := p.end(name); err != nil {
			return nil, err
		}
		if slices.Contains(out, name) {
			return nil, invalidQuery("fields", MsgFieldsDuplicate, name)
		}
		out = append(out, name)
	}
	return out, nil
}

// knownNames returns the column names, and IDField when withID, longest
// first, so that the longest name that fits wins.
func knownNames(cols []Column, withID bool) []string {
	names := make([]string, 0, len(cols)+1)
	if withID {
		names = append(names, IDField)
	}
	for _, c := range cols {
		names = append(names, c.Name)
	}
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	return names
}

// quoteName writes name in double quotes, doubling quotes inside.
func quoteName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
