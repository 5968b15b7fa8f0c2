package dataexport

import (
	"io"
	"strconv"
	"strings"
	"time"

	"sprang/internal/opendata"
)

// delimited writes CSV (comma) or TSV (tab) as RFC 4180 describes it:
// a header row of the column names, CRLF after every row, a field in
// double quotes (quotes inside doubled) when it holds the delimiter, a
// quote, CR or LF. Text cells, names included, pass through SafeCell.
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
		d.field(SafeCell(c.Name))
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
				x = SafeCell(x)
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

// SafeCell protects a spreadsheet user from formula injection: text that
// starts with =, +, -, @, a tab or a carriage return, which Excel and
// LibreOffice would run as a formula, gets a leading apostrophe, which
// they show as text. A plain number ("-12", "+4.5", "-1,5e3") is left as
// it is, so that negative numbers stay numbers.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber(s) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s is a signed decimal number: a sign,
// digits with at most one decimal point or comma, and an optional
// exponent.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, sep := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep:
			sep = true
		default:
			return digits > 0 && exponent(s[i:])
		}
	}
	return digits > 0
}

// exponent reports whether s is an exponent: e or E, a sign, digits.
func exponent(s string) bool {
	if len(s) < 2 || (s[0] != 'e' && s[0] != 'E') {
		return false
	}
	s = s[1:]
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
