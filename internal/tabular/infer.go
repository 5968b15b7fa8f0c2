package tabular

import (
	"bytes"
	"time"

	"sprang/internal/opendata"
)

// The candidate types of a column during inference, as bits.
const (
	canBool uint8 = 1 << iota
	canInt
	canNumeric
	canDate
	canTimestamp
	canAll = canBool | canInt | canNumeric | canDate | canTimestamp
)

// column gathers what one pass learns of a column: the types every value
// so far fits, empty cells, distinct values (up to opendata.MaxDistinct),
// three examples, and the range of the values of each type.
type column struct {
	can      uint8
	empty    int64
	distinct map[string]struct{}
	capped   bool
	last     []byte // the previous value, which needs no second look-up
	examples []string
	ints     minMax[int64]   // integer values
	floats   minMax[float64] // numbers that are no integers
	dates    minMax[string]  // bare dates
	times    minMax[time.Time]
	bools    [2]bool // false, true seen
}

// minMax is the range of the values seen.
type minMax[T any] struct {
	set      bool
	min, max T
}

// see widens m to v, less being the order of T.
func (m *minMax[T]) see(v T, less func(a, b T) bool) {
	if !m.set {
		m.set, m.min, m.max = true, v, v
		return
	}
	if less(v, m.min) {
		m.min = v
	}
	if less(m.max, v) {
		m.max = v
	}
}

func lessInt(a, b int64) bool           { return a < b }
func lessFloat(a, b float64) bool       { return a < b }
func lessString(a, b string) bool       { return a < b }
func lessTime(a, b time.Time) bool      { return a.Before(b) }
func newColumn() *column                { return &column{can: canAll, distinct: map[string]struct{}{}} }
func (c *column) wants(bits uint8) bool { return c.can&bits != 0 }

// observe takes one cell of the column into account.
func (c *column) observe(cell []byte) {
	b := bytes.TrimSpace(cell)
	if len(b) == 0 {
		c.empty++
		return
	}
	c.count(b)
	if c.can != 0 {
		c.classify(b)
	}
}

// count counts b among the distinct values and keeps the first three as
// examples.
func (c *column) count(b []byte) {
	if c.capped || (c.last != nil && bytes.Equal(b, c.last)) {
		return
	}
	c.last = append(c.last[:0], b...)
	if _, ok := c.distinct[string(b)]; ok {
		return
	}
	if len(c.distinct) >= opendata.MaxDistinct {
		c.capped = true
		c.distinct = nil
		return
	}
	s := string(b)
	c.distinct[s] = struct{}{}
	if len(c.examples) < 3 {
		c.examples = append(c.examples, s)
	}
}

// classify drops the candidate types b is no value of and widens the
// ranges of those it is. Integer text too long for int64 is neither int
// nor numeric: it is an identifier that a float64 would round.
func (c *column) classify(b []byte) {
	if c.wants(canInt | canNumeric) {
		if n, ok, overflow := parseInt(b); ok {
			c.ints.see(n, lessInt)
		} else if overflow {
			c.can &^= canInt | canNumeric
		} else {
			c.can &^= canInt
			if c.wants(canNumeric) {
				if f, ok, _ := parseFloat(b); ok {
					c.floats.see(f, lessFloat)
				} else {
					c.can &^= canNumeric
				}
			}
		}
	}
	if c.wants(canDate | canTimestamp) {
		if y, _, _, ok := parseDate(b); ok {
			if (y < 2 || y > 9998) && c.wants(canTimestamp) {
				if _, ok := parseTimestamp(b); !ok { // midnight of 0001-01-01 in Stockholm is in year 0 in UTC
					c.can &^= canTimestamp
				}
			}
			if !c.dates.set || string(b) < c.dates.min || string(b) > c.dates.max {
				c.dates.see(string(b), lessString)
			}
		} else {
			c.can &^= canDate
			if c.wants(canTimestamp) {
				if ts, ok := parseTimestamp(b); ok {
					c.times.see(ts, lessTime)
				} else {
					c.can &^= canTimestamp
				}
			}
		}
	}
	if c.wants(canBool) {
		if v, ok := parseBool(b, false); ok {
			c.bools[boolIndex(v)] = true
		} else {
			c.can &^= canBool
		}
	}
}

func boolIndex(v bool) int {
	if v {
		return 1
	}
	return 0
}

// inferred returns the narrowest type every value fits, in the order of
// opendata.ColumnTypes: text when there is none (or no value at all).
func (c *column) inferred() opendata.ColumnType {
	if len(c.examples) == 0 && !c.capped {
		return opendata.TypeText
	}
	switch {
	case c.wants(canBool):
		return opendata.TypeBool
	case c.wants(canInt):
		return opendata.TypeInt
	case c.wants(canNumeric):
		return opendata.TypeNumeric
	case c.wants(canDate):
		return opendata.TypeDate
	case c.wants(canTimestamp):
		return opendata.TypeTimestamp
	}
	return opendata.TypeText
}

// quality returns the column's line of the quality report, for type t.
func (c *column) quality(name string, t opendata.ColumnType) opendata.ColumnQuality {
	q := opendata.ColumnQuality{
		Name: name, Type: t, Empty: c.empty,
		Distinct: int64(len(c.distinct)), DistinctCapped: c.capped,
		Examples: c.examples,
	}
	if c.capped {
		q.Distinct = opendata.MaxDistinct
	}
	q.Min, q.Max = c.bounds(t)
	return q
}

// bounds returns the smallest and largest value as t, in FormatValue's
// text; "" for text and when there is no value of t.
func (c *column) bounds(t opendata.ColumnType) (lo, hi string) {
	switch t {
	case opendata.TypeBool:
		switch {
		case c.bools[0] && c.bools[1]:
			return "false", "true"
		case c.bools[0]:
			return "false", "false"
		case c.bools[1]:
			return "true", "true"
		}
	case opendata.TypeInt:
		if c.ints.set {
			return FormatValue(c.ints.min), FormatValue(c.ints.max)
		}
	case opendata.TypeNumeric:
		var m minMax[float64]
		if c.ints.set {
			m.see(float64(c.ints.min), lessFloat)
			m.see(float64(c.ints.max), lessFloat)
		}
		if c.floats.set {
			m.see(c.floats.min, lessFloat)
			m.see(c.floats.max, lessFloat)
		}
		if m.set {
			return FormatValue(m.min), FormatValue(m.max)
		}
	case opendata.TypeDate:
		if c.dates.set {
			return c.dates.min, c.dates.max
		}
	case opendata.TypeTimestamp:
		m := c.times
		if c.dates.set { // a bare date is local midnight, which keeps their order
			lo, _ := parseTimestamp([]byte(c.dates.min))
			hi, _ := parseTimestamp([]byte(c.dates.max))
			m.see(lo, lessTime)
			m.see(hi, lessTime)
		}
		if m.set {
			return FormatValue(m.min), FormatValue(m.max)
		}
	}
	return "", ""
}
