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
