package config_test

import (
	"io"
	"strings"
	"testing"

	"sprang/internal/config"
	"sprang/internal/followup"
)

func TestFollowUpFactors(t *testing.T) {
	t.Parallel()
	load := func(env map[string]string) (config.Config, error) {
		return config.Load("serve", nil, func(k string) string { return env[k] }, io.Discard, nil)
	}
	c, err := load(nil)
	if err != nil || c.FollowUp != followup.DefaultFactors() {
		t.Fatalf("defaults: %+v, %v", c.FollowUp, err)
	}
	c, err = load(map[string]string{"SPRANG_FOLLOWUP_GRID_INTENSITY": "12,5", "SPRANG_FOLLOWUP_SHEETS_PER_ERRAND": "6",
		"SPRANG_FOLLOWUP_LETTERS_PER_ERRAND": "2", "SPRANG_FOLLOWUP_KM_PER_MEETING": "35.5", "SPRANG_FOLLOWUP_GRAMS_PER_KM": "95"})
	want := followup.Factors{GridIntensity: 12.5, SheetsPerErrand: 6, LettersPerErrand: 2, KmPerMeeting: 35.5, GramsPerKm: 95}
	if err != nil || c.FollowUp != want {
		t.Errorf("set: %+v, %v", c.FollowUp, err)
	}
	for _, bad := range []struct{ key, value string }{
		{"SPRANG_FOLLOWUP_GRID_INTENSITY", "grön"}, {"SPRANG_FOLLOWUP_GRID_INTENSITY", "0"},
		{"SPRANG_FOLLOWUP_SHEETS_PER_ERRAND", "-1"}, {"SPRANG_FOLLOWUP_KM_PER_MEETING", "NaN"},
		{"SPRANG_FOLLOWUP_GRAMS_PER_KM", "1e9"}, {"SPRANG_FOLLOWUP_LETTERS_PER_ERRAND", "Inf"},
	} {
		_, err := load(map[string]string{bad.key: bad.value})
		if err == nil || !strings.Contains(err.Error(), bad.key) || !strings.Contains(err.Error(), "positive number") {
			t.Errorf("%s=%s: %v, want a message naming the variable", bad.key, bad.value, err)
		}
	}
}
