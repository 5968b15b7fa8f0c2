package followup_test

import (
	"math"
	"testing"

	"sprang/internal/followup"
)

func TestStatusOf(t *testing.T) {
	t.Parallel()
	higher := followup.Indicator{Direction: followup.HigherIsBetter, Targets: []followup.Target{{Year: 2025, Value: 80}, {Year: 2026, Value: 0}}}
	lower := followup.Indicator{Direction: followup.LowerIsBetter, Margin: 0.25, Targets: []followup.Target{{Year: 2025, Value: 10}}}
	val := func(y int, x float64) followup.Value {
		return followup.Value{Period: followup.YearPeriod(y), Value: x, Known: true}
	}
	tests := []struct {
		name string
		ind  followup.Indicator
		v    followup.Value
		want followup.Status
	}{
		{"met exactly", higher, val(2025, 80), followup.OnTrack},
		{"above target", higher, val(2025, 95), followup.OnTrack},
		{"within default 10 %", higher, val(2025, 72), followup.AtRisk},
		{"just outside the margin", higher, val(2025, 71.9), followup.OffTrack},
		{"far below", higher, val(2025, 10), followup.OffTrack},
		{"no target that year", higher, val(2024, 10), followup.NoStatus},
		{"not known", higher, followup.Value{Period: followup.YearPeriod(2025), Reason: followup.NoData}, followup.NoStatus},
		{"NaN", higher, val(2025, math.NaN()), followup.NoStatus},
		{"target zero, met", higher, val(2026, 0), followup.OnTrack},
		{"target zero, margin of 1", higher, val(2026, -0.05), followup.AtRisk},
		{"target zero, beyond", higher, val(2026, -0.5), followup.OffTrack},
		{"lower: below target", lower, val(2025, 8), followup.OnTrack},
		{"lower: own margin 25 %", lower, val(2025, 12.5), followup.AtRisk},
		{"lower: beyond own margin", lower, val(2025, 12.6), followup.OffTrack},
		{"a month of a year with a target", lower, followup.Value{Period: followup.Period{Year: 2025, Month: 4}, Value: 9, Known: true}, followup.OnTrack},
	}
	for _, tt := range tests {
		if got := followup.StatusOf(tt.ind, tt.v); got != tt.want {
			t.Errorf("%s: StatusOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestStatusOfPartial checks that a year-to-date value of an accumulating
// measure is not judged against the year's target, and that other
// measures and ended years are.
func TestStatusOfPartial(t *testing.T) {
	t.Parallel()
	ind := func(m followup.Measure, d followup.Direction) followup.Indicator {
		return followup.Indicator{Measure: m, Direction: d, Targets: []followup.Target{{Year: 2026, Value: 100}}}
	}
	val := func(x float64, partial bool) followup.Value {
		return followup.Value{Period: followup.YearPeriod(2026), Value: x, Known: true, Partial: partial}
	}
	tests := []struct {
		name     string
		ind      followup.Indicator
		v        followup.Value
		want     followup.Status
		awaiting bool
	}{
		{"a count in January", ind(followup.MeasureCount, followup.HigherIsBetter), val(3, true), followup.NoStatus, true},
		{"kronor so far", ind(followup.MeasureSEK, followup.HigherIsBetter), val(10, true), followup.NoStatus, true},
		{"kilometres so far", ind(followup.MeasureKm, followup.HigherIsBetter), val(10, true), followup.NoStatus, true},
		{"kilograms CO₂e so far", ind(followup.MeasureKgCO2, followup.HigherIsBetter), val(10, true), followup.NoStatus, true},
		{"a count so far already over a lower-is-better target", ind(followup.MeasureCount, followup.LowerIsBetter), val(300, true), followup.NoStatus, true},
		{"a count of the ended year", ind(followup.MeasureCount, followup.HigherIsBetter), val(3, false), followup.OffTrack, false},
		{"a share so far is judged", ind(followup.MeasureShare, followup.HigherIsBetter), val(3, true), followup.OffTrack, false},
		{"days so far are judged", ind(followup.MeasureDays, followup.LowerIsBetter), val(30, true), followup.OnTrack, false},
		{"grams per page view so far are judged", ind(followup.MeasureGramCO2, followup.LowerIsBetter), val(300, true), followup.OffTrack, false},
		{"a partial count without a target", followup.Indicator{Measure: followup.MeasureCount}, val(3, true), followup.NoStatus, false},
		{"a partial count not known", ind(followup.MeasureCount, followup.HigherIsBetter),
			followup.Value{Period: followup.YearPeriod(2026), Partial: true, Reason: followup.Suppressed}, followup.NoStatus, false},
	}
	for _, tt := range tests {
		if got := followup.StatusOf(tt.ind, tt.v); got != tt.want {
			t.Errorf("%s: StatusOf = %q, want %q", tt.name, got, tt.want)
		}
		if got := followup.AwaitsPeriodEnd(tt.ind, tt.v); got != tt.awaiting {
			t.Errorf("%s: AwaitsPeriodEnd = %v, want %v", tt.name, got, tt.awaiting)
		}
	}
}

// TestFormatFigure checks that every figure keeps at least two
// significant digits when small and its measure's decimals otherwise.
func TestFormatFigure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m    followup.Measure
		f    float64
		want string
	}{
		{followup.MeasureGramCO2, 4.3e-4, "0.00043"},
		{followup.MeasureGramCO2, 0.0123, "0.012"},
		{followup.MeasureGramCO2, 0.01, "0.010"},
		{followup.MeasureGramCO2, 0.45, "0.45"},
		{followup.MeasureGramCO2, 1.234, "1.2"},
		{followup.MeasureGramCO2, 0, "0.0"},
		{followup.MeasureGramCO2, 1.2e-8, "0.000000012"},
		{followup.MeasureGramCO2, 1e-15, "0.000000000"}, // at most MaxDecimals
		{followup.MeasureShare, 0.724, "72.4"},
		{followup.MeasureShare, 0.004, "0.40"},
		{followup.MeasureShare, 1, "100.0"},
		{followup.MeasureDays, 3.46, "3.5"},
		{followup.MeasureKB, 25, "25.0"},
		{followup.MeasureCount, 1234, "1234"},
		{followup.MeasureCount, 0, "0"},
		{followup.MeasureKgCO2, 0.3, "0.30"},
		{followup.MeasureSEK, 125000.4, "125000"},
		{followup.MeasureDays, -0.05, "-0.050"},
	}
	for _, tt := range tests {
		if got := followup.FormatFigure(tt.m, tt.f); got != tt.want {
			t.Errorf("FormatFigure(%s, %v) = %q, want %q", tt.m, tt.f, got, tt.want)
		}
	}
}

func TestIndicatorCheck(t *testing.T) {
	t.Parallel()
	good := followup.Indicator{Key: "digitala-moten", Perspective: followup.Hallbarhet, OwnerUnitID: 3,
		Name: followup.Text{SV: "Digitala möten"}, Method: followup.Text{SV: "Antal möten."}, Measure: followup.MeasureCount,
		Direction: followup.HigherIsBetter, Source: followup.Manual}
	tests := []struct {
		name   string
		change func(*followup.Indicator)
		field  string
	}{
		{"valid", func(*followup.Indicator) {}, ""},
		{"bad key", func(i *followup.Indicator) { i.Key = "Digitala möten" }, "key"},
		{"no perspective", func(i *followup.Indicator) { i.Perspective = "" }, "perspective"},
		{"follow-up is no perspective", func(i *followup.Indicator) { i.Perspective = followup.Uppfoljning }, "perspective"},
		{"no owner", func(i *followup.Indicator) { i.OwnerUnitID = 0 }, "owner"},
		{"no name", func(i *followup.Indicator) { i.Name.SV = "  " }, "name_sv"},
		{"no method for a manual one", func(i *followup.Indicator) { i.Method.SV = "" }, "method_sv"},
		{"bad measure", func(i *followup.Indicator) { i.Measure = "liters" }, "measure"},
		{"bad direction", func(i *followup.Indicator) { i.Direction = "up" }, "direction"},
		{"bad source", func(i *followup.Indicator) { i.Source = "excel" }, "source"},
		{"unknown computation", func(i *followup.Indicator) { i.Source, i.Computation = followup.Computed, "nope" }, "computation"},
		{"kolada without kpi", func(i *followup.Indicator) { i.Source = followup.Kolada }, "kpi"},
		{"kolada with bad kpi", func(i *followup.Indicator) { i.Source, i.KoladaKPI = followup.Kolada, "n945" }, "kpi"},
		{"margin above 100 %", func(i *followup.Indicator) { i.Margin = 1.5 }, "margin"},
		{"name too long", func(i *followup.Indicator) { i.Name.EN = string(make([]byte, 201)) }, "name_en"},
	}
	for _, tt := range tests {
		ind := good
		tt.change(&ind)
		errs := ind.Check()
		if tt.field == "" && len(errs) > 0 || tt.field != "" && errs[tt.field] == "" {
			t.Errorf("%s: Check() = %v, want an error on %q", tt.name, errs, tt.field)
		}
	}
	computed := good
	computed.Source, computed.Computation, computed.Method = followup.Computed, "digital-andel", followup.Text{}
	if errs := computed.Check(); len(errs) > 0 {
		t.Errorf("a computed indicator needs no method of its own: %v", errs)
	}
}
