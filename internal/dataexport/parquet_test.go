package dataexport_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"

	"sprang/internal/dataexport"
	"sprang/internal/opendata"
)

// readParquet opens b with parquet-go's reader and returns the file and
// its rows.
func readParquet(t *testing.T, b []byte) (*parquet.File, []parquet.Row) {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("open parquet: %v", err)
	}
	r := parquet.NewReader(f)
	defer r.Close()
	var rows []parquet.Row
	buf := make([]parquet.Row, 4)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rows = append(rows, row.Clone())
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read parquet rows: %v", err)
		}
	}
	return f, rows
}

func TestParquet(t *testing.T) {
	t.Parallel()
	cols, rows := table()
	got, _ := write(t, "parquet", dataexport.Options{RowGroupRows: 2}, cols, rows)
	f, back := readParquet(t, got)

	if n := len(f.RowGroups()); n != 3 {
		t.Errorf("%d row groups, want 3 of 2 rows", n)
	}
	fields := f.Schema().Fields()
	wantTypes := []string{"STRING", "INT(64,true)", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP(isAdjustedToUTC=true,unit=MICROS)", "DOUBLE", "DOUBLE"}
	for i, fl := range fields {
		if fl.Name() != cols[i].Name || !fl.Optional() || fl.Type().String() != wantTypes[i] {
			t.Errorf("field %d = %q optional %v type %s, want %q optional %s", i, fl.Name(), fl.Optional(), fl.Type(), cols[i].Name, wantTypes[i])
		}
	}
	if len(back) != len(rows) {
		t.Fatalf("read %d rows, want %d", len(back), len(rows))
	}
	for i, row := range back {
		if diff := cmp.Diff(normalized(rows[i]), decode(t, row, cols)); diff != "" {
			t.Errorf("row %d (-want +got):\n%s", i, diff)
		}
	}
}

// decode turns a Parquet row back into Go values of the column types.
func decode(t *testing.T, row parquet.Row, cols []opendata.Column) []any {
	t.Helper()
	out := make([]any, len(cols))
	for _, v := range row {
		i := v.Column()
		if v.IsNull() {
			continue
		}
		switch cols[i].Type {
		case opendata.TypeText:
			out[i] = v.String()
		case opendata.TypeInt:
			out[i] = v.Int64()
		case opendata.TypeNumeric:
			out[i] = v.Double()
		case opendata.TypeBool:
			out[i] = v.Boolean()
		case opendata.TypeDate:
			out[i] = time.Unix(int64(v.Int32())*86400, 0).UTC().Format(time.DateOnly)
		case opendata.TypeTimestamp:
			out[i] = time.UnixMicro(v.Int64()).UTC()
		}
	}
	return out
}

func normalized(r opendata.Row) []any {
	out := make([]any, len(r))
	copy(out, r)
	return out
}

func TestParquetEmpty(t *testing.T) {
	t.Parallel()
	cols, _ := table()
	got, _ := write(t, "parquet", dataexport.Options{}, cols, nil)
	f, back := readParquet(t, got)
	if len(back) != 0 || len(f.Schema().Fields()) != len(cols) {
		t.Errorf("empty table: %d rows, %d fields", len(back), len(f.Schema().Fields()))
	}
}
