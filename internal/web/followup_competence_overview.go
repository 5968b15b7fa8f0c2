package web

import (
	"net/http"
	"slices"
	"strconv"

	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The competence overview (/personal/kompetens/oversikt, for everyone who
// may read the follow-up): a year's self-assessments as aggregates only —
// per unit (its own staff) and role group, and per DigComp area for a
// chosen unit (with its sub-units) and role group. Every figure follows
// the k ≥ 5 rule of followup.SafeTallies: a unit and role group with
// fewer than followup.MinGroup answers shows "fewer than 5 answered" and
// counts in no other figure, so neither a filter nor the difference of
// two figures singles anyone out.

// competenceOverview is what the overview shows.
type competenceOverview struct {
	Year       int
	Years      []int
	Groups     []string // the role groups' names, the matrix's columns
	Rows       []competenceMatrixRow
	Total      competenceMatrixRow
	Units      []unitOption
	GroupOpts  []maturityChoice
	Selection  string // the chosen unit and group, in words
	Areas      []competenceAreaCell
	Chart      *chart
	Suppressed bool // the selection is hidden
	Nobody     bool // nobody in the selection answered
}

// competenceMatrixRow is one unit's figures per role group and in total.
type competenceMatrixRow struct {
	Unit  unitName
	Depth int
	Cells []string // per role group, then all
}

// competenceAreaCell is one area's figure of the selection.
type competenceAreaCell struct {
	Code, Name, Mean, Respondents string
}

func (s *Server) handleCompetenceOverview(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	years, err := s.db.CompetenceYears(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !slices.Contains(years, thisYear()) {
		years = append([]int{thisYear()}, years...)
	}
	q := r.URL.Query()
	year := years[0]
	if y, err := strconv.Atoi(q.Get("ar")); err == nil && slices.Contains(years, y) {
		year = y
	}
	ts, err := s.db.CompetenceTallies(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := competenceOverview{Year: year, Years: years}
	competenceMatrix(v, acc.Tree, ts, &p)
	competenceSelection(v, acc.Tree, ts, q.Get("enhet"), followup.RoleGroup(q.Get("roll")), &p)
	v.Title = v.T("followup.competence.overview.title")
	s.render(w, r, "competence_overview", v.with(p))
}

// competenceMatrix fills in the table of units and role groups: units
// with answers, in tree order, and the whole group.
func competenceMatrix(v *view, tree *identity.Tree, ts []followup.CompetenceTally, p *competenceOverview) {
	groups := append(followup.RoleGroups(), "")
	for _, g := range followup.RoleGroups() {
		p.Groups = append(p.Groups, textIn(v, g.Name()).Text)
	}
	row := func(units []int64) []string {
		var cells []string
		for _, g := range groups {
			cells = append(cells, competenceCellText(v, followup.CellOf(followup.FilterTallies(ts, units, g))))
		}
		return cells
	}
	for _, n := range tree.Walk() {
		if len(followup.FilterTallies(ts, []int64{n.ID}, "")) == 0 {
			continue
		}
		p.Rows = append(p.Rows, competenceMatrixRow{Unit: v.UnitName(n.Unit), Depth: n.Depth, Cells: row([]int64{n.ID})})
	}
	p.Total = competenceMatrixRow{Unit: unitName{Text: v.T("followup.competence.overview.whole")}, Cells: row(nil)}
}

// competenceCellText writes a figure: the mean level with the number of
// respondents, "fewer than 5 answered", or a dash when nobody did.
func competenceCellText(v *view, c followup.CompetenceCell) string {
	switch {
	case !c.Answered:
		return "–"
	case c.Suppressed:
		return v.T("followup.competence.suppressed", followup.MinGroup)
	}
	return v.T("followup.competence.cell", i18n.Decimal(v.Lang, c.MeanLevel, 1), c.Respondents)
}

// competenceSelection fills in the per-area figures of the chosen unit
// (slug, with its sub-units; "" for the whole group) and role group (""
// for all).
func competenceSelection(v *view, tree *identity.Tree, ts []followup.CompetenceTally, slug string, g followup.RoleGroup, p *competenceOverview) {
	var units []int64
	where := v.T("followup.competence.overview.whole")
	for _, n := range tree.Walk() {
		p.Units = append(p.Units, unitOption{Value: n.Slug, Name: v.UnitName(n.Unit), Selected: n.Slug == slug})
		if n.Slug == slug {
			units, where = tree.Subtree(n.ID), v.UnitName(n.Unit).Text
		}
	}
	if !g.Valid() {
		g = ""
	}
	for _, rg := range followup.RoleGroups() {
		p.GroupOpts = append(p.GroupOpts, maturityChoice{Value: string(rg), Label: textIn(v, rg.Name()).Text, Checked: rg == g})
	}
	who := v.T("followup.competence.overview.all_groups")
	if g != "" {
		who = textIn(v, g.Name()).Text
	}
	p.Selection = where + ", " + who
	sel := followup.FilterTallies(ts, units, g)
	cell := followup.CellOf(sel)
	p.Suppressed, p.Nobody = cell.Suppressed, !cell.Answered
	if cell.Suppressed || !cell.Answered {
		return
	}
	spec := chartSpec{ID: "chart-areas", Title: v.T("followup.competence.overview.chart", p.Selection),
		Head: v.T("followup.competence.col.area"), Format: func(f float64) string { return i18n.Decimal(v.Lang, f, 1) }}
	series := chartSeries{Name: v.T("followup.competence.col.mean")}
	for _, a := range followup.SummarizeAreas(sel) {
		name := textIn(v, a.Name)
		p.Areas = append(p.Areas, competenceAreaCell{Code: a.Area, Name: name.Text, Mean: i18n.Decimal(v.Lang, a.MeanLevel, 1),
			Respondents: strconv.Itoa(a.Respondents)})
		spec.Categories = append(spec.Categories, a.Area)
		spec.Labels = append(spec.Labels, unitName{Text: a.Area + " " + name.Text, Lang: name.Lang})
		series.Values = append(series.Values, a.MeanLevel)
	}
	spec.Series = []chartSeries{series}
	spec.Desc = v.T("followup.competence.overview.chart_desc", cell.Respondents)
	c := newChart(spec)
	p.Chart = &c
}
