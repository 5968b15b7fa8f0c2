package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The indicator registry of the follow-up (the development department's
// pages): the list of indicators per perspective with a form to create
// one, an indicator's edit page with its targets per year
// (followup_indicators_form.go), the manual values of an indicator
// (followup_indicators_values.go) and the Kolada import
// (followup_indicators_kolada.go). Only staff who may manage the
// follow-up (identity.ManageFollowUp) see them; an indicator is changed,
// and its values entered, by those who may manage it in its owner unit.

// indicatorsPath is the path of the registry.
const indicatorsPath = "/personal/indikatorer"

// indicatorURL returns the path of an indicator's page, with more path
// elements after it.
func indicatorURL(key string, more ...string) string {
	return indicatorsPath + "/" + url.PathEscape(key) + strings.Join(append([]string{""}, more...), "/")
}

// indicatorsPage is what the registry shows.
type indicatorsPage struct {
	Groups []indicatorGroup
	Create []bSection
	Done   string
}

// indicatorGroup is the indicators of one perspective.
type indicatorGroup struct {
	Heading string
	Rows    []indicatorRow
}

// indicatorRow is one indicator in the registry.
type indicatorRow struct {
	Key, Name, Source, Owner, URL, ValuesURL string
	Public, MayEdit                          bool
}

func (s *Server) handleIndicators(w http.ResponseWriter, r *http.Request) {
	s.renderIndicators(w, r, http.StatusOK, nil, nil)
}

// renderIndicators renders the registry with the create form's values
// and errors (field → message text).
func (s *Server) renderIndicators(w http.ResponseWriter, r *http.Request, status int, vals url.Values, errs map[string]string) {
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inds, err := s.db.Indicators(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := indicatorsPage{Groups: indicatorGroups(v, acc, inds)}
	if r.URL.Query().Get("klart") == "importerat" {
		p.Done = v.T("followup.indicators.kolada.done")
	}
	if vals == nil {
		vals = url.Values{"source": {string(followup.Manual)}, "direction": {string(followup.HigherIsBetter)}}
	}
	f := newBForm(v, vals, errs)
	indicatorCoreFields(f, acc)
	f.summary()
	p.Create = f.Sections
	v.Title = v.T("followup.indicators.title")
	s.renderStatus(w, r, status, "indicators", v.with(p))
}

// indicatorGroups sorts inds into their perspectives, in the policy's
// order.
func indicatorGroups(v *view, acc *access, inds []followup.Indicator) []indicatorGroup {
	var out []indicatorGroup
	for _, p := range followup.Perspectives() {
		g := indicatorGroup{Heading: v.T("followup.indicators.perspective." + string(p))}
		for _, ind := range inds {
			if ind.Perspective != p {
				continue
			}
			row := indicatorRow{Key: ind.Key, Name: ind.Name.In(string(v.Lang)), URL: indicatorURL(ind.Key),
				Source: v.T("followup.indicators.source." + string(ind.Source)), Owner: indicatorUnitName(acc.Tree, ind.OwnerUnitID, v.Lang),
				Public: ind.Public, MayEdit: acc.Can(identity.ManageFollowUp, ind.OwnerUnitID)}
			if ind.Source != followup.Computed {
				row.ValuesURL = indicatorURL(ind.Key, "varden")
			}
			g.Rows = append(g.Rows, row)
		}
		out = append(out, g)
	}
	return out
}

// indicatorUnitName returns the name of the unit with id in lang, or "" when there
// is none.
func indicatorUnitName(t *identity.Tree, id int64, lang i18n.Lang) string {
	u, _ := t.Unit(id)
	return u.Name(string(lang))
}

// handleIndicatorCreate makes an indicator from the registry's form and
// goes on to its edit page; invalid input shows the form again (422).
func (s *Server) handleIndicatorCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	ind, errs := parseIndicator(acc, r.PostForm, nil)
	if len(errs) == 0 {
		errs, err = s.storeIndicator(r, acc, ind, s.db.CreateIndicator)
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		s.renderIndicators(w, r, http.StatusUnprocessableEntity, r.PostForm, indicatorMessages(v, errs))
		return
	}
	http.Redirect(w, r, indicatorURL(ind.Key)+"?klart=skapad", http.StatusSeeOther)
}

// saveIndicator saves ind and returns the store's field errors, if any.
func (s *Server) saveIndicator(r *http.Request, acc *access, ind followup.Indicator) (map[string]string, error) {
	return s.storeIndicator(r, acc, ind, s.db.SaveIndicator)
}

// storeIndicator stores ind with save (the store's CreateIndicator, which
// refuses a key taken, or SaveIndicator) and returns its field errors,
// if any.
func (s *Server) storeIndicator(r *http.Request, acc *access, ind followup.Indicator,
	save func(context.Context, followup.Indicator, int64) error) (map[string]string, error) {
	err := save(r.Context(), ind, acc.User.ID)
	if fe := sprang.ErrorFields(err); len(fe) > 0 {
		return fe, nil
	}
	if err != nil {
		return nil, err
	}
	s.pages.reset() // the public dashboard shows the registry
	return nil, nil
}

// indicatorMessages translates field → message key into field → text.
func indicatorMessages(v *view, errs map[string]string) map[string]string {
	out := make(map[string]string, len(errs))
	for k, key := range errs {
		out[k] = v.T(key)
	}
	return out
}

// unitOptions returns the units of the tree as options, indented by
// depth, those where the user may manage the follow-up only when mine is
// set; with the group as a whole first when group is set.
func unitOptions(v *view, acc *access, mine, group bool) []bOption {
	var out []bOption
	if group {
		out = append(out, bOption{Value: "0", Label: v.T("followup.indicators.unit.group")})
	}
	for _, n := range acc.Tree.Walk() {
		if mine && !acc.Can(identity.ManageFollowUp, n.ID) {
			continue
		}
		out = append(out, bOption{Value: strconv.FormatInt(n.ID, 10), Label: strings.Repeat("– ", n.Depth) + n.Name(string(v.Lang))})
	}
	return out
}
