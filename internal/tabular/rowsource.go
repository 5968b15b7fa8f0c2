package tabular

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"sprang/internal/opendata"
)

// rowSource is the RowSource NewRowSource returns.
type rowSource struct {
	rd      *Reader
	cols    []opendata.Column
	q       *opendata.Quality
	row     opendata.Row
	ranges  []column
	cells   []cellCache
	rows    int64
	started bool
	done    bool
}

// NewRowSource returns the rows of the file r, read from its first byte in
// format t.Format, as values of the types t.Columns[i].Type (a steward's
// override or the inferred type), converted as ParseValue converts them;
// empty cells are nil. The row it returns is reused by the next call.
//
// q is the report of the first pass over the same bytes (t.Quality, or a
// copy of it), which the source completes: the rows the first pass
// skipped are skipped again but not counted again; a row with a value
// that does not convert to its column's type (only possible with an
// override) becomes a RowProblem with its line, the column and the key
// "tabular.row.not_<type>", is skipped and counted in q.ProblemRows, so
// the load still succeeds. After io.EOF, q.Rows is the number of rows
// returned, each q.Columns[i] has the column's type and the range of its
// converted values, and q.Problems is in the order of the lines. With a
// nil q nothing is reported (the rows are skipped all the same).
//
// Next returns an error when the header no longer has len(t.Columns)
// columns (the file is not the one profiled), and read errors of r.
func NewRowSource(r io.Reader, t Table, q *opendata.Quality) opendata.RowSource {
	s := &rowSource{
		rd:     NewReader(r, t.Format),
		cols:   t.Columns,
		q:      q,
		row:    make(opendata.Row, len(t.Columns)),
		ranges: make([]column, len(t.Columns)),
		cells:  make([]cellCache, len(t.Columns)),
	}
	if cq := t.Quality.Columns; len(cq) == len(t.Columns) {
		for i, c := range cq {
			if !c.DistinctCapped && c.Distinct > 0 && c.Distinct <= internMax {
				s.cells[i].intern = make(map[string]any, c.Distinct)
			}
		}
	}
	if q != nil {
		q.Problems = slices.Clone(q.Problems) // not the first pass's report's arrays
		q.Columns = slices.Clone(q.Columns)
	}
	return s
}

// Next returns the next row that converts, or io.EOF after the last.
func (s *rowSource) Next() (opendata.Row, error) {
	if s.done {
		return nil, io.EOF
	}
	if !s.started {
		names, err := s.rd.Header()
		if err != nil {
			return nil, err
		}
		if len(names) != len(s.cols) {
			return nil, fmt.Errorf("load csv: the header has %d columns, the table %d", len(names), len(s.cols))
		}
		s.started = true
	}
	for {
		rec, err := s.rd.Next()
		if errors.Is(err, io.EOF) {
			s.finish()
			return nil, io.EOF
		}
		if err != nil {
			return nil, fmt.Errorf("load csv: %w", err)
		}
		if s.convert(rec) {
			s.rows++
			return s.row, nil
		}
	}
}

// convert fills s.row from rec, or reports the first cell that does not
// convert and returns false.
func (s *rowSource) convert(rec Record) bool {
	var text string // the row's text, which its text cells share
	for i, col := range s.cols {
		field := rec.Field(i)
		b := bytes.TrimSpace(field)
		if len(b) == 0 {
			s.row[i] = nil
			continue
		}
		c := &s.cells[i]
		if v, ok := c.cached(b); ok {
			s.row[i] = v
			continue
		}
		var v any
		switch {
		case col.Type == opendata.TypeText || !col.Type.Valid():
			if c.intern != nil {
				v = string(b) // its own string: the cache must not hold the row
				break
			}
			if text == "" {
				text = string(rec.Data)
			}
			start := int(rec.spans[i].start) + cap(field) - cap(b) // b is a subslice of field
			v = text[start : start+len(b)]
		default:
			var ok bool
			if v, ok = convert(b, col.Type); !ok {
				s.problem(rec.Line, col, b)
				return false
			}
			s.ranges[i].seeValue(v)
		}
		c.remember(b, v)
		s.row[i] = v
	}
	return true
}

// internMax is the most distinct values a column may have for its values
// to be kept and shared between rows.
const internMax = 1024

// cellCache saves converting (and allocating) the same value again: the
// previous cell of the column, and in a column of few distinct values (as
// the first pass counted them) every value.
type cellCache struct {
	intern map[string]any
	last   []byte
	lastV  any
}

// cached returns the value of text b when the cache has it.
func (c *cellCache) cached(b []byte) (any, bool) {
	if c.lastV != nil && bytes.Equal(b, c.last) {
		return c.lastV, true
	}
	if c.intern != nil {
		if v, ok := c.intern[string(b)]; ok {
			c.last, c.lastV = append(c.last[:0], b...), v
			return v, true
		}
	}
	return nil, false
}

// remember keeps v, the value of text b.
func (c *cellCache) remember(b []byte, v any) {
	c.last, c.lastV = append(c.last[:0], b...), v
	if c.intern != nil && len(c.intern) < internMax {
		c.intern[string(b)] = v
	}
}

// problem reports the cell b of column col on line that does not convert.
func (s *rowSource) problem(line int64, col opendata.Column, b []byte) {
	if s.q == nil {
		return
	}
	s.q.ProblemRows++
	if len(s.q.Problems) < opendata.MaxProblems {
		s.q.Problems = append(s.q.Problems, opendata.RowProblem{
			Line: line, Column: col.Name, Key: "tabular.row.not_" + string(col.Type), Value: shorten(b),
		})
	}
}

// finish completes the report at the end of the file.
func (s *rowSource) finish() {
	s.done = true
	if s.q == nil {
		return
	}
	q := s.q
	q.Rows = s.rows
	if len(q.Columns) != len(s.cols) {
		q.Columns = make([]opendata.ColumnQuality, len(s.cols))
		for i, c := range s.cols {
			q.Columns[i].Name = c.Name
		}
	}
	for i, c := range s.cols {
		q.Columns[i].Type = c.Type
		q.Columns[i].Min, q.Columns[i].Max = s.ranges[i].bounds(c.Type)
	}
	slices.SortStableFunc(q.Problems, func(a, b opendata.RowProblem) int { return cmp.Compare(a.Line, b.Line) })
}

// seeValue widens the column's ranges to v, a converted value.
func (c *column) seeValue(v any) {
	switch x := v.(type) {
	case int64:
		c.ints.see(x, lessInt)
	case float64:
		c.floats.see(x, lessFloat)
	case bool:
		c.bools[boolIndex(x)] = true
	case string: // a date
		if !c.dates.set || x < c.dates.min || x > c.dates.max {
			c.dates.see(x, lessString)
		}
	case time.Time:
		c.times.see(x, lessTime)
	}
}
