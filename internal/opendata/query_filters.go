package opendata

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxFilterValues is how many values one filters parameter may hold, over
// all its fields together.
const MaxFilterValues = 1000

// Converter converts a value written as text to a column type's Go value
// (as ColumnType documents: int64, float64, bool, "YYYY-MM-DD", time.Time
// in UTC), returning nil for an empty value and an error when the text is
// no value of the type. ConvertISO is one; the CSV loader's, which also
// reads Swedish decimal commas and dates, is another.
type Converter func(s string, t ColumnType) (any, error)

// ParseFilters parses a CKAN filters parameter, a JSON object of field to
// value or array of values ({"Område": "Domsjö", "År": [2024, 2025]}),
// against the table's columns, in the order written. IDField is allowed
// as an int column. Strings are converted to the column's type with
// convert (ConvertISO when nil; text columns take strings as they are);
// JSON numbers fit int and numeric columns, JSON true/false bool columns,
// and both text columns as their JSON text. A value that is null, an
// object or a nested array, an empty array, an unknown or repeated field,
// a value that does not fit its column, more than MaxFilterValues values
// or text that is no JSON object is an Invalid error (see QueryError)
// naming it; "" gives no filters.
func ParseFilters(s string, cols []Column, convert Converter) ([]Filter, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	if convert == nil {
		convert = ConvertISO
	}
	fp := filterParser{dec: json.NewDecoder(strings.NewReader(s)), cols: cols, convert: convert}
	fp.dec.UseNumber()
	return fp.parse()
}

// filterParser reads a filters object token by token, so that a nested
// value is refused at its first token and never recursed into.
type filterParser struct {
	dec     *json.Decoder
	cols    []Column
	convert Converter
	values  int
}

func (fp *filterParser) parse() ([]Filter, error) {
	if tok, err := fp.dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, invalidQuery("filters", MsgFiltersJSON)
	}
	var out []Filter
	for fp.dec.More() {
		f, err := fp.field(out)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	if tok, err := fp.dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, invalidQuery("filters", MsgFiltersJSON)
	}
	if _, err := fp.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, invalidQuery("filters", MsgFiltersJSON)
	}
	return out, nil
}

// field reads one member of the object: its name and its value or values.
func (fp *filterParser) field(done []Filter) (Filter, error) {
	tok, err := fp.dec.Token()
	name, ok := tok.(string)
	if err != nil || !ok {
		return Filter{}, invalidQuery("filters", MsgFiltersJSON)
	}
	col, ok := fp.column(name)
	if !ok {
		return Filter{}, invalidQuery("filters", MsgFiltersUnknownField, name)
	}
	for _, f := range done {
		if f.Field == name {
			return Filter{}, invalidQuery("filters", MsgFiltersDuplicate, name)
		}
	}
	tok, err = fp.dec.Token()
	if err != nil {
		return Filter{}, invalidQuery("filters", MsgFiltersJSON)
	}
	f := Filter{Field: name}
	if tok != json.Delim('[') {
		v, err := fp.value(tok, col)
		if err != nil {
			return Filter{}, err
		}
		f.Values = []any{v}
		return f, nil
	}
	for fp.dec.More() {
		tok, err := fp.dec.Token()
		if err != nil {
			return Filter{}, invalidQuery("filters", MsgFiltersJSON)
		}
		v, err := fp.value(tok, col)
		if err != nil {
			return Filter{}, err
		}
		f.Values = append(f.Values, v)
	}
	if _, err := fp.dec.Token(); err != nil { // the closing ]
		return Filter{}, invalidQuery("filters", MsgFiltersJSON)
	}
	if len(f.Values) == 0 {
		return Filter{}, invalidQuery("filters", MsgFiltersValueKind, name)
	}
	return f, nil
}

// column finds the column a filter names; IDField is an int column.
func (fp *filterParser) column(name string) (Column, bool) {
	for _, c := range fp.cols {
		if c.Name == name {
			return c, true
		}
	}
	if name == IDField {
		return Column{Name: IDField, Type: TypeInt}, true
	}
	return Column{}, false
}

// value converts one scalar token to col's type.
func (fp *filterParser) value(tok json.Token, col Column) (any, error) {
	fp.values++
	if fp.values > MaxFilterValues {
		return nil, invalidQuery("filters", MsgFiltersTooMany, strconv.Itoa(MaxFilterValues))
	}
	switch v := tok.(type) {
	case string:
		if col.Type == TypeText {
			return v, nil
		}
		return convertText(fp.convert, v, col)
	case json.Number:
		return numberValue(v, col, fp.convert)
	case bool:
		switch col.Type {
		case TypeBool:
			return v, nil
		case TypeText:
			return strconv.FormatBool(v), nil
		}
		return nil, badValue(strconv.FormatBool(v), col)
	}
	return nil, invalidQuery("filters", MsgFiltersValueKind, col.Name)
}

// numberValue converts a JSON number: exactly for int and numeric
// columns, as its text for text columns, through convert otherwise.
func numberValue(n json.Number, col Column, convert Converter) (any, error) {
	switch col.Type {
	case TypeText:
		return n.String(), nil
	case TypeInt:
		if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
			return i, nil
		}
		if f, err := n.Float64(); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			return int64(f), nil
		}
		return nil, badValue(n.String(), col)
	case TypeNumeric:
		f, err := n.Float64()
		if err != nil || math.IsInf(f, 0) {
			return nil, badValue(n.String(), col)
		}
		return f, nil
	}
	return convertText(convert, n.String(), col)
}

// convertText converts a string with convert and checks the Go type it
// gives.
func convertText(convert Converter, s string, col Column) (any, error) {
	v, err := convert(s, col.Type)
	if err != nil || !typed(v, col.Type) {
		return nil, badValue(s, col)
	}
	if t, ok := v.(time.Time); ok {
		v = t.UTC()
	}
	return v, nil
}

// typed reports whether v is a non-null value of type t as ColumnType
// documents it.
func typed(v any, t ColumnType) bool {
	switch x := v.(type) {
	case int64:
		return t == TypeInt
	case float64:
		return t == TypeNumeric && !math.IsNaN(x) && !math.IsInf(x, 0)
	case bool:
		return t == TypeBool
	case string:
		return t == TypeText || (t == TypeDate && isDate(x))
	case time.Time:
		return t == TypeTimestamp
	}
	return false
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// badValue is the error of a value that does not fit col, naming the
// value (shortened) and the field.
func badValue(s string, col Column) error {
	key := map[ColumnType]string{
		TypeInt: MsgFiltersBadInt, TypeNumeric: MsgFiltersBadNumeric, TypeBool: MsgFiltersBadBool,
		TypeDate: MsgFiltersBadDate, TypeTimestamp: MsgFiltersBadTimestamp,
	}[col.Type]
	if key == "" {
		return invalidQuery("filters", MsgFiltersValueKind, col.Name)
	}
	return invalidQuery("filters", key, shorten(s, 60), col.Name)
}

// shorten cuts s to at most n runes, marking a cut with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
