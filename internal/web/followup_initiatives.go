package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The initiative portfolio (issue 5, section 4): every staff user may
// read all of it (identity.ViewFollowUp). An initiative belongs to its
// owner unit: only a user with identity.ManageFollowUp covering that unit
// (the development department, which holds its role on the group, and
// administrators of the unit or a unit above it) changes it, records its
// realized benefits and assesses its supplier, and giving it to another
// owner needs the permission in the new owner unit too. So a bolag's
// administrator cannot change a förvaltning's initiative, and the owner
// select offers only the units the user may manage. Every change is
// audited by the store.
//
// The files: followup_initiatives.go (this: the list, its filter and the
// "looks alike" flags, creating), followup_initiatives_form.go (the
// forms), followup_initiatives_detail.go (an initiative's page, editing,
// benefits and criteria) and followup_initiatives_timeline.go.

// iniBase is the path of the portfolio's pages.
const iniBase = "/personal/initiativ"

// iniURL returns the path of initiative id's page.
func iniURL(id int64) string { return iniBase + "/" + strconv.FormatInt(id, 10) }

// iniDone are the banners after a change ("klart" query parameter).
var iniDone = []string{"skapat", "sparat", "nytta", "hallbarhet"}

// iniRow is one initiative in the portfolio's list.
type iniRow struct {
	Ini   followup.Initiative
	URL   string
	Owner unitName
}

// iniPair is two initiatives that look alike, for the flags.
type iniPair struct {
	A, B  iniRow
	Score string // the similarity as a percentage
}

// iniListPage is the portfolio: the filter, the initiatives it selects,
// the pairs that look alike and the create form.
type iniListPage struct {
	Filter    []bSection
	Rows      []iniRow
	Total     int // initiatives in the whole portfolio
	Sum       string
	Alike     []iniPair
	CanManage bool
	Create    []bSection
	Done      string
}

func (s *Server) handleInitiatives(w http.ResponseWriter, r *http.Request) {
	s.renderInitiatives(w, r, http.StatusOK, nil, nil)
}

// renderInitiatives renders the portfolio with the create form's values
// and errors (field → message key).
func (s *Server) renderInitiatives(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	filter, fvals := iniFilterOf(r, acc)
	all, err := s.db.Initiatives(r.Context(), followup.InitiativeFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := iniListPage{Total: len(all), CanManage: acc.CanAnywhere(identity.ManageFollowUp)}
	if d := r.URL.Query().Get("klart"); slices.Contains(iniDone, d) {
		p.Done = v.T(iniMsg + "done." + d)
	}
	var sum float64
	for _, ini := range all {
		if filter.Match(ini) {
			p.Rows = append(p.Rows, iniRowOf(v, acc, ini))
			sum += ini.BenefitSum()
		}
	}
	p.Sum = iniSEK(v, sum)
	p.Alike = iniAlike(v, acc, all, 0)
	p.Filter = iniFilterForm(v, acc, fvals).Sections
	if p.CanManage {
		if form == nil {
			form = url.Values{"status": {string(followup.StatusIdea)}}
		}
		p.Create = s.iniForm(v, acc, form, builderTranslate(v, errs), true).Sections
	}
	v.Title = v.T(iniMsg + "list.title")
	s.renderStatus(w, r, status, "initiatives", v.impersonal().with(p))
}

// iniRowOf returns ini's row.
func iniRowOf(v *view, acc *access, ini followup.Initiative) iniRow {
	u, _ := acc.Tree.Unit(ini.OwnerUnitID)
	return iniRow{Ini: ini, URL: iniURL(ini.ID), Owner: v.UnitName(u)}
}

// iniAlike returns the pairs of inis that look alike
// (followup.SimilarInitiatives), only those with initiative only when
// only is not 0.
func iniAlike(v *view, acc *access, inis []followup.Initiative, only int64) []iniPair {
	byID := map[int64]followup.Initiative{}
	for _, ini := range inis {
		byID[ini.ID] = ini
	}
	var out []iniPair
	for _, sp := range followup.SimilarInitiatives(inis, followup.SimilarityThreshold) {
		if only != 0 && sp.A != only && sp.B != only {
			continue
		}
		out = append(out, iniPair{A: iniRowOf(v, acc, byID[sp.A]), B: iniRowOf(v, acc, byID[sp.B]),
			Score: v.T(iniMsg+"alike.score", strconv.Itoa(int(sp.Score*100+0.5)))})
	}
	return out
}

// iniFilterOf reads the list's filter from r's query (status, enhet,
// perspektiv); a value that is not offered is ignored.
func iniFilterOf(r *http.Request, acc *access) (followup.InitiativeFilter, url.Values) {
	q := r.URL.Query()
	var f followup.InitiativeFilter
	vals := url.Values{}
	if st := followup.InitiativeStatus(q.Get("status")); st.Valid() {
		f.Status = st
		vals.Set("status", string(st))
	}
	if id := iniParseID(q.Get("enhet")); id > 0 {
		if _, ok := acc.Tree.Unit(id); ok {
			f.UnitID = id
			vals.Set("enhet", iniID(id))
		}
	}
	if p := followup.Perspective(q.Get("perspektiv")); p.Valid() {
		f.Perspective = p
		vals.Set("perspektiv", string(p))
	}
	return f, vals
}

// iniFilterForm describes the list's filter.
func iniFilterForm(v *view, acc *access, vals url.Values) *bForm {
	f := newBForm(v, vals, nil)
	f.choice("select", "status", iniMsg+"filter.status", "", iniStatusOptions(v, iniMsg+"filter.all"))
	f.choice("select", "enhet", iniMsg+"filter.unit", iniMsg+"filter.unit_hint", iniUnitOptions(v, acc, iniMsg+"filter.all"))
	perspectives := append([]bOption{{Value: "", Label: v.T(iniMsg + "filter.all")}}, iniPerspectiveOptions(v)...)
	f.choice("select", "perspektiv", iniMsg+"filter.perspective", "", perspectives)
	return f
}

// handleInitiativeCreate creates an initiative from the list's short
// form and goes on to its page, where the rest is filled in; a form with
// problems is shown again (422).
func (s *Server) handleInitiativeCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ini, _, _, errs := iniFromForm(followup.Initiative{}, r.PostForm)
	iniCheckOwner(acc, ini, errs)
	if len(errs) == 0 {
		created, err := s.db.CreateInitiative(r.Context(), ini, acc.User.ID)
		if err == nil {
			http.Redirect(w, r, iniURL(created.ID)+"?klart=skapat", http.StatusSeeOther)
			return
		}
		if errs = iniFieldErrors(err); errs == nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderInitiatives(w, r, http.StatusUnprocessableEntity, r.PostForm, errs)
}

// iniFieldErrors returns the field errors of an Invalid error, or nil
// for any other error.
func iniFieldErrors(err error) map[string]string {
	if sprang.ErrorKind(err) != sprang.Invalid {
		return nil
	}
	if f := sprang.ErrorFields(err); len(f) > 0 {
		return f
	}
	return map[string]string{"title": sprang.ErrorMessage(err)}
}

// iniCheckOwner adds a problem on the owner field to errs when ini has an
// owner the user may not manage the follow-up of (the select offers only
// those; a forged or stale form names another).
func iniCheckOwner(acc *access, ini followup.Initiative, errs map[string]string) {
	if _, ok := errs["owner"]; ok || ini.OwnerUnitID <= 0 {
		return
	}
	if !acc.Can(identity.ManageFollowUp, ini.OwnerUnitID) {
		errs["owner"] = iniMsg + "e.owner_not_yours"
	}
}

// iniCanManage reports whether the user may change ini: ManageFollowUp
// in its owner unit.
func iniCanManage(acc *access, ini followup.Initiative) bool {
	return acc.Can(identity.ManageFollowUp, ini.OwnerUnitID)
}

// iniPostedManaged reads r's posted form (postedForm) and loads the
// initiative named by r's {id} for a user who may change it
// (iniCanManage): Forbidden for anyone else, errNoPage for an unknown id.
func (s *Server) iniPostedManaged(w http.ResponseWriter, r *http.Request) (*access, followup.Initiative, error) {
	if _, err := postedForm(w, r); err != nil {
		return nil, followup.Initiative{}, err
	}
	acc, ini, err := s.iniLoad(r.Context(), r, identity.ManageFollowUp)
	if err != nil {
		return nil, followup.Initiative{}, err
	}
	if err := acc.require(identity.ManageFollowUp, ini.OwnerUnitID); err != nil {
		return nil, followup.Initiative{}, err
	}
	return acc, ini, nil
}

// iniLoad loads the initiative named by r's {id} for a user who may do a
// somewhere (the caller checks the owner unit when it changes the
// initiative: iniPostedManaged); an unknown id is errNoPage.
func (s *Server) iniLoad(ctx context.Context, r *http.Request, a identity.Action) (*access, followup.Initiative, error) {
	acc, err := s.requireAnywhere(r, a)
	if err != nil {
		return nil, followup.Initiative{}, err
	}
	id := iniParseID(r.PathValue("id"))
	if id <= 0 {
		return nil, followup.Initiative{}, errNoPage
	}
	ini, err := s.db.Initiative(ctx, id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil, followup.Initiative{}, errNoPage
	}
	return acc, ini, err
}
