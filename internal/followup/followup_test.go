package followup_test

import (
	"testing"

	"sprang/internal/followup"
)

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    followup.Period
		wantErr bool
	}{
		{"2026", followup.Period{Year: 2026}, false},
		{" 2026 ", followup.Period{Year: 2026}, false},
		{"2026-03", followup.Period{Year: 2026, Month: 3}, false},
		{"2000", followup.Period{Year: 2000}, false},
		{"2100-12", followup.Period{Year: 2100, Month: 12}, false},
		{"1999", followup.Period{}, true},
		{"2101", followup.Period{}, true},
		{"26", followup.Period{}, true},
		{"2026-3", followup.Period{}, true},
		{"2026-13", followup.Period{}, true},
		{"2026-00", followup.Period{}, true},
		{"2026-", followup.Period{}, true},
		{"", followup.Period{}, true},
		{"tjugo", followup.Period{}, true},
		{"+2026", followup.Period{}, true},
	}
	for _, tt := range tests {
		got, err := followup.ParsePeriod(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && got.String() != trimmed(tt.in) {
			t.Errorf("ParsePeriod(%q).String() = %q", tt.in, got.String())
		}
	}
}

func trimmed(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

func TestPeriodBounds(t *testing.T) {
	t.Parallel()
	loc := followup.Location()
	from, to := followup.Period{Year: 2025, Month: 12}.Bounds(loc)
	if from.Year() != 2025 || from.Month() != 12 || to.Year() != 2026 || to.Month() != 1 || to.Day() != 1 {
		t.Errorf("December 2025 = [%v, %v)", from, to)
	}
	from, to = followup.YearPeriod(2024).Bounds(loc)
	if to.Sub(from).Hours() != 366*24 {
		t.Errorf("2024 (a leap year) lasts %v", to.Sub(from))
	}
}
