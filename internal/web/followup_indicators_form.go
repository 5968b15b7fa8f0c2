package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// An indicator's edit page: its names, method, owner unit, unit of
// measure, direction, source (a computation, a Kolada KPI or manual
// entry), whether it is public, its at-risk margin and its targets for
// the years around this one. The registry's create form is the first
// part of it (indicatorCoreFields).

// indicatorTargetYears is how many years before and after this one the
// edit page shows a target field for.
const (
	indicatorTargetsBefore = 2
	indicatorTargetsAfter  = 3
)

// indicatorPage is what the edit page shows.
type indicatorPage struct {
	Key       string
	Name      string
	Sections  []bSection
	Method    string // how it is measured, as readers see it
	ValuesURL string // "" for a computed indicator
	Done      string
}

// indicatorCoreFields adds the fields the create form and the edit page
// share.
func indicatorCoreFields(f *bForm, acc *access) {
	v := f.v
	f.text("name_sv", "followup.indicators.f.name_sv", "")
	if f.vals.Get("key_fixed") == "" {
		f.text("key", "followup.indicators.f.key", "followup.indicators.h.key").Code = true
	}
	f.choice("select", "perspective", "followup.indicators.f.perspective", "", perspectiveOptions(v))
	f.choice("select", "owner", "followup.indicators.f.owner", "followup.indicators.h.owner", unitOptions(v, acc, true, false))
	f.choice("radios", "source", "followup.indicators.f.source", "", []bOption{
		{Value: string(followup.Manual), Label: v.T("followup.indicators.source.manual"), Hint: v.T("followup.indicators.source_hint.manual")},
		{Value: string(followup.Computed), Label: v.T("followup.indicators.source.computed"), Hint: v.T("followup.indicators.source_hint.computed")},
		{Value: string(followup.Kolada), Label: v.T("followup.indicators.source.kolada"), Hint: v.T("followup.indicators.source_hint.kolada")},
	})
	f.choice("select", "computation", "followup.indicators.f.computation", "followup.indicators.h.computation", computationOptions(v))
	f.number("kpi", "followup.indicators.f.kpi", "followup.indicators.h.kpi", "text").Code = true
	f.choice("select", "measure", "followup.indicators.f.measure", "followup.indicators.h.measure", measureOptions(v))
	f.choice("radios", "direction", "followup.indicators.f.direction", "", []bOption{
		{Value: string(followup.HigherIsBetter), Label: v.T("followup.indicators.direction.higher")},
		{Value: string(followup.LowerIsBetter), Label: v.T("followup.indicators.direction.lower")},
	})
	f.area("method_sv", "followup.indicators.f.method_sv", "followup.indicators.h.method", 4)
}

// perspectiveOptions returns the perspectives as options, with an empty
// first choice.
func perspectiveOptions(v *view) []bOption {
	out := []bOption{{Value: "", Label: v.T("followup.indicators.choose")}}
	for _, p := range followup.Perspectives() {
		out = append(out, bOption{Value: string(p), Label: v.T("followup.indicators.perspective." + string(p))})
	}
	return out
}

// computationOptions returns the computations as options, with "none"
// first.
func computationOptions(v *view) []bOption {
	out := []bOption{{Value: "", Label: v.T("followup.indicators.computation.none")}}
	for _, c := range followup.Computations() {
		out = append(out, bOption{Value: c.Key, Label: c.Name.In(string(v.Lang))})
	}
	return out
}

// measureOptions returns the units of measure as options.
func measureOptions(v *view) []bOption {
	out := []bOption{{Value: "", Label: v.T("followup.indicators.choose")}}
	for _, m := range followup.Measures() {
		out = append(out, bOption{Value: string(m), Label: v.T("followup.indicators.measure." + string(m))})
	}
	return out
}

// parseIndicator reads an indicator from a create or edit form; the key
// comes from the form unless key is given. It returns the field errors
// as message keys: those of Indicator.Check, numbers that are not
// numbers, an owner unit the user may not manage.
func parseIndicator(acc *access, vals url.Values, key *string) (followup.Indicator, map[string]string) {
	get := func(name string) string { return strings.TrimSpace(vals.Get(name)) }
	ind := followup.Indicator{Key: get("key"), Perspective: followup.Perspective(get("perspective")),
		Name: followup.Text{SV: get("name_sv"), EN: get("name_en")}, Method: followup.Text{SV: get("method_sv"), EN: get("method_en")},
		Measure: followup.Measure(get("measure")), Direction: followup.Direction(get("direction")), Source: followup.SourceKind(get("source")),
		Computation: get("computation"), KoladaKPI: strings.ToUpper(get("kpi")), Public: get("public") != ""}
	if key != nil {
		ind.Key = *key
	}
	errs := map[string]string{}
	owner, err := strconv.ParseInt(get("owner"), 10, 64)
	if err == nil && owner > 0 && !acc.Can(identity.ManageFollowUp, owner) {
		errs["owner"] = "followup.indicators.check.owner_forbidden"
	}
	ind.OwnerUnitID = owner
	if c, ok := followup.ComputationByKey(ind.Computation); ok && ind.Source == followup.Computed {
		ind.Measure = followup.Measure(cmpOr(string(ind.Measure), string(c.Measure)))
		ind.Direction = followup.Direction(cmpOr(string(ind.Direction), string(c.Direction)))
	}
	if ind.Source != followup.Computed {
		ind.Computation = ""
	}
	parseIndicatorNumbers(vals, &ind, errs)
	for k, msg := range ind.Check() {
		if errs[k] == "" {
			errs[k] = msg
		}
	}
	return ind, errs
}

// cmpOr returns a, or b when a is empty.
func cmpOr(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// parseIndicatorNumbers reads the margin (a percentage), the order and
// the targets (fields target-YYYY; a share as a percentage) into ind.
func parseIndicatorNumbers(vals url.Values, ind *followup.Indicator, errs map[string]string) {
	if s := strings.TrimSpace(vals.Get("margin")); s != "" {
		x, err := followup.ParseNumber(s)
		if err != nil || x < 0 || x > 100 {
			errs["margin"] = followup.MsgIndicatorMargin
		}
		ind.Margin = x / 100
	}
	if s := strings.TrimSpace(vals.Get("order")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 9999 {
			errs["order"] = "followup.indicators.check.order"
		}
		ind.Order = n
	}
	var years []int
	for name := range vals {
		if y, ok := strings.CutPrefix(name, "target-"); ok {
			if n, err := strconv.Atoi(y); err == nil && n >= 2000 && n <= 2100 {
				years = append(years, n)
			}
		}
	}
	slices.Sort(years)
	for _, y := range years {
		name := "target-" + strconv.Itoa(y)
		s := strings.TrimSpace(vals.Get(name))
		if s == "" {
			continue
		}
		x, err := followup.ParseNumber(s)
		if err != nil {
			errs[name] = followup.MsgValueNumber
			continue
		}
		if ind.Measure == followup.MeasureShare {
			x /= 100
		}
		ind.Targets = append(ind.Targets, followup.Target{Year: y, Value: x})
	}
}

// indicatorValues returns the form values of ind, for its edit page.
func indicatorValues(ind followup.Indicator, years []int) url.Values {
	vals := url.Values{"key_fixed": {"1"}, "name_sv": {ind.Name.SV}, "name_en": {ind.Name.EN}, "method_sv": {ind.Method.SV},
		"method_en": {ind.Method.EN}, "perspective": {string(ind.Perspective)}, "owner": {strconv.FormatInt(ind.OwnerUnitID, 10)},
		"measure": {string(ind.Measure)}, "direction": {string(ind.Direction)}, "source": {string(ind.Source)},
		"computation": {ind.Computation}, "kpi": {ind.KoladaKPI}, "order": {strconv.Itoa(ind.Order)}}
	if ind.Public {
		vals.Set("public", "1")
	}
	if ind.Margin > 0 {
		vals.Set("margin", trimFloat(ind.Margin*100))
	}
	for _, y := range years {
		if t, ok := ind.TargetFor(y); ok {
			if ind.Measure == followup.MeasureShare {
				t *= 100
			}
			vals.Set("target-"+strconv.Itoa(y), trimFloat(t))
		}
	}
	return vals
}

// trimFloat writes x as a short decimal with a comma, as it is typed.
func trimFloat(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// targetYears returns the years the edit page shows targets for.
func (s *Server) targetYears() []int {
	now := s.thisYear()
	var out []int
	for y := now - indicatorTargetsBefore; y <= now+indicatorTargetsAfter; y++ {
		out = append(out, y)
	}
	return out
}

// indicatorToEdit loads the indicator of the request's path and checks
// that the user may change it (ManageFollowUp in its owner unit).
func (s *Server) indicatorToEdit(r *http.Request) (*access, followup.Indicator, error) {
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		return nil, followup.Indicator{}, err
	}
	ind, err := s.db.Indicator(r.Context(), r.PathValue("key"))
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil, followup.Indicator{}, errNoPage
	}
	if err != nil {
		return nil, followup.Indicator{}, err
	}
	if err := acc.require(identity.ManageFollowUp, ind.OwnerUnitID); err != nil {
		return nil, followup.Indicator{}, err
	}
	return acc, ind, nil
}

func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request) {
	acc, ind, err := s.indicatorToEdit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderIndicator(w, r, http.StatusOK, acc, ind, indicatorValues(ind, s.targetYears()), nil)
}

// renderIndicator renders the edit page of ind with the form's values and
// errors (field → text).
func (s *Server) renderIndicator(w http.ResponseWriter, r *http.Request, status int, acc *access, ind followup.Indicator, vals url.Values, errs map[string]string) {
	v := s.view(r)
	vals.Set("key_fixed", "1")
	f := newBForm(v, vals, errs)
	f.section("followup.indicators.edit.about", "")
	indicatorCoreFields(f, acc)
	f.text("name_en", "followup.indicators.f.name_en", "").Lang = "en"
	f.area("method_en", "followup.indicators.f.method_en", "", 4).Lang = "en"
	f.check("public", "followup.indicators.f.public", "followup.indicators.h.public")
	f.section("followup.indicators.edit.targets", "followup.indicators.h.targets")
	for _, y := range s.targetYears() {
		fd := f.number("target-"+strconv.Itoa(y), "followup.indicators.f.target", "", "decimal")
		fd.Label = v.T("followup.indicators.f.target", y)
	}
	f.number("margin", "followup.indicators.f.margin", "followup.indicators.h.margin", "decimal")
	f.number("order", "followup.indicators.f.order", "followup.indicators.h.order", "numeric")
	f.summary()
	p := indicatorPage{Key: ind.Key, Name: ind.Name.In(string(v.Lang)), Sections: f.Sections,
		Method: s.followupEngine(acc.Tree).Method(ind).In(string(v.Lang))}
	if ind.Source != followup.Computed {
		p.ValuesURL = indicatorURL(ind.Key, "varden")
	}
	if d := r.URL.Query().Get("klart"); d == "skapad" || d == "sparad" {
		p.Done = v.T("followup.indicators.done." + d)
	}
	v.Title = v.T("followup.indicators.edit.title", p.Name)
	s.renderStatus(w, r, status, "indicator", v.with(p))
}

// handleIndicatorPost saves the edit page; invalid input shows it again
// (422) with the values given.
func (s *Server) handleIndicatorPost(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, old, err := s.indicatorToEdit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ind, errs := parseIndicator(acc, r.PostForm, &old.Key)
	ind.Targets = keepOtherTargets(old.Targets, ind.Targets, s.targetYears())
	if len(errs) == 0 {
		if errs, err = s.saveIndicator(r, acc, ind); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		s.renderIndicator(w, r, http.StatusUnprocessableEntity, acc, old, r.PostForm, indicatorMessages(s.view(r), errs))
		return
	}
	http.Redirect(w, r, indicatorURL(ind.Key)+"?klart=sparad", http.StatusSeeOther)
}

// keepOtherTargets returns the targets of the form with the old targets
// of years the form does not show.
func keepOtherTargets(old, form []followup.Target, shown []int) []followup.Target {
	out := form
	for _, t := range old {
		if !slices.Contains(shown, t.Year) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b followup.Target) int { return a.Year - b.Year })
	return out
}
