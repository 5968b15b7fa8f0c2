package opendata_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/opendata"
)

// testCols is a table with the awkward names real Swedish files have.
var testCols = []opendata.Column{
	{Name: "Område", Type: opendata.TypeText},
	{Name: "Temperatur (°C)", Type: opendata.TypeNumeric},
	{Name: "Temperatur", Type: opendata.TypeNumeric},
	{Name: "Antal", Type: opendata.TypeInt},
	{Name: "Öppen", Type: opendata.TypeBool},
	{Name: "Datum", Type: opendata.TypeDate},
	{Name: "Provtagen", Type: opendata.TypeTimestamp},
	{Name: "Kommun, län", Type: opendata.TypeText},
	{Name: `Namn "kort"`, Type: opendata.TypeText},
	{Name: "Plats desc", Type: opendata.TypeText},
	{Name: "Plats", Type: opendata.TypeText},
}

// queryErr returns the QueryError inside err, failing the test when there
// is none or the error is not Invalid.
func queryErr(t *testing.T, err error) *opendata.QueryError {
	t.Helper()
	var qe *opendata.QueryError
	if sprang.ErrorKind(err) != sprang.Invalid || !errors.As(err, &qe) {
		t.Fatalf("error %v: want an Invalid error with a QueryError", err)
	}
	if sprang.ErrorMessage(err) != qe.Key || sprang.ErrorFields(err)[qe.Param] != qe.Key {
		t.Fatalf("error %v: message and fields do not carry the key %q", err, qe.Key)
	}
	return qe
}

func TestParseSort(t *testing.T) {
	t.Parallel()
	asc := func(f string) opendata.SortKey { return opendata.SortKey{Field: f} }
	desc := func(f string) opendata.SortKey { return opendata.SortKey{Field: f, Desc: true} }
	tests := []struct {
		in   string
		want []opendata.SortKey
	}{
		{"", nil},
		{"   ", nil},
		{"Område", []opendata.SortKey{asc("Område")}},
		{"Temperatur (°C) desc", []opendata.SortKey{desc("Temperatur (°C)")}},
		{"Temperatur (°C) DESC, Område", []opendata.SortKey{desc("Temperatur (°C)"), asc("Område")}},
		{"Temperatur desc,Temperatur (°C) asc", []opendata.SortKey{desc("Temperatur"), asc("Temperatur (°C)")}},
		{"  Område   Desc  ,  Antal  ", []opendata.SortKey{desc("Område"), asc("Antal")}},
		{"_id", []opendata.SortKey{asc("_id")}},
		{"_id desc", []opendata.SortKey{desc("_id")}},
		{`"Kommun, län" desc`, []opendata.SortKey{desc("Kommun, län")}},
		{"Kommun, län", []opendata.SortKey{asc("Kommun, län")}},
		{`"Namn ""kort""" asc`, []opendata.SortKey{asc(`Namn "kort"`)}},
		{`Namn "kort"`, []opendata.SortKey{asc(`Namn "kort"`)}},
		{"Plats desc", []opendata.SortKey{asc("Plats desc")}}, // the longest name wins
		{"Plats desc desc", []opendata.SortKey{desc("Plats desc")}},
		{`"Plats" desc`, []opendata.SortKey{desc("Plats")}},
		{"Område,,Antal,", []opendata.SortKey{asc("Område"), asc("Antal")}},
		{"Område desc, Område", []opendata.SortKey{desc("Område")}},
		{"Område\tdesc", []opendata.SortKey{desc("Område")}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := opendata.ParseSort(tt.in, testCols)
			if err != nil {
				t.Fatalf("ParseSort(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseSort(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseSortErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, key string
		args    []any
	}{
		{"Okänt", opendata.MsgSortUnknownField, []any{"Okänt"}},
		{"Okänt desc", opendata.MsgSortUnknownField, []any{"Okänt"}},
		{"Område, Temperatur (F) desc", opendata.MsgSortUnknownField, []any{"Temperatur (F)"}},
		{"Områdena", opendata.MsgSortUnknownField, []any{"Områdena"}},
		{"område", opendata.MsgSortUnknownField, []any{"område"}},
		{"Område upp", opendata.MsgSortDirection, []any{"upp"}},
		{"Område desc nulls last", opendata.MsgSortUnknownField, []any{"Område desc nulls last"}},
		{`"Område" desc nulls last`, opendata.MsgSortDirection, []any{"desc nulls last"}},
		{`"Okänt"`, opendata.MsgSortUnknownField, []any{"Okänt"}},
		{`"Område`, opendata.MsgSortQuote, []any{`"Område`}},
		{`"Område"" desc`, opendata.MsgSortQuote, []any{`"Område"" desc`}},
		{"Område; DROP TABLE x", opendata.MsgSortUnknownField, []any{"Område; DROP TABLE x"}},
		{`Område" desc`, opendata.MsgSortUnknownField, []any{`Område"`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			keys, err := opendata.ParseSort(tt.in, testCols)
			if err == nil {
				t.Fatalf("ParseSort(%q) = %v, want an error", tt.in, keys)
			}
			qe := queryErr(t, err)
			if qe.Param != "sort" || qe.Key != tt.key || !cmp.Equal(qe.Args, tt.args) {
				t.Errorf("ParseSort(%q) error = %+v, want sort %s %v", tt.in, qe, tt.key, tt.args)
			}
		})
	}
}

func TestFormatSortRoundTrip(t *testing.T) {
	t.Parallel()
	keys := []opendata.SortKey{
		{Field: "Kommun, län", Desc: true}, {Field: `Namn "kort"`}, {Field: "Plats desc", Desc: true}, {Field: "_id"},
	}
	got, err := opendata.ParseSort(opendata.FormatSort(keys), testCols)
	if err != nil {
		t.Fatalf("ParseSort(FormatSort): %v", err)
	}
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
		key  string
	}{
		{"", nil, ""},
		{"Område", []string{"Område"}, ""},
		{"Temperatur (°C), Område ,Antal", []string{"Temperatur (°C)", "Område", "Antal"}, ""},
		{`"Kommun, län",Plats desc`, []string{"Kommun, län", "Plats desc"}, ""},
		{"Kommun, län", []string{"Kommun, län"}, ""},
		{"Plats, Plats desc", []string{"Plats", "Plats desc"}, ""},
		{"Okänt", nil, opendata.MsgFieldsUnknownField},
		{"Område desc", nil, opendata.MsgFieldsUnknownField},
		{`"Område" desc`, nil, opendata.MsgFieldsUnknownField},
		{"_id", nil, opendata.MsgFieldsUnknownField},
		{"Område, Område", nil, opendata.MsgFieldsDuplicate},
		{`"Område`, nil, opendata.MsgFieldsQuote},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := opendata.ParseFields(tt.in, testCols)
			if tt.key != "" {
				if qe := queryErr(t, err); qe.Key != tt.key || qe.Param != "fields" {
					t.Errorf("ParseFields(%q) error = %+v, want %s", tt.in, qe, tt.key)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFields(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseFields(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseFilters(t *testing.T) {
	t.Parallel()
	ts := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	f := func(field string, v ...any) opendata.Filter { return opendata.Filter{Field: field, Values: v} }
	tests := []struct {
		name, in string
		want     []opendata.Filter
	}{
		{"empty", "", nil},
		{"empty object", "{}", nil},
		{"text", `{"Område":"Domsjö"}`, []opendata.Filter{f("Område", "Domsjö")}},
		{"text kept as is", `{"Område":"  Domsjö "}`, []opendata.Filter{f("Område", "  Domsjö ")}},
		{"text from number", `{"Område":90325}`, []opendata.Filter{f("Område", "90325")}},
		{"text from bool", `{"Område":true}`, []opendata.Filter{f("Område", "true")}},
		{"order kept", `{"Antal":[1,"2"],"Område":["a","b"]}`,
			[]opendata.Filter{f("Antal", int64(1), int64(2)), f("Område", "a", "b")}},
		{"int float form", `{"Antal":3.0}`, []opendata.Filter{f("Antal", int64(3))}},
		{"int exponent", `{"Antal":1e3}`, []opendata.Filter{f("Antal", int64(1000))}},
		{"numeric", `{"Temperatur (°C)":[12.5,"12,5","-3","1e2"]}`,
			[]opendata.Filter{f("Temperatur (°C)", 12.5, 12.5, -3.0, 100.0)}},
		{"bool", `{"Öppen":[true,"false","ja","NEJ"]}`, []opendata.Filter{f("Öppen", true, false, true, false)}},
		{"date", `{"Datum":"2025-06-30"}`, []opendata.Filter{f("Datum", "2025-06-30")}},
		{"timestamp", `{"Provtagen":["2025-06-30T14:00:00+02:00","2025-06-30 14:00","2025-06-30T12:00:00Z"]}`,
			[]opendata.Filter{f("Provtagen", ts, ts, ts)}},
		{"id", `{"_id":[1,2]}`, []opendata.Filter{f("_id", int64(1), int64(2))}},
		{"awkward names", `{"Kommun, län":"Umeå","Namn \"kort\"":"x"}`,
			[]opendata.Filter{f("Kommun, län", "Umeå"), f(`Namn "kort"`, "x")}},
		{"spaces", " \n{ \"Antal\" : [ 1 ] }\n ", []opendata.Filter{f("Antal", int64(1))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := opendata.ParseFilters(tt.in, testCols, nil)
			if err != nil {
				t.Fatalf("ParseFilters(%s): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseFilters(%s) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseFiltersErrors(t *testing.T) {
	t.Parallel()
	many := `{"Antal":[` + repeatJoin("1", ",", opendata.MaxFilterValues+1) + `]}`
	tests := []struct {
		name, in, key string
		args          []any
	}{
		{"not json", `Område=Domsjö`, opendata.MsgFiltersJSON, nil},
		{"array", `["Område"]`, opendata.MsgFiltersJSON, nil},
		{"string", `"Område"`, opendata.MsgFiltersJSON, nil},
		{"unclosed", `{"Område":"a"`, opendata.MsgFiltersJSON, nil},
		{"trailing", `{"Område":"a"} {}`, opendata.MsgFiltersJSON, nil},
		{"trailing comma", `{"Område":"a",}`, opendata.MsgFiltersJSON, nil},
		{"unknown", `{"Okänt":"a"}`, opendata.MsgFiltersUnknownField, []any{"Okänt"}},
		{"case", `{"område":"a"}`, opendata.MsgFiltersUnknownField, []any{"område"}},
		{"duplicate", `{"Område":"a","Område":"b"}`, opendata.MsgFiltersDuplicate, []any{"Område"}},
		{"null", `{"Område":null}`, opendata.MsgFiltersValueKind, []any{"Område"}},
		{"null in list", `{"Område":["a",null]}`, opendata.MsgFiltersValueKind, []any{"Område"}},
		{"object", `{"Område":{"a":1}}`, opendata.MsgFiltersValueKind, []any{"Område"}},
		{"nested", `{"Område":[["a"]]}`, opendata.MsgFiltersValueKind, []any{"Område"}},
		{"empty list", `{"Område":[]}`, opendata.MsgFiltersValueKind, []any{"Område"}},
		{"too many", many, opendata.MsgFiltersTooMany, []any{"1000"}},
		{"bad int", `{"Antal":"tre"}`, opendata.MsgFiltersBadInt, []any{"tre", "Antal"}},
		{"fraction int", `{"Antal":2.5}`, opendata.MsgFiltersBadInt, []any{"2.5", "Antal"}},
		{"huge int", `{"Antal":1e30}`, opendata.MsgFiltersBadInt, []any{"1e30", "Antal"}},
		{"empty int", `{"Antal":""}`, opendata.MsgFiltersBadInt, []any{"", "Antal"}},
		{"bad numeric", `{"Temperatur":"NaN"}`, opendata.MsgFiltersBadNumeric, []any{"NaN", "Temperatur"}},
		{"hex numeric", `{"Temperatur":"0x10"}`, opendata.MsgFiltersBadNumeric, []any{"0x10", "Temperatur"}},
		{"huge numeric", `{"Temperatur":1e400}`, opendata.MsgFiltersBadNumeric, []any{"1e400", "Temperatur"}},
		{"bool from number", `{"Öppen":1}`, opendata.MsgFiltersBadBool, []any{"1", "Öppen"}},
		{"bad date", `{"Datum":"30/6 2025"}`, opendata.MsgFiltersBadDate, []any{"30/6 2025", "Datum"}},
		{"date from bool", `{"Datum":true}`, opendata.MsgFiltersBadDate, []any{"true", "Datum"}},
		{"bad timestamp", `{"Provtagen":"igår"}`, opendata.MsgFiltersBadTimestamp, []any{"igår", "Provtagen"}},
		{"injection", `{"Område') OR 1=1 --":"a"}`, opendata.MsgFiltersUnknownField, []any{"Område') OR 1=1 --"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := opendata.ParseFilters(tt.in, testCols, nil)
			if err == nil {
				t.Fatalf("ParseFilters(%s) = %v, want an error", tt.in, got)
			}
			qe := queryErr(t, err)
			if qe.Param != "filters" || qe.Key != tt.key || !cmp.Equal(qe.Args, tt.args) {
				t.Errorf("ParseFilters(%s) error = %+v, want %s %v", tt.in, qe, tt.key, tt.args)
			}
		})
	}
}

func TestParseFiltersConverter(t *testing.T) {
	t.Parallel()
	// A converter that reads Swedish dates; its result's type is checked.
	conv := func(s string, ct opendata.ColumnType) (any, error) {
		switch s {
		case "30 juni 2025":
			return "2025-06-30", nil
		case "wrong type":
			return int64(1), nil
		case "null":
			return nil, nil
		}
		return opendata.ConvertISO(s, ct)
	}
	got, err := opendata.ParseFilters(`{"Datum":["30 juni 2025","2025-07-01"]}`, testCols, conv)
	if err != nil {
		t.Fatal(err)
	}
	if want := []any{"2025-06-30", "2025-07-01"}; !cmp.Equal(got[0].Values, want) {
		t.Errorf("values = %v, want %v", got[0].Values, want)
	}
	for _, in := range []string{`{"Datum":"wrong type"}`, `{"Datum":"null"}`} {
		if _, err := opendata.ParseFilters(in, testCols, conv); queryErr(t, err).Key != opendata.MsgFiltersBadDate {
			t.Errorf("ParseFilters(%s) error = %v, want %s", in, err, opendata.MsgFiltersBadDate)
		}
	}
}

func TestConvertISO(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		typ  opendata.ColumnType
		want any
		ok   bool
	}{
		{" 12 ", opendata.TypeInt, int64(12), true},
		{"-12", opendata.TypeInt, int64(-12), true},
		{"12,5", opendata.TypeInt, nil, false},
		{"12,5", opendata.TypeNumeric, 12.5, true},
		{"1,234.5", opendata.TypeNumeric, nil, false},
		{"Inf", opendata.TypeNumeric, nil, false},
		{"1_000", opendata.TypeNumeric, nil, false},
		{"", opendata.TypeNumeric, nil, true},
		{"JA", opendata.TypeBool, true, true},
		{"2025-02-30", opendata.TypeDate, nil, false},
		{"2025-06-30T12:00:00.5Z", opendata.TypeTimestamp, time.Date(2025, 6, 30, 12, 0, 0, 5e8, time.UTC), true},
		{" x ", opendata.TypeText, " x ", true},
		{"x", opendata.ColumnType("blob"), nil, false},
	}
	for _, tt := range tests {
		got, err := opendata.ConvertISO(tt.in, tt.typ)
		if (err == nil) != tt.ok || (tt.ok && !cmp.Equal(got, tt.want)) {
			t.Errorf("ConvertISO(%q, %s) = %v, %v; want %v, ok %v", tt.in, tt.typ, got, err, tt.want, tt.ok)
		}
	}
}

func repeatJoin(s, sep string, n int) string {
	out := make([]byte, 0, n*(len(s)+len(sep)))
	for i := range n {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, s...)
	}
	return string(out)
}
