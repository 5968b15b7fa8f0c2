package web

import (
	"context"

	"sprang/internal/followup"
	"sprang/internal/identity"
)

// dashPage is a dashboard: the filter's choices, the unit and year shown,
// the perspectives with their counts, and the chosen perspective's
// indicators.
type dashPage struct {
	Base  string // the dashboard's path
	Staff bool
	Units []caseOption
	Years []caseOption
	// PerspectiveOptions are the filter's perspectives: the first (none
	// chosen) and each by name.
	PerspectiveOptions []caseOption
	Unit               unitName // the unit shown (the group as a whole by name)
	Year               int
	Perspectives       []dashPerspective
	Perspective        dashPerspective // the one shown
	Indicators         []dashIndicator
	DrillHead          string // the drill-down tables' unit column, "" when the unit has no sub-units
	CSV                string // the CSV export of the filter
}

// dashPerspective is a perspective's link with how many of its
// indicators are on track, at risk and off track in the year.
type dashPerspective struct {
	Key                      followup.Perspective
	Name                     string
	Href                     string
	Current                  bool
	Indicators               int
	OnTrack, AtRisk, Off, No int
}

// dashIndicator is one indicator on the dashboard.
type dashIndicator struct {
	Key    string
	Name   unitName
	Href   string // its indicator page, for the unit and year
	Value  dashCell
	Target string // "" when it has no target for the year
	Status dashStatus
	Trend  chart
	Drill  []dashDrillRow
}

// dashCell is a value as a page shows it: the figure, or why there is
// none (Known false).
type dashCell struct {
	Text  string
	Known bool
}

// dashStatus is a status in words with its mark: a symbol and a class
// that tell it apart without colour.
type dashStatus struct {
	Key   followup.Status
	Text  string
	Mark  string
	Class string
}

// dashDrillRow is a sub-unit's value in the drill-down table, linking to
// the unit's own dashboard.
type dashDrillRow struct {
	Unit   unitName
	Href   string
	Value  dashCell
	Status dashStatus
}

// dashLoad fills p with what f asks for: every perspective's counts for
// the year, and the chosen perspective's indicators with their trends and
// sub-units.
func (s *Server) dashLoad(ctx context.Context, v *view, sc dashScope, tree *identity.Tree, f dashFilter, inds []followup.Indicator, p *dashPage) error {
	e := s.dashEngine(tree)
	p.Year, p.Unit = f.year, dashUnitName(v, tree, f.unit)
	p.CSV = sc.base + "/indikatorer.csv" + dashQuery(f.unit, f.year, "")
	if f.perspective == "" {
		f.perspective = dashFirstPerspective(inds)
	}
	children := dashChildren(tree, f.unit)
	if len(children) > 0 {
		p.DrillHead = v.T("followup.dashboard.drill.unit")
	}
	trend := followup.Years(f.year-dashYears+1, f.year)
	e, err := s.dashPrefetch(ctx, e, dashBlock{[]int64{f.unit}, trend}, dashBlock{children, trend[len(trend)-1:]})
	if err != nil {
		return err
	}
	statuses := make([]followup.Status, len(inds))
	shown := make([]*dashIndicator, len(inds))
	err = dashEach(len(inds), func(i int) error {
		ind := inds[i]
		periods := trend
		if ind.Perspective != f.perspective {
			periods = trend[len(trend)-1:] // only the year's status counts
		}
		vs, err := e.Values(ctx, ind, []int64{f.unit}, periods)
		if err != nil || len(vs) == 0 {
			return err
		}
		statuses[i] = followup.StatusOf(ind, vs[len(vs)-1])
		if ind.Perspective == f.perspective {
			di, err := s.dashIndicatorOf(ctx, v, sc, e, tree, f, ind, vs, children)
			shown[i] = &di
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, pv := range followup.Perspectives() {
		link := dashPerspective{Key: pv, Name: v.T("followup.dashboard.perspective." + string(pv)),
			Href: sc.base + dashQuery(f.unit, f.year, pv), Current: pv == f.perspective}
		for i, ind := range inds {
			if ind.Perspective == pv {
				link.count(statuses[i])
			}
		}
		if link.Current {
			p.Perspective = link
		}
		p.Perspectives = append(p.Perspectives, link)
	}
	for _, di := range shown {
		if di != nil {
			p.Indicators = append(p.Indicators, *di)
		}
	}
	return nil
}

// count counts an indicator of the perspective with status st.
func (d *dashPerspective) count(st followup.Status) {
	d.Indicators++
	switch st {
	case followup.OnTrack:
		d.OnTrack++
	case followup.AtRisk:
		d.AtRisk++
	case followup.OffTrack:
		d.Off++
	default:
		d.No++
	}
}

// dashIndicatorOf returns ind as the dashboard shows it: its value of
// f's year (the last of trend), its trend chart, and the values of the
// sub-units in children.
func (s *Server) dashIndicatorOf(ctx context.Context, v *view, sc dashScope, e followup.Engine, tree *identity.Tree,
	f dashFilter, ind followup.Indicator, trend []followup.Value, children []int64) (dashIndicator, error) {
	row := followup.RowOf(ind, trend[len(trend)-1])
	di := dashIndicator{Key: ind.Key, Name: v.inLang(ind.Name.SV, ind.Name.EN),
		Href:  sc.base + "/indikatorer/" + ind.Key + dashQuery(f.unit, f.year, ""),
		Value: dashValue(v, ind, row.Value), Status: dashStatusOf(v, ind, row.Value)}
	if row.HasTarget {
		di.Target = dashFormat(v, ind.Measure, row.Target)
	}
	di.Trend = dashTrendChart(v, "trend-"+ind.Key, ind, dashUnitName(v, tree, f.unit).Text, trend)
	if len(children) == 0 {
		return di, nil
	}
	vs, err := e.Values(ctx, ind, children, []followup.Period{followup.YearPeriod(f.year)})
	if err != nil {
		return di, err
	}
	for _, cv := range vs {
		u, _ := tree.Unit(cv.UnitID)
		di.Drill = append(di.Drill, dashDrillRow{Unit: v.UnitName(u), Href: sc.base + dashQuery(cv.UnitID, f.year, ind.Perspective),
			Value: dashValue(v, ind, cv), Status: dashStatusOf(v, ind, cv)})
	}
	return di, nil
}

// dashFirstPerspective returns the first perspective that has
// indicators, or the first perspective when none has.
func dashFirstPerspective(inds []followup.Indicator) followup.Perspective {
	for _, pv := range followup.Perspectives() {
		for _, ind := range inds {
			if ind.Perspective == pv {
				return pv
			}
		}
	}
	return followup.Perspectives()[0]
}

// dashChildren returns the sub-units the drill-down shows for unit: the
// units right under the group (its förvaltningar and bolag) for the
// group as a whole, else the unit's own children.
func dashChildren(tree *identity.Tree, unit int64) []int64 {
	var units []identity.Unit
	if unit == 0 {
		for _, r := range tree.Roots() {
			units = append(units, tree.Children(r.ID)...)
		}
	} else {
		units = tree.Children(unit)
	}
	out := make([]int64, len(units))
	for i, u := range units {
		out[i] = u.ID
	}
	return out
}

// dashUnitName returns the name of unit, the group's (the root's) for 0.
func dashUnitName(v *view, tree *identity.Tree, unit int64) unitName {
	if unit == 0 {
		if roots := tree.Roots(); len(roots) > 0 {
			return v.UnitName(roots[0])
		}
		return unitName{Text: v.T("followup.dashboard.group")}
	}
	u, _ := tree.Unit(unit)
	return v.UnitName(u)
}
