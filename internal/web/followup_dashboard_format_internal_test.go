package web

import (
	"strings"
	"testing"

	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// TestFigureFormatOneFormatter checks that the dashboard, its CSV and the
// report write a small figure with at least two significant digits, with
// the language's decimal sign, by the one formatter.
func TestFigureFormatOneFormatter(t *testing.T) {
	t.Parallel()
	sv := &view{Lang: i18n.Swedish, cat: i18n.MustLoad()}
	en := &view{Lang: i18n.English, cat: i18n.MustLoad()}
	tests := []struct {
		m             followup.Measure
		f             float64
		dash, csv, rp string // in Swedish
		dashEN        string
	}{
		{followup.MeasureGramCO2, 4.3e-4, "0,00043", "0,00043", "0,00043", "0.00043"},
		{followup.MeasureShare, 0.724, "72,4", "72,4", "72,4", "72.4"},
		{followup.MeasureSEK, 1234567, "1\u00a0234\u00a0567", "1234567", "1\u00a0234\u00a0567", "1,234,567"},
		{followup.MeasureKgCO2, 0.3, "0,30", "0,30", "0,30", "0.30"},
	}
	for _, tt := range tests {
		if got := dashFormat(sv, tt.m, tt.f); !strings.Contains(got, tt.dash) {
			t.Errorf("dashFormat(%s, %v) = %q, want %q in it", tt.m, tt.f, got, tt.dash)
		}
		if got := dashFormat(en, tt.m, tt.f); !strings.Contains(got, tt.dashEN) {
			t.Errorf("dashFormat en (%s, %v) = %q, want %q in it", tt.m, tt.f, got, tt.dashEN)
		}
		if got := figureCSV(i18n.Swedish, tt.m, tt.f); got != tt.csv {
			t.Errorf("figureCSV(%s, %v) = %q, want %q", tt.m, tt.f, got, tt.csv)
		}
		if got := reportFormat(sv, tt.m, tt.f); !strings.Contains(got, tt.rp) {
			t.Errorf("reportFormat(%s, %v) = %q, want %q in it", tt.m, tt.f, got, tt.rp)
		}
	}
}

// TestDashStatusPending checks that a year-to-date count with a target
// says it is judged when the year has ended, and that an ended year's is
// judged.
func TestDashStatusPending(t *testing.T) {
	t.Parallel()
	v := &view{Lang: i18n.Swedish, cat: i18n.MustLoad()}
	ind := followup.Indicator{Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Targets: []followup.Target{{Year: 2026, Value: 100}}}
	val := followup.Value{Period: followup.YearPeriod(2026), Value: 3, Known: true, Partial: true}
	if st := dashStatusOf(v, ind, val); st.Text != "Bedöms när året är slut" || st.Key != followup.NoStatus {
		t.Errorf("a partial count: %+v", st)
	}
	val.Partial = false
	if st := dashStatusOf(v, ind, val); st.Key != followup.OffTrack {
		t.Errorf("an ended year's count: %+v", st)
	}
	row := followup.RowOf(ind, followup.Value{Indicator: "k", Period: followup.YearPeriod(2026), Value: 3, Known: true, Partial: true})
	line := dashCSVLine(v, mustTree(t), row)
	if !strings.Contains(strings.Join(line, ";"), "Bedöms när året är slut") {
		t.Errorf("the CSV line of a partial count does not say why it has no status: %q", line)
	}
}

// TestNotUsedServiceShares checks the section of every service's digital
// share: in the tree's order, the share hidden below followup.MinGroup
// errands, services without errands left out.
func TestNotUsedServiceShares(t *testing.T) {
	t.Parallel()
	v := &view{Lang: i18n.Swedish, cat: i18n.MustLoad()}
	tree := mustTree(t)
	fig := func(svc, unit int64, title string, errands, digital int) followup.ErrandFigures {
		return followup.ErrandFigures{ServiceID: svc, UnitID: unit, Service: followup.Text{SV: title}, Errands: errands,
			ByChannel: map[string]int{followup.ChannelDigital: digital}}
	}
	sec := notUsedServiceShares(v, tree, []followup.ErrandFigures{
		fig(1, 3, "Bygglov", 10, 9), fig(2, 2, "Färdtjänst", 4, 1), fig(3, 2, "Bostadsanpassning", 8, 2), fig(4, 2, "Tom", 0, 0)}, false)
	var got []string
	for _, r := range sec.Rows {
		got = append(got, r.Unit.Text+"|"+r.Figures[0].Text+"|"+r.Figures[1].Text+"|"+r.Figures[2].Text+"|"+r.Figures[3].Text)
	}
	want := []string{"Bygg|Bygglov|10|9|90,0\u00a0%", // the tree's order: Bygg before Social
		"Social|Bostadsanpassning|8|2|25,0\u00a0%", "Social|Färdtjänst|4|1|" + v.T("followup.dashboard.reason.suppressed")}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	if len(sec.Head) != 4 || sec.Unavailable {
		t.Errorf("section %+v", sec)
	}
}

// mustTree is a group (1) with a förvaltning Social (2) and a bolag Bygg
// (3).
func mustTree(t *testing.T) *identity.Tree {
	t.Helper()
	tree, err := identity.BuildTree([]identity.Unit{{ID: 1, Slug: "koncernen", NameSV: "Koncernen"},
		{ID: 2, ParentID: 1, Slug: "social", NameSV: "Social", Kind: identity.KindForvaltning},
		{ID: 3, ParentID: 1, Slug: "bygg", NameSV: "Bygg", Kind: identity.KindBolag}})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
