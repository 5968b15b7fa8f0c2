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
// fewer than followup.MinGroup answers counts in no figure, so neither a
// filter nor the difference of two figures singles anyone out; a
// selection where nobody answered reads exactly like one of 1–4 ("fewer
// than 5 answered"), and a unit is listed only when it has a figure to
// show. Figures are shown only for years that have ended
// (followup.CompetenceYearEnded; the store hands out no tallies of an
// open year): the current year says when they will be. A filter value
// the form could not have sent gives the form again with an error
// summary (422).

// competenceOverview is what the overview shows.
type competenceOverview struct {
	Year       int
	Years      []int
	Open       bool     // the year has not ended: no figures yet
	Groups     []string // the role groups' names, the matrix's columns
	Rows       []competenceMatrixRow
	Total      competenceMatrixRow
	Units      []unitOption
	GroupOpts  []maturityChoice
	Selection  string // the chosen unit and group, in words
	Areas      []competenceAreaCell
	Chart      *chart
	Suppressed bool // the selection has no figure: fewer than 5 answered, nobody included
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

// competenceFilter is the overview's parsed filter.
type competenceFilter struct {
	year  int
	slug  string // "" for the whole group
	group followup.RoleGroup
}

func (s *Server) handleCompetenceOverview(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	years, err := s.competenceYears(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	f := s.competenceFilterOf(v, r, acc.Tree, years)
	status := http.StatusOK
	if len(v.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	ts, err := s.db.CompetenceTallies(r.Context(), f.year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := competenceOverview{Year: f.year, Years: years, Open: !followup.CompetenceYearEnded(f.year, s.db.Now())}
	competenceMatrix(v, acc.Tree, ts, &p)
	competenceSelection(v, acc.Tree, ts, f, &p)
	v.Title = v.T("followup.competence.overview.title")
	s.renderStatus(w, r, status, "competence_overview", v.with(p))
}

// competenceYears returns the years to choose from, newest first: the
// current one and those with answers.
func (s *Server) competenceYears(r *http.Request) ([]int, error) {
	years, err := s.db.CompetenceYears(r.Context())
	if err != nil {
		return nil, err
	}
	if now := s.thisYear(); !slices.Contains(years, now) {
		years = append([]int{now}, years...)
	}
	return years, nil
}

// competenceFilterOf parses the filter of r's query: a year of years
// (none: the newest that has ended, or the current one when none has),
// a unit's slug and a role group. A value the form could not have sent
// leaves an error in v and the default in the filter.
func (s *Server) competenceFilterOf(v *view, r *http.Request, tree *identity.Tree, years []int) competenceFilter {
	q := r.URL.Query()
	f := competenceFilter{year: years[0]}
	for _, y := range years {
		if followup.CompetenceYearEnded(y, s.db.Now()) {
			f.year = y
			break
		}
	}
	if text := q.Get("ar"); text != "" {
		y, err := strconv.Atoi(text)
		if err != nil || !slices.Contains(years, y) {
			v.Errors = append(v.Errors, fieldError{Field: "ar", Message: v.T("followup.competence.overview.err.year")})
		} else {
			f.year = y
		}
	}
	if slug := q.Get("enhet"); slug != "" {
		if _, ok := maturityUnit(tree, slug); ok {
			f.slug = slug
		} else {
			v.Errors = append(v.Errors, fieldError{Field: "enhet", Message: v.T("followup.competence.overview.err.unit")})
		}
	}
	if g := followup.RoleGroup(q.Get("roll")); g.Valid() {
		f.group = g
	} else if g != "" {
		v.Errors = append(v.Errors, fieldError{Field: "roll", Message: v.T("followup.competence.overview.err.group")})
	}
	return f
}

// competenceMatrix fills in the table of units and role groups: the
// units with a figure to show, in tree order, and the whole group.
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
		if followup.CellOf(followup.FilterTallies(ts, []int64{n.ID}, "")).Suppressed {
			continue
		}
		p.Rows = append(p.Rows, competenceMatrixRow{Unit: v.UnitName(n.Unit), Depth: n.Depth, Cells: row([]int64{n.ID})})
	}
	p.Total = competenceMatrixRow{Unit: unitName{Text: v.T("followup.competence.overview.whole")}, Cells: row(nil)}
}

// competenceCellText writes a figure: the mean level with the number of
// respondents, or "fewer than 5 answered" — for nobody as for 1–4.
func competenceCellText(v *view, c followup.CompetenceCell) string {
	if c.Suppressed {
		return v.T("followup.competence.suppressed", followup.MinGroup)
	}
	return v.T("followup.competence.cell", i18n.Decimal(v.Lang, c.MeanLevel, 1), c.Respondents)
}

// competenceSelection fills in the per-area figures of the chosen unit
// (with its sub-units; the whole group when none) and role group (all
// when none).
func competenceSelection(v *view, tree *identity.Tree, ts []followup.CompetenceTally, f competenceFilter, p *competenceOverview) {
	var units []int64
	where := v.T("followup.competence.overview.whole")
	for _, n := range tree.Walk() {
		p.Units = append(p.Units, unitOption{Value: n.Slug, Name: v.UnitName(n.Unit), Selected: n.Slug == f.slug})
		if n.Slug == f.slug {
			units, where = tree.Subtree(n.ID), v.UnitName(n.Unit).Text
		}
	}
	for _, rg := range followup.RoleGroups() {
		p.GroupOpts = append(p.GroupOpts, maturityChoice{Value: string(rg), Label: textIn(v, rg.Name()).Text, Checked: rg == f.group})
	}
	who := v.T("followup.competence.overview.all_groups")
	if f.group != "" {
		who = textIn(v, f.group.Name()).Text
	}
	p.Selection = where + ", " + who
	sel := followup.FilterTallies(ts, units, f.group)
	cell := followup.CellOf(sel)
	p.Suppressed = cell.Suppressed
	if cell.Suppressed {
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
