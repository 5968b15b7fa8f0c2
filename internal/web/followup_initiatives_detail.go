package web

import (
	"net/http"
	"net/url"
	"slices"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// An initiative's page: what it is, its benefits over time with their
// sum, the supplier's sustainability criteria, the e-services and
// datasets it produced and the initiatives that look like it; for those
// who may manage the follow-up, the forms to record a benefit and assess
// the criteria, and a link to the edit view (the same page with
// ?andra=1), which shows the whole form instead. The page shows the
// contact's address, so it is not compressed (see mayCompress): the
// edit form has a view of its own to keep each under 30 KB.

// iniPage is what an initiative's page shows.
type iniPage struct {
	Row          iniRow
	Participants []unitName
	Goals        []string
	Sum          string
	Services     []iniProduct
	Datasets     []iniProduct
	Criteria     []iniCriterion
	Alike        []iniPair
	CanManage    bool
	Editing      bool // the edit view (?andra): the edit form instead of the rest
	EditURL      string
	Edit         []bSection
	Benefit      []bSection
	Assess       []bSection
	Done         string
}

// iniProduct is a link to an e-service or dataset the initiative
// produced.
type iniProduct struct {
	Href      string
	Title     unitName
	Published bool
}

// iniCriterion is one criterion's row: its name and the assessment, if
// any.
type iniCriterion struct {
	Name     string
	Assessed bool
	C        followup.Criterion
}

// iniForms are the values and errors (message keys) of the page's forms
// when one is shown again; nil for none.
type iniForms struct {
	edit, benefit, assess url.Values
	errs                  map[string]string
}

func (s *Server) handleInitiative(w http.ResponseWriter, r *http.Request) {
	s.renderInitiative(w, r, http.StatusOK, iniForms{})
}

// renderInitiative renders the page of the initiative named by r's {id}.
func (s *Server) renderInitiative(w http.ResponseWriter, r *http.Request, status int, forms iniForms) {
	acc, ini, err := s.iniLoad(r.Context(), r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := iniPage{Row: iniRowOf(v, acc, ini), Sum: iniSEK(v, ini.BenefitSum()), CanManage: iniCanManage(acc, ini)}
	p.EditURL = iniURL(ini.ID) + "?andra=1#andra"
	p.Editing = p.CanManage && (forms.edit != nil || (r.Method == http.MethodGet && r.URL.Query().Get("andra") != ""))
	if d := r.URL.Query().Get("klart"); slices.Contains(iniDone, d) {
		p.Done = v.T(iniMsg + "done." + d)
	}
	for _, id := range ini.ParticipantUnitIDs {
		u, _ := acc.Tree.Unit(id)
		p.Participants = append(p.Participants, v.UnitName(u))
	}
	for _, g := range ini.Goals {
		p.Goals = append(p.Goals, v.IniGoal(g))
	}
	for _, k := range followup.CriterionKinds() {
		c, ok := ini.Supplier.Criterion(k)
		p.Criteria = append(p.Criteria, iniCriterion{Name: v.T(iniMsg + "criterion." + string(k)), Assessed: ok, C: c})
	}
	services, datasets, err := s.db.InitiativeProducts(r.Context(), ini)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Services, p.Datasets = iniProducts(v, "/e-tjanster/", services), iniProducts(v, "/data/", datasets)
	all, err := s.db.Initiatives(r.Context(), followup.InitiativeFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Alike = iniAlike(v, acc, all, ini.ID)
	if p.CanManage {
		s.iniPageForms(v, acc, &p, ini, services, datasets, forms)
	}
	v.Title = ini.Title
	s.renderStatus(w, r, status, "initiative", v.with(p))
}

// iniPageForms fills in the page's three forms, the one sent back with
// its values and errors, the others fresh; the error summary lists the
// errors of the one sent back.
func (s *Server) iniPageForms(v *view, acc *access, p *iniPage, ini followup.Initiative, services, datasets []store.InitiativeProduct, forms iniForms) {
	errs := builderTranslate(v, forms.errs)
	edit, errEdit := forms.edit, errs
	if edit == nil {
		edit, errEdit = iniValues(ini, iniSlugs(services), iniSlugs(datasets)), nil
	}
	benefit, errBenefit := forms.benefit, errs
	if benefit == nil {
		errBenefit = nil
	}
	assess, errAssess := forms.assess, errs
	if assess == nil {
		assess, errAssess = iniCriteriaValues(ini), nil
	}
	if p.Editing {
		p.Edit = s.iniForm(v, acc, edit, errEdit, false).Sections
		return
	}
	p.Benefit = iniBenefitForm(v, benefit, errBenefit).Sections
	if ini.Supplier != nil {
		p.Assess = iniCriteriaForm(v, assess, errAssess).Sections
	}
}

// iniCriteriaValues returns the criteria form's values for ini's
// assessments.
func iniCriteriaValues(ini followup.Initiative) url.Values {
	vals := url.Values{}
	for _, k := range followup.CriterionKinds() {
		if c, ok := ini.Supplier.Criterion(k); ok {
			vals.Set("met_"+string(k), string(c.Met))
			vals.Set("evidence_"+string(k), c.Evidence)
		}
	}
	return vals
}

// iniProducts returns the links to products under base (their slug
// appended).
func iniProducts(v *view, base string, ps []store.InitiativeProduct) []iniProduct {
	var out []iniProduct
	for _, p := range ps {
		out = append(out, iniProduct{Href: base + url.PathEscape(p.Slug), Title: v.inLangName(p.TitleSV, p.TitleEN), Published: p.Published})
	}
	return out
}

// inLangName returns the text in the page's language, falling back to
// the Swedish one marked as Swedish.
func (v *view) inLangName(sv, en string) unitName {
	if v.Lang == "en" && en != "" {
		return unitName{Text: en}
	}
	if v.Lang == "en" {
		return unitName{Text: sv, Lang: "sv"}
	}
	return unitName{Text: sv}
}

// iniSlugs returns the slugs of ps.
func iniSlugs(ps []store.InitiativeProduct) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Slug
	}
	return out
}

// handleInitiativePost saves the edit form over the initiative.
func (s *Server) handleInitiativePost(w http.ResponseWriter, r *http.Request) {
	acc, ini, err := s.iniPostedManaged(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	upd, serviceSlugs, datasetSlugs, errs := iniFromForm(ini, r.PostForm)
	iniCheckOwner(acc, upd, errs)
	iniCheckSupplierRemoval(ini, upd, r.PostForm, errs)
	if len(errs) == 0 {
		upd.ServiceIDs, upd.DatasetIDs, err = s.db.InitiativeLinkIDs(r.Context(), serviceSlugs, datasetSlugs)
		if err == nil {
			_, err = s.db.UpdateInitiative(r.Context(), upd, acc.User.ID)
		}
		if err == nil {
			http.Redirect(w, r, iniURL(ini.ID)+"?klart=sparat", http.StatusSeeOther)
			return
		}
		if errs = iniFieldErrors(err); errs == nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderInitiative(w, r, http.StatusUnprocessableEntity, iniForms{edit: r.PostForm, errs: errs})
}

// iniRemoveSupplier is the field that confirms removing a supplier with
// assessed criteria.
const iniRemoveSupplier = "remove_supplier"

// iniCheckSupplierRemoval adds a problem to errs when the edit removes
// the supplier of ini, whose assessed criteria the store deletes with it,
// without the confirmation box ticked: the edit form then shows the box,
// so that the assessments are never lost by clearing two fields.
func iniCheckSupplierRemoval(ini, upd followup.Initiative, vals url.Values, errs map[string]string) {
	if upd.Supplier != nil || ini.Supplier == nil || len(ini.Supplier.Criteria) == 0 || vals.Get(iniRemoveSupplier) != "" {
		return
	}
	errs[iniRemoveSupplier] = iniMsg + "e.remove_supplier"
}

// handleInitiativeBenefit records a realized benefit.
func (s *Server) handleInitiativeBenefit(w http.ResponseWriter, r *http.Request) {
	acc, ini, err := s.iniPostedManaged(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, errs := iniBenefitFromForm(r.PostForm)
	if len(errs) == 0 {
		if _, err = s.db.AddBenefit(r.Context(), ini.ID, b, acc.User.ID); err == nil {
			http.Redirect(w, r, iniURL(ini.ID)+"?klart=nytta#nytta", http.StatusSeeOther)
			return
		}
		if errs = iniFieldErrors(err); errs == nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderInitiative(w, r, http.StatusUnprocessableEntity, iniForms{benefit: r.PostForm, errs: errs})
}

// handleInitiativeCriteria stores the supplier's assessed criteria; an
// initiative without a supplier has no such form (404).
func (s *Server) handleInitiativeCriteria(w http.ResponseWriter, r *http.Request) {
	acc, ini, err := s.iniPostedManaged(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ini.Supplier == nil {
		s.fail(w, r, errNoPage)
		return
	}
	cs, errs := iniCriteriaFromForm(r.PostForm)
	if len(errs) == 0 {
		if err = s.db.SetCriteria(r.Context(), ini.ID, cs, acc.User.ID); err == nil {
			http.Redirect(w, r, iniURL(ini.ID)+"?klart=hallbarhet#hallbarhet", http.StatusSeeOther)
			return
		}
		if errs = iniFieldErrors(err); errs == nil {
			s.fail(w, r, err)
			return
		}
	}
	s.renderInitiative(w, r, http.StatusUnprocessableEntity, iniForms{assess: r.PostForm, errs: errs})
}
