package opendata

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // naive timestamps are Stockholm time, also where the system has no zone database
)

// errNotValue is ConvertISO's error for text that is no value of the type.
var errNotValue = errors.New("opendata: not a value of the column type")

// ConvertISO is the Converter for machine-written values, what API clients
// send: integers; numbers with a decimal point (or one decimal comma) and
// an optional exponent; true/false (also ja/nej, any case); dates
// YYYY-MM-DD; timestamps in RFC 3339, or as "YYYY-MM-DD HH:MM[:SS]" or
// with a T, which is Stockholm local time as the CSV loader reads it
// (returned in UTC). Surrounding spaces are ignored and empty text is
// nil. Text that is no value of t gives an error. The loader's converter
// (tabular.ParseValue) reads these the same and Swedish forms besides.
func ConvertISO(s string, t ColumnType) (any, error) {
	if t == TypeText {
		return s, nil
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	switch t {
	case TypeInt:
		return strconv.ParseInt(s, 10, 64)
	case TypeNumeric:
		return isoNumber(s)
	case TypeBool:
		return isoBool(s)
	case TypeDate:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, err
		}
		return d.Format(time.DateOnly), nil
	case TypeTimestamp:
		return isoTimestamp(s)
	}
	return nil, errNotValue
}

// isoNumber reads a decimal number: digits with one decimal point or
// comma, an optional sign and exponent; no hexadecimal, no NaN or
// infinity, no digit separators.
func isoNumber(s string) (any, error) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	for i := range len(s) {
		c := s[i]
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			return nil, errNotValue
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, errNotValue
	}
	return f, nil
}

func isoBool(s string) (any, error) {
	switch strings.ToLower(s) {
	case "true", "ja":
		return true, nil
	case "false", "nej":
		return false, nil
	}
	return nil, errNotValue
}

// isoTimestampLayouts are the timestamp layouts ConvertISO reads besides
// RFC 3339; they carry no zone and are read in stockholm.
var isoTimestampLayouts = []string{
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04",
}

func isoTimestamp(s string) (any, error) {
	if ts, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return ts.UTC(), nil
	}
	for _, l := range isoTimestampLayouts {
		if ts, err := time.ParseInLocation(l, s, stockholm); err == nil {
			return ts.UTC(), nil
		}
	}
	return nil, errNotValue
}

// stockholm is the zone of naive timestamps: Swedish files write local
// time. Europe/Stockholm from the embedded zone database.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil { // cannot happen with time/tzdata embedded
		return time.FixedZone("CET", 3600)
	}
	return loc
}()
