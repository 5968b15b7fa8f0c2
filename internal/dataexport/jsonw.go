package dataexport

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON downloads and the API's datastore_search write their records
// with these appenders rather than through encoding/json's reflection: a
// row is a []any of a few known types (opendata.ColumnType), so writing
// them directly costs a fraction.

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string exactly as encoding/json writes
// it with HTML escaping: control characters, <, > and & as \u00XX, U+2028
// and U+2029 escaped, and invalid UTF-8 replaced by U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// TimestampLayout is how timestamps are written: RFC 3339 in UTC with
// its Z, as the downloads write them. (CKAN's DataStore leaves the zone
// out; naive timestamps here are read as Stockholm time, so writing one
// without its zone would be ambiguous.)
const TimestampLayout = time.RFC3339Nano

// AppendJSONValue appends one datastore value as JSON: null, a number, true
// or false, or a string (dates as "YYYY-MM-DD", timestamps in RFC 3339,
// UTC).
func AppendJSONValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return AppendJSONString(b, x)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case float64:
		return AppendJSONNumber(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case time.Time:
		b = append(b, '"')
		b = x.UTC().AppendFormat(b, TimestampLayout)
		return append(b, '"')
	case []byte:
		return AppendJSONString(b, string(x))
	}
	return append(b, "null"...)
}

// AppendJSONNumber appends f as encoding/json does: the shortest form that
// reads back the same, with an exponent only for very large or small
// values; NaN and infinities, which JSON cannot hold, as null.
func AppendJSONNumber(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
