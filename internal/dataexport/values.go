package dataexport

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/opendata"
)

// value returns v as the Go type opendata.ColumnType documents for t (nil
// for null), converting the near misses a database driver may hand over
// (an int for a numeric column, 0/1 for a bool, a time for a date). A
// value it cannot convert is an Internal error naming the column: a row
// that does not fit its table is a fault of ours.
func value(v any, c opendata.Column) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.Type {
	case opendata.TypeText:
		if _, ok := v.(string); ok {
			return v, nil // the same interface value: no allocation
		}
		if s, ok := textOf(v); ok {
			return s, nil
		}
	case opendata.TypeInt:
		switch x := v.(type) {
		case int64:
			return v, nil
		case int:
			return int64(x), nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
				return int64(x), nil
			}
		}
	case opendata.TypeNumeric:
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, nil
			}
			return v, nil
		case int64:
			return float64(x), nil
		case int:
			return float64(x), nil
		}
	case opendata.TypeBool:
		switch x := v.(type) {
		case bool:
			return v, nil
		case int64:
			return x != 0, nil
		}
	case opendata.TypeDate:
		switch x := v.(type) {
		case string:
			if len(x) == len(time.DateOnly) {
				return v, nil
			}
		case time.Time:
			return x.Format(time.DateOnly), nil
		}
	case opendata.TypeTimestamp:
		if t, ok := v.(time.Time); ok {
			if t.Location() == time.UTC {
				return v, nil // no new interface value: no allocation
			}
			return t.UTC(), nil
		}
	}
	return nil, misfit(v, c)
}

// misfit is the error of a value that does not fit its column.
func misfit(v any, c opendata.Column) error {
	return &sprang.Error{Kind: sprang.Internal,
		Cause: fmt.Errorf("dataexport: column %q of type %s: value of Go type %T", c.Name, c.Type, v)}
}

// rowLength checks that a row has one value per column.
func rowLength(r opendata.Row, cols []opendata.Column) error {
	if len(r) != len(cols) {
		return &sprang.Error{Kind: sprang.Internal,
			Cause: fmt.Errorf("dataexport: row of %d values for %d columns", len(r), len(cols))}
	}
	return nil
}

// textOf formats a non-string value of a text column as text.
func textOf(v any) (string, bool) {
	switch x := v.(type) {
	case []byte:
		return string(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return string(appendNumber(nil, x)), true
	case bool:
		return strconv.FormatBool(x), true
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), true
	}
	return "", false
}

// appendNumber appends f for machines: shortest form, decimal point,
// plain notation from 1e-6 up to 1e21 (as JavaScript writes numbers) and
// exponent notation outside.
func appendNumber(b []byte, f float64) []byte {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendTime appends a timestamp in RFC 3339, UTC.
func appendTime(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(b, time.RFC3339Nano)
}

// flushAt is how much a text writer buffers before it writes.
const flushAt = 32 << 10

// out is the buffer of a text writer: appends go to buf, and flush writes
// it once it holds flushAt bytes (or always, at the end).
type out struct {
	w   io.Writer
	buf []byte
}

func (o *out) flush(force bool) error {
	if len(o.buf) == 0 || (!force && len(o.buf) < flushAt) {
		return nil
	}
	_, err := o.w.Write(o.buf)
	o.buf = o.buf[:0]
	return err
}

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"
