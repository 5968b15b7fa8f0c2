package followup

import (
	"context"
	"math"
	"strconv"
)

// DashboardRow is one value of an indicator with its target and status
// for the value's year: a line of the dashboard's tables, of its CSV
// export and of the open dataset of the public indicators.
type DashboardRow struct {
	Indicator Indicator
	Value     Value
	Target    float64 // the target of the value's year, when HasTarget
	HasTarget bool
	Status    Status
}

// RowOf returns v of ind with the target of v's year and its status.
func RowOf(ind Indicator, v Value) DashboardRow {
	t, ok := ind.TargetFor(v.Period.Year)
	return DashboardRow{Indicator: ind, Value: v, Target: t, HasTarget: ok, Status: StatusOf(ind, v)}
}

// DashboardRows returns the values of each of inds for each of unitIDs
// (0: the group as a whole) and periods, indicator by indicator, then as
// Engine.Values orders them, each with its target and status. It fails
// when Engine.Values fails for any of them.
func DashboardRows(ctx context.Context, e Engine, inds []Indicator, unitIDs []int64, periods []Period) ([]DashboardRow, error) {
	out := make([]DashboardRow, 0, len(inds)*len(unitIDs)*len(periods))
	for _, ind := range inds {
		vs, err := e.Values(ctx, ind, unitIDs, periods)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			out = append(out, RowOf(ind, v))
		}
	}
	return out, nil
}

// DisplayValue returns f as readers see a figure of measure m: a share
// (0–1) as a percentage, anything else as it is.
func DisplayValue(m Measure, f float64) float64 {
	if m == MeasureShare {
		return f * 100
	}
	return f
}

// DisplayDecimals returns how many decimals figure x of measure m (x as
// DisplayValue gives it) is written with: none for counts, kronor,
// kilometres and kilograms, one for the rest; but a figure between 0 and
// 1 that this would write with fewer than two significant digits gets as
// many decimals as two need (0.00043 g CO₂e per page view, not 0.0), at
// most MaxDecimals. Zero is written with the measure's own decimals.
func DisplayDecimals(m Measure, x float64) int {
	d := 1
	switch m {
	case MeasureCount, MeasureSEK, MeasureKm, MeasureKgCO2:
		d = 0
	}
	a := math.Abs(x)
	if a == 0 || a >= 1 || math.IsNaN(a) {
		return d
	}
	// the first significant digit is at decimal ceil(-log10(a)); one more
	// for the second.
	need := int(math.Ceil(-math.Log10(a)-1e-9)) + 1
	return min(max(d, need), MaxDecimals)
}

// MaxDecimals is the most decimals DisplayDecimals gives.
const MaxDecimals = 9

// FormatFigure writes figure f of measure m as readers read it, with a
// decimal point and no thousands separators: a share as a percentage,
// with DisplayDecimals decimals ("72.4", "1234", "0.00043"). Every place
// that writes a figure (the dashboard, its CSV, the open dataset, the
// report) writes it so, changing only the decimal sign and separators.
func FormatFigure(m Measure, f float64) string {
	x := DisplayValue(m, f)
	return strconv.FormatFloat(x, 'f', DisplayDecimals(m, x), 64)
}
