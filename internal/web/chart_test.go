package web

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// contrast returns the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	lum := func(hex string) float64 {
		var c [3]float64
		for i := range c {
			v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
			s := float64(v) / 255
			if s <= 0.03928 {
				c[i] = s / 12.92
			} else {
				c[i] = math.Pow((s+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	}
	l1, l2 := lum(a), lum(b)
	return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
}

// TestChartPalette: every series colour stands out from the white page
// and from the white marks of its pattern by at least 3:1 (WCAG 1.4.11),
// and the first six series differ in pattern as well as colour.
func TestChartPalette(t *testing.T) {
	t.Parallel()
	for _, c := range chartPalette {
		if r := contrast(c, "#ffffff"); r < 3 {
			t.Errorf("colour %s has contrast %.2f against white, want ≥ 3", c, r)
		}
	}
	seen := map[string]bool{}
	for _, m := range chartMarks {
		if seen[m.path] {
			t.Errorf("pattern %q used twice", m.path)
		}
		seen[m.path] = true
	}
	if len(chartMarks) < len(chartPalette) || len(chartDashes) < len(chartPalette) {
		t.Error("fewer patterns or dashes than colours")
	}
	if r := contrast("#0b0c0c", "#ffffff"); r < 3 {
		t.Errorf("bar outline contrast %.2f", r)
	}
}

func TestChartScale(t *testing.T) {
	t.Parallel()
	tests := []struct {
		largest, top, step float64
	}{
		{0, 1, 1},
		{-3, 1, 1},
		{math.NaN(), 1, 1},
		{1, 1, 1},
		{3, 3, 1},
		{4, 4, 1},
		{7, 8, 2},
		{14, 15, 5},
		{99, 100, 50},
		{1234, 1500, 500},
		{0.4, 0.4, 0.1},
	}
	for _, tt := range tests {
		top, step := chartScale(tt.largest)
		if math.Abs(top-tt.top) > 1e-9 || math.Abs(step-tt.step) > 1e-9 {
			t.Errorf("chartScale(%v) = %v, %v; want %v, %v", tt.largest, top, step, tt.top, tt.step)
		}
	}
}

// testChart is a stacked chart of two series over three months.
func testChart() chartSpec {
	return chartSpec{ID: "c1", Title: "Ärenden per månad", Desc: "Staplat stapeldiagram. Siffrorna finns i tabellen.",
		Categories: []string{"jan\n2026", "feb", "mar"}, Head: "Månad", Stacked: true, Total: "Totalt",
		Labels: []unitName{{Text: "januari 2026"}, {Text: "februari 2026"}, {Text: "mars 2026"}},
		Series: []chartSeries{{Name: "E-tjänst", Values: []float64{4, 0, 6}}, {Name: "Papper", Values: []float64{2, 1}}}}
}

func TestNewChartStacked(t *testing.T) {
	t.Parallel()
	c := newChart(testChart())
	if c.TitleID() != "c1-title" || c.DescID() != "c1-desc" || c.ViewBox() != "0 0 640 300" {
		t.Errorf("ids %s %s, view box %s", c.TitleID(), c.DescID(), c.ViewBox())
	}
	// Zero-height parts are left out: 4+2, 1, 6.
	if len(c.Bars) != 4 {
		t.Fatalf("%d bars, want 4: %+v", len(c.Bars), c.Bars)
	}
	// The stacks sit on the axis and their parts on each other.
	base := float64(c.Axis.Y1)
	jan := c.Bars[0:2]
	if math.Abs(float64(jan[0].Y+jan[0].H)-base) > 0.2 || math.Abs(float64(jan[1].Y+jan[1].H-jan[0].Y)) > 0.2 {
		t.Errorf("January's stack does not stand on the axis: %+v, axis %v", jan, base)
	}
	// The tallest stack (6, scale 0–6 in steps of 2) reaches the top.
	plot := base - chartTop
	if got := (base - float64(c.Bars[3].Y)) / plot; math.Abs(got-1) > 0.01 {
		t.Errorf("March's stack is %.3f of the plot, want 1", got)
	}
	if got := []string{c.Tops[0].Text, c.Tops[1].Text, c.Tops[2].Text}; strings.Join(got, " ") != "6 1 6" {
		t.Errorf("totals over the stacks %v", got)
	}
	if c.XLabels[0].Text != "jan" || c.XLabels[0].Sub != "2026" || c.XLabels[1].Sub != "" {
		t.Errorf("x labels %+v", c.XLabels)
	}
	wantTable := chartTable{Head: []string{"Månad", "E-tjänst", "Papper", "Totalt"}, Rows: []chartRow{
		{Label: unitName{Text: "januari 2026"}, Values: []string{"4", "2", "6"}},
		{Label: unitName{Text: "februari 2026"}, Values: []string{"0", "1", "1"}},
		{Label: unitName{Text: "mars 2026"}, Values: []string{"6", "0", "6"}},
	}}
	if got, want := tableText(c.Table), tableText(wantTable); got != want {
		t.Errorf("table\n%s\nwant\n%s", got, want)
	}
	if !c.Legend() || c.IsLine() {
		t.Error("a stacked chart of two series has a legend and no lines")
	}
}

func tableText(t chartTable) string {
	var b strings.Builder
	b.WriteString(strings.Join(t.Head, ";") + "\n")
	for _, r := range t.Rows {
		b.WriteString(r.Label.Text + "|" + r.Label.Lang + ";" + strings.Join(r.Values, ";") + "\n")
	}
	return b.String()
}

func TestNewChartGroupedAndLine(t *testing.T) {
	t.Parallel()
	spec := testChart()
	spec.Stacked = false
	c := newChart(spec)
	if len(c.Bars) != 6 {
		t.Errorf("grouped: %d bars, want one per series and category", len(c.Bars))
	}
	for _, b := range c.Bars {
		if b.W > chartMaxBar || b.H < 0 {
			t.Errorf("bar %+v", b)
		}
	}
	spec.Line = true
	c = newChart(spec)
	if len(c.Bars) != 0 || len(c.Lines) != 2 || len(c.Lines[1].Marks) != 3 || !c.IsLine() {
		t.Fatalf("line chart: %d bars, %d lines", len(c.Bars), len(c.Lines))
	}
	if c.Lines[0].Dash == c.Lines[1].Dash || c.Series[0].Marker == c.Series[1].Marker {
		t.Error("the lines differ only in colour")
	}
	if got := strings.Count(c.Lines[0].Points, ","); got != 3 {
		t.Errorf("line points %q", c.Lines[0].Points)
	}
	// No categories, no values: an empty plot with a scale of 0–1.
	empty := newChart(chartSpec{ID: "e", Title: "Tomt"})
	if len(empty.Bars) != 0 || len(empty.Grid) != 2 || len(empty.Table.Rows) != 0 {
		t.Errorf("empty chart %+v", empty)
	}
}

func TestChartEllipsis(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Bygglov", 10, "Bygglov"},
		{"Ansökan om bygglov", 8, "Ansökan…"},
		{"åäö", 3, "åäö"},
		{"åäöå", 3, "åä…"},
	} {
		if got := chartEllipsis(c.in, c.n); got != c.want {
			t.Errorf("chartEllipsis(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
	// Many categories: every other label, none longer than its room.
	spec := chartSpec{ID: "m"}
	for i := range 30 {
		spec.Categories = append(spec.Categories, "Kategori nummer "+strconv.Itoa(i))
	}
	c := newChart(spec)
	if len(c.XLabels) > chartMaxXLabels {
		t.Errorf("%d x labels, want at most %d", len(c.XLabels), chartMaxXLabels)
	}
}

// TestChartComponent renders the chart component: an SVG image named by
// its title and description, patterns per series, a legend, and the
// numbers as a table; the SVG is well-formed XML.
func TestChartComponent(t *testing.T) {
	t.Parallel()
	tmpl := template.Must(template.ParseFS(templateFS, "templates/components/chart.html"))
	spec := testChart()
	spec.Labels[2] = unitName{Text: "mars 2026 <&>", Lang: "sv"}
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "chart", newChart(spec)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<svg class="chart__svg" role="img" aria-labelledby="c1-title c1-desc"`,
		`<title id="c1-title">Ärenden per månad</title>`,
		`<desc id="c1-desc">Staplat stapeldiagram. Siffrorna finns i tabellen.</desc>`,
		`<pattern id="c1-p0"`, `<pattern id="c1-p1"`, `fill="url(#c1-p1)"`,
		`<ul class="chart__legend">`, `aria-hidden="true"`, `>Papper</li>`,
		`<div class="table-wrap chart__numbers" tabindex="0" role="region" aria-labelledby="c1-table">`, `<caption id="c1-table">Ärenden per månad</caption>`,
		`<th scope="col" class="chart__num">Totalt</th>`,
		`<tr><th scope="row">januari 2026</th><td class="chart__num">4</td><td class="chart__num">2</td><td class="chart__num">6</td></tr>`,
		`<th scope="row" lang="sv">mars 2026 &lt;&amp;&gt;</th>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Contains(out, "<script") || strings.Contains(out, "style=") {
		t.Error("the chart has a script or an inline style (the CSP forbids both)")
	}
	svg := regexp.MustCompile(`(?s)<svg class="chart__svg".*?</svg>`).FindString(out)
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the SVG is not well-formed: %v\n%s", err, svg)
			}
			break
		}
	}
}
