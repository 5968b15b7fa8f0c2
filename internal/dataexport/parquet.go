package dataexport

import (
	"fmt"
	"io"
	"time"

	"github.com/parquet-go/parquet-go"

	"sprang/internal/opendata"
)

// parquetBatch is how many rows the Parquet writer hands to parquet-go at
// a time.
const parquetBatch = 256

// parquetWriter writes a Parquet file with one optional column per table
// column, in the table's order, typed: int → INT64, numeric → DOUBLE,
// bool → BOOLEAN, date → INT32 (DATE), timestamp → INT64 (TIMESTAMP,
// microseconds, UTC), text → BYTE_ARRAY (STRING); null is a missing
// value. Pages are Snappy-compressed. The writer keeps at most one row
// group (Options.RowGroupRows rows) in memory and writes each one out
// when it is full.
type parquetWriter struct {
	w       io.Writer
	groupN  int64
	cols    []opendata.Column
	pw      *parquet.GenericWriter[map[string]any]
	rows    []parquet.Row
	n       int   // rows buffered in rows
	inGroup int64 // rows written to the current row group
}

func newParquet(w io.Writer, opts Options) *parquetWriter {
	n := int64(opts.RowGroupRows)
	if n <= 0 {
		n = DefaultRowGroupRows
	}
	return &parquetWriter{w: w, groupN: n}
}

func (p *parquetWriter) Begin(cols []opendata.Column) error {
	p.cols = cols
	fields := make(orderedGroup, len(cols))
	for i, c := range cols {
		fields[i] = field{Node: parquet.Optional(leafOf(c.Type)), name: c.Name}
	}
	schema := parquet.NewSchema("datastore", fields)
	cfg, err := parquet.NewWriterConfig(schema, parquet.Compression(&parquet.Snappy),
		parquet.CreatedBy("sprang", "", ""))
	if err != nil {
		return fmt.Errorf("dataexport: parquet schema: %w", err)
	}
	p.pw = parquet.NewGenericWriter[map[string]any](p.w, cfg)
	p.rows = make([]parquet.Row, parquetBatch)
	for i := range p.rows {
		p.rows[i] = make(parquet.Row, len(cols))
	}
	return nil
}

// leafOf returns the Parquet leaf of a column type.
func leafOf(t opendata.ColumnType) parquet.Node {
	switch t {
	case opendata.TypeInt:
		return parquet.Int(64)
	case opendata.TypeNumeric:
		return parquet.Leaf(parquet.DoubleType)
	case opendata.TypeBool:
		return parquet.Leaf(parquet.BooleanType)
	case opendata.TypeDate:
		return parquet.Date()
	case opendata.TypeTimestamp:
		return parquet.Timestamp(parquet.Microsecond)
	}
	return parquet.String()
}

func (p *parquetWriter) Row(r opendata.Row) error {
	if err := rowLength(r, p.cols); err != nil {
		return err
	}
	row := p.rows[p.n]
	for i, raw := range r {
		v, err := value(raw, p.cols[i])
		if err != nil {
			return err
		}
		pv, err := parquetValue(v, p.cols[i])
		if err != nil {
			return err
		}
		if v == nil {
			row[i] = pv.Level(0, 0, i)
		} else {
			row[i] = pv.Level(0, 1, i)
		}
	}
	p.n++
	if p.n == len(p.rows) || p.inGroup+int64(p.n) >= p.groupN {
		return p.write()
	}
	return nil
}

// parquetValue converts a normalized value (see value) to its Parquet
// value.
func parquetValue(v any, c opendata.Column) (parquet.Value, error) {
	switch x := v.(type) {
	case nil:
		return parquet.NullValue(), nil
	case string:
		if c.Type == opendata.TypeDate {
			d, ok := epochDays(x)
			if !ok {
				return parquet.Value{}, misfit(v, c)
			}
			return parquet.Int32Value(d), nil
		}
		return parquet.ValueOf(v), nil // shares the string's bytes until written
	case int64:
		return parquet.Int64Value(x), nil
	case float64:
		return parquet.DoubleValue(x), nil
	case bool:
		return parquet.BooleanValue(x), nil
	case time.Time:
		return parquet.Int64Value(x.UnixMicro()), nil
	}
	return parquet.Value{}, misfit(v, c)
}

// write hands the buffered rows to parquet-go, and ends the row group
// when it is full.
func (p *parquetWriter) write() error {
	if p.n == 0 {
		return nil
	}
	if _, err := p.pw.WriteRows(p.rows[:p.n]); err != nil {
		return fmt.Errorf("dataexport: write parquet rows: %w", err)
	}
	p.inGroup += int64(p.n)
	p.n = 0
	for _, row := range p.rows { // drop references to written strings
		clear(row)
	}
	if p.inGroup >= p.groupN {
		p.inGroup = 0
		if err := p.pw.Flush(); err != nil {
			return fmt.Errorf("dataexport: write parquet row group: %w", err)
		}
	}
	return nil
}

func (p *parquetWriter) End() error {
	if p.pw == nil {
		return nil // Begin failed
	}
	if err := p.write(); err != nil {
		return err
	}
	if err := p.pw.Close(); err != nil {
		return fmt.Errorf("dataexport: close parquet file: %w", err)
	}
	return nil
}

// epochDays converts "YYYY-MM-DD" to days since 1970-01-01.
func epochDays(s string) (int32, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}
