package web

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Charts are drawn on the server as SVG, with no script: a bar chart
// (grouped or stacked) or a line chart, laid out in Go (newChart) and
// rendered by the "chart" component (templates/components/chart.html). A
// chart is an image with a title and a description (role="img",
// aria-labelledby), its series are told apart by pattern or line style
// and marker as well as by colour, every bar and line has at least 3:1
// contrast against the white background, and the same numbers always
// follow in a table: the table, not the picture, is what screen readers,
// keyboard users and anyone who wants the exact figures read.

// chartSeries is one series of a chart: its name (shown in the legend
// and as a table column) and one value per category.
type chartSeries struct {
	Name   string
	Values []float64
}

// chartSpec is what a chart shows.
type chartSpec struct {
	ID         string     // unique on the page; prefixes the ids of its parts
	Title      string     // what the chart shows, in a few words: the SVG's title and the table's caption
	Desc       string     // a sentence or two on what the chart shows and where its figures are
	Categories []string   // the x axis: one short label per category, "\n" before an optional second line
	Labels     []unitName // the categories' full labels for the table (with their language); nil means Categories
	Head       string     // the table's header of the category column
	Series     []chartSeries
	Stacked    bool   // stack the bars of the series on each other instead of side by side
	Line       bool   // draw lines with markers instead of bars
	Total      string // when set, the table ends each row with a total under this header
	// Format formats values on the axis and in the table; nil formats
	// them as plain integers.
	Format func(float64) string
}

// chart is a laid-out chart, ready for the "chart" component.
type chart struct {
	ID, Title, Desc string
	Width, Height   int // the SVG's view box
	Series          []chartKey
	Grid            []chartTick
	XLabels         []chartText
	Bars            []chartBar
	Lines           []chartLine
	Tops            []chartText // the value (or total) over each bar or stack
	Axis            chartLineSeg
	Table           chartTable
}

// chartKey is one series' look, for the legend and the pattern defs.
type chartKey struct {
	Name    string
	Pattern string // the id of its fill pattern
	Color   string
	Marks   string // the pattern's white marks, an SVG path, or "" for a solid fill
	Dots    bool   // the marks are dots rather than strokes
	Dash    string // stroke-dasharray of its line, or ""
	Marker  string // its line's marker: circle, square, triangle or diamond
}

// chartTick is a horizontal grid line with its value label.
type chartTick struct {
	Y     num
	Label string
}

// chartText is a text at a point, with an optional second line (Sub)
// under it.
type chartText struct {
	X, Y num
	Text string
	Sub  string
}

// chartBar is one bar (or one part of a stack).
type chartBar struct {
	X, Y, W, H num
	Pattern    string
}

// chartLine is one series drawn as a line.
type chartLine struct {
	Points string // the polyline's points
	Color  string
	Dash   string
	Marks  []chartMark
}

// chartMark is a marker of a line at one point: a circle, square,
// triangle or diamond, as an SVG path.
type chartMark struct {
	Path  string
	Color string
}

// chartLineSeg is a straight line from (X1, Y1) to (X2, Y2).
type chartLineSeg struct{ X1, Y1, X2, Y2 num }

// chartTable is the chart's numbers as a table.
type chartTable struct {
	Head []string
	Rows []chartRow
}

// chartRow is one category's row: its label and formatted values.
type chartRow struct {
	Label  unitName
	Values []string
}

// num is a coordinate, printed with at most one decimal.
type num float64

// String formats n for an SVG attribute.
func (n num) String() string {
	return strconv.FormatFloat(math.Round(float64(n)*10)/10, 'f', -1, 64)
}

// chartPalette are the series' colours, each with at least 3:1 contrast
// against white (chart_test.go checks), in the order series use them.
var chartPalette = []string{"#1d5aa0", "#00703c", "#b3261e", "#6f3c9e", "#8a4b08", "#0b0c0c"}

// chartMarks are the series' fill patterns after the first (solid): white
// marks over the colour, on an 8×8 tile. The second value says whether
// the path is drawn as dots (filled) rather than stroked.
var chartMarks = []struct {
	path string
	dots bool
}{
	{"", false},
	{"M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2", false}, // diagonal lines
	{"M2,2 m-1.3,0 a1.3,1.3 0 1,0 2.6,0 a1.3,1.3 0 1,0 -2.6,0 M6,6 m-1.3,0 a1.3,1.3 0 1,0 2.6,0 a1.3,1.3 0 1,0 -2.6,0", true}, // dots
	{"M0,4 h8", false},              // horizontal lines
	{"M0,0 l8,8 M8,0 l-8,8", false}, // cross-hatch
	{"M4,0 v8", false},              // vertical lines
}

// chartDashes and chartMarkers tell lines apart.
var (
	chartDashes  = []string{"", "8 4", "2 4", "12 4 2 4", "4 4", "1 3"}
	chartMarkers = []string{"circle", "square", "triangle", "diamond", "circle", "square"}
)

// The chart's layout, in view-box units.
const (
	chartWidth      = 640
	chartHeight     = 300
	chartLeft       = 56
	chartRight      = 12
	chartTop        = 20
	chartBottom     = 44
	chartFont       = 12 // the font size of the axis labels (the component sets it)
	chartMaxXLabels = 13
	chartMaxBar     = 64 // the widest bar
)

// newChart lays out spec. Categories without values count as 0; negative
// values are drawn as 0 (the table shows them as they are).
func newChart(spec chartSpec) chart {
	if spec.Format == nil {
		spec.Format = func(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }
	}
	c := chart{ID: spec.ID, Title: spec.Title, Desc: spec.Desc, Width: chartWidth, Height: chartHeight}
	for i, s := range spec.Series {
		m := chartMarks[i%len(chartMarks)]
		c.Series = append(c.Series, chartKey{Name: s.Name, Pattern: spec.ID + "-p" + strconv.Itoa(i),
			Color: chartPalette[i%len(chartPalette)], Marks: m.path, Dots: m.dots,
			Dash: chartDashes[i%len(chartDashes)], Marker: chartMarkers[i%len(chartMarkers)]})
	}
	top, step := chartScale(chartMaxValue(spec))
	plotW, plotH := float64(chartWidth-chartLeft-chartRight), float64(chartHeight-chartTop-chartBottom)
	y := func(v float64) float64 { return chartTop + plotH - max(v, 0)/top*plotH }
	for v := 0.0; v <= top+step/2; v += step {
		c.Grid = append(c.Grid, chartTick{Y: num(y(v)), Label: spec.Format(v)})
	}
	c.Axis = chartLineSeg{X1: chartLeft, Y1: num(y(0)), X2: chartWidth - chartRight, Y2: num(y(0))}
	n := len(spec.Categories)
	if n == 0 {
		c.Table = chartTableOf(spec)
		return c
	}
	band := plotW / float64(n)
	every := (n + chartMaxXLabels - 1) / chartMaxXLabels
	maxRunes := max(int(band*float64(every)/(0.6*chartFont)), 3)
	for i, label := range spec.Categories {
		if i%every == 0 {
			first, second, _ := strings.Cut(label, "\n")
			c.XLabels = append(c.XLabels, chartText{X: num(chartLeft + band*(float64(i)+0.5)),
				Y: num(chartHeight - chartBottom + chartFont + 6), Text: chartEllipsis(first, maxRunes), Sub: chartEllipsis(second, maxRunes)})
		}
	}
	switch {
	case spec.Line:
		c.Lines = chartLines(spec, c.Series, band, y)
	case spec.Stacked:
		c.Bars, c.Tops = chartStacks(spec, c.Series, band, y)
	default:
		c.Bars, c.Tops = chartGroups(spec, c.Series, band, y)
	}
	c.Table = chartTableOf(spec)
	return c
}

// value returns series s's value at category i, 0 when missing.
func (s chartSeries) value(i int) float64 {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// chartMaxValue returns the largest bar, stack or point of spec.
func chartMaxValue(spec chartSpec) float64 {
	var m float64
	for i := range spec.Categories {
		var sum float64
		for _, s := range spec.Series {
			v := max(s.value(i), 0)
			sum += v
			if !spec.Stacked || spec.Line {
				m = max(m, v)
			}
		}
		if spec.Stacked && !spec.Line {
			m = max(m, sum)
		}
	}
	return m
}

// chartScale returns the top of the value axis and its step: 1, 2 or 5
// times a power of ten, about four steps, the top at or over largest.
func chartScale(largest float64) (top, step float64) {
	if largest <= 0 || math.IsNaN(largest) || math.IsInf(largest, 0) {
		return 1, 1
	}
	raw := largest / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, f := range []float64{1, 2, 5} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	if largest >= 1 && step < 1 { // counts: whole steps
		step = 1
	}
	return math.Ceil(largest/step) * step, step
}

// chartGroups lays out the series side by side in each category, with
// each bar's value over it when there is room.
func chartGroups(spec chartSpec, keys []chartKey, band float64, y func(float64) float64) ([]chartBar, []chartText) {
	var bars []chartBar
	var tops []chartText
	k := float64(max(len(spec.Series), 1))
	w := min(band*0.7/k, chartMaxBar)
	for i := range spec.Categories {
		x0 := chartLeft + band*(float64(i)+0.5) - w*k/2
		for j, s := range spec.Series {
			v := s.value(i)
			x := x0 + w*float64(j)
			bars = append(bars, chartBar{X: num(x), Y: num(y(v)), W: num(w), H: num(y(0) - y(v)), Pattern: keys[j].Pattern})
			if text := spec.Format(v); chartFits(text, w) {
				tops = append(tops, chartText{X: num(x + w/2), Y: num(y(v) - 4), Text: text})
			}
		}
	}
	return bars, tops
}

// chartStacks lays out the series stacked in each category, with the
// stack's total over it.
func chartStacks(spec chartSpec, keys []chartKey, band float64, y func(float64) float64) ([]chartBar, []chartText) {
	var bars []chartBar
	var tops []chartText
	w := min(band*0.6, chartMaxBar)
	for i := range spec.Categories {
		x := chartLeft + band*(float64(i)+0.5) - w/2
		var sum float64
		for j, s := range spec.Series {
			v := max(s.value(i), 0)
			if v > 0 {
				bars = append(bars, chartBar{X: num(x), Y: num(y(sum + v)), W: num(w), H: num(y(sum) - y(sum+v)), Pattern: keys[j].Pattern})
			}
			sum += v
		}
		if text := spec.Format(sum); chartFits(text, band) {
			tops = append(tops, chartText{X: num(x + w/2), Y: num(y(sum) - 4), Text: text})
		}
	}
	return bars, tops
}

// chartLines lays out each series as a line through the middle of the
// categories, with a marker at each point.
func chartLines(spec chartSpec, keys []chartKey, band float64, y func(float64) float64) []chartLine {
	var out []chartLine
	for j, s := range spec.Series {
		l := chartLine{Color: keys[j].Color, Dash: keys[j].Dash}
		var pts []string
		for i := range spec.Categories {
			px, py := chartLeft+band*(float64(i)+0.5), y(s.value(i))
			pts = append(pts, num(px).String()+","+num(py).String())
			l.Marks = append(l.Marks, chartMark{Path: chartMarkerPath(keys[j].Marker, px, py), Color: keys[j].Color})
		}
		l.Points = strings.Join(pts, " ")
		out = append(out, l)
	}
	return out
}

// chartMarkerPath returns the path of a marker of shape at (x, y), about
// 9 units across.
func chartMarkerPath(shape string, x, y float64) string {
	p := func(dx, dy float64) string { return num(x+dx).String() + "," + num(y+dy).String() }
	switch shape {
	case "square":
		return "M" + p(-4, -4) + " L" + p(4, -4) + " L" + p(4, 4) + " L" + p(-4, 4) + " Z"
	case "triangle":
		return "M" + p(0, -5) + " L" + p(5, 4) + " L" + p(-5, 4) + " Z"
	case "diamond":
		return "M" + p(0, -5) + " L" + p(5, 0) + " L" + p(0, 5) + " L" + p(-5, 0) + " Z"
	}
	return "M" + p(-4.5, 0) + " a4.5,4.5 0 1,0 9,0 a4.5,4.5 0 1,0 -9,0"
}

// chartTableOf returns spec's numbers as a table: a row per category, a
// column per series, and the total when spec asks for it.
func chartTableOf(spec chartSpec) chartTable {
	t := chartTable{Head: []string{spec.Head}}
	for _, s := range spec.Series {
		t.Head = append(t.Head, s.Name)
	}
	if spec.Total != "" {
		t.Head = append(t.Head, spec.Total)
	}
	for i, c := range spec.Categories {
		label := unitName{Text: strings.ReplaceAll(c, "\n", " ")}
		if i < len(spec.Labels) {
			label = spec.Labels[i]
		}
		r := chartRow{Label: label}
		var sum float64
		for _, s := range spec.Series {
			r.Values = append(r.Values, spec.Format(s.value(i)))
			sum += s.value(i)
		}
		if spec.Total != "" {
			r.Values = append(r.Values, spec.Format(sum))
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// chartFits reports whether text fits in width at the chart's font size
// (a digit is about 0.6 em wide).
func chartFits(text string, width float64) bool {
	return float64(utf8.RuneCountInString(text))*0.6*chartFont <= width
}

// chartEllipsis shortens s to at most n runes, ending in an ellipsis
// when it was cut.
func chartEllipsis(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// SwatchMark returns the path of the key's marker in a legend swatch of
// 24×16.
func (k chartKey) SwatchMark() string { return chartMarkerPath(k.Marker, 12, 8) }

// TitleID is the id of the SVG's title.
func (c chart) TitleID() string { return c.ID + "-title" }

// DescID is the id of the SVG's description.
func (c chart) DescID() string { return c.ID + "-desc" }

// TableID is the id of the table's caption, which names its scrolling box.
func (c chart) TableID() string { return c.ID + "-table" }

// ViewBox is the SVG's viewBox attribute.
func (c chart) ViewBox() string { return "0 0 " + strconv.Itoa(c.Width) + " " + strconv.Itoa(c.Height) }

// Left is the x of the value labels, just left of the plot.
func (c chart) Left() num { return chartLeft - 6 }

// Right is the right edge of the plot, where grid lines end.
func (c chart) Right() num { return chartWidth - chartRight }

// PlotLeft is the left edge of the plot, where grid lines start.
func (c chart) PlotLeft() num { return chartLeft }

// Legend reports whether the chart needs a legend: more than one series.
func (c chart) Legend() bool { return len(c.Series) > 1 }

// IsLine reports whether the chart draws lines.
func (c chart) IsLine() bool { return len(c.Lines) > 0 }

// SubY is the y of the second line of the x-axis labels.
func (c chart) SubY() num { return chartHeight - chartBottom + 2*chartFont + 10 }

// Font is the font size of the chart's texts.
func (c chart) Font() int { return chartFont }
