package followup_test

import (
	"slices"
	"testing"
	"time"

	"sprang/internal/followup"
	"sprang/internal/identity"
)

// notUsedTree is a group (1) with a förvaltning (2) that has an avdelning
// (3), a second förvaltning (4) and a bolag (5).
func notUsedTree(t *testing.T) *identity.Tree {
	t.Helper()
	tree, err := identity.BuildTree([]identity.Unit{
		{ID: 1, Kind: identity.KindGroup, Slug: "koncernen", NameSV: "Koncernen"},
		{ID: 2, ParentID: 1, Kind: identity.KindForvaltning, Slug: "a-forv", NameSV: "A"},
		{ID: 3, ParentID: 2, Kind: identity.KindAvdelning, Slug: "a-avd", NameSV: "A avd"},
		{ID: 4, ParentID: 1, Kind: identity.KindForvaltning, Slug: "b-forv", NameSV: "B"},
		{ID: 5, ParentID: 1, Kind: identity.KindBolag, Slug: "c-bolag", NameSV: "C"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// figures returns the errand figures of service id of unit: errands in
// all, digital of them.
func figures(id, unit int64, errands, digital int) followup.ErrandFigures {
	return followup.ErrandFigures{ServiceID: id, UnitID: unit, Service: followup.Text{SV: "Tjänst"}, Errands: errands,
		ByChannel: map[string]int{followup.ChannelDigital: digital, followup.ChannelPaper: errands - digital}}
}

// TestNotUsedFully checks each kind of finding at and around its
// threshold, and the order of the list.
func TestNotUsedFully(t *testing.T) {
	t.Parallel()
	tree := notUsedTree(t)
	yearEnd := time.Date(2026, 1, 1, 0, 0, 0, 0, followup.Location())
	published := func(unit int64, at time.Time) followup.Service {
		return followup.Service{ID: unit * 10, UnitID: unit, PublishedAt: at}
	}
	before := yearEnd.AddDate(0, -6, 0)
	// Every förvaltning and bolag has an e-service, so that cases about
	// other kinds list nothing of this one.
	everyone := []followup.Service{published(3, before), published(4, before), published(5, before)}
	type want struct {
		kind     followup.FindingKind
		unit     int64
		service  int64
		area     string
		measured float64
		count    int
		of       int
	}
	tests := []struct {
		name string
		in   followup.NotUsedInput
		want []want
	}{
		{name: "nothing to find", in: followup.NotUsedInput{EServices: everyone}},
		{name: "analog share just over the limit is listed, at it is not (the rule of analoga-tjanster)",
			in: followup.NotUsedInput{EServices: everyone, Services: []followup.ErrandFigures{
				figures(1, 2, 10, 4), // 60 % analog of 10: listed
				figures(2, 2, 10, 5), // 50 %: half digital, not mostly analog
				figures(3, 4, 20, 2), // 90 %: listed first
			}},
			want: []want{{kind: followup.FindingAnalogService, unit: 4, service: 3, measured: 0.9, count: 18, of: 20},
				{kind: followup.FindingAnalogService, unit: 2, service: 1, measured: 0.6, count: 6, of: 10}}},
		{name: "too few errands are not judged, the fewest judged are",
			in: followup.NotUsedInput{EServices: everyone, Services: []followup.ErrandFigures{
				figures(1, 2, followup.MinErrandsForShare-1, 0), figures(2, 2, followup.MinErrandsForShare, 0)}},
			want: []want{{kind: followup.FindingAnalogService, unit: 2, service: 2, measured: 1, count: 5, of: 5}}},
		{name: "a unit without e-services, the avdelning's counting for its förvaltning",
			in: followup.NotUsedInput{EServices: []followup.Service{published(3, before),
				published(5, yearEnd), // published after the year: does not count
				{ID: 9, UnitID: 4}}},  // never published
			want: []want{{kind: followup.FindingNoEServices, unit: 4}, {kind: followup.FindingNoEServices, unit: 5}}},
		{name: "maturity under the limit, lowest first",
			in: followup.NotUsedInput{EServices: everyone, Maturity: []followup.MaturityScore{
				{UnitID: 2, Total: 39.9, Capability: 30, Heritage: 49.8}, {UnitID: 4, Total: 40}, {UnitID: 5, Total: 12}}},
			want: []want{{kind: followup.FindingLowMaturity, unit: 5, measured: 12}, {kind: followup.FindingLowMaturity, unit: 2, measured: 39.9}}},
		{name: "competence gaps only where enough answered",
			in: followup.NotUsedInput{EServices: everyone, Competence: []followup.UnitAreas{
				{UnitID: 0, Areas: []followup.AreaSummary{
					{Area: "1", Respondents: 40, MeanLevel: 4.2},
					{Area: "4", Respondents: 40, MeanLevel: 2.9}}},
				{UnitID: 2, Areas: []followup.AreaSummary{
					{Area: "4", Respondents: 5, MeanLevel: 2.5},
					{Area: "5", Respondents: 4, MeanLevel: 1.0},
					{Area: "3", Suppressed: true},
					{Area: "2", Respondents: 7, MeanLevel: 3}}},
			}},
			want: []want{{kind: followup.FindingCompetenceGap, unit: 2, area: "4", measured: 2.5, of: 5},
				{kind: followup.FindingCompetenceGap, unit: 0, area: "4", measured: 2.9, of: 40}}},
		{name: "kinds in order",
			in: followup.NotUsedInput{EServices: everyone[1:],
				Competence: []followup.UnitAreas{{UnitID: 4, Areas: []followup.AreaSummary{{Area: "1", Respondents: 6, MeanLevel: 1}}}},
				Maturity:   []followup.MaturityScore{{UnitID: 4, Total: 10}},
				Services:   []followup.ErrandFigures{figures(7, 5, 12, 0)}},
			want: []want{{kind: followup.FindingAnalogService, unit: 5, service: 7, measured: 1, count: 12, of: 12},
				{kind: followup.FindingNoEServices, unit: 2},
				{kind: followup.FindingLowMaturity, unit: 4, measured: 10},
				{kind: followup.FindingCompetenceGap, unit: 4, area: "1", measured: 1, of: 6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.in.Tree, tt.in.YearEnd = tree, yearEnd
			got := followup.NotUsedFully(tt.in)
			var short []want
			for _, f := range got {
				short = append(short, want{kind: f.Kind, unit: f.UnitID, service: f.ServiceID, area: f.Area,
					measured: f.Measured, count: f.Count, of: f.Of})
			}
			if !slices.Equal(short, tt.want) {
				t.Errorf("findings\n got %+v\nwant %+v", short, tt.want)
			}
		})
	}
}

// TestNotUsedFullyFigures checks that a finding carries its threshold
// and the figures behind it.
func TestNotUsedFullyFigures(t *testing.T) {
	t.Parallel()
	tree := notUsedTree(t)
	got := followup.NotUsedFully(followup.NotUsedInput{Tree: tree, YearEnd: time.Now(),
		Maturity: []followup.MaturityScore{{UnitID: 2, Total: 30, Capability: 20, Heritage: 40}},
		Services: []followup.ErrandFigures{figures(1, 2, 10, 1)}})
	thresholds := map[followup.FindingKind]float64{followup.FindingAnalogService: followup.NotUsedAnalogShare,
		followup.FindingNoEServices: 1, followup.FindingLowMaturity: followup.NotUsedLowMaturity}
	for _, f := range got {
		if f.Threshold != thresholds[f.Kind] {
			t.Errorf("%s: threshold %v, want %v", f.Kind, f.Threshold, thresholds[f.Kind])
		}
		if f.Kind == followup.FindingLowMaturity && (f.Capability != 20 || f.Heritage != 40) {
			t.Errorf("maturity finding without its dimensions: %+v", f)
		}
		if f.Kind == followup.FindingAnalogService && f.Service.SV != "Tjänst" {
			t.Errorf("analog finding without its service's name: %+v", f)
		}
	}
	if len(got) != 5 { // the service, three units without e-services, the maturity
		t.Errorf("%d findings, want 5: %+v", len(got), got)
	}
}
