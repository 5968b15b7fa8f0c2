package store

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/opendata"
)

// timestampLayout is how SQLite stores a datastore timestamp: RFC 3339 in
// UTC with a fixed six-digit fraction (PostgreSQL's precision), so that
// timestamps sort and compare correctly as text.
const timestampLayout = "2006-01-02T15:04:05.000000Z"

// dateLayout is how a datastore date is written everywhere.
const dateLayout = "2006-01-02"

// dsInvalid returns an Invalid error with message key about field (""
// when it is about no one field) of the search parameter param. Its cause
// is an *opendata.QueryError, as for the errors of opendata.ParseSort and
// its kind, whose Args are the field when there is one: the key's text
// takes it as its one argument (internal/i18n/locales/datastore.*.json).
func dsInvalid(key, param, field string) error {
	var args []any
	if field != "" {
		args = []any{field}
	}
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{param: key},
		Cause: &opendata.QueryError{Param: param, Key: key, Args: args}}
}

// errBadValue is returned by the value converters for a value whose Go
// type does not fit its column.
var errBadValue = errors.New("value does not fit the column type")

// cleanText returns s as PostgreSQL can store it: valid UTF-8 (invalid
// bytes become U+FFFD) without NUL characters. Both engines store the same
// text, so they return the same rows.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// toDB converts v, a value of a column of type t as opendata.ColumnType
// documents, to what the engine stores (see dsColumnType). nil stays nil.
// An int is accepted for int and numeric columns, and a time.Time for a
// date. It returns errBadValue for any other type.
func (db *DB) toDB(v any, t opendata.ColumnType) (any, error) {
	if v == nil {
		return nil, nil
	}
	// A value of the right type is returned as the interface it came in,
	// which a bulk load of millions of values must not box again.
	switch t {
	case opendata.TypeText:
		if s, ok := v.(string); ok {
			if c := cleanText(s); len(c) != len(s) || c != s {
				return c, nil
			}
			return v, nil
		}
	case opendata.TypeInt:
		switch x := v.(type) {
		case int64:
			return v, nil
		case int:
			return int64(x), nil
		}
	case opendata.TypeNumeric:
		switch x := v.(type) {
		case float64:
			return v, nil
		case int64:
			return float64(x), nil
		case int:
			return float64(x), nil
		}
	case opendata.TypeBool:
		if b, ok := v.(bool); ok {
			return db.boolValue(b), nil
		}
	case opendata.TypeDate:
		return db.dateValue(v)
	case opendata.TypeTimestamp:
		if x, ok := v.(time.Time); ok {
			return db.timestampValue(x), nil
		}
	}
	return nil, errBadValue
}

// boolValue is b as the engine stores it: 0 or 1 on SQLite. (Go boxes
// bools and small integers without allocating.)
func (db *DB) boolValue(b bool) any {
	if db.engine == Postgres {
		return b
	}
	if b {
		return int64(1)
	}
	return int64(0)
}

// dateValue is a date ("YYYY-MM-DD" or a time.Time) as the engine stores
// it: text on SQLite, a time.Time at midnight UTC for PostgreSQL's date.
func (db *DB) dateValue(v any) (any, error) {
	var d time.Time
	switch x := v.(type) {
	case string:
		var ok bool
		if d, ok = parseDate(x); !ok {
			return nil, errBadValue
		}
	case time.Time:
		d = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	default:
		return nil, errBadValue
	}
	if db.engine == Postgres {
		return d, nil
	}
	if _, ok := v.(string); ok {
		return v, nil
	}
	return d.Format(dateLayout), nil
}

// timestampValue is t as the engine stores it: fixed-width text in UTC on
// SQLite, rounded to the microsecond on both engines.
func (db *DB) timestampValue(t time.Time) any {
	t = t.UTC().Round(time.Microsecond)
	if db.engine == Postgres {
		return t
	}
	return t.Format(timestampLayout)
}

// fromDB converts v, as a driver returned it for a column of type t, to
// the value opendata.ColumnType documents: int64, float64, bool, the date
// as "YYYY-MM-DD", a time.Time in UTC, a string, or nil.
func fromDB(v any, t opendata.ColumnType) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch t {
	case opendata.TypeInt:
		if x, ok := v.(int64); ok {
			return x, nil
		}
	case opendata.TypeNumeric:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
	case opendata.TypeBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case opendata.TypeDate:
		switch x := v.(type) {
		case string:
			return x, nil
		case time.Time:
			return x.Format(dateLayout), nil
		}
	case opendata.TypeTimestamp:
		switch x := v.(type) {
		case time.Time:
			return x.UTC(), nil
		case string:
			ts, err := time.Parse(time.RFC3339Nano, x)
			if err != nil {
				return nil, fmt.Errorf("read timestamp %q: %w", x, err)
			}
			return ts.UTC(), nil
		}
	case opendata.TypeText:
		if x, ok := v.(string); ok {
			return x, nil
		}
	}
	return nil, fmt.Errorf("read %s value of Go type %T", t, v)
}

// parseDate reads a date "YYYY-MM-DD" that exists in the calendar. It is
// time.Parse(dateLayout, s) at a fraction of the cost, for bulk loads.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 30 February
	}
	return t, true
}

// digits reads s, decimal digits only.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
