package web

import (
	"strings"
	"testing"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// TestDashTrendGaps checks that a trend chart leaves out the years whose
// value is not known: the value's line is split around them, without a
// marker there, and the table says why instead of 0; the target's line
// has a gap where there is no target.
func TestDashTrendGaps(t *testing.T) {
	t.Parallel()
	v := &view{Lang: i18n.Swedish, cat: i18n.MustLoad()}
	ind := followup.Indicator{Key: "k", Name: followup.Text{SV: "Andel"}, Measure: followup.MeasureShare,
		Targets: []followup.Target{{Year: 2022, Value: 0.5}, {Year: 2023, Value: 0.6}, {Year: 2025, Value: 0.7}}}
	known := []bool{false, true, true, false, true}
	var trend []followup.Value
	for i, k := range known {
		val := followup.Value{Period: followup.YearPeriod(2021 + i), Known: k, Value: 0.1 * float64(i+1)}
		if !k {
			val.Reason = followup.NoSourceModule
		}
		trend = append(trend, val)
	}
	c := dashTrendChart(v, "t", ind, "Kommunen", trend)
	if len(c.Lines) != 4 { // the value: 2022–2023 and 2025; the target: 2022–2023 and 2025
		t.Fatalf("%d lines, want 4: %+v", len(c.Lines), c.Lines)
	}
	points := func(l chartLine) int { return len(strings.Fields(l.Points)) }
	for i, want := range []int{2, 1, 2, 1} {
		if points(c.Lines[i]) != want || len(c.Lines[i].Marks) != want {
			t.Errorf("line %d has %d points and %d marks, want %d", i, points(c.Lines[i]), len(c.Lines[i].Marks), want)
		}
	}
	if got := c.Table.Rows[0].Values[0]; !strings.HasPrefix(got, "Finns inte än") {
		t.Errorf("2021's value cell is %q, want why it is missing", got)
	}
	if got := c.Table.Rows[3].Values[1]; got != "Inget mål" {
		t.Errorf("2024's target cell is %q", got)
	}
	if got := c.Table.Rows[1].Values[0]; got != "20,0\u00a0%" {
		t.Errorf("2022's value cell is %q", got)
	}
	if !strings.Contains(c.Desc, "3 av 5 år har ett värde; det senaste är 50,0\u00a0% (2025)") {
		t.Errorf("description %q", c.Desc)
	}
}
