package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// Where digitalization is not used fully (GET
// /personal/uppfoljning/ej-fullt-utnyttjat?ar=2026): the findings of
// followup.NotUsedFully for a year, kind by kind, each with the figures
// behind it and the threshold it crossed. The input is gathered here from
// the follow-up's sources: the errand figures per service and the
// e-services (the follow-up's ErrandSource), the maturity
// self-assessments (db.MaturityScores), and the DigComp areas per
// förvaltning and bolag and of the group as a whole (db.CompetenceAreas,
// which hides areas fewer than followup.MinGroup answered). A source
// that does not exist is not a finding of nothing: its part of the list
// says the data is not available.

// notUsedGathered is the input of NotUsedFully for a year and the kinds
// whose source is not available (the errands, when the follow-up is run
// without them), so the page can say so rather than show an empty list.
type notUsedGathered struct {
	input       followup.NotUsedInput
	unavailable map[followup.FindingKind]bool
}

// notUsedFully returns where digitalization is not used fully in year,
// over the organization tree: the findings of the sources that exist.
func (s *Server) notUsedFully(ctx context.Context, tree *identity.Tree, year int) ([]followup.Finding, error) {
	g, err := s.notUsedGather(ctx, tree, year)
	if err != nil {
		return nil, err
	}
	return followup.NotUsedFully(g.input), nil
}

// notUsedGather reads what NotUsedFully judges for year.
func (s *Server) notUsedGather(ctx context.Context, tree *identity.Tree, year int) (notUsedGathered, error) {
	from, to := followup.YearPeriod(year).Bounds(followup.Location())
	g := notUsedGathered{input: followup.NotUsedInput{Tree: tree, YearEnd: to}, unavailable: map[followup.FindingKind]bool{}}
	all := make([]int64, 0, tree.Len())
	for _, n := range tree.Walk() {
		all = append(all, n.ID)
	}
	if err := s.notUsedErrands(ctx, &g, all, from, to); err != nil {
		return g, err
	}
	scores, err := s.db.MaturityScores(ctx, all, year)
	if err != nil {
		return g, err
	}
	g.input.Maturity = scores
	return g, s.notUsedCompetence(ctx, &g, tree, all, year)
}

// notUsedErrands reads the year's errand figures per service and the
// e-services into g.
func (s *Server) notUsedErrands(ctx context.Context, g *notUsedGathered, all []int64, from, to time.Time) error {
	src := s.follow.Errands
	if src == nil {
		g.unavailable[followup.FindingAnalogService] = true
		g.unavailable[followup.FindingNoEServices] = true
		return nil
	}
	rows, err := src.ErrandFigures(ctx, followup.ErrandQuery{UnitIDs: all, From: from, To: to, Group: followup.PerService})
	if err != nil {
		return err
	}
	services, err := src.Services(ctx)
	if err != nil {
		return err
	}
	g.input.Services, g.input.EServices = rows, services
	return nil
}

// notUsedCompetence reads the year's DigComp areas of the group as a
// whole and of each förvaltning and bolag (with its sub-units) into g.
// The year's tallies are read (and decrypted) once and summarized per
// unit set, under the same k ≥ 5 rule as db.CompetenceAreas.
func (s *Server) notUsedCompetence(ctx context.Context, g *notUsedGathered, tree *identity.Tree, all []int64, year int) error {
	ts, err := s.db.CompetenceTallies(ctx, year)
	if err != nil {
		return err
	}
	areasOf := func(units []int64) []followup.AreaSummary {
		return followup.SummarizeAreas(followup.FilterTallies(ts, append([]int64{}, units...), ""))
	}
	g.input.Competence = append(g.input.Competence, followup.UnitAreas{UnitID: 0, Areas: areasOf(all)})
	for _, n := range tree.Walk() {
		if n.Kind != identity.KindForvaltning && n.Kind != identity.KindBolag {
			continue
		}
		g.input.Competence = append(g.input.Competence, followup.UnitAreas{UnitID: n.ID, Areas: areasOf(tree.Subtree(n.ID))})
	}
	return nil
}

// notUsedPage is the page: the year's choice and a section per kind.
type notUsedPage struct {
	Years    []caseOption
	Year     int
	Sections []notUsedSection
	Back     string
}

// notUsedSection is one kind of finding: its heading, what it lists (with
// the threshold), and its rows, or that its data is not available yet.
type notUsedSection struct {
	Kind        followup.FindingKind
	ID          string
	Heading     string
	Help        string
	Unavailable bool
	Head        []string // the table's column headers after the unit
	Rows        []notUsedRow
}

// notUsedRow is one finding: its unit and the figures behind it.
type notUsedRow struct {
	Unit    unitName
	Figures []unitName // with their language where a name is not in the page's
}

// handleNotUsedFully shows where digitalization is not used fully in the
// chosen year (this year by default), to anyone who may view the
// follow-up.
func (s *Server) handleNotUsedFully(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal() // aggregates per service and unit
	v.Title = v.T("followup.dashboard.notused.title")
	v.Form = map[string]string{"ar": strings.TrimSpace(r.URL.Query().Get("ar"))}
	year := s.thisYear()
	p := notUsedPage{Years: dashYearOptions(year), Year: year, Back: dashStaff.base}
	if y := v.Form["ar"]; y != "" {
		if !caseHasOption(p.Years, y) {
			v.Form["ar"] = strings.ToValidUTF8(y, "\uFFFD")
			showErrors(v, sprang.FieldErrors(map[string]string{"ar": msgDashYear}), "ar")
			s.renderStatus(w, r, http.StatusUnprocessableEntity, "followup_dashboard_notused", v.with(p))
			return
		}
		p.Year, _ = strconv.Atoi(y)
	}
	g, err := s.notUsedGather(r.Context(), acc.Tree, p.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Sections = notUsedSections(v, acc.Tree, followup.NotUsedFully(g.input), g.unavailable)
	p.Sections = append(p.Sections, notUsedServiceShares(v, acc.Tree, g.input.Services, g.unavailable[followup.FindingAnalogService]))
	s.render(w, r, "followup_dashboard_notused", v.with(p))
}

// notUsedSections returns the findings as the page's sections, one per
// kind in order.
func notUsedSections(v *view, tree *identity.Tree, findings []followup.Finding, unavailable map[followup.FindingKind]bool) []notUsedSection {
	var out []notUsedSection
	for _, k := range followup.FindingKinds() {
		sec := notUsedSection{Kind: k, ID: "ej-" + strings.ReplaceAll(string(k), "_", "-"),
			Heading: v.T("followup.dashboard.notused." + string(k) + ".heading"), Unavailable: unavailable[k]}
		switch k {
		case followup.FindingAnalogService:
			sec.Help = v.T("followup.dashboard.notused.analog_service.help", int(followup.NotUsedAnalogShare*100), followup.NotUsedMinErrands)
		case followup.FindingLowMaturity:
			sec.Help = v.T("followup.dashboard.notused.low_maturity.help", int(followup.NotUsedLowMaturity))
		case followup.FindingCompetenceGap:
			sec.Help = v.T("followup.dashboard.notused.competence_gap.help", i18n.Decimal(v.Lang, followup.NotUsedCompetenceGap, 0), followup.MinGroup)
		default:
			sec.Help = v.T("followup.dashboard.notused." + string(k) + ".help")
		}
		for _, c := range notUsedColumns[k] {
			sec.Head = append(sec.Head, v.T("followup.dashboard.notused.col."+c))
		}
		for _, f := range findings {
			if f.Kind == k {
				sec.Rows = append(sec.Rows, notUsedRow{Unit: dashUnitName(v, tree, f.UnitID), Figures: notUsedFigures(v, f)})
			}
		}
		out = append(out, sec)
	}
	return out
}

// notUsedColumns are the columns of each kind's table after the unit.
var notUsedColumns = map[followup.FindingKind][]string{
	followup.FindingAnalogService: {"service", "errands", "analog", "analog_share", "threshold"},
	followup.FindingNoEServices:   {"eservices", "threshold_eservices"},
	followup.FindingLowMaturity:   {"maturity", "capability", "heritage", "threshold"},
	followup.FindingCompetenceGap: {"area", "respondents", "mean_level", "threshold"},
}

// notUsedFigures returns a finding's figures in the order of its kind's
// columns.
func notUsedFigures(v *view, f followup.Finding) []unitName {
	pct := func(x float64) unitName {
		return unitName{Text: v.T("followup.dashboard.measure.percent", i18n.Decimal(v.Lang, x, 0))}
	}
	count := func(n int) unitName { return unitName{Text: i18n.Number(v.Lang, int64(n))} }
	switch f.Kind {
	case followup.FindingAnalogService:
		return []unitName{v.inLang(f.Service.SV, f.Service.EN), count(f.Of), count(f.Count), pct(f.Measured * 100), pct(f.Threshold * 100)}
	case followup.FindingNoEServices:
		return []unitName{count(f.Of), {Text: v.T("followup.dashboard.notused.at_least", int(f.Threshold))}}
	case followup.FindingLowMaturity:
		return []unitName{pct(f.Measured), pct(f.Capability), pct(f.Heritage), pct(f.Threshold)}
	}
	area := v.inLang(f.AreaName.SV, f.AreaName.EN)
	area.Text = f.Area + ". " + area.Text
	return []unitName{area, count(f.Of), {Text: i18n.Decimal(v.Lang, f.Measured, 1)}, {Text: i18n.Decimal(v.Lang, f.Threshold, 0)}}
}

// notUsedServiceShares returns the section of every service's digital
// share in the year (the indicator digital-andel per service), in the
// tree's order of units and then by service: its errands, those that came
// digitally and their share, the share hidden (as the engine hides it)
// for a service with fewer than followup.MinGroup errands.
func notUsedServiceShares(v *view, tree *identity.Tree, rows []followup.ErrandFigures, unavailable bool) notUsedSection {
	sec := notUsedSection{ID: "digital-andel-per-tjanst", Heading: v.T("followup.dashboard.notused.service_shares.heading"),
		Help: v.T("followup.dashboard.notused.service_shares.help", followup.MinGroup), Unavailable: unavailable}
	for _, c := range []string{"service", "errands", "digital", "digital_share"} {
		sec.Head = append(sec.Head, v.T("followup.dashboard.notused.col."+c))
	}
	order := map[int64]int{}
	for i, n := range tree.Walk() {
		order[n.ID] = i
	}
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b followup.ErrandFigures) int {
		return cmp.Or(cmp.Compare(order[a.UnitID], order[b.UnitID]), i18n.Compare(a.Service.In(string(v.Lang)), b.Service.In(string(v.Lang))),
			cmp.Compare(a.ServiceID, b.ServiceID))
	})
	for _, r := range sorted {
		if r.Errands == 0 {
			continue
		}
		digital := r.ByChannel[followup.ChannelDigital]
		share := unitName{Text: v.T("followup.dashboard.reason.suppressed")}
		if r.Errands >= followup.MinGroup {
			share.Text = dashFormat(v, followup.MeasureShare, float64(digital)/float64(r.Errands))
		}
		sec.Rows = append(sec.Rows, notUsedRow{Unit: dashUnitName(v, tree, r.UnitID), Figures: []unitName{
			v.inLang(r.Service.SV, r.Service.EN), {Text: i18n.Number(v.Lang, int64(r.Errands))},
			{Text: i18n.Number(v.Lang, int64(digital))}, share}})
	}
	return sec
}
