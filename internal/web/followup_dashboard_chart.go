package web

import (
	"strconv"
	"strings"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// The dashboards' figures in words and their trend charts. A value that
// is not known is never drawn or written as 0: the table says why it is
// missing and the line has a gap there.

// dashValue returns value v of ind as a cell: the figure in its unit of
// measure, or why it is not known.
func dashValue(v *view, ind followup.Indicator, val followup.Value) dashCell {
	if !val.Known {
		return dashCell{Text: dashReason(v, val.Reason)}
	}
	return dashCell{Text: dashFormat(v, ind.Measure, val.Value), Known: true}
}

// dashReason returns why a value is not known, in words.
func dashReason(v *view, r followup.Reason) string {
	switch r {
	case followup.NoSourceModule, followup.Suppressed, followup.NotForUnit, followup.SourceFailed:
		return v.T("followup.dashboard.reason." + string(r))
	}
	return v.T("followup.dashboard.reason.no_data")
}

// dashFormat writes figure f of measure m as readers read it: "72,4 %",
// "3,5 dagar", "1 234", "0,45 g CO₂e".
func dashFormat(v *view, m followup.Measure, f float64) string {
	return figureWithUnit(v, "followup.dashboard.measure.", m, f)
}

// figureWithUnit writes figure f of measure m (figureNumber) followed by
// its unit, the message keyPrefix + m; counts, scores and measures not
// known have no unit.
func figureWithUnit(v *view, keyPrefix string, m followup.Measure, f float64) string {
	n := figureNumber(v.Lang, m, f)
	if !m.Valid() || m == followup.MeasureCount || m == followup.MeasureScore {
		return n
	}
	return v.T(keyPrefix+string(m), n)
}

// figureNumber writes figure f of measure m in lang without its unit, as
// followup.FormatFigure decides (a share as a percentage, at least two
// significant digits for a small figure): whole numbers with the
// language's thousands separators, decimals with its decimal sign. The
// dashboard, its chart and the report write figures with it.
func figureNumber(lang i18n.Lang, m followup.Measure, f float64) string {
	x := followup.DisplayValue(m, f)
	d := followup.DisplayDecimals(m, x)
	if d == 0 {
		return i18n.Number(lang, int64(x+0.5*sign(x)))
	}
	return i18n.Decimal(lang, x, d)
}

// figureCSV writes figure f of measure m for a CSV file in lang:
// followup.FormatFigure with the language's decimal sign, no thousands
// separators.
func figureCSV(lang i18n.Lang, m followup.Measure, f float64) string {
	s := followup.FormatFigure(m, f)
	if lang == i18n.Swedish {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// sign returns -1 for a negative f and 1 otherwise, to round half away
// from zero.
func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// dashStatusOf returns the status of value val of ind in words, with its
// mark; a year-to-date value of an accumulating measure that has a
// target says it is judged when the year has ended
// (followup.AwaitsPeriodEnd).
func dashStatusOf(v *view, ind followup.Indicator, val followup.Value) dashStatus {
	if followup.AwaitsPeriodEnd(ind, val) {
		return dashStatus{Key: followup.NoStatus, Text: v.T("followup.dashboard.status.pending"), Mark: "…", Class: "dash-status dash-status--none"}
	}
	st := followup.StatusOf(ind, val)
	switch st {
	case followup.OnTrack:
		return dashStatus{Key: st, Text: v.T("followup.dashboard.status.on_track"), Mark: "✓", Class: "tag dash-status dash-status--on-track"}
	case followup.AtRisk:
		return dashStatus{Key: st, Text: v.T("followup.dashboard.status.at_risk"), Mark: "!", Class: "tag dash-status dash-status--at-risk"}
	case followup.OffTrack:
		return dashStatus{Key: st, Text: v.T("followup.dashboard.status.off_track"), Mark: "✕", Class: "tag tag--red dash-status dash-status--off-track"}
	}
	return dashStatus{Key: st, Text: v.T("followup.dashboard.status.none"), Mark: "–", Class: "dash-status dash-status--none"}
}

// dashTrendChart returns the chart of ind's values (one per year of
// trend, in order) in unit, with its target as a second line: a line
// with a gap where a value is not known, and a table that says why.
func dashTrendChart(v *view, id string, ind followup.Indicator, unit string, trend []followup.Value) chart {
	name := ind.Name.In(string(v.Lang))
	first, last := trend[0].Period.Year, trend[len(trend)-1].Period.Year
	spec := chartSpec{ID: id, Line: true, Head: v.T("followup.dashboard.chart.year"),
		Title:  v.T("followup.dashboard.chart.title", name, unit, first, last),
		Format: func(f float64) string { return dashFormat(v, ind.Measure, f) }}
	value := chartSeries{Name: v.T("followup.dashboard.chart.value")}
	target := chartSeries{Name: v.T("followup.dashboard.chart.target")}
	var valueKnown, targetKnown []bool
	for _, val := range trend {
		spec.Categories = append(spec.Categories, strconv.Itoa(val.Period.Year))
		value.Values = append(value.Values, val.Value) // 0 when not known: dashGaps takes it out
		valueKnown = append(valueKnown, val.Known)
		t, ok := ind.TargetFor(val.Period.Year)
		target.Values = append(target.Values, t)
		targetKnown = append(targetKnown, ok)
	}
	spec.Series = []chartSeries{value, target}
	spec.Desc = dashTrendDesc(v, ind, trend)
	c := newChart(spec)
	// The target's line first: splitting the value's line shifts the
	// lines after it.
	dashGaps(&c, 1, targetKnown, func(int) string { return v.T("followup.dashboard.chart.no_target") })
	dashGaps(&c, 0, valueKnown, func(i int) string { return dashReason(v, trend[i].Reason) })
	return c
}

// dashTrendDesc describes the trend in a sentence: the years, how many
// values are known and the last known one.
func dashTrendDesc(v *view, ind followup.Indicator, trend []followup.Value) string {
	first, last := trend[0].Period.Year, trend[len(trend)-1].Period.Year
	known := 0
	latest := -1
	for i, val := range trend {
		if val.Known {
			known++
			latest = i
		}
	}
	if latest < 0 {
		return v.T("followup.dashboard.chart.desc_none", first, last)
	}
	return v.T("followup.dashboard.chart.desc", first, last, known, len(trend),
		dashFormat(v, ind.Measure, trend[latest].Value), trend[latest].Period.Year)
}

// dashGaps takes the points of series s of line chart c where known is
// false out of its line (splitting it into runs of known points) and
// writes why into its table cells instead of the 0 the chart drew.
func dashGaps(c *chart, s int, known []bool, why func(i int) string) {
	for i, ok := range known {
		if !ok && i < len(c.Table.Rows) && s < len(c.Table.Rows[i].Values) {
			c.Table.Rows[i].Values[s] = why(i)
		}
	}
	if s >= len(c.Lines) {
		return
	}
	line := c.Lines[s]
	points := strings.Fields(line.Points)
	if len(points) != len(known) || len(line.Marks) != len(known) {
		return
	}
	var runs []chartLine
	var run *chartLine
	var pts []string
	flush := func() {
		if run != nil {
			run.Points = strings.Join(pts, " ")
			runs = append(runs, *run)
		}
		run, pts = nil, nil
	}
	for i, ok := range known {
		if !ok {
			flush()
			continue
		}
		if run == nil {
			run = &chartLine{Color: line.Color, Dash: line.Dash}
		}
		pts = append(pts, points[i])
		run.Marks = append(run.Marks, line.Marks[i])
	}
	flush()
	c.Lines = append(append(append([]chartLine{}, c.Lines[:s]...), runs...), c.Lines[s+1:]...)
}
