package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"sprang/internal/opendata"
)

// Table is what a first pass over a file learns: its format, its columns
// (Name from the header, Inferred and Type the inferred type, which a
// steward may then override in Type) and its quality report.
type Table struct {
	Format  Format
	Columns []opendata.Column
	Quality opendata.Quality
}

// Profile reads a whole delimited text file once, in constant memory:
// it sniffs the format from the first SniffBytes, reads the header and
// every row, and infers each column's type, the narrowest of
// opendata.ColumnTypes that every non-empty value fits as ParseValue reads
// it (except that 0/1 is int, not bool, and integers too long for int64
// are text), text when values of different types mix or there are none.
// The Quality counts the rows read; reports the encoding and delimiter;
// per column the empty cells (also white space only), the distinct cell
// texts up to opendata.MaxDistinct, the smallest and largest value as
// FormatValue writes them, and the first three distinct values as
// examples; and the problems: renamed header columns and skipped rows with
// their lines, ProblemRows counting every skipped row. CheckedAt is now.
//
// It returns the Invalid errors of Sniff and Reader.Header for a file that
// is no table, and read errors of r wrapped.
func Profile(r io.Reader) (Table, error) {
	head := make([]byte, SniffBytes)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Table{}, fmt.Errorf("profile csv: %w", err)
	}
	head = head[:n]
	f, err := Sniff(head)
	if err != nil {
		return Table{}, err
	}
	rd := NewReader(io.MultiReader(bytes.NewReader(head), r), f)
	names, err := rd.Header()
	if err != nil {
		return Table{}, err
	}
	cols := make([]*column, len(names))
	for i := range cols {
		cols[i] = newColumn()
	}
	var rows int64
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Table{}, fmt.Errorf("profile csv: %w", err)
		}
		for i, c := range cols {
			c.observe(rec.Field(i))
		}
		rows++
	}
	return table(rd, names, cols, rows), nil
}

// table assembles the Table of a finished pass.
func table(rd *Reader, names []string, cols []*column, rows int64) Table {
	f := rd.Format()
	t := Table{
		Format:  f,
		Columns: make([]opendata.Column, len(names)),
		Quality: opendata.Quality{
			Rows: rows, Encoding: f.Encoding, Delimiter: f.DelimiterText(),
			Columns:     make([]opendata.ColumnQuality, len(names)),
			Problems:    rd.Problems(),
			ProblemRows: rd.ProblemRows(),
			CheckedAt:   time.Now().UTC(),
		},
	}
	for i, c := range cols {
		typ := c.inferred()
		t.Columns[i] = opendata.Column{Name: names[i], Type: typ, Inferred: typ}
		t.Quality.Columns[i] = c.quality(names[i], typ)
	}
	return t
}

// WithTypes returns t with the column types of types (column name →
// type), a steward's overrides, in place of the inferred ones; Inferred
// stays. Names of no column and invalid types are ignored: overrides may
// outlive the file they were made for. t's own Columns are not changed.
func (t Table) WithTypes(types map[string]opendata.ColumnType) Table {
	cols := slices.Clone(t.Columns)
	for i, c := range cols {
		if typ, ok := types[c.Name]; ok && typ.Valid() {
			cols[i].Type = typ
		}
	}
	t.Columns = cols
	return t
}
