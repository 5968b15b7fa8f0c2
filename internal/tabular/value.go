package tabular

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// ParseValue converts the text of one cell to the Go value of column type
// t, as opendata.ColumnType documents them; it is the conversion that type
// inference, loading and API filter values share, and it fits
// opendata.Converter. Surrounding white space (also no-break spaces) is
// ignored and empty text is nil (null) in every type. What each type
// reads:
//
//	text       the text itself
//	int        "42", "-7", "−7" (U+2212), "1 234" (groups of three); no
//	           leading zeros: "00123" is no integer
//	numeric    "12,5", "-3,75", "1 234,5" (decimal comma, space or no-break
//	           space groups), "12.5", "1.5e-3", ",5"; and every int
//	bool       ja/nej, true/false, sant/falskt in any case, and 1/0 (type
//	           inference never takes 0/1 for bool: such columns are int)
//	date       "2024-05-01" (ISO 8601, a day that exists)
//	timestamp  "2024-05-01 12:30", "2024-05-01T12:30:45.5", RFC 3339 with
//	           "Z" or an offset, or a bare date; without an offset the time
//	           is Stockholm local time; the value is a time.Time in UTC
//
// Text that is no value of t gives an Invalid *sprang.Error whose Message
// is the key "tabular.value.<type>" (a text without arguments saying what
// to write); an unknown type gives "tabular.value.type".
func ParseValue(s string, t opendata.ColumnType) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if t == opendata.TypeText {
		return s, nil
	}
	if !t.Valid() {
		return nil, sprang.Errorf(sprang.Invalid, "tabular.value.type")
	}
	v, ok := convert([]byte(s), t)
	if !ok {
		return nil, sprang.Errorf(sprang.Invalid, "tabular.value.%s", t)
	}
	return v, nil
}

// convert converts trimmed, non-empty b to a value of the non-text type
// t; ok is false when b is no value of t.
func convert(b []byte, t opendata.ColumnType) (v any, ok bool) {
	switch t {
	case opendata.TypeInt:
		if n, ok, _ := parseInt(b); ok {
			return n, true
		}
	case opendata.TypeNumeric:
		if f, ok, _ := parseFloat(b); ok {
			return f, true
		}
	case opendata.TypeBool:
		if x, ok := parseBool(b, true); ok {
			return x, true
		}
	case opendata.TypeDate:
		if _, _, _, ok := parseDate(b); ok {
			return string(b), true
		}
	case opendata.TypeTimestamp:
		if ts, ok := parseTimestamp(b); ok {
			return ts, true
		}
	}
	return nil, false
}

// parseBool reads ja/nej, true/false or sant/falskt in any case, and
// with digits also 1/0.
func parseBool(b []byte, digits bool) (v, ok bool) {
	switch len(b) {
	case 1:
		if digits && (b[0] == '1' || b[0] == '0') {
			return b[0] == '1', true
		}
	case 2:
		return true, bytes.EqualFold(b, []byte("ja"))
	case 3:
		return false, bytes.EqualFold(b, []byte("nej"))
	case 4:
		if bytes.EqualFold(b, []byte("true")) || bytes.EqualFold(b, []byte("sant")) {
			return true, true
		}
	case 5:
		return false, bytes.EqualFold(b, []byte("false"))
	case 6:
		return false, bytes.EqualFold(b, []byte("falskt"))
	}
	return false, false
}

// FormatValue returns the canonical text of a value of a column, which
// ParseValue reads back to the same value: "" for nil, strings as they
// are, integers in decimal, numbers in the shortest form with a decimal
// point ("12.5", "1e+21"), "true"/"false", timestamps in RFC 3339 in UTC
// ("2024-05-01T10:30:00Z"). Other types are formatted with strconv-like
// defaults ("" for unknown ones).
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return ""
}
