package tabular_test

import (
	"math"
	"testing"
	"time"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

func TestParseValue(t *testing.T) {
	t.Parallel()
	const (
		text = opendata.TypeText
		i    = opendata.TypeInt
		num  = opendata.TypeNumeric
		b    = opendata.TypeBool
		date = opendata.TypeDate
		ts   = opendata.TypeTimestamp
	)
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	tests := []struct {
		in   string
		typ  opendata.ColumnType
		want any // nil with bad: no value of typ
		bad  bool
	}{
		{"", i, nil, false},
		{"  \u00a0 ", num, nil, false},
		{" Domsjö ", text, "Domsjö", false},
		{"00123", text, "00123", false},

		{"42", i, int64(42), false},
		{"-7", i, int64(-7), false},
		{"+7", i, int64(7), false},
		{"\u22127", i, int64(-7), false},
		{"0", i, int64(0), false},
		{"1 234 567", i, int64(1234567), false},
		{"1\u00a0234", i, int64(1234), false},
		{"1\u202f234", i, int64(1234), false},
		{"9223372036854775807", i, int64(math.MaxInt64), false},
		{"-9223372036854775808", i, int64(math.MinInt64), false},
		{"9223372036854775808", i, nil, true},
		{"00123", i, nil, true},
		{"0 123", i, nil, true},
		{"123 45", i, nil, true}, // a postcode
		{"1234 567", i, nil, true},
		{"12,5", i, nil, true},
		{"1e3", i, nil, true},
		{"-", i, nil, true},
		{"1 ", i, int64(1), false},

		{"12,5", num, 12.5, false},
		{"-3,75", num, -3.75, false},
		{"\u22123,75", num, -3.75, false},
		{"1 234,5", num, 1234.5, false},
		{"1\u00a0234\u00a0567,25", num, 1234567.25, false},
		{"12.5", num, 12.5, false},
		{"0,5", num, 0.5, false},
		{",5", num, 0.5, false},
		{".5", num, 0.5, false},
		{"42", num, 42.0, false},
		{"1.5e-3", num, 0.0015, false},
		{"1E+21", num, 1e21, false},
		{"1e999", num, nil, true},
		{"1.234,5", num, nil, true},
		{"1,234.5", num, nil, true},
		{"12,", num, nil, true},
		{"1,5e3", num, nil, true},
		{"NaN", num, nil, true},
		{"Inf", num, nil, true},
		{"0x1F", num, nil, true},
		{"012,5", num, nil, true},
		{"12,5 kr", num, nil, true},

		{"ja", b, true, false},
		{"Nej", b, false, false},
		{"TRUE", b, true, false},
		{"false", b, false, false},
		{"sant", b, true, false},
		{"Falskt", b, false, false},
		{"1", b, true, false},
		{"0", b, false, false},
		{"yes", b, nil, true},
		{"2", b, nil, true},

		{"2024-05-01", date, "2024-05-01", false},
		{"2024-02-29", date, "2024-02-29", false},
		{"2023-02-29", date, nil, true},
		{"2024-13-01", date, nil, true},
		{"2024-5-1", date, nil, true},
		{"1/5 2024", date, nil, true},
		{"0000-01-01", date, nil, true},
		{"2024-05-01 12:30", date, nil, true},

		{"2024-05-01 12:30", ts, utc("2024-05-01T10:30:00Z"), false},    // summer time, UTC+2
		{"2024-01-15T12:30:45", ts, utc("2024-01-15T11:30:45Z"), false}, // winter time, UTC+1
		{"2024-01-15 12:30:45,5", ts, utc("2024-01-15T11:30:45.5Z"), false},
		{"2024-05-01T12:30:00Z", ts, utc("2024-05-01T12:30:00Z"), false},
		{"2024-05-01T12:30:00.123456789+02:00", ts, utc("2024-05-01T10:30:00.123456789Z"), false},
		{"2024-05-01T12:30-05:00", ts, utc("2024-05-01T17:30:00Z"), false},
		{"2024-05-01", ts, utc("2024-04-30T22:00:00Z"), false},
		{"2024-05-01 24:00", ts, nil, true},
		{"2024-05-01 12", ts, nil, true},
		{"2024-05-01T12:30:00+0200", ts, nil, true},
		{"2024-05-01T12:30:00.1234567890Z", ts, nil, true},
		{"12:30", ts, nil, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ)+" "+tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := tabular.ParseValue(tt.in, tt.typ)
			if tt.bad {
				if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != "tabular.value."+string(tt.typ) {
					t.Errorf("ParseValue(%q, %s) = %#v, %v; want Invalid tabular.value.%s", tt.in, tt.typ, got, err, tt.typ)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseValue(%q, %s): %v", tt.in, tt.typ, err)
			}
			if w, ok := tt.want.(time.Time); ok {
				if g, ok := got.(time.Time); !ok || !g.Equal(w) || g.Location() != time.UTC {
					t.Errorf("ParseValue(%q, %s) = %#v, want %v", tt.in, tt.typ, got, w)
				}
				return
			}
			if got != tt.want {
				t.Errorf("ParseValue(%q, %s) = %#v, want %#v", tt.in, tt.typ, got, tt.want)
			}
		})
	}
}

func TestParseValueUnknownType(t *testing.T) {
	t.Parallel()
	if _, err := tabular.ParseValue("1", "money"); sprang.ErrorMessage(err) != "tabular.value.type" {
		t.Errorf("err = %v", err)
	}
}

func TestFormatValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{nil, ""},
		{"text", "text"},
		{int64(-12), "-12"},
		{12.5, "12.5"},
		{1e21, "1e+21"},
		{true, "true"},
		{time.Date(2024, 5, 1, 12, 30, 0, 0, time.FixedZone("CEST", 7200)), "2024-05-01T10:30:00Z"},
		{math.NaN(), ""},
		{struct{}{}, ""},
	}
	for _, tt := range tests {
		if got := tabular.FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"Domsjö", "Domsjö"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"=1+2", "'=1+2"},
		{"+46 70 123 45 67", "'+46 70 123 45 67"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\n=1", "'\n=1"},
		{"  =1", "'  =1"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"-12,5", "-12,5"},
		{"-3", "-3"},
		{"+3", "+3"},
		{"-1 234,5", "-1 234,5"},
		{"-0.5", "-0.5"},
		{" -3", " -3"},
		{"a=b", "a=b"},
		{"12", "12"},
		{" =1+1", "' =1+1"},
		{"\n=2+2", "'\n=2+2"},
		{" \n=2+2", "' \n=2+2"},
		{"\u00a0=1+1", "'\u00a0=1+1"},
		{"\u3000@SUM(A1)", "'\u3000@SUM(A1)"},
		{"\t-3", "'\t-3"},
		{"-3,5", "-3,5"},
		{"-3.5", "-3.5"},
		{"\u00a0-3,5", "\u00a0-3,5"},
		{"-3,5\n=1", "'-3,5\n=1"},
		{"-", "'-"},
		{"+", "'+"},
		{"   ", "   "},
	}
	for _, tt := range tests {
		if got := tabular.SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
