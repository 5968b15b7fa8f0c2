package followup

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"
)

// buildIndicators fills the perspectives with their indicators: every
// perspective is present, in the policy's order, even without indicators.
func (r *Report) buildIndicators(ctx context.Context, src ReportSources) error {
	for _, p := range Perspectives() {
		r.Perspectives = append(r.Perspectives, ReportPerspective{Perspective: p, Indicators: []ReportIndicator{}})
	}
	rows, err := src.ReportIndicators(ctx, r.Year)
	if r.IndicatorsAvailable, err = optional(err); err != nil || !r.IndicatorsAvailable {
		return err
	}
	for _, row := range rows {
		i := slices.IndexFunc(r.Perspectives, func(p ReportPerspective) bool { return p.Perspective == row.Indicator.Perspective })
		if i < 0 {
			continue
		}
		r.Perspectives[i].Indicators = append(r.Perspectives[i].Indicators, reportIndicator(row, r.Year))
	}
	return nil
}

// reportIndicator is row as the report of year shows it: the value's
// period is taken to be the year, whatever the source set; a computed
// indicator without a method text of its own gets its computation's.
func reportIndicator(row IndicatorYear, year int) ReportIndicator {
	ind := row.Indicator
	method := ind.Method
	if c, ok := ComputationByKey(ind.Computation); ok && ind.Source == Computed && method.SV == "" {
		method = c.Method
	}
	out := ReportIndicator{Key: ind.Key, Name: ind.Name, Method: method, Measure: ind.Measure,
		Direction: ind.Direction, Source: ind.Source,
		Value: reportValue(row.Value), Previous: reportValue(row.Previous)}
	out.Target, out.HasTarget = ind.TargetFor(year)
	v := row.Value
	v.Period = YearPeriod(year)
	out.Status = StatusOf(ind, v)
	return out
}

// reportValue is v as a report keeps it; a value that is not a number is
// not known.
func reportValue(v Value) ReportValue {
	if !v.Known || math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
		reason := v.Reason
		if reason == "" {
			reason = NoData
		}
		return ReportValue{Reason: reason}
	}
	return ReportValue{Known: true, Value: v.Value, Source: v.Source, Comment: v.Comment}
}

// buildInitiatives keeps the initiatives active in the year or with a
// benefit realized in it, each with the benefits of the year only, and
// sums those benefits.
func (r *Report) buildInitiatives(ctx context.Context, src ReportSources) error {
	all, err := src.ReportInitiatives(ctx, r.Year)
	r.Initiatives = InitiativeSummary{Items: []ReportInitiative{}}
	if r.Initiatives.Available, err = optional(err); err != nil || !r.Initiatives.Available {
		return err
	}
	from, to := YearPeriod(r.Year).Bounds(Location())
	for _, in := range all {
		in.Benefits = benefitsIn(in.Benefits, from, to)
		in.BenefitSEK = 0
		for _, b := range in.Benefits {
			in.BenefitSEK += b.ValueSEK
		}
		if len(in.Benefits) == 0 && !activeIn(in, from, to) {
			continue
		}
		r.Initiatives.Items = append(r.Initiatives.Items, in)
		r.Initiatives.Benefits += len(in.Benefits)
		r.Initiatives.BenefitSEK += in.BenefitSEK
	}
	return nil
}

// benefitsIn returns the benefits dated in [from, to), oldest first.
func benefitsIn(bs []ReportBenefit, from, to time.Time) []ReportBenefit {
	var out []ReportBenefit
	for _, b := range bs {
		if !b.Date.Before(from) && b.Date.Before(to) {
			out = append(out, b)
		}
	}
	slices.SortStableFunc(out, func(a, b ReportBenefit) int { return a.Date.Compare(b.Date) })
	return out
}

// activeIn reports whether in ran during [from, to): it started before
// the end (or has no start) and did not end before the start (or has no
// end). An idea or a stopped initiative without dates counts as active:
// the portfolio lists it as it stands.
func activeIn(in ReportInitiative, from, to time.Time) bool {
	return (in.Start.IsZero() || in.Start.Before(to)) && (in.End.IsZero() || !in.End.Before(from))
}

// buildMaturity pairs each unit's assessment of the year with the one of
// the year before, ordered by unit name, and takes the means.
func (r *Report) buildMaturity(ctx context.Context, src ReportSources, units map[int64]Text) error {
	r.Maturity = MaturitySummary{Units: []MaturityUnit{}}
	this, err := src.ReportMaturity(ctx, r.Year)
	if r.Maturity.Available, err = optional(err); err != nil || !r.Maturity.Available {
		return err
	}
	before, err := src.ReportMaturity(ctx, r.Year-1)
	if err != nil {
		return err
	}
	byUnit := map[int64]*MaturityUnit{}
	var order []int64
	add := func(scores []MaturityScore, set func(*MaturityUnit, MaturityFigure)) {
		for _, s := range scores {
			u, ok := byUnit[s.UnitID]
			if !ok {
				u = &MaturityUnit{Unit: units[s.UnitID]}
				byUnit[s.UnitID] = u
				order = append(order, s.UnitID)
			}
			set(u, MaturityFigure{Known: true, Capability: s.Capability, Heritage: s.Heritage, Total: s.Total})
		}
	}
	add(this, func(u *MaturityUnit, f MaturityFigure) { u.Year = f })
	add(before, func(u *MaturityUnit, f MaturityFigure) { u.Before = f })
	for _, id := range order {
		r.Maturity.Units = append(r.Maturity.Units, *byUnit[id])
	}
	slices.SortStableFunc(r.Maturity.Units, func(a, b MaturityUnit) int { return strings.Compare(a.Unit.SV, b.Unit.SV) })
	r.Maturity.Mean = meanMaturity(r.Maturity.Units, func(u MaturityUnit) MaturityFigure { return u.Year })
	r.Maturity.MeanBefore = meanMaturity(r.Maturity.Units, func(u MaturityUnit) MaturityFigure { return u.Before })
	return nil
}

// meanMaturity is the mean of the known figures of units picked by of.
func meanMaturity(units []MaturityUnit, of func(MaturityUnit) MaturityFigure) MaturityFigure {
	var sum MaturityFigure
	n := 0
	for _, u := range units {
		if f := of(u); f.Known {
			sum.Capability += f.Capability
			sum.Heritage += f.Heritage
			sum.Total += f.Total
			n++
		}
	}
	if n == 0 {
		return MaturityFigure{}
	}
	k := float64(n)
	return MaturityFigure{Known: true, Capability: sum.Capability / k, Heritage: sum.Heritage / k, Total: sum.Total / k}
}

// buildCompetence keeps the areas, hiding the figures of every group of
// fewer than MinGroup people whatever the source says.
func (r *Report) buildCompetence(ctx context.Context, src ReportSources) error {
	areas, err := src.ReportCompetence(ctx, r.Year)
	r.Competence = CompetenceOverview{MinGroup: MinGroup, Areas: []ReportArea{}}
	if r.Competence.Available, err = optional(err); err != nil || !r.Competence.Available {
		return err
	}
	for _, a := range areas {
		if a.Suppressed || a.Respondents < MinGroup {
			a = ReportArea{Area: a.Area, Name: a.Name, Suppressed: true}
		}
		r.Competence.Areas = append(r.Competence.Areas, a)
	}
	return nil
}

// buildFindings copies the "not used fully" list.
func (r *Report) buildFindings(ctx context.Context, src ReportSources) error {
	items, err := src.ReportFindings(ctx, r.Year)
	r.NotUsedFully = FindingList{Items: []ReportFinding{}}
	if r.NotUsedFully.Available, err = optional(err); err != nil || !r.NotUsedFully.Available {
		return err
	}
	r.NotUsedFully.Items = append(r.NotUsedFully.Items, items...)
	return nil
}
