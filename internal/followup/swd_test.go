package followup_test

import (
	"math"
	"testing"

	"sprang/internal/followup"
)

// TestSWDGrams checks the Sustainable Web Design model v4 against worked
// examples computed by hand:
//
// 1 GB at the world average grid of 494 g/kWh (CO2.js's default):
//
//	operational: data centre 0.055 × 494 = 27.170, network 0.059 × 494 = 29.146, device 0.080 × 494 = 39.520
//	embodied:    data centre 0.012 × 494 =  5.928, network 0.013 × 494 =  6.422, device 0.081 × 494 = 40.014
//	total: 148.200 g (= 0.3 kWh/GB × 494)
//
// A page view of 25 kB (25,000 bytes) at 40 g/kWh:
//
//	25,000 / 10⁹ = 0.000025 GB × 0.3 kWh/GB = 0.0000075 kWh × 40 g/kWh = 0.0003 g
//
// 2 MB (2,000,000 bytes) at 41 g/kWh:
//
//	0.002 GB × 0.3 = 0.0006 kWh × 41 = 0.0246 g
func TestSWDGrams(t *testing.T) {
	t.Parallel()
	if math.Abs(followup.SWDKWhPerGB-0.3) > 1e-12 {
		t.Errorf("SWD v4 kWh per GB = %v, want 0.3", followup.SWDKWhPerGB)
	}
	tests := []struct {
		bytes, grid, want float64
	}{
		{1e9, 494, 148.2},
		{25_000, 40, 0.0003},
		{2_000_000, 41, 0.0246},
		{0, 40, 0},
	}
	for _, tt := range tests {
		if got := followup.SWDGrams(tt.bytes, tt.grid); math.Abs(got-tt.want) > 1e-9*math.Max(1, tt.want) {
			t.Errorf("SWDGrams(%v, %v) = %v, want %v", tt.bytes, tt.grid, got, tt.want)
		}
	}
}

func TestFactorsOrDefault(t *testing.T) {
	t.Parallel()
	f := followup.Factors{GridIntensity: 12}.OrDefault()
	d := followup.DefaultFactors()
	if f.GridIntensity != 12 || f.SheetsPerErrand != d.SheetsPerErrand || f.LettersPerErrand != d.LettersPerErrand ||
		f.KmPerMeeting != d.KmPerMeeting || f.GramsPerKm != d.GramsPerKm {
		t.Errorf("OrDefault = %+v", f)
	}
}
