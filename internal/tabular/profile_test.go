package tabular_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
	"sprang/internal/tabular/tabulartest"
)

// inferFile has a column of each kind Profile tells apart.
const inferFile = "id;postnr;flagga;aktiv;värde;datum;tidpunkt;blandat;tom;stor\n" +
	"1;903 25;0;ja;12,5;2024-05-01;2024-05-01 12:30;12;;12345678901234567890\n" +
	"2;00123;1;Nej;-3;2024-05-02;2024-05-02;abc; ;1\n" +
	"3;;1;JA;1 234,5;;2024-05-03T08:00:00Z;;;2\n" +
	"-4;90325;;sant;\u22120,25;2023-12-31;;1;;3\n"

func TestProfileInfers(t *testing.T) {
	t.Parallel()
	for _, rw := range readers {
		t.Run(rw.name, func(t *testing.T) {
			t.Parallel()
			tb, err := tabular.Profile(rw.wrap(strings.NewReader(inferFile)))
			if err != nil {
				t.Fatal(err)
			}
			want := []struct {
				typ      opendata.ColumnType
				empty    int64
				distinct int64
				min, max string
				examples []string
			}{
				{opendata.TypeInt, 0, 4, "-4", "3", []string{"1", "2", "3"}},
				{opendata.TypeText, 1, 3, "", "", []string{"903 25", "00123", "90325"}},
				{opendata.TypeInt, 1, 2, "0", "1", []string{"0", "1"}},
				{opendata.TypeBool, 0, 4, "false", "true", []string{"ja", "Nej", "JA"}},
				{opendata.TypeNumeric, 0, 4, "-3", "1234.5", []string{"12,5", "-3", "1 234,5"}},
				{opendata.TypeDate, 1, 3, "2023-12-31", "2024-05-02", []string{"2024-05-01", "2024-05-02", "2023-12-31"}},
				{opendata.TypeTimestamp, 1, 3, "2024-05-01T10:30:00Z", "2024-05-03T08:00:00Z", []string{"2024-05-01 12:30", "2024-05-02", "2024-05-03T08:00:00Z"}},
				{opendata.TypeText, 1, 3, "", "", []string{"12", "abc", "1"}},
				{opendata.TypeText, 4, 0, "", "", nil},
				{opendata.TypeText, 0, 4, "", "", []string{"12345678901234567890", "1", "2"}},
			}
			q := tb.Quality
			if q.Rows != 4 || q.Encoding != "UTF-8" || q.Delimiter != ";" || q.ProblemRows != 0 || len(q.Problems) != 0 {
				t.Errorf("quality = %+v", q)
			}
			if time.Since(q.CheckedAt) > time.Minute || q.CheckedAt.Location() != time.UTC {
				t.Errorf("CheckedAt = %v", q.CheckedAt)
			}
			for i, w := range want {
				c, cq := tb.Columns[i], q.Columns[i]
				if c.Type != w.typ || c.Inferred != w.typ || cq.Type != w.typ || cq.Name != c.Name {
					t.Errorf("column %s: %+v / %+v, want %s", c.Name, c, cq, w.typ)
				}
				if cq.Empty != w.empty || cq.Distinct != w.distinct || cq.DistinctCapped || cq.Min != w.min || cq.Max != w.max || !slices.Equal(cq.Examples, w.examples) {
					t.Errorf("column %s: %+v, want %+v", c.Name, cq, w)
				}
			}
		})
	}
}

// cp1252File is a Windows-1252 file as Excel saves it: semicolons, CRLF,
// å/ä/ö in the header, decimal commas, a quoted field with a line break,
// and one malformed row. The bytes are spelled out.
var cp1252File = []byte("M\xe4tstation;Omr\xe5de;Datum;Temperatur (\xb0C);Halt (\xb5g/m\xb3);Kommentar\r\n" +
	"Torggatan 3;Domsj\xf6;2024-05-01;12,5;23,75;\r\n" +
	"\xc5sberget;\xd6vik;2024-05-02;-3,5;;\"Sensorn byttes; m\xe4tning avbruten\"\r\n" +
	"H\xf6rneborg;Gull\xe4nget;2024-05-03;\x961,0;8;\"F\xf6rsta raden\r\nandra raden\"\r\n" +
	"Mo\xe4lven;Moliden;2024-05-04;7;9,5\r\n" +
	"Bj\xe4sta;Bj\xe4sta;2024-05-05;0,5;10;ok\r\n")

func TestProfileWindows1252(t *testing.T) {
	t.Parallel()
	tb, err := tabular.Profile(bytes.NewReader(cp1252File))
	if err != nil {
		t.Fatal(err)
	}
	q := tb.Quality
	names := make([]string, len(tb.Columns))
	types := make([]opendata.ColumnType, len(tb.Columns))
	for i, c := range tb.Columns {
		names[i], types[i] = c.Name, c.Type
	}
	wantNames := []string{"Mätstation", "Område", "Datum", "Temperatur (°C)", "Halt (µg/m³)", "Kommentar"}
	// "–1,0" (an en dash, 0x96) is no number, so Temperatur is text.
	wantTypes := []opendata.ColumnType{"text", "text", "date", "text", "numeric", "text"}
	if !slices.Equal(names, wantNames) || !slices.Equal(types, wantTypes) {
		t.Errorf("columns = %q %q", names, types)
	}
	if tb.Format != (tabular.Format{Encoding: tabular.EncodingWindows1252, Delimiter: ';'}) || q.Encoding != "Windows-1252" {
		t.Errorf("format = %+v, %s", tb.Format, q.Encoding)
	}
	if q.Rows != 4 || q.ProblemRows != 1 || len(q.Problems) != 1 || q.Problems[0].Line != 6 || q.Problems[0].Key != "tabular.row.too_few_fields" {
		t.Errorf("rows %d, problems %d %+v", q.Rows, q.ProblemRows, q.Problems)
	}
	if got := q.Columns[5].Examples; !slices.Equal(got, []string{"Sensorn byttes; mätning avbruten", "Första raden\nandra raden", "ok"}) {
		t.Errorf("examples = %q", got)
	}
	if got := q.Columns[1].Examples; !slices.Equal(got, []string{"Domsjö", "Övik", "Gullänget"}) {
		t.Errorf("examples = %q", got)
	}
	if c := q.Columns[4]; c.Min != "8" || c.Max != "23.75" || c.Empty != 1 {
		t.Errorf("Halt = %+v", c)
	}
}

// TestProfileGenerated profiles the generated file in every encoding,
// delimiter and line break.
func TestProfileGenerated(t *testing.T) {
	t.Parallel()
	const rows = 3000
	for _, enc := range []string{tabular.EncodingUTF8, tabular.EncodingUTF8BOM, tabular.EncodingWindows1252} {
		for _, d := range []byte{';', ',', '\t'} {
			for _, crlf := range []bool{false, true} {
				o := tabulartest.Options{Encoding: enc, Delimiter: d, CRLF: crlf}
				t.Run(fmt.Sprintf("%s %q crlf=%v", enc, d, crlf), func(t *testing.T) {
					t.Parallel()
					tb, err := tabular.Profile(tabulartest.NewReader(rows, o))
					if err != nil {
						t.Fatal(err)
					}
					if tb.Quality.Rows != rows || tb.Quality.ProblemRows != 0 || tb.Format.Encoding != enc || tb.Format.Delimiter != d {
						t.Fatalf("quality %+v, format %+v", tb.Quality, tb.Format)
					}
					for i, c := range tb.Columns {
						if c.Name != tabulartest.Header()[i] || c.Type != tabulartest.Types()[i] {
							t.Errorf("column %d = %+v", i, c)
						}
					}
					checkRows(t, tabulartest.NewReader(rows, o), tb, rows, o.Seed)
				})
			}
		}
	}
}

// checkRows reads the rows of r with the Table tb and compares them with
// the generated records.
func checkRows(t *testing.T, r io.Reader, tb tabular.Table, rows int, seed uint64) {
	t.Helper()
	q := tb.Quality
	src := tabular.NewRowSource(r, tb, &q)
	for i := 0; ; i++ {
		row, err := src.Next()
		if errors.Is(err, io.EOF) {
			if i != rows {
				t.Errorf("%d rows, want %d", i, rows)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rec := tabulartest.Record(i, seed)
		for j, c := range tb.Columns {
			want, err := tabular.ParseValue(rec[j], c.Type)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(row[j], want) {
				t.Fatalf("row %d column %s = %#v, want %#v", i, c.Name, row[j], want)
			}
		}
	}
	if q.Rows != int64(rows) || q.ProblemRows != 0 {
		t.Errorf("quality after the rows: %+v", q)
	}
}

func TestProfileRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in  io.Reader
		key string
	}{
		"empty":       {strings.NewReader(""), "tabular.empty"},
		"xlsx":        {strings.NewReader("PK\x03\x04xl/workbook.xml"), "tabular.spreadsheet"},
		"bad header":  {strings.NewReader("a;\"b\n"), "tabular.header.malformed"},
		"only blanks": {strings.NewReader(";;\n;;\n"), "tabular.empty"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := tabular.Profile(tt.in)
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.key {
				t.Errorf("Profile = %v, want %s", err, tt.key)
			}
		})
	}
	if _, err := tabular.Profile(iotest.ErrReader(io.ErrClosedPipe)); err == nil || sprang.ErrorKind(err) != sprang.Internal {
		t.Errorf("Profile of a failing reader = %v", err)
	}
}

// TestProfileDistinctCapped checks the cap on distinct values and that a
// header-only file has text columns and no rows.
func TestProfileDistinctCapped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("n;k\n")
	for i := range opendata.MaxDistinct + 5 {
		fmt.Fprintf(&b, "%d;%d\n", i, i%3)
	}
	tb, err := tabular.Profile(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if c := tb.Quality.Columns[0]; c.Distinct != opendata.MaxDistinct || !c.DistinctCapped || c.Max != fmt.Sprint(opendata.MaxDistinct+4) {
		t.Errorf("n = %+v", c)
	}
	if c := tb.Quality.Columns[1]; c.Distinct != 3 || c.DistinctCapped {
		t.Errorf("k = %+v", c)
	}
	tb, err = tabular.Profile(strings.NewReader("a;b\n"))
	if err != nil || tb.Quality.Rows != 0 || tb.Columns[0].Type != opendata.TypeText {
		t.Errorf("header only: %+v, %v", tb, err)
	}
}
