package tabular_test

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// collect reads every row of src, copying them.
func collect(t *testing.T, src opendata.RowSource) []opendata.Row {
	t.Helper()
	var rows []opendata.Row
	for {
		row, err := src.Next()
		if errors.Is(err, io.EOF) {
			if _, err := src.Next(); !errors.Is(err, io.EOF) {
				t.Errorf("Next after io.EOF = %v", err)
			}
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, append(opendata.Row(nil), row...))
	}
}

func TestRowSourceTypes(t *testing.T) {
	t.Parallel()
	in := inferFile
	tb, err := tabular.Profile(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	q := tb.Quality
	rows := collect(t, tabular.NewRowSource(strings.NewReader(in), tb, &q))
	ts := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v.UTC() }
	want := []opendata.Row{
		{int64(1), "903 25", int64(0), true, 12.5, "2024-05-01", ts("2024-05-01T10:30:00Z"), "12", nil, "12345678901234567890"},
		{int64(2), "00123", int64(1), false, -3.0, "2024-05-02", ts("2024-05-01T22:00:00Z"), "abc", nil, "1"},
		{int64(3), nil, int64(1), true, 1234.5, nil, ts("2024-05-03T08:00:00Z"), nil, nil, "2"},
		{int64(-4), "90325", nil, true, -0.25, "2023-12-31", nil, "1", nil, "3"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows =\n%#v\nwant\n%#v", rows, want)
	}
	if q.Rows != 4 || q.ProblemRows != 0 || !reflect.DeepEqual(q.Columns, tb.Quality.Columns) {
		t.Errorf("quality changed: %+v", q)
	}
}

// TestRowSourceOverrides checks a steward's type overrides: values that do
// not convert are problem rows with line and column, the load goes on,
// and the report is completed.
func TestRowSourceOverrides(t *testing.T) {
	t.Parallel()
	in := "id;värde;flagga;kod;datum\n" +
		"1;12;0;123;2024-05-01\n" +
		"2;12,5;1;00123;2024-05-02\n" + // värde is no int
		"3;\"7\";1;9;2024-05-03\n" +
		"4;8;1;8\n" + // too few fields: counted in the first pass
		"5;9;2;7;2024-05-05\n" + // flagga is no bool
		"6;;0;6;2024-05-06\n"
	tb, err := tabular.Profile(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if tb.Quality.ProblemRows != 1 {
		t.Fatalf("first pass: %+v", tb.Quality)
	}
	profiled := tb
	tb = tb.WithTypes(map[string]opendata.ColumnType{
		"värde":  opendata.TypeInt,  // inferred numeric
		"flagga": opendata.TypeBool, // inferred int
		"kod":    opendata.TypeText, // inferred text (00123)
		"datum":  opendata.TypeText, // inferred date
		"id":     "money",           // ignored
		"gone":   opendata.TypeInt,  // ignored
	})
	if profiled.Columns[1].Type != opendata.TypeNumeric || tb.Columns[1].Inferred != opendata.TypeNumeric || tb.Columns[0].Type != opendata.TypeInt {
		t.Fatalf("WithTypes: %+v, before %+v", tb.Columns, profiled.Columns)
	}
	q := tb.Quality
	rows := collect(t, tabular.NewRowSource(strings.NewReader(in), tb, &q))
	want := []opendata.Row{
		{int64(1), int64(12), false, "123", "2024-05-01"},
		{int64(3), int64(7), true, "9", "2024-05-03"},
		{int64(6), nil, false, "6", "2024-05-06"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %#v", rows)
	}
	var probs []string
	for _, p := range q.Problems {
		probs = append(probs, problemText(p))
	}
	wantProbs := []string{"3:row.not_int:12,5:värde", "5:row.too_few_fields:4", "6:row.not_bool:2:flagga"}
	if !reflect.DeepEqual(probs, wantProbs) {
		t.Errorf("problems = %q, want %q", probs, wantProbs)
	}
	if q.Rows != 3 || q.ProblemRows != 3 {
		t.Errorf("rows %d, problem rows %d", q.Rows, q.ProblemRows)
	}
	for i, c := range q.Columns {
		if c.Type != tb.Columns[i].Type {
			t.Errorf("column %s type %s, want %s", c.Name, c.Type, tb.Columns[i].Type)
		}
	}
	if c := q.Columns[1]; c.Min != "7" || c.Max != "12" {
		t.Errorf("värde range %q–%q", c.Min, c.Max)
	}
	if c := q.Columns[2]; c.Min != "false" || c.Max != "true" {
		t.Errorf("flagga range %q–%q", c.Min, c.Max)
	}
	if c := q.Columns[4]; c.Min != "" || c.Max != "" {
		t.Errorf("datum as text has a range %q–%q", c.Min, c.Max)
	}
	if len(tb.Quality.Problems) != 1 {
		t.Errorf("the first pass's report changed: %+v", tb.Quality.Problems)
	}
}

func TestRowSourceWithoutReport(t *testing.T) {
	t.Parallel()
	in := "a;b\n1;x\n2;3\n"
	tb := tabular.Table{Columns: []opendata.Column{{Name: "a", Type: opendata.TypeInt}, {Name: "b", Type: opendata.TypeInt}}}
	rows := collect(t, tabular.NewRowSource(strings.NewReader(in), tb, nil))
	if !reflect.DeepEqual(rows, []opendata.Row{{int64(2), int64(3)}}) {
		t.Errorf("rows = %#v", rows)
	}
	var q opendata.Quality
	_ = collect(t, tabular.NewRowSource(strings.NewReader(in), tb, &q))
	if q.Rows != 1 || q.ProblemRows != 1 || len(q.Columns) != 2 || q.Columns[1].Name != "b" || q.Columns[1].Min != "3" {
		t.Errorf("fresh report = %+v", q)
	}
}

func TestRowSourceOtherFile(t *testing.T) {
	t.Parallel()
	tb := tabular.Table{Columns: []opendata.Column{{Name: "a", Type: opendata.TypeText}}}
	src := tabular.NewRowSource(strings.NewReader("a;b\n1;2\n"), tb, nil)
	if _, err := src.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("Next = %v, want an error", err)
	}
	src = tabular.NewRowSource(strings.NewReader(""), tb, nil)
	if _, err := src.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("Next of an empty file = %v, want an error", err)
	}
}
