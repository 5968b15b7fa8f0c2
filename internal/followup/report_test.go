package followup_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"sprang/internal/followup"
)

// fakeSources is a ReportSources over fixed data; a non-nil error of a
// part is returned instead of its data.
type fakeSources struct {
	indicators  []followup.IndicatorYear
	initiatives []followup.ReportInitiative
	maturity    map[int][]followup.MaturityScore
	competence  []followup.ReportArea
	findings    []followup.ReportFinding
	errs        map[string]error
}

func (f *fakeSources) ReportIndicators(context.Context, int) ([]followup.IndicatorYear, error) {
	return f.indicators, f.errs["indicators"]
}

func (f *fakeSources) ReportInitiatives(context.Context, int) ([]followup.ReportInitiative, error) {
	return f.initiatives, f.errs["initiatives"]
}

func (f *fakeSources) ReportMaturity(_ context.Context, year int) ([]followup.MaturityScore, error) {
	return f.maturity[year], f.errs["maturity"]
}

func (f *fakeSources) ReportCompetence(context.Context, int) ([]followup.ReportArea, error) {
	return f.competence, f.errs["competence"]
}

func (f *fakeSources) ReportFindings(context.Context, int) ([]followup.ReportFinding, error) {
	return f.findings, f.errs["findings"]
}

func (f *fakeSources) ReportUnits(context.Context) (map[int64]followup.Text, error) {
	return map[int64]followup.Text{1: {SV: "Kommunledningsförvaltningen"}, 2: {SV: "Barn- och utbildning"}}, f.errs["units"]
}

// stockholm returns a time in Swedish local time.
func stockholm(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, followup.Location())
}

func fullSources() *fakeSources {
	share := followup.Indicator{Key: "digital-andel", Perspective: followup.Trygghet, Name: followup.Text{SV: "Digital andel"},
		Method: followup.Text{SV: "Andel ärenden som kom in digitalt"}, Measure: followup.MeasureShare,
		Direction: followup.HigherIsBetter, Source: followup.Computed, Targets: []followup.Target{{Year: 2025, Value: 0.8}}}
	lead := followup.Indicator{Key: "ledtid", Perspective: followup.Trygghet, Name: followup.Text{SV: "Ledtid"},
		Measure: followup.MeasureDays, Direction: followup.LowerIsBetter, Source: followup.Manual,
		Targets: []followup.Target{{Year: 2025, Value: 10}}}
	open := followup.Indicator{Key: "oppna-data", Perspective: followup.Innovation, Name: followup.Text{SV: "Öppna datamängder"},
		Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Source: followup.Computed}
	return &fakeSources{
		indicators: []followup.IndicatorYear{
			{Indicator: share, Value: followup.Value{Known: true, Value: 0.75}, Previous: followup.Value{Known: true, Value: 0.6}},
			{Indicator: lead, Value: followup.Value{Known: true, Value: 14, Source: "Ärendesystemet", Comment: "Uppskattat"}, Previous: followup.Value{Reason: followup.NoData}},
			{Indicator: open, Value: followup.Value{Reason: followup.NoSourceModule}},
		},
		initiatives: []followup.ReportInitiative{
			{ID: 1, Title: followup.Text{SV: "E-arkiv"}, Owner: followup.Text{SV: "Kommunledningsförvaltningen"}, Status: followup.StatusIntroduced,
				Start: stockholm(2024, 3, 1, 0, 0), Benefits: []followup.ReportBenefit{
					{Date: stockholm(2025, 12, 31, 23, 30), Description: "Mindre papper", ValueSEK: 120000},
					{Date: stockholm(2025, 2, 1, 12, 0), Description: "Snabbare sökning", ValueSEK: 30000, IndicatorKey: "ledtid"},
					{Date: stockholm(2026, 1, 1, 0, 30), Description: "Nästa år", ValueSEK: 999},
					{Date: stockholm(2024, 12, 31, 23, 59), Description: "Förra året", ValueSEK: 999},
				}},
			{ID: 2, Title: followup.Text{SV: "Avslutat 2023"}, Status: followup.StatusClosed, Start: stockholm(2022, 1, 1, 0, 0), End: stockholm(2023, 6, 1, 0, 0)},
			{ID: 3, Title: followup.Text{SV: "Idé utan datum"}, Status: followup.StatusIdea},
			{ID: 4, Title: followup.Text{SV: "Startar 2026"}, Status: followup.StatusPreStudy, Start: stockholm(2026, 1, 1, 0, 0)},
		},
		maturity: map[int][]followup.MaturityScore{
			2025: {{UnitID: 2, Year: 2025, Capability: 60, Heritage: 40, Total: 50}, {UnitID: 1, Year: 2025, Capability: 80, Heritage: 60, Total: 70}},
			2024: {{UnitID: 2, Year: 2024, Capability: 50, Heritage: 30, Total: 40}},
		},
		competence: []followup.ReportArea{
			{Area: "1", Name: followup.Text{SV: "Information"}, Respondents: 12, MeanLevel: 4.2},
			{Area: "2", Name: followup.Text{SV: "Kommunikation"}, Respondents: 4, MeanLevel: 3.1}, // the source forgot to hide it
			{Area: "3", Name: followup.Text{SV: "Skapande"}, Suppressed: true},
		},
		findings: []followup.ReportFinding{{Kind: "analog_service", Subject: followup.Text{SV: "Bygglov"}, Detail: followup.Text{SV: "62 % på papper"}}},
	}
}

// TestBuildReport assembles a report from every part and checks what
// each part keeps: statuses against targets, the benefits of the year
// only (counted in Swedish time) and their sum, the initiatives active in
// the year, maturity paired with the year before, small competence groups
// hidden, and the findings.
func TestBuildReport(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	n := followup.Narratives{Introduction: " Inledning\r\n", Perspectives: map[followup.Perspective]string{followup.Trygghet: "Trygghet.", "okänd": "x"}}
	r, err := followup.Build(t.Context(), fullSources(), 2025, n, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2025 || !r.BuiltAt.Equal(now) || r.Narratives.Introduction != "Inledning" || len(r.Narratives.Perspectives) != 1 {
		t.Errorf("head: %+v", r)
	}
	if len(r.Perspectives) != 5 || r.Perspectives[0].Perspective != followup.Trygghet || r.Perspectives[4].Perspective != followup.Innovation {
		t.Fatalf("perspectives: %+v", r.Perspectives)
	}
	tr := r.Perspectives[0].Indicators
	if len(tr) != 2 || tr[0].Key != "digital-andel" || tr[0].Status != followup.AtRisk || !tr[0].HasTarget || tr[0].Target != 0.8 ||
		tr[0].Previous.Value != 0.6 {
		t.Errorf("share: %+v", tr)
	}
	if tr[1].Status != followup.OffTrack || tr[1].Value.Source != "Ärendesystemet" || tr[1].Previous.Known || tr[1].Previous.Reason != followup.NoData {
		t.Errorf("lead time: %+v", tr[1])
	}
	in := r.Perspectives[4].Indicators
	if len(in) != 1 || in[0].Value.Known || in[0].Value.Reason != followup.NoSourceModule || in[0].Status != followup.NoStatus || in[0].HasTarget {
		t.Errorf("open data: %+v", in)
	}
	ini := r.Initiatives
	if !ini.Available || ini.Benefits != 2 || ini.BenefitSEK != 150000 {
		t.Errorf("initiatives: %d benefits, %v kr", ini.Benefits, ini.BenefitSEK)
	}
	var titles []string
	for _, it := range ini.Items {
		titles = append(titles, it.Title.SV)
	}
	if strings.Join(titles, "|") != "E-arkiv|Idé utan datum" {
		t.Errorf("initiatives kept: %v", titles)
	}
	if b := ini.Items[0].Benefits; len(b) != 2 || b[0].Description != "Snabbare sökning" || ini.Items[0].BenefitSEK != 150000 {
		t.Errorf("benefits of E-arkiv: %+v", b)
	}
	m := r.Maturity
	if !m.Available || len(m.Units) != 2 || m.Units[0].Unit.SV != "Barn- och utbildning" || !m.Units[0].Before.Known ||
		m.Units[1].Before.Known || m.Mean.Total != 60 || m.MeanBefore.Total != 40 {
		t.Errorf("maturity: %+v", m)
	}
	c := r.Competence
	if !c.Available || c.MinGroup != 5 || len(c.Areas) != 3 || c.Areas[0].Suppressed || c.Areas[0].MeanLevel != 4.2 {
		t.Errorf("competence: %+v", c)
	}
	for _, a := range c.Areas[1:] {
		if !a.Suppressed || a.Respondents != 0 || a.MeanLevel != 0 {
			t.Errorf("a small group shows: %+v", a)
		}
	}
	if !r.NotUsedFully.Available || len(r.NotUsedFully.Items) != 1 {
		t.Errorf("findings: %+v", r.NotUsedFully)
	}
}

// TestBuildReportNotAvailable: a part whose module does not exist is
// marked so and empty; any other failure fails the build.
func TestBuildReportNotAvailable(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk on fire")
	tests := []struct {
		name string
		errs map[string]error
		want error
		ok   func(followup.Report) bool
	}{
		{"indicators", map[string]error{"indicators": followup.ErrNotBuilt}, nil, func(r followup.Report) bool {
			return !r.IndicatorsAvailable && len(r.Perspectives) == 5 && len(r.Perspectives[0].Indicators) == 0 && r.Initiatives.Available
		}},
		{"initiatives", map[string]error{"initiatives": followup.ErrNotAvailable}, nil, func(r followup.Report) bool {
			return !r.Initiatives.Available && len(r.Initiatives.Items) == 0 && r.Initiatives.BenefitSEK == 0 && r.IndicatorsAvailable
		}},
		{"maturity", map[string]error{"maturity": followup.ErrNotAvailable}, nil, func(r followup.Report) bool {
			return !r.Maturity.Available && len(r.Maturity.Units) == 0
		}},
		{"competence and findings", map[string]error{"competence": followup.ErrNotAvailable, "findings": followup.ErrNotAvailable}, nil,
			func(r followup.Report) bool {
				return !r.Competence.Available && !r.NotUsedFully.Available && r.Maturity.Available
			}},
		{"a failing source", map[string]error{"maturity": boom}, boom, nil},
		{"failing units", map[string]error{"units": boom}, boom, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := fullSources()
			src.errs = tt.errs
			r, err := followup.Build(t.Context(), src, 2025, followup.Narratives{}, time.Now())
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if tt.ok != nil && !tt.ok(r) {
				t.Errorf("report: %+v", r)
			}
		})
	}
}

// TestReportJSON: a report survives JSON unchanged, so that an issued
// version reads as it was built.
func TestReportJSON(t *testing.T) {
	t.Parallel()
	n := followup.Narratives{Introduction: "Inledning", Conclusion: "Slut", Perspectives: map[followup.Perspective]string{followup.Hallbarhet: "Hållbart"}}
	r, err := followup.Build(t.Context(), fullSources(), 2025, n, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back followup.Report
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	// Times come back in UTC without a monotonic reading; compare them
	// as instants.
	for i := range back.Initiatives.Items {
		for j := range back.Initiatives.Items[i].Benefits {
			b, w := &back.Initiatives.Items[i].Benefits[j], r.Initiatives.Items[i].Benefits[j]
			if !b.Date.Equal(w.Date) {
				t.Errorf("benefit date %v, want %v", b.Date, w.Date)
			}
			b.Date = w.Date
		}
		if it, w := &back.Initiatives.Items[i], r.Initiatives.Items[i]; it.Start.Equal(w.Start) && it.End.Equal(w.End) {
			it.Start, it.End = w.Start, w.End
		}
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, r)
	}
}

// TestNarrativesValidate: texts are normalized; a text too long or with
// control characters is refused by field.
func TestNarrativesValidate(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("å", followup.NarrativeMax+1)
	tests := []struct {
		name string
		n    followup.Narratives
		want map[string]string
	}{
		{"empty", followup.Narratives{}, nil},
		{"at the limit", followup.Narratives{Introduction: strings.Repeat("å", followup.NarrativeMax) + "  \r\n"}, nil},
		{"markdown", followup.Narratives{Conclusion: "# Rubrik\n\n* punkt\n\t<script>alert(1)</script>"}, nil},
		{"too long", followup.Narratives{Introduction: long}, map[string]string{"introduction": followup.MsgNarrativeTooLong}},
		{"perspective too long", followup.Narratives{Perspectives: map[followup.Perspective]string{followup.Kompetens: long}},
			map[string]string{"perspective_kompetens": followup.MsgNarrativeTooLong}},
		{"control character", followup.Narratives{Conclusion: "a\x00b"}, map[string]string{"conclusion": followup.MsgNarrativeUnreadable}},
		{"not utf-8", followup.Narratives{Conclusion: "a\xffb"}, map[string]string{"conclusion": followup.MsgNarrativeUnreadable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.n.Validate(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNarrativesFields: the form's fields and the narratives map one to
// one.
func TestNarrativesFields(t *testing.T) {
	t.Parallel()
	n := followup.Narratives{Introduction: "A", Conclusion: "B", Perspectives: map[followup.Perspective]string{followup.Ledarskap: "C"}}
	f := n.Fields()
	if len(f) != 7 || f["perspective_ledarskap"] != "C" || f["perspective_trygghet"] != "" {
		t.Errorf("fields: %v", f)
	}
	f["annat"] = "ignoreras"
	if back := followup.NarrativesFrom(f); !reflect.DeepEqual(back, n) {
		t.Errorf("back: %+v", back)
	}
}

// FuzzNarratives: any posted text is normalized idempotently, validated
// without panicking, and a text that passes is valid UTF-8 of at most
// NarrativeMax characters.
func FuzzNarratives(f *testing.F) {
	for _, s := range []string{"", "Hej\r\nvärlden", "a\x00", "\xff", strings.Repeat("ö", 50), "  \t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := followup.NarrativesFrom(map[string]string{"introduction": s, "perspective_innovation": s})
		norm := n.Normalized()
		if !reflect.DeepEqual(norm.Normalized(), norm) {
			t.Fatalf("normalizing twice changes %q", s)
		}
		if bad := n.Validate(); bad == nil {
			if len([]rune(norm.Introduction)) > followup.NarrativeMax || strings.ContainsRune(norm.Introduction, '\r') {
				t.Fatalf("accepted %q", s)
			}
		}
	})
}

// TestBuildReportComputedMethod: a computed indicator without a method
// text of its own shows how its computation measures it.
func TestBuildReportComputedMethod(t *testing.T) {
	t.Parallel()
	cs := followup.Computations()
	if len(cs) == 0 {
		t.Fatal("no computations")
	}
	c := cs[0]
	src := fullSources()
	src.indicators = []followup.IndicatorYear{{Indicator: followup.Indicator{Key: "x", Perspective: c.Perspective, Source: followup.Computed,
		Computation: c.Key, Measure: c.Measure, Direction: c.Direction}}}
	r, err := followup.Build(t.Context(), src, 2025, followup.Narratives{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Perspectives {
		if p.Perspective == c.Perspective && (len(p.Indicators) != 1 || p.Indicators[0].Method.SV == "" || p.Indicators[0].Method != c.Method) {
			t.Errorf("method = %+v, want %+v", p.Indicators, c.Method)
		}
	}
}

// TestYearEnded: a report may be issued once its year has ended in
// Swedish time, not before (also not on New Year's Eve in UTC when it is
// New Year's Day in Sweden the other way round).
func TestYearEnded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		year int
		now  time.Time
		want bool
	}{
		{2025, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), true},
		{2026, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), false},
		{2027, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), false},
		{2025, time.Date(2025, 12, 31, 22, 59, 0, 0, time.UTC), false}, // 23:59 in Stockholm
		{2025, time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), true},   // midnight in Stockholm
	}
	for _, tt := range tests {
		if got := followup.YearEnded(tt.year, tt.now); got != tt.want {
			t.Errorf("YearEnded(%d, %v) = %v, want %v", tt.year, tt.now, got, tt.want)
		}
	}
}
