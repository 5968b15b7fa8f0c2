package web

import (
	"context"
	"net/http"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The indicator pages (/uppfoljning/indikatorer/{key} for a public
// indicator, /personal/uppfoljning/indikatorer/{key} for any): how the
// indicator is measured, its values over the years for the chosen unit as
// a chart with its table, and its value in every unit in the chosen year,
// with the source and comment of values entered by hand or imported. The
// public page answers 404 for an indicator that is not public, as for
// one that does not exist.

// dashIndicatorPage is an indicator page.
type dashIndicatorPage struct {
	Base        string
	Staff       bool
	Key         string
	Name        unitName
	Perspective string
	Measure     string
	Direction   string
	Source      string
	Owner       unitName
	Method      []string // its paragraphs
	Units       []caseOption
	Years       []caseOption
	Unit        unitName
	Year        int
	Trend       chart
	Notes       []dashNote // the source and comment of the trend's stored values
	PerUnit     []dashUnitRow
	Manual      bool // values are entered or imported: the tables show source and comment
	Back        string
}

// dashNote is the source and comment of a stored value.
type dashNote struct {
	Year    int
	Value   string
	Source  string
	Comment string
}

// dashUnitRow is one unit's value of the chosen year.
type dashUnitRow struct {
	Unit    unitName
	Depth   int
	Href    string
	Value   dashCell
	Target  string
	Status  dashStatus
	Source  string
	Comment string
}

// handleFollowUpPublicIndicator shows a public indicator's page.
func (s *Server) handleFollowUpPublicIndicator(w http.ResponseWriter, r *http.Request) {
	s.dashIndicatorPage(w, r, dashPublic)
}

// handleFollowUpStaffIndicator shows any indicator's page to staff.
func (s *Server) handleFollowUpStaffIndicator(w http.ResponseWriter, r *http.Request) {
	s.dashIndicatorPage(w, r, dashStaff)
}

// dashIndicatorPage renders the indicator page of sc for the indicator
// in r's path.
func (s *Server) dashIndicatorPage(w http.ResponseWriter, r *http.Request, sc dashScope) {
	tree, err := s.dashTree(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	v.Form = dashForm(r.URL.Query())
	s.renderCached(w, r, "followup_dashboard_indicator", v, func(v *view) error {
		return s.dashIndicatorFill(r.Context(), v, sc, tree, r.PathValue("key"))
	}, s.fail)
}

// dashIndicatorFill fills the indicator page of key: NotFound when there
// is no such indicator, or it is not public on the public site.
func (s *Server) dashIndicatorFill(ctx context.Context, v *view, sc dashScope, tree *identity.Tree, key string) error {
	ind, err := s.db.Indicator(ctx, key)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && sc.public && !ind.Public) {
		return sprang.Errorf(sprang.NotFound, "error.404.text")
	}
	if err != nil {
		return err
	}
	e := s.dashEngine(tree)
	year := s.thisYear()
	p := &dashIndicatorPage{Base: sc.base, Staff: !sc.public, Key: ind.Key, Name: v.inLang(ind.Name.SV, ind.Name.EN),
		Perspective: v.T("followup.dashboard.perspective." + string(ind.Perspective)),
		Measure:     v.T("followup.dashboard.measure_name." + string(ind.Measure)),
		Direction:   v.T("followup.dashboard.direction." + string(ind.Direction)),
		Source:      v.T("followup.dashboard.source." + string(ind.Source)),
		Owner:       dashUnitName(v, tree, ind.OwnerUnitID), Method: dashParagraphs(e.Method(ind).In(string(v.Lang))),
		Units: dashUnitOptions(v, tree), Years: dashYearOptions(year), Manual: ind.Source != followup.Computed}
	v.Title = p.Name.Text
	f, err := dashParse(v.Form, tree, p.Years, year)
	for k, val := range v.Form {
		v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
	}
	v.with(p)
	if sprang.ErrorKind(err) == sprang.Invalid {
		showErrors(v, err, "enhet", "ar")
		return nil
	}
	if err != nil {
		return err
	}
	p.Unit, p.Year = dashUnitName(v, tree, f.unit), f.year
	p.Back = sc.base + dashQuery(f.unit, f.year, ind.Perspective)
	trend, err := e.Values(ctx, ind, []int64{f.unit}, followup.Years(f.year-dashYears+1, f.year))
	if err != nil {
		return err
	}
	p.Trend = dashTrendChart(v, "trend-"+ind.Key, ind, p.Unit.Text, trend)
	for _, val := range trend {
		if val.Known && (val.Source != "" || val.Comment != "") {
			p.Notes = append(p.Notes, dashNote{Year: val.Period.Year, Value: dashFormat(v, ind.Measure, val.Value),
				Source: val.Source, Comment: val.Comment})
		}
	}
	p.PerUnit, err = s.dashPerUnit(ctx, v, sc, e, tree, ind, f.year)
	return err
}

// dashPerUnit returns ind's value of year in the group as a whole and in
// every unit, in tree order, each linking to its own indicator page.
func (s *Server) dashPerUnit(ctx context.Context, v *view, sc dashScope, e followup.Engine, tree *identity.Tree,
	ind followup.Indicator, year int) ([]dashUnitRow, error) {
	units, depth := []int64{0}, map[int64]int{0: 0}
	for _, n := range tree.Walk() {
		if n.ParentID != 0 {
			units = append(units, n.ID)
			depth[n.ID] = n.Depth
		}
	}
	vs, err := e.Values(ctx, ind, units, []followup.Period{followup.YearPeriod(year)})
	if err != nil {
		return nil, err
	}
	out := make([]dashUnitRow, 0, len(vs))
	for _, val := range vs {
		row := followup.RowOf(ind, val)
		r := dashUnitRow{Unit: dashUnitName(v, tree, val.UnitID), Depth: depth[val.UnitID],
			Href:  sc.base + "/indikatorer/" + ind.Key + dashQuery(val.UnitID, year, ""),
			Value: dashValue(v, ind, val), Status: dashStatusOf(v, ind, val), Source: val.Source, Comment: val.Comment}
		if row.HasTarget {
			r.Target = dashFormat(v, ind.Measure, row.Target)
		}
		out = append(out, r)
	}
	return out, nil
}

// dashParagraphs splits a text into its paragraphs (blank lines between).
func dashParagraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
