package followup_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/followup"
)

func TestParseNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12,5", 12.5, true},
		{"12.5", 12.5, true},
		{"1 234", 1234, true},
		{"1\u00a0234,75", 1234.75, true},
		{"1\u202f234\u202f567", 1234567, true},
		{" 42 ", 42, true},
		{"-3", -3, true},
		{"\u22123,5", -3.5, true},
		{"0", 0, true},
		{"-0", 0, true},
		{"", 0, false},
		{"12,5,5", 0, false},
		{"1,234.5", 0, false},
		{"1 23", 0, false},
		{"12 345 67", 0, false},
		{"1e5", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"12 %", 0, false},
		{"tolv", 0, false},
		{",5", 0, false},
		{"5,", 0, false},
		{"+5", 0, false},
		{strings.Repeat("9", 400), 0, false},
	}
	for _, tt := range tests {
		got, err := followup.ParseNumber(tt.in)
		if (err == nil) != tt.ok || got != tt.want || math.Signbit(got) && got == 0 {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzParseNumber checks that ParseNumber never panics, returns only
// finite numbers, and reads back what it gives as Go writes it with a
// decimal comma.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12,5", "1 234", "12.5", "-0,001", "1\u00a0000", "\u22121", "", "1e9", "９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, err := followup.ParseNumber(s)
		if err != nil {
			if x != 0 {
				t.Errorf("ParseNumber(%q) failed with %v", s, x)
			}
			return
		}
		if math.IsInf(x, 0) || math.IsNaN(x) {
			t.Fatalf("ParseNumber(%q) = %v", s, x)
		}
		back := strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
		if y, err := followup.ParseNumber(back); err != nil || y != x {
			t.Errorf("ParseNumber(%q) = %v, but %q reads as %v, %v", s, x, back, y, err)
		}
	})
}

func TestManualValue(t *testing.T) {
	t.Parallel()
	manual := followup.Indicator{Key: "digitala-moten", Source: followup.Manual, Measure: followup.MeasureCount}
	share := followup.Indicator{Key: "andel", Source: followup.Kolada, Measure: followup.MeasureShare}
	ok := followup.ManualInput{UnitID: 3, Year: "2025", Value: "1 234", Source: "Teams-statistik", Comment: " Hela året. "}
	v, errs := followup.ManualValue(manual, ok)
	if len(errs) > 0 || v.Value != 1234 || !v.Known || v.Period != followup.YearPeriod(2025) || v.UnitID != 3 || v.Comment != "Hela året." {
		t.Errorf("ManualValue = %+v, %v", v, errs)
	}
	if v, errs := followup.ManualValue(share, followup.ManualInput{Year: "2024", Value: "62,5", Source: "Kolada"}); len(errs) > 0 || v.Value != 0.625 {
		t.Errorf("a share is entered in percent: %+v, %v", v, errs)
	}
	tests := []struct {
		name  string
		ind   followup.Indicator
		in    followup.ManualInput
		field string
		msg   string
	}{
		{"no value", manual, followup.ManualInput{Year: "2025", Source: "x"}, "value", followup.MsgValueRequired},
		{"not a number", manual, followup.ManualInput{Year: "2025", Value: "tolv", Source: "x"}, "value", followup.MsgValueNumber},
		{"a month", manual, followup.ManualInput{Year: "2025-03", Value: "1", Source: "x"}, "year", followup.MsgValuePeriod},
		{"a bad year", manual, followup.ManualInput{Year: "25", Value: "1", Source: "x"}, "year", followup.MsgValuePeriod},
		{"no source", manual, followup.ManualInput{Year: "2025", Value: "1", Source: " "}, "source", followup.MsgValueSource},
		{"long comment", manual, followup.ManualInput{Year: "2025", Value: "1", Source: "x", Comment: strings.Repeat("a", 1001)}, "comment", followup.MsgValueTooLong},
		{"share above 100", share, followup.ManualInput{Year: "2025", Value: "120", Source: "x"}, "value", followup.MsgValueShare},
		{"computed", followup.Indicator{Source: followup.Computed}, ok, "value", followup.MsgValueNotManual},
	}
	for _, tt := range tests {
		if _, errs := followup.ManualValue(tt.ind, tt.in); errs[tt.field] != tt.msg {
			t.Errorf("%s: errors %v, want %s on %s", tt.name, errs, tt.msg, tt.field)
		}
	}
}
