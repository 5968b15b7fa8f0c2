package web

import (
	"net/http"
	"slices"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The maturity self-assessment pages (mognadsmätning). Everyone who may
// read the follow-up (identity.ViewFollowUp) sees every unit's latest
// maturity and the history over the years. A unit's assessment of a year
// may be filled in by whoever may manage the follow-up in that unit
// (identity.ManageFollowUp covering it: the development department, which
// runs the yearly survey, holds it on the whole group) and by anyone with
// a role other than läsare covering the unit (its own people, and those
// of a unit above it, answer for it); others may read it. The year's
// questions, which hold for the whole group, are set by whoever may
// manage the follow-up of the whole group (maturity_questions.go).

// maturityPath is the maturity overview.
const maturityPath = "/personal/mognad"

// mayAssess reports whether the user may fill in the assessment of unit:
// identity.ManageFollowUp covering the unit, or a role other than läsare
// granted on the unit or a unit above it (grants are inherited downwards,
// as identity.Can reads them).
func mayAssess(acc *access, unitID int64) bool {
	if acc.Can(identity.ManageFollowUp, unitID) {
		return true
	}
	for _, g := range acc.User.Grants {
		if g.Role.Valid() && g.Role != identity.RoleLasare && acc.Tree.Within(unitID, g.UnitID) {
			return true
		}
	}
	return false
}

// mayManageMaturity reports whether the user may set the year's
// questions, which hold for every unit: identity.ManageFollowUp covering
// the whole group.
func mayManageMaturity(acc *access) bool { return acc.Can(identity.ManageFollowUp, 0) }

// maturityOverview is what the maturity overview shows.
type maturityOverview struct {
	Year     int // the year whose form the "fill in" links open
	Rows     []maturityRow
	Years    []int
	History  []maturityHistoryRow
	Chart    chart
	Units    []unitOption
	Selected string // the slug of the unit whose history the chart shows, "" for the group
	Manage   bool   // the user may set the questions
}

// unitOption is a unit in a select.
type unitOption struct {
	Value    string // the slug or id the form sends
	Name     unitName
	Selected bool
}

// maturityRow is a unit's latest assessment in the overview.
type maturityRow struct {
	Unit                        unitName
	Slug                        string
	Depth                       int
	Year                        string // "" when it has none
	Capability, Heritage, Total string
	MayAssess                   bool
}

// maturityHistoryRow is a unit's totals over the years.
type maturityHistoryRow struct {
	Unit   unitName
	Totals []string // per year of maturityOverview.Years; "–" when none
}

func (s *Server) handleMaturity(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hist, err := s.db.MaturityHistory(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := maturityOverview{Year: s.thisYear(), Manage: mayManageMaturity(acc), Years: maturityYears(hist)}
	byUnit := map[int64][]followup.MaturityScore{}
	for _, sc := range hist {
		byUnit[sc.UnitID] = append(byUnit[sc.UnitID], sc)
	}
	selected := r.URL.Query().Get("enhet")
	var chosen []followup.MaturityScore
	for _, n := range acc.Tree.Walk() {
		p.Rows = append(p.Rows, maturityRowOf(v, acc, n, byUnit[n.ID]))
		if len(byUnit[n.ID]) > 0 {
			p.History = append(p.History, maturityHistoryOf(v, n.Unit, byUnit[n.ID], p.Years))
		}
		p.Units = append(p.Units, unitOption{Value: n.Slug, Name: v.UnitName(n.Unit), Selected: n.Slug == selected})
		if n.Slug == selected {
			p.Selected, chosen = selected, byUnit[n.ID]
		}
	}
	title := v.T("followup.maturity.chart.group")
	if p.Selected == "" {
		chosen = maturityMeans(hist)
	} else if u, ok := maturityUnit(acc.Tree, selected); ok {
		title = v.T("followup.maturity.chart.unit", v.UnitName(u).Text)
	}
	p.Chart = maturityChart(v, title, chosen)
	v.Title = v.T("followup.maturity.title")
	s.render(w, r, "maturity", v.with(p))
}

// maturityRowOf returns the overview row of unit n with its scores.
func maturityRowOf(v *view, acc *access, n identity.Node, scores []followup.MaturityScore) maturityRow {
	row := maturityRow{Unit: v.UnitName(n.Unit), Slug: n.Slug, Depth: n.Depth, MayAssess: mayAssess(acc, n.ID)}
	if len(scores) > 0 {
		last := scores[len(scores)-1]
		row.Year = strconv.Itoa(last.Year)
		row.Capability, row.Heritage, row.Total = percent(v, last.Capability), percent(v, last.Heritage), percent(v, last.Total)
	}
	return row
}

// maturityHistoryOf returns unit's totals over years.
func maturityHistoryOf(v *view, u identity.Unit, scores []followup.MaturityScore, years []int) maturityHistoryRow {
	row := maturityHistoryRow{Unit: v.UnitName(u)}
	for _, y := range years {
		cell := "–"
		for _, sc := range scores {
			if sc.Year == y {
				cell = percent(v, sc.Total)
			}
		}
		row.Totals = append(row.Totals, cell)
	}
	return row
}

// maturityYears returns the years of the scores, oldest first.
func maturityYears(hist []followup.MaturityScore) []int {
	seen := map[int]bool{}
	var out []int
	for _, sc := range hist {
		if !seen[sc.Year] {
			seen[sc.Year] = true
			out = append(out, sc.Year)
		}
	}
	slices.Sort(out)
	return out
}

// maturityMeans returns per year the mean of the units' scores: the
// group's maturity (every unit counts the same).
func maturityMeans(hist []followup.MaturityScore) []followup.MaturityScore {
	var out []followup.MaturityScore
	for _, y := range maturityYears(hist) {
		m := followup.MaturityScore{Year: y}
		n := 0.0
		for _, sc := range hist {
			if sc.Year == y {
				m.Capability += sc.Capability
				m.Heritage += sc.Heritage
				m.Total += sc.Total
				n++
			}
		}
		m.Capability, m.Heritage, m.Total = m.Capability/n, m.Heritage/n, m.Total/n
		out = append(out, m)
	}
	return out
}

// maturityChart returns the chart of scores (one per year): the two
// dimensions and the total, as percentages.
func maturityChart(v *view, title string, scores []followup.MaturityScore) chart {
	spec := chartSpec{ID: "chart-maturity", Title: title, Head: v.T("followup.maturity.col.year"),
		Format: func(f float64) string { return percent(v, f) }}
	capability := chartSeries{Name: v.T("followup.maturity.dim.capability")}
	heritage := chartSeries{Name: v.T("followup.maturity.dim.heritage")}
	total := chartSeries{Name: v.T("followup.maturity.col.total")}
	for _, sc := range scores {
		spec.Categories = append(spec.Categories, strconv.Itoa(sc.Year))
		capability.Values = append(capability.Values, sc.Capability)
		heritage.Values = append(heritage.Values, sc.Heritage)
		total.Values = append(total.Values, sc.Total)
	}
	spec.Series = []chartSeries{capability, heritage, total}
	if len(scores) == 0 {
		spec.Desc = v.T("followup.maturity.chart.none")
	} else {
		first, last := scores[0], scores[len(scores)-1]
		spec.Desc = v.T("followup.maturity.chart.desc", first.Year, percent(v, first.Total), last.Year, percent(v, last.Total))
	}
	return newChart(spec)
}

// percent formats a percentage with one decimal.
func percent(v *view, f float64) string { return i18n.Decimal(v.Lang, f, 1) + " %" }

// maturityUnit finds the unit with slug in the tree.
func maturityUnit(t *identity.Tree, slug string) (identity.Unit, bool) {
	for _, n := range t.Walk() {
		if n.Slug == slug {
			return n.Unit, true
		}
	}
	return identity.Unit{}, false
}

// maturityYear parses a year of the maturity pages: 2000 up to next year.
func (s *Server) maturityYear(text string) (int, error) {
	p, err := followup.ParsePeriod(text)
	if err != nil || p.Month != 0 || p.Year > s.thisYear()+1 {
		return 0, errNoPage
	}
	return p.Year, nil
}

// errMaturityForbidden refuses a form the user may not fill in.
var errMaturityForbidden = sprang.Errorf(sprang.Forbidden, "error.403.text")
