package followup_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The engine over small in-memory sources: a group (1) with a
// förvaltning (2) and its department (3), and a bolag (4).

func testTree(t *testing.T) *identity.Tree {
	t.Helper()
	tree, err := identity.BuildTree([]identity.Unit{{ID: 1, Slug: "koncernen"}, {ID: 2, ParentID: 1, Slug: "social"},
		{ID: 3, ParentID: 2, Slug: "social-stod"}, {ID: 4, ParentID: 1, Slug: "energi"}})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// errandRow is one service's errands in a unit: the channel of each.
type errandRow struct {
	service, unit int64
	at            time.Time
	channel       string
	lead          time.Duration // 0: not decided
	overdue       bool
}

// fakeErrands sums errandRows as the store would.
type fakeErrands struct {
	rows     []errandRow
	services []followup.Service
	queries  []followup.ErrandQuery
}

func (f *fakeErrands) Services(context.Context) ([]followup.Service, error) { return f.services, nil }

func (f *fakeErrands) ErrandFigures(_ context.Context, q followup.ErrandQuery) ([]followup.ErrandFigures, error) {
	f.queries = append(f.queries, q)
	type key struct{ s, u int64 }
	acc := map[key]*followup.ErrandFigures{}
	var leads = map[key][]time.Duration{}
	var order []key
	for _, r := range f.rows {
		if !slices.Contains(q.UnitIDs, r.unit) || r.at.Before(q.From) || !r.at.Before(q.To) {
			continue
		}
		k := key{r.service, r.unit}
		switch q.Group {
		case followup.PerUnit:
			k = key{0, r.unit}
		case followup.InTotal:
			k = key{}
		}
		if acc[k] == nil {
			acc[k] = &followup.ErrandFigures{ServiceID: k.s, UnitID: k.u, ByChannel: map[string]int{}}
			order = append(order, k)
		}
		a := acc[k]
		a.Errands++
		a.ByChannel[r.channel]++
		if r.lead > 0 {
			a.Decided++
			leads[k] = append(leads[k], r.lead)
		}
		if r.overdue {
			a.Overdue++
		}
	}
	if q.Group == followup.InTotal && len(order) == 0 {
		return []followup.ErrandFigures{{ByChannel: map[string]int{}}}, nil
	}
	out := make([]followup.ErrandFigures, 0, len(order))
	for _, k := range order {
		l := leads[k]
		slices.Sort(l)
		if len(l) > 0 {
			acc[k].LeadMedian = l[len(l)/2]
			acc[k].LeadP90 = l[len(l)-1]
		}
		out = append(out, *acc[k])
	}
	return out, nil
}

type fakeValues map[string][]followup.Value

func (f fakeValues) StoredValues(_ context.Context, ind string, units []int64, periods []followup.Period) ([]followup.Value, error) {
	var out []followup.Value
	for _, v := range f[ind] {
		if slices.Contains(units, v.UnitID) && slices.Contains(periods, v.Period) {
			out = append(out, v)
		}
	}
	return out, nil
}

type fakePlatform followup.PageViews

func (f fakePlatform) PageViews(context.Context, time.Time, time.Time) (followup.PageViews, error) {
	return followup.PageViews(f), nil
}

type fakeCompetence followup.CompetenceSummary

func (f fakeCompetence) CompetenceSummary(context.Context, []int64, int) (followup.CompetenceSummary, error) {
	return followup.CompetenceSummary(f), nil
}

type fakeMaturity []followup.MaturityScore

func (f fakeMaturity) MaturityScores(_ context.Context, units []int64, year int) ([]followup.MaturityScore, error) {
	var out []followup.MaturityScore
	for _, s := range f {
		if s.Year == year && slices.Contains(units, s.UnitID) {
			out = append(out, s)
		}
	}
	return out, nil
}

type fakePortfolio struct{}

func (fakePortfolio) InitiativeStatuses(context.Context, []int64, time.Time, time.Time) (map[followup.InitiativeStatus]int, error) {
	return map[followup.InitiativeStatus]int{followup.StatusPreStudy: 2, followup.StatusOngoing: 3, followup.StatusIntroduced: 4, followup.StatusIdea: 9}, nil
}

func (fakePortfolio) RealizedBenefits(context.Context, []int64, time.Time, time.Time) (int, float64, error) {
	return 3, 125000, nil
}

type failingOpenData struct{}

func (failingOpenData) Datasets(context.Context) ([]followup.Dataset, error) {
	return nil, errors.New("disk on fire")
}

func (failingOpenData) APICalls(context.Context, time.Time, time.Time) (int64, error) { return 0, nil }

// at returns noon on the day in Swedish time.
func at(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, followup.Location())
}

func testEngine(t *testing.T) (followup.Engine, *fakeErrands) {
	t.Helper()
	day := 24 * time.Hour
	errands := &fakeErrands{
		rows: []errandRow{
			{1, 2, at(2025, 3, 1), followup.ChannelDigital, 2 * day, false},
			{1, 2, at(2025, 3, 2), followup.ChannelPaper, 4 * day, false},
			{1, 3, at(2025, 4, 1), followup.ChannelDigital, 10 * day, true},
			{1, 3, at(2025, 4, 2), followup.ChannelDigital, 0, true},
			{1, 3, at(2025, 4, 3), followup.ChannelDigital, 0, false},
			{2, 4, at(2025, 5, 1), followup.ChannelPhone, 1 * day, false},
			{2, 4, at(2025, 5, 2), followup.ChannelPaper, 6 * day, false},
			{2, 4, at(2025, 5, 3), followup.ChannelPaper, 0, false},
			{2, 4, at(2025, 5, 4), followup.ChannelVisit, 0, false},
			{2, 4, at(2025, 5, 5), followup.ChannelDigital, 0, false},
			{1, 2, at(2026, 1, 10), followup.ChannelDigital, 0, false},
		},
		services: []followup.Service{{ID: 1, UnitID: 2, PublishedAt: at(2024, 6, 1)}, {ID: 2, UnitID: 4, PublishedAt: at(2025, 8, 1)},
			{ID: 3, UnitID: 3}},
	}
	src := followup.Sources{Errands: errands, Platform: fakePlatform{Views: 4, Bytes: 100_000},
		Values: fakeValues{followup.MeetingsIndicator: {{Indicator: followup.MeetingsIndicator, UnitID: 0, Period: followup.YearPeriod(2025), Value: 50, Known: true, Source: "Teams"},
			{Indicator: followup.MeetingsIndicator, UnitID: 2, Period: followup.YearPeriod(2025), Value: 10, Known: true, Source: "Teams"},
			{Indicator: followup.MeetingsIndicator, UnitID: 3, Period: followup.YearPeriod(2025), Value: 5, Known: true, Source: "Teams"}},
			"mote-manuellt": {{Indicator: "mote-manuellt", UnitID: 2, Period: followup.YearPeriod(2024), Value: 7, Known: true, Source: "Enkät"}}},
		Competence: fakeCompetence{Respondents: 4, MeanLevel: 5},
		Maturity:   fakeMaturity{{UnitID: 2, Year: 2025, Total: 40}, {UnitID: 4, Year: 2025, Total: 60}, {UnitID: 3, Year: 2024, Total: 10}},
		Portfolio:  fakePortfolio{},
		Factors:    followup.Factors{GridIntensity: 50, SheetsPerErrand: 2}}
	return followup.Engine{Sources: src, Tree: testTree(t), Now: func() time.Time { return at(2026, 2, 1) }}, errands
}

func computed(key string) followup.Indicator {
	return followup.Indicator{Key: key, Source: followup.Computed, Computation: key}
}

func TestEngineValues(t *testing.T) {
	t.Parallel()
	y2025 := followup.YearPeriod(2025)
	unknownBecause := func(r followup.Reason) followup.Value { return followup.Value{Reason: r} }
	fig := func(x float64) followup.Value { return followup.Value{Value: x, Known: true} }
	partial := func(v followup.Value) followup.Value { v.Partial = true; return v }
	tests := []struct {
		name   string
		ind    followup.Indicator
		unit   int64
		period followup.Period
		want   followup.Value
	}{
		{"services of the group at the end of 2025", computed("e-tjanster-antal"), 0, y2025, fig(2)},
		{"services of the group in 2024: one was published later", computed("e-tjanster-antal"), 0, followup.YearPeriod(2024), fig(1)},
		{"services of a department: none of its own published", computed("e-tjanster-antal"), 3, y2025, fig(0)},
		{"digital share of the group", computed("digital-andel"), 0, y2025, fig(5.0 / 10)},
		{"digital share of a förvaltning with its department", computed("digital-andel"), 2, y2025, fig(4.0 / 5)},
		{"digital share of the bolag", computed("digital-andel"), 4, y2025, fig(1.0 / 5)},
		{"digital share without errands", computed("digital-andel"), 4, followup.YearPeriod(2024), unknownBecause(followup.NoData)},
		{"digital share of a department's three errands is suppressed", computed("digital-andel"), 3, y2025, unknownBecause(followup.Suppressed)},
		{"digital share of a month with two errands is suppressed", computed("digital-andel"), 0, followup.Period{Year: 2025, Month: 3}, unknownBecause(followup.Suppressed)},
		{"a period not yet begun", computed("digital-andel"), 0, followup.YearPeriod(2027), partial(unknownBecause(followup.NoData))},
		{"a running period with one errand is suppressed", computed("digital-andel"), 0, followup.YearPeriod(2026), partial(unknownBecause(followup.Suppressed))},
		{"a running period is counted up to now and partial", computed("e-tjanster-antal"), 0, followup.YearPeriod(2026), partial(fig(2))},
		{"an unknown unit", computed("digital-andel"), 99, y2025, unknownBecause(followup.NoData)},
		{"mostly analog services", computed("analoga-tjanster"), 0, y2025, fig(1)},
		{"mostly analog: too few errands in each of the förvaltning's services", computed("analoga-tjanster"), 2, y2025, fig(0)},
		{"mostly analog of a department's three errands is suppressed", computed("analoga-tjanster"), 3, y2025, unknownBecause(followup.Suppressed)},
		{"median lead time in days", computed("handlaggningstid-median"), 0, y2025, fig(4)},
		{"90th percentile", computed("handlaggningstid-p90"), 0, y2025, fig(10)},
		{"lead time without decisions", computed("handlaggningstid-median"), 4, followup.YearPeriod(2024), unknownBecause(followup.NoData)},
		{"lead time of two decisions is suppressed", computed("handlaggningstid-median"), 4, y2025, unknownBecause(followup.Suppressed)},
		{"lead time percentile of four decisions is suppressed", computed("handlaggningstid-p90"), 2, y2025, unknownBecause(followup.Suppressed)},
		{"overdue", computed("forsenade-arenden"), 0, y2025, fig(2)},
		{"overdue of a department's three errands is suppressed", computed("forsenade-arenden"), 3, y2025, unknownBecause(followup.Suppressed)},
		{"overdue without errands is zero", computed("forsenade-arenden"), 4, followup.YearPeriod(2024), fig(0)},
		{"paper avoided: 5 digital × 2 sheets", computed("papper-undvikt"), 0, y2025, fig(10)},
		{"letters avoided: default 1 a digital errand", computed("brev-undvikta"), 0, y2025, fig(5)},
		{"paper avoided by one digital errand is suppressed", computed("papper-undvikt"), 4, y2025, unknownBecause(followup.Suppressed)},
		{"letters avoided without digital errands is zero", computed("brev-undvikta"), 4, followup.YearPeriod(2024), fig(0)},
		{"travel avoided: (50 + 10 + 5) meetings × 20 km × 120 g over the group", computed("resor-undvikta"), 0, y2025, fig(65 * 20 * 120.0 / 1000)},
		{"travel avoided of a förvaltning: its own and its department's", computed("resor-undvikta"), 2, y2025, fig(15 * 20 * 120.0 / 1000)},
		{"travel avoided of one unit's meetings gives their source", computed("resor-undvikta"), 3, y2025, followup.Value{Value: 5 * 20 * 120.0 / 1000, Known: true, Source: "Teams"}},
		{"travel avoided without meetings entered", computed("resor-undvikta"), 4, y2025, unknownBecause(followup.NoData)},
		{"page weight in kB", computed("sidvikt"), 0, y2025, fig(25)},
		{"page weight is for the group only", computed("sidvikt"), 2, y2025, unknownBecause(followup.NotForUnit)},
		{"CO₂e per page view", computed("co2-per-sidvisning"), 0, y2025, fig(25_000 / 1e9 * 0.3 * 50)},
		{"competence of four people is suppressed", computed("kompetens-medel"), 0, y2025, unknownBecause(followup.Suppressed)},
		{"maturity mean of the group", computed("mognad-medel"), 0, y2025, fig(50)},
		{"maturity of a förvaltning with its department", computed("mognad-medel"), 2, y2025, fig(40)},
		{"maturity in a year without assessments", computed("mognad-medel"), 0, followup.YearPeriod(2023), unknownBecause(followup.NoData)},
		{"active initiatives: pre-study and ongoing", computed("initiativ-pagaende"), 0, y2025, fig(5)},
		{"introduced initiatives", computed("initiativ-inforda"), 0, y2025, fig(4)},
		{"realized benefits", computed("realiserad-nytta"), 0, y2025, fig(3)},
		{"realized benefits in kronor", computed("realiserad-nytta-kr"), 0, y2025, fig(125000)},
		{"ideas: the idea portal does not exist", computed("ideer-realiserade"), 0, y2025, unknownBecause(followup.NoSourceModule)},
		{"open data without its module", computed("oppna-dataset"), 0, y2025, unknownBecause(followup.NoSourceModule)},
		{"a manual value", followup.Indicator{Key: "mote-manuellt", Source: followup.Manual}, 2, followup.YearPeriod(2024),
			followup.Value{Value: 7, Known: true, Source: "Enkät"}},
		{"a manual value not entered", followup.Indicator{Key: "mote-manuellt", Source: followup.Manual}, 0, followup.YearPeriod(2024), unknownBecause(followup.NoData)},
	}
	e, _ := testEngine(t)
	for _, tt := range tests {
		got, err := e.Values(t.Context(), tt.ind, []int64{tt.unit}, []followup.Period{tt.period})
		if err != nil || len(got) != 1 {
			t.Errorf("%s: %v, %v", tt.name, got, err)
			continue
		}
		g := got[0]
		if g.Indicator != tt.ind.Key || g.UnitID != tt.unit || g.Period != tt.period {
			t.Errorf("%s: value of %s unit %d %s", tt.name, g.Indicator, g.UnitID, g.Period)
		}
		if g.Known != tt.want.Known || g.Reason != tt.want.Reason || math.Abs(g.Value-tt.want.Value) > 1e-9 || g.Source != tt.want.Source ||
			g.Partial != tt.want.Partial {
			t.Errorf("%s: got %+v, want %+v", tt.name, g, tt.want)
		}
	}
}

func TestEngineOrderAndErrors(t *testing.T) {
	t.Parallel()
	e, errands := testEngine(t)
	got, err := e.Values(t.Context(), computed("digital-andel"), []int64{0, 4}, followup.Years(2024, 2025))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, v := range got {
		order = append(order, v.Period.String()+"/"+string(rune('0'+v.UnitID)))
	}
	if !slices.Equal(order, []string{"2024/0", "2025/0", "2024/4", "2025/4"}) {
		t.Errorf("order %v, want unit by unit, period by period", order)
	}
	if q := errands.queries[len(errands.queries)-1]; !slices.Equal(q.UnitIDs, []int64{4}) {
		t.Errorf("the bolag's query asked for units %v", q.UnitIDs)
	}
	e.Sources.OpenData = failingOpenData{}
	if _, err := e.Values(t.Context(), computed("oppna-dataset"), []int64{0}, followup.Years(2025, 2025)); err == nil {
		t.Error("a failing source gave no error")
	}
	if _, err := e.Values(t.Context(), computed("finns-inte"), []int64{0}, followup.Years(2025, 2025)); err == nil {
		t.Error("an unknown computation gave no error")
	}
	e.Sources.Values = nil
	got, err = e.Values(t.Context(), followup.Indicator{Key: "x", Source: followup.Manual}, []int64{0}, followup.Years(2025, 2025))
	if err != nil || got[0].Known || got[0].Reason != followup.NoSourceModule {
		t.Errorf("manual values without a value source: %+v, %v", got, err)
	}
}

func TestAnalogServices(t *testing.T) {
	t.Parallel()
	e, _ := testEngine(t)
	got, err := e.AnalogServices(t.Context(), 0, followup.YearPeriod(2025))
	if err != nil || len(got) != 1 || got[0].ServiceID != 2 || got[0].Errands != 5 || got[0].ByChannel[followup.ChannelDigital] != 1 {
		t.Errorf("AnalogServices = %+v, %v; want service 2 with 1 of 5 digital", got, err)
	}
}

func TestComputationsRegistry(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, c := range followup.Computations() {
		if seen[c.Key] {
			t.Errorf("computation %s twice", c.Key)
		}
		seen[c.Key] = true
		m := c.MethodFor(followup.Factors{})
		if !c.Perspective.Valid() || !c.Measure.Valid() || !c.Direction.Valid() || c.Name.SV == "" || c.Name.EN == "" || m.SV == "" || m.EN == "" {
			t.Errorf("computation %s is incomplete: %+v", c.Key, c)
		}
	}
	for _, k := range []string{"e-tjanster-antal", "digital-andel", "analoga-tjanster", "handlaggningstid-median", "handlaggningstid-p90",
		"forsenade-arenden", "oppna-dataset", "hvd-dataset", "api-anrop", "sidvikt", "co2-per-sidvisning", "papper-undvikt",
		"brev-undvikta", "resor-undvikta", "kompetens-medel", "mognad-medel", "initiativ-pagaende", "initiativ-inforda",
		"realiserad-nytta", "ideer-realiserade"} {
		if !seen[k] {
			t.Errorf("no computation %s", k)
		}
	}
}

func TestMethodShowsFactors(t *testing.T) {
	t.Parallel()
	e := followup.Engine{Sources: followup.Sources{Factors: followup.Factors{GridIntensity: 12.5, KmPerMeeting: 33}}}
	co2 := e.Method(computed("co2-per-sidvisning"))
	if !strings.Contains(co2.SV, "12,5 g CO₂e per kWh") || !strings.Contains(co2.EN, "12.5 g CO₂e per kWh") || !strings.Contains(co2.SV, "0,3 kWh") {
		t.Errorf("CO₂e method lacks its factors: %q / %q", co2.SV, co2.EN)
	}
	travel := e.Method(computed("resor-undvikta"))
	if !strings.Contains(travel.SV, "33 km") || !strings.Contains(travel.SV, "120 g") {
		t.Errorf("travel method lacks its factors: %q", travel.SV)
	}
	own := computed("papper-undvikt")
	own.Method = followup.Text{SV: "Egen text."}
	if m := e.Method(own); !strings.Contains(m.SV, "Egen text.") || !strings.Contains(m.SV, "4 pappersark") {
		t.Errorf("method of an indicator with its own text: %q", m.SV)
	}
}

type fakeOpenData []followup.Dataset

func (f fakeOpenData) Datasets(context.Context) ([]followup.Dataset, error) { return f, nil }

func (fakeOpenData) APICalls(context.Context, time.Time, time.Time) (int64, error) { return 0, nil }

// TestHVDCategoriesCovered checks that hvd-dataset counts the high-value
// categories covered, not the datasets, and only published ones of the
// unit's subtree.
func TestHVDCategoriesCovered(t *testing.T) {
	t.Parallel()
	e, _ := testEngine(t)
	geo, stat, mob := "http://data.europa.eu/bna/c_ac64a52d", "http://data.europa.eu/bna/c_e1da4e07", "http://data.europa.eu/bna/c_b79e35eb"
	e.Sources.OpenData = fakeOpenData{
		{UnitID: 2, PublishedAt: at(2025, 1, 1), HVDCategories: []string{geo}},
		{UnitID: 3, PublishedAt: at(2025, 2, 1), HVDCategories: []string{geo, stat}},
		{UnitID: 3, PublishedAt: at(2025, 2, 1)},                               // not high-value
		{UnitID: 4, PublishedAt: at(2025, 3, 1), HVDCategories: []string{mob}}, // another unit's
		{UnitID: 2, PublishedAt: at(2025, 3, 1), HVDCategories: []string{mob}, Withdrawn: true},
		{UnitID: 2, HVDCategories: []string{mob}}, // a draft
	}
	for _, tt := range []struct {
		unit       int64
		hvd, count float64
	}{{0, 3, 4}, {2, 2, 3}, {3, 2, 2}, {4, 1, 1}} {
		hvd, err := e.Values(t.Context(), computed("hvd-dataset"), []int64{tt.unit}, followup.Years(2025, 2025))
		if err != nil || !hvd[0].Known || hvd[0].Value != tt.hvd {
			t.Errorf("unit %d: hvd-dataset = %+v, %v; want %v categories", tt.unit, hvd, err, tt.hvd)
		}
		sets, err := e.Values(t.Context(), computed("oppna-dataset"), []int64{tt.unit}, followup.Years(2025, 2025))
		if err != nil || !sets[0].Known || sets[0].Value != tt.count {
			t.Errorf("unit %d: oppna-dataset = %+v, %v; want %v datasets", tt.unit, sets, err, tt.count)
		}
	}
}

// TestMostlyAnalogOneRule checks that the indicator analoga-tjanster and
// NotUsedFully judge services by the same rule.
func TestMostlyAnalogOneRule(t *testing.T) {
	t.Parallel()
	for errands := 0; errands <= 12; errands++ {
		for digital := 0; digital <= errands; digital++ {
			r := followup.ErrandFigures{ServiceID: 1, UnitID: 2, Errands: errands,
				ByChannel: map[string]int{followup.ChannelDigital: digital, followup.ChannelPaper: errands - digital}}
			inIndicator := len(followup.MostlyAnalog([]followup.ErrandFigures{r})) == 1
			listed := slices.ContainsFunc(followup.NotUsedFully(followup.NotUsedInput{Tree: testTree(t), Services: []followup.ErrandFigures{r}}),
				func(f followup.Finding) bool { return f.Kind == followup.FindingAnalogService })
			if inIndicator != listed || inIndicator != followup.IsMostlyAnalog(r) {
				t.Errorf("%d of %d digital: indicator %v, not-used list %v", digital, errands, inIndicator, listed)
			}
			if want := errands >= followup.MinErrandsForShare && 2*digital < errands; inIndicator != want {
				t.Errorf("%d of %d digital: mostly analog %v, want %v", digital, errands, inIndicator, want)
			}
		}
	}
}
