package config

import (
	"math"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
)

// The follow-up's sustainability factors, read from SPRANG_FOLLOWUP_*:
// the grid's carbon intensity for CO₂e per page view, the paper and
// letters an errand on paper takes, and the travel a digital meeting
// avoids. Each is a positive number ("40", "12.5" or "12,5"); unset means
// followup.DefaultFactors.

// maxFactor bounds a factor: anything larger is a typing mistake.
const maxFactor = 1e6

// factors reads the five factors.
func (e *envReader) factors() followup.Factors {
	d := followup.DefaultFactors()
	return followup.Factors{
		GridIntensity:    e.factor("SPRANG_FOLLOWUP_GRID_INTENSITY", d.GridIntensity, "grams CO₂e per kWh, e.g. 40"),
		SheetsPerErrand:  e.factor("SPRANG_FOLLOWUP_SHEETS_PER_ERRAND", d.SheetsPerErrand, "paper sheets per errand, e.g. 4"),
		LettersPerErrand: e.factor("SPRANG_FOLLOWUP_LETTERS_PER_ERRAND", d.LettersPerErrand, "letters per errand, e.g. 1"),
		KmPerMeeting:     e.factor("SPRANG_FOLLOWUP_KM_PER_MEETING", d.KmPerMeeting, "kilometres per meeting, e.g. 20"),
		GramsPerKm:       e.factor("SPRANG_FOLLOWUP_GRAMS_PER_KM", d.GramsPerKm, "grams CO₂e per km, e.g. 120"),
	}
}

// factor reads a positive number from key; def when unset.
func (e *envReader) factor(key string, def float64, example string) float64 {
	v := strings.TrimSpace(e.getenv(key))
	if v == "" {
		return def
	}
	x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil || math.IsNaN(x) || x <= 0 || x > maxFactor {
		e.fail(sprang.Errorf(sprang.Invalid, "%s=%q must be a positive number up to %g (%s)", key, v, float64(maxFactor), example))
		return def
	}
	return x
}
