package followup

import (
	"context"
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

// DisplayDecimals returns how many decimals a figure of measure m is
// written with (after DisplayValue): none for counts, kronor, kilometres
// and kilograms; two for grams per page view, which are small; one for
// the rest.
func DisplayDecimals(m Measure) int {
	switch m {
	case MeasureCount, MeasureSEK, MeasureKm, MeasureKgCO2:
		return 0
	case MeasureGramCO2:
		return 2
	}
	return 1
}
