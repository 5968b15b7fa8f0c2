package web

import (
	"context"

	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// reportSources implements followup.ReportSources over the store and
// the follow-up's engine, for the organization tree. A source the
// follow-up's Sources leave nil (a module that does not exist) answers
// followup.ErrNotAvailable, so the report says so.
type reportSources struct {
	s    *Server
	tree *identity.Tree
}

// reportSourcesOf returns the report's sources over tree.
func (s *Server) reportSourcesOf(tree *identity.Tree) reportSources {
	return reportSources{s: s, tree: tree}
}

// allUnits returns the id of every unit of the tree.
func (rs reportSources) allUnits() []int64 {
	out := make([]int64, 0, rs.tree.Len())
	for _, n := range rs.tree.Walk() {
		out = append(out, n.ID)
	}
	return out
}

// ReportUnits returns every unit's name.
func (rs reportSources) ReportUnits(context.Context) (map[int64]followup.Text, error) {
	out := map[int64]followup.Text{}
	for _, n := range rs.tree.Walk() {
		out[n.ID] = followup.Text{SV: n.NameSV, EN: n.NameEN}
	}
	return out, nil
}

// ReportIndicators returns the public indicators (an issued report is
// public) with their values for the group as a whole in year and the
// year before.
func (rs reportSources) ReportIndicators(ctx context.Context, year int) ([]followup.IndicatorYear, error) {
	inds, err := rs.s.db.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	engine := rs.s.followupEngine(rs.tree)
	periods := []followup.Period{followup.YearPeriod(year - 1), followup.YearPeriod(year)}
	var out []followup.IndicatorYear
	for _, ind := range inds {
		if !ind.Public {
			continue
		}
		vs, err := engine.Values(ctx, ind, []int64{0}, periods)
		if err != nil {
			return nil, err
		}
		row := followup.IndicatorYear{Indicator: ind}
		if len(vs) == 2 {
			row.Previous, row.Value = vs[0], vs[1]
		}
		out = append(out, row)
	}
	return out, nil
}

// ReportInitiatives returns every initiative with its benefits.
func (rs reportSources) ReportInitiatives(ctx context.Context, _ int) ([]followup.ReportInitiative, error) {
	if rs.s.follow.Portfolio == nil {
		return nil, followup.ErrNotAvailable
	}
	all, err := rs.s.db.Initiatives(ctx, followup.InitiativeFilter{})
	if err != nil {
		return nil, err
	}
	out := make([]followup.ReportInitiative, 0, len(all))
	for _, in := range all {
		owner, _ := rs.tree.Unit(in.OwnerUnitID)
		ri := followup.ReportInitiative{ID: in.ID, Title: followup.Text{SV: in.Title}, Owner: followup.Text{SV: owner.NameSV, EN: owner.NameEN},
			Status: in.Status, Perspectives: in.Perspectives, Start: in.Start, End: in.End}
		for _, b := range in.Benefits {
			ri.Benefits = append(ri.Benefits, followup.ReportBenefit{Date: b.Date, Description: b.Description, ValueSEK: b.ValueSEK, IndicatorKey: b.IndicatorKey})
		}
		out = append(out, ri)
	}
	return out, nil
}

// ReportMaturity returns every unit's maturity assessment of year.
func (rs reportSources) ReportMaturity(ctx context.Context, year int) ([]followup.MaturityScore, error) {
	src := rs.s.follow.Maturity
	if src == nil {
		return nil, followup.ErrNotAvailable
	}
	return src.MaturityScores(ctx, rs.allUnits(), year)
}

// ReportCompetence returns the DigComp areas of the group as a whole.
func (rs reportSources) ReportCompetence(ctx context.Context, year int) ([]followup.ReportArea, error) {
	if rs.s.follow.Competence == nil {
		return nil, followup.ErrNotAvailable
	}
	areas, err := rs.s.db.CompetenceAreas(ctx, rs.allUnits(), year)
	if err != nil {
		return nil, err
	}
	out := make([]followup.ReportArea, 0, len(areas))
	for _, a := range areas {
		out = append(out, followup.ReportArea(a))
	}
	return out, nil
}

// ReportFindings returns where digitalization was not used fully in
// year, each finding's subject and figures in Swedish and English.
func (rs reportSources) ReportFindings(ctx context.Context, year int) ([]followup.ReportFinding, error) {
	findings, err := rs.s.notUsedFully(ctx, rs.tree, year)
	if err != nil {
		return nil, err
	}
	sv, en := rs.langView(i18n.Swedish), rs.langView(i18n.English)
	out := make([]followup.ReportFinding, 0, len(findings))
	for _, f := range findings {
		out = append(out, followup.ReportFinding{Kind: string(f.Kind),
			Subject: followup.Text{SV: rs.findingSubject(sv, f), EN: rs.findingSubject(en, f)},
			Detail:  followup.Text{SV: findingDetail(sv, f), EN: findingDetail(en, f)}})
	}
	return out, nil
}

// langView is a view in language l, to write texts of a snapshot in both
// languages.
func (rs reportSources) langView(l i18n.Lang) *view { return &view{Lang: l, cat: rs.s.cat} }

// findingSubject says what a finding is about: the service and its unit,
// the unit, or the area and its unit (the group as a whole for 0).
func (rs reportSources) findingSubject(v *view, f followup.Finding) string {
	unit := v.T("followup.report.whole_group")
	if u, ok := rs.tree.Unit(f.UnitID); ok {
		unit = u.Name(string(v.Lang))
	}
	switch f.Kind {
	case followup.FindingAnalogService:
		return v.T("followup.report.finding.of_unit", f.Service.In(string(v.Lang)), unit)
	case followup.FindingCompetenceGap:
		return v.T("followup.report.finding.of_unit", f.AreaName.In(string(v.Lang)), unit)
	}
	return unit
}

// findingDetail writes the figures behind a finding.
func findingDetail(v *view, f followup.Finding) string {
	switch f.Kind {
	case followup.FindingAnalogService:
		return v.T("followup.report.finding.analog_detail", reportFormat(v, followup.MeasureShare, f.Measured),
			i18n.Number(v.Lang, int64(f.Count)), i18n.Number(v.Lang, int64(f.Of)), reportFormat(v, followup.MeasureShare, f.Threshold))
	case followup.FindingNoEServices:
		return v.T("followup.report.finding.no_eservices_detail")
	case followup.FindingLowMaturity:
		return v.T("followup.report.finding.maturity_detail", reportFormat(v, followup.MeasurePercent, f.Measured),
			reportFormat(v, followup.MeasurePercent, f.Capability), reportFormat(v, followup.MeasurePercent, f.Heritage),
			reportFormat(v, followup.MeasurePercent, f.Threshold))
	case followup.FindingCompetenceGap:
		return v.T("followup.report.finding.competence_detail", i18n.Decimal(v.Lang, f.Measured, 1),
			i18n.Number(v.Lang, int64(f.Of)), i18n.Decimal(v.Lang, f.Threshold, 1))
	}
	return ""
}

// ReportSources returns the sources of the yearly report over the
// current organization, for callers outside the web side (the demo
// issues last year's report with them; see demo.SeedReport).
func (s *Server) ReportSources(ctx context.Context) (followup.ReportSources, error) {
	tree, err := s.auth.Tree(ctx)
	if err != nil {
		return nil, err
	}
	return s.reportSourcesOf(tree), nil
}
