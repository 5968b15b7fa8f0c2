package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The follow-up dashboards: the public one (/uppfoljning: the public
// indicators only) and the staff one (/personal/uppfoljning: every
// indicator, for anyone who may view the follow-up). Both show one
// perspective at a time, with links to the others that count their
// indicators by status; each indicator with its value, target and status
// in the chosen year, its trend over the five years up to it as a chart
// with its table, and its values in the chosen unit's sub-units (the
// drill-down, linking to each unit's own view). A GET form filters by
// unit (the group, a förvaltning, a bolag or any unit below) and year.
// Everything shown is an aggregate over a unit, never a person, so the
// pages are impersonal and the public one is cached like the other
// public pages (a minute behind at most).

// dashFields are the filter's query parameters, in form order. Their
// values are ids, years and perspective names: the URL is logged.
var dashFields = []string{"enhet", "ar", "perspektiv"}

// dashYears is how many years the trend shows, the chosen one last.
const dashYears = 5

// dashYearChoices is how many years the filter offers, this year first.
const dashYearChoices = 10

// Message keys of the filter's errors.
const (
	msgDashUnit        = "followup.dashboard.filter.unit_invalid"
	msgDashYear        = "followup.dashboard.filter.year_invalid"
	msgDashPerspective = "followup.dashboard.filter.perspective_invalid"
)

// dashScope says which dashboard a request is for.
type dashScope struct {
	public bool
	base   string // the dashboard's path: "/uppfoljning" or "/personal/uppfoljning"
}

var (
	dashPublic = dashScope{public: true, base: "/uppfoljning"}
	dashStaff  = dashScope{base: "/personal/uppfoljning"}
)

// dashFilter is what the filter asks for.
type dashFilter struct {
	unit        int64 // 0: the group as a whole
	year        int
	perspective followup.Perspective // "" until chosen: the first with indicators
}

// handleFollowUpPublic shows the public dashboard.
func (s *Server) handleFollowUpPublic(w http.ResponseWriter, r *http.Request) {
	s.dashboard(w, r, dashPublic)
}

// handleFollowUpStaff shows the staff dashboard.
func (s *Server) handleFollowUpStaff(w http.ResponseWriter, r *http.Request) {
	s.dashboard(w, r, dashStaff)
}

// dashboard renders the dashboard of sc for the filter in r's query; a
// filter the form cannot have sent gives the form again with its errors
// (422).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, sc dashScope) {
	tree, err := s.dashTree(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal() // aggregates per unit only
	v.Title = v.T("followup.dashboard.title")
	if !sc.public {
		v.Title = v.T("followup.dashboard.staff_title")
	}
	v.Form = dashForm(r.URL.Query())
	s.renderCached(w, r, "followup_dashboard", v, func(v *view) error {
		return s.dashFill(r.Context(), v, sc, tree)
	}, s.fail)
}

// dashTree returns the organization for a request of sc: for the staff
// dashboard, only when the user may view the follow-up (Unauthenticated
// or Forbidden otherwise).
func (s *Server) dashTree(r *http.Request, sc dashScope) (*identity.Tree, error) {
	if sc.public {
		return s.auth.Tree(r.Context())
	}
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		return nil, err
	}
	return acc.Tree, nil
}

// dashForm returns the filter's values from query q, trimmed.
func dashForm(q url.Values) map[string]string {
	form := map[string]string{}
	for _, f := range dashFields {
		form[f] = strings.TrimSpace(q.Get(f))
	}
	return form
}

// dashFill parses the filter in v.Form and fills the page: the choices
// always, the indicators when the filter is valid; an invalid filter
// leaves its errors in v.
func (s *Server) dashFill(ctx context.Context, v *view, sc dashScope, tree *identity.Tree) error {
	year := s.thisYear()
	p := dashPage{Base: sc.base, Staff: !sc.public, Units: dashUnitOptions(v, tree), Years: dashYearOptions(year),
		PerspectiveOptions: dashPerspectiveOptions(v)}
	f, err := dashParse(v.Form, tree, p.Years, year)
	for k, val := range v.Form { // shown again in the form: unreadable bytes become U+FFFD
		v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
	}
	v.with(&p)
	if sprang.ErrorKind(err) == sprang.Invalid {
		showErrors(v, err, dashFields...)
		return nil
	}
	if err != nil {
		return err
	}
	inds, err := s.dashIndicators(ctx, sc)
	if err != nil {
		return err
	}
	return s.dashLoad(ctx, v, sc, tree, f, inds, &p)
}

// dashIndicators returns the indicators of sc: the public ones for the
// public dashboard, every one for staff, in the registry's order.
func (s *Server) dashIndicators(ctx context.Context, sc dashScope) ([]followup.Indicator, error) {
	all, err := s.db.Indicators(ctx)
	if err != nil || !sc.public {
		return all, err
	}
	var out []followup.Indicator
	for _, ind := range all {
		if ind.Public {
			out = append(out, ind)
		}
	}
	return out, nil
}

// dashUnitOptions returns the filter's units: the group as a whole (the
// root, value "") and every unit below it, in tree order.
func dashUnitOptions(v *view, tree *identity.Tree) []caseOption {
	var out []caseOption
	for _, n := range tree.Walk() {
		value := strconv.FormatInt(n.ID, 10)
		if n.ParentID == 0 {
			value = ""
		}
		label := v.UnitName(n.Unit)
		if n.Depth > 1 { // an avdelning: its förvaltning or bolag first
			if parent, ok := tree.Unit(n.ParentID); ok {
				label.Text = parent.Name(string(v.Lang)) + " – " + label.Text
			}
		}
		out = append(out, caseOption{Value: value, Label: label})
	}
	return out
}

// dashYearOptions returns the filter's years: this year and the
// dashYearChoices-1 before it.
func dashYearOptions(thisYear int) []caseOption {
	out := make([]caseOption, 0, dashYearChoices)
	for y := thisYear; y > thisYear-dashYearChoices; y-- {
		out = append(out, caseOption{Value: strconv.Itoa(y), Label: unitName{Text: strconv.Itoa(y)}})
	}
	return out
}

// dashParse turns the filter form into a dashFilter. Each value must be
// one the form offers: a unit of tree (the root, or none, is the group as
// a whole), a year of years (none: thisYear), a perspective (none: the
// first with indicators).
func dashParse(form map[string]string, tree *identity.Tree, years []caseOption, thisYear int) (dashFilter, error) {
	f := dashFilter{year: thisYear}
	if err := unreadableFields(form); err != nil {
		return f, err
	}
	bad := map[string]string{}
	if u := form["enhet"]; u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if _, ok := tree.Unit(id); err != nil || !ok {
			bad["enhet"] = msgDashUnit
		} else if !tree.IsRoot(id) {
			f.unit = id
		}
	}
	if y := form["ar"]; y != "" {
		if !caseHasOption(years, y) {
			bad["ar"] = msgDashYear
		}
		f.year, _ = strconv.Atoi(y)
	}
	if pv := followup.Perspective(form["perspektiv"]); pv != "" {
		if !pv.Valid() {
			bad["perspektiv"] = msgDashPerspective
		}
		f.perspective = pv
	}
	return f, sprang.FieldErrors(bad)
}

// dashQuery returns the query of a dashboard link for unit, year and
// perspective ("" leaves it out); the group is no enhet.
func dashQuery(unit int64, year int, perspective followup.Perspective) string {
	q := url.Values{}
	if unit != 0 {
		q.Set("enhet", strconv.FormatInt(unit, 10))
	}
	q.Set("ar", strconv.Itoa(year))
	if perspective != "" {
		q.Set("perspektiv", string(perspective))
	}
	return "?" + q.Encode()
}

// dashPerspectiveOptions returns the filter's perspectives: "" (the
// first that has indicators) and each perspective by name.
func dashPerspectiveOptions(v *view) []caseOption {
	out := []caseOption{{Value: "", Label: unitName{Text: v.T("followup.dashboard.filter.perspective_first")}}}
	for _, pv := range followup.Perspectives() {
		out = append(out, caseOption{Value: string(pv), Label: unitName{Text: v.T("followup.dashboard.perspective." + string(pv))}})
	}
	return out
}

// dashSelect is what the "dash-select" component renders: one select of
// a filter with its label, error and options.
type dashSelect struct {
	Name, Label, Value, Error, ErrorPrefix string
	Options                                []caseOption
}

// DashSelect builds the "dash-select" component's data for the select
// name, labelled with the translation of labelKey, from the view's form
// and errors.
func (v *view) DashSelect(name, labelKey string, options []caseOption) dashSelect {
	return dashSelect{Name: name, Label: v.T(labelKey), Value: v.Value(name), Error: v.FieldError(name),
		ErrorPrefix: v.T("form.error_prefix"), Options: options}
}
