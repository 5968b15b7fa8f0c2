package tabular_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// fuzzSeeds are files for every fuzz test's corpus.
var fuzzSeeds = []string{
	"a;b\n1;2\n",
	"a,b\r\n\"x,y\",2\r\n",
	"a\tb\n\"q\"\"q\"\t\n",
	inferFile,
	string(cp1252File),
	"a;b\n1;\"x\ny\";3\n\"open\n",
	"\xEF\xBB\xBFa;b\n1;2",
	"a;b\n1;ab\"c\n\"x\" y;2\n",
	";;\n;\n",
	"PK\x03\x04",
	"a;a;;\n1;2;3;4\n",
}

func FuzzSniff(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		fm, err := tabular.Sniff(head)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid || !strings.HasPrefix(sprang.ErrorMessage(err), "tabular.") {
				t.Fatalf("Sniff error %v is not Invalid with a message key", err)
			}
			return
		}
		if !slices.Contains([]string{tabular.EncodingUTF8, tabular.EncodingUTF8BOM, tabular.EncodingWindows1252}, fm.Encoding) {
			t.Fatalf("encoding %q", fm.Encoding)
		}
		if !slices.Contains([]byte{';', ',', '\t'}, fm.Delimiter) {
			t.Fatalf("delimiter %q", fm.Delimiter)
		}
	})
}

// FuzzProfile profiles and loads arbitrary files: neither pass panics,
// both agree on the rows, every row has a value of its column's type (or
// nil) for every column, and the report is consistent.
func FuzzProfile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, textOnly bool) {
		tb, err := tabular.Profile(bytes.NewReader(data))
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Profile: %v", err)
			}
			return
		}
		q := tb.Quality
		if len(tb.Columns) == 0 || len(q.Columns) != len(tb.Columns) || len(q.Problems) > opendata.MaxProblems || q.Rows < 0 {
			t.Fatalf("report %+v", q)
		}
		for _, p := range q.Problems {
			if p.Line < 1 || !strings.HasPrefix(p.Key, "tabular.") || !utf8.ValidString(p.Value) ||
				(strings.HasPrefix(p.Key, "tabular.row.") && utf8.RuneCountInString(p.Value) > 61) {
				t.Fatalf("problem %+v", p)
			}
		}
		for _, c := range q.Columns {
			if c.Empty > q.Rows || c.Distinct > opendata.MaxDistinct || len(c.Examples) > 3 || !c.Type.Valid() {
				t.Fatalf("column %+v of %d rows", c, q.Rows)
			}
		}
		if textOnly { // a steward's override: everything text
			for i := range tb.Columns {
				tb.Columns[i].Type = opendata.TypeText
			}
		}
		first := q
		src := tabular.NewRowSource(bytes.NewReader(data), tb, &q)
		var n int64
		for {
			row, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			n++
			if len(row) != len(tb.Columns) {
				t.Fatalf("row of %d values, %d columns", len(row), len(tb.Columns))
			}
			for i, v := range row {
				checkType(t, v, tb.Columns[i].Type)
			}
		}
		if n != first.Rows || q.Rows != n || q.ProblemRows != first.ProblemRows {
			t.Fatalf("second pass: %d rows, report %d/%d; first pass %d/%d", n, q.Rows, q.ProblemRows, first.Rows, first.ProblemRows)
		}
	})
}

// checkType fails unless v is nil or the Go type of column type typ.
func checkType(t *testing.T, v any, typ opendata.ColumnType) {
	t.Helper()
	if v == nil {
		return
	}
	ok := false
	switch typ {
	case opendata.TypeText:
		s, isString := v.(string)
		ok = isString && s != "" && s == strings.TrimSpace(s) && utf8.ValidString(s)
	case opendata.TypeInt:
		_, ok = v.(int64)
	case opendata.TypeNumeric:
		x, isFloat := v.(float64)
		ok = isFloat && !math.IsNaN(x) && !math.IsInf(x, 0)
	case opendata.TypeBool:
		_, ok = v.(bool)
	case opendata.TypeDate:
		s, isString := v.(string)
		_, err := time.Parse(time.DateOnly, s)
		ok = isString && err == nil
	case opendata.TypeTimestamp:
		ts, isTime := v.(time.Time)
		ok = isTime && ts.Location() == time.UTC
	}
	if !ok {
		t.Fatalf("value %#v in a %s column", v, typ)
	}
}

// FuzzReader compares the Reader with encoding/csv on the files both read
// (valid UTF-8 that encoding/csv reads without error): the same header,
// the same data records with the same line numbers, and the records of
// the wrong length as problems.
func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, byte(0))
	}
	f.Fuzz(func(t *testing.T, data string, d byte) {
		delim := []byte{';', ',', '\t'}[int(d)%3]
		if !utf8.ValidString(data) || strings.HasPrefix(data, "\uFEFF") {
			return
		}
		want, lines, err := csvRecords(data, delim)
		if err != nil {
			return
		}
		header, recs, _, rd, err := readAll(t, strings.NewReader(data), tabular.Format{Encoding: tabular.EncodingUTF8, Delimiter: delim})
		if len(want) == 0 {
			if sprang.ErrorMessage(err) != "tabular.empty" {
				t.Fatalf("no records: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Reader: %v", err)
		}
		if names := trimmedNames(want[0]); len(header) != len(want[0]) || (names != nil && !slices.Equal(header, names)) {
			t.Fatalf("header %q, want %q", header, want[0])
		}
		var wantRecs []string
		bad := int64(0)
		for i, r := range want[1:] {
			if len(r) > len(header) && blankFields(r[len(header):]) {
				r = r[:len(header)]
			}
			if len(r) != len(header) {
				bad++
				continue
			}
			wantRecs = append(wantRecs, strconv.Itoa(lines[i+1])+":"+strings.Join(r, "|"))
		}
		if !slices.Equal(recs, wantRecs) {
			t.Fatalf("records %q, want %q", recs, wantRecs)
		}
		if rd.ProblemRows() != bad {
			t.Fatalf("%d problem rows, want %d", rd.ProblemRows(), bad)
		}
	})
}

// csvRecords reads data with encoding/csv, leaving out blank records, and
// returns the records with the line each starts on.
func csvRecords(data string, delim byte) (recs [][]string, lines []int, err error) {
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if blankFields(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		recs, lines = append(recs, rec), append(lines, line)
	}
}

func blankFields(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// trimmedNames returns the header names as Reader.Header makes them, for
// headers without empty or repeated names (nil otherwise).
func trimmedNames(rec []string) []string {
	names := make([]string, len(rec))
	for i, s := range rec {
		names[i] = strings.TrimSpace(s)
		if names[i] == "" || slices.Contains(names[:i], names[i]) {
			return nil
		}
	}
	return names
}

// FuzzParseValue checks that ParseValue never panics, that its values
// have the column's Go type, and that FormatValue's text of a value reads
// back to the same value.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"12,5", "-3", "1 234,5", "\u22120,5", "ja", "2024-05-01", "2024-05-01 12:30", "2024-05-01T12:30:00.5+02:00", "00123", "1e5", ",5", "x"} {
		for i := range opendata.ColumnTypes {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, ti uint8) {
		typ := opendata.ColumnTypes[int(ti)%len(opendata.ColumnTypes)]
		v, err := tabular.ParseValue(s, typ)
		if err != nil {
			if sprang.ErrorMessage(err) != "tabular.value."+string(typ) {
				t.Fatalf("ParseValue(%q, %s): %v", s, typ, err)
			}
			return
		}
		if v == nil {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseValue(%q, %s) = nil", s, typ)
			}
			return
		}
		if typ == opendata.TypeText {
			if !utf8.ValidString(s) {
				return
			}
		}
		checkType(t, v, typ)
		text := tabular.FormatValue(v)
		back, err := tabular.ParseValue(text, typ)
		if err != nil {
			t.Fatalf("ParseValue(FormatValue(%#v) = %q, %s): %v", v, text, typ, err)
		}
		if ts, ok := v.(time.Time); ok {
			if !ts.Equal(back.(time.Time)) {
				t.Fatalf("%q: %v, back %v", s, v, back)
			}
			return
		}
		if back != v {
			t.Fatalf("%q: %#v, back from %q %#v", s, v, text, back)
		}
	})
}
