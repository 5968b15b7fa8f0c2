package dataexport

import (
	"io"
	"strconv"
	"strings"
	"time"

	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// delimited writes CSV (comma) or TSV (tab) as RFC 4180 describes it:
// a header row of the column names, CRLF after every row, a field in
// double quotes (quotes inside doubled) when it holds the delimiter, a
// quote, CR or LF. Text cells, names included, pass through
// tabular.SafeCell, the platform's one rule against formula injection.
type delimited struct {
	out
	sep  byte
	bom  bool
	cols []opendata.Column
}

func newDelimited(w io.Writer, sep byte, opts Options) *delimited {
	return &delimited{out: out{w: w, buf: make([]byte, 0, flushAt+4096)}, sep: sep, bom: opts.BOM}
}

func (d *delimited) Begin(cols []opendata.Column) error {
	d.cols = cols
	if d.bom {
		d.buf = append(d.buf, bom...)
	}
	for i, c := range cols {
		if i > 0 {
			d.buf = append(d.buf, d.sep)
		}
		d.field(tabular.SafeCell(c.Name))
	}
	d.buf = append(d.buf, '\r', '\n')
	return d.flush(false)
}

func (d *delimited) Row(r opendata.Row) error {
	if err := rowLength(r, d.cols); err != nil {
		return err
	}
	for i, raw := range r {
		if i > 0 {
			d.buf = append(d.buf, d.sep)
		}
		v, err := value(raw, d.cols[i])
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case string:
			if d.cols[i].Type == opendata.TypeText {
				x = tabular.SafeCell(x)
			}
			d.field(x)
		case int64:
			d.buf = strconv.AppendInt(d.buf, x, 10)
		case float64:
			d.buf = appendNumber(d.buf, x)
		case bool:
			d.buf = strconv.AppendBool(d.buf, x)
		case time.Time:
			d.buf = appendTime(d.buf, x)
		}
	}
	d.buf = append(d.buf, '\r', '\n')
	return d.flush(false)
}

func (d *delimited) End() error { return d.flush(true) }

// field appends one text field, quoted when it must be.
func (d *delimited) field(s string) {
	if !d.needsQuotes(s) {
		d.buf = append(d.buf, s...)
		return
	}
	d.buf = append(d.buf, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		d.buf = append(d.buf, s[:i+1]...)
		d.buf = append(d.buf, '"')
		s = s[i+1:]
	}
	d.buf = append(d.buf, s...)
	d.buf = append(d.buf, '"')
}

func (d *delimited) needsQuotes(s string) bool {
	for i := range len(s) {
		switch s[i] {
		case d.sep, '"', '\r', '\n':
			return true
		}
	}
	return false
}
