package dataexport

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", `quote " and \ back`, "<script>&amp;", "tab\tline\nret\r",
		"\x00\x01\x1f", "åäö °C", "\u2028\u2029", "bad \xff utf8", "emoji 😀"} {
		want, _ := json.Marshal(s)
		if got := string(AppendJSONString(nil, s)); got != string(want) {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff\xfe", "<>&", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestAppendValue(t *testing.T) {
	t.Parallel()
	ts := time.Date(2025, 6, 30, 14, 5, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    any
		want string
	}{
		{nil, "null"}, {int64(-42), "-42"}, {3.5, "3.5"}, {0.1, "0.1"}, {1e21, "1e+21"}, {1e-7, "1e-7"},
		{math.NaN(), "null"}, {true, "true"}, {"2025-06-30", `"2025-06-30"`}, {ts, `"2025-06-30T14:05:00Z"`},
	} {
		if got := string(AppendJSONValue(nil, tc.v)); got != tc.want {
			t.Errorf("AppendJSONValue(%v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range []float64{0, 1, -1.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		want, _ := json.Marshal(v)
		if got := AppendJSONNumber(nil, v); string(got) != string(want) {
			t.Fatalf("AppendJSONNumber(%v) = %s, want %s", v, got, want)
		}
	})
}
