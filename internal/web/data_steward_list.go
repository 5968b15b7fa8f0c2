package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// stewardPageSize is how many datasets the list shows on a page.
const stewardPageSize = 50

// stewardRow is one dataset in the steward's list, with what its
// resources need attention for.
type stewardRow struct {
	Entry     opendata.Entry
	Unit      identity.Unit
	Resources int
	Loading   int // uploads waiting for or in a load
	Failed    int // uploads whose load failed
	Problems  int64
}

// stewardListPage is the list of the datasets of the units a steward
// manages, with the form to create one.
type stewardListPage struct {
	Rows   []stewardRow
	Total  int
	Create []bSection
	Pager  pager
	Done   string
}

func (s *Server) handleStewardList(w http.ResponseWriter, r *http.Request) {
	s.renderStewardList(w, r, http.StatusOK, nil, nil)
}

// renderStewardList renders the list with the create form's values and
// field errors (message keys; nil for none).
func (s *Server) renderStewardList(w http.ResponseWriter, r *http.Request, status int, form url.Values, errs map[string]string) {
	acc, err := s.requireAnywhere(r, identity.ManageDatasets)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	pageNo := 1
	if n, err := strconv.Atoi(r.URL.Query().Get("sida")); err == nil && n > 1 && n < 10_000 {
		pageNo = n
	}
	entries, total, err := s.stewardDatasets(r.Context(), acc, string(v.Lang), pageNo)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := stewardListPage{Total: total, Done: stewardDoneOf(r)}
	for _, e := range entries {
		row, err := s.stewardRowOf(r.Context(), acc, e)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Rows = append(p.Rows, row)
	}
	prev, next := "", ""
	if pageNo > 1 {
		prev = stewardBase + "?sida=" + strconv.Itoa(pageNo-1)
	}
	if pageNo*stewardPageSize < p.Total {
		next = stewardBase + "?sida=" + strconv.Itoa(pageNo+1)
	}
	p.Pager = v.Pager("steward.list.pages", v.PagerLink(prev, "steward.list.prev", "prev"), v.PagerLink(next, "steward.list.next", "next"))
	if form == nil {
		form = url.Values{}
	}
	f := newBForm(v, form, builderTranslate(v, errs))
	f.choice("select", "unit", "steward.f.unit", "steward.h.unit_new", stewardUnitOptions(v, acc, "steward.unit.choose"))
	f.text("title_sv", "steward.f.title_sv", "steward.h.title_new")
	f.text("slug", "steward.f.slug", "steward.h.slug_new").Code = true
	f.summary()
	p.Create = f.Sections
	v.Title = v.T("steward.list.title")
	s.renderStatus(w, r, status, "steward_list", v.impersonal().with(p))
}

// stewardDatasets returns page pageNo (from 1) of the datasets of the
// units where acc may manage datasets, in every state, the last changed
// first, and how many there are in all.
func (s *Server) stewardDatasets(ctx context.Context, acc *access, lang string, pageNo int) ([]opendata.Entry, int, error) {
	units := identity.UnitsWhere(acc.User.Principal(), identity.ManageDatasets, acc.Tree)
	if len(units) == 0 {
		return nil, 0, nil
	}
	res, err := s.db.SearchDatasets(ctx, opendata.DatasetQuery{Publishers: units, IncludeDraftsOf: units, Sort: "modified", Lang: lang,
		Limit: stewardPageSize, Offset: (pageNo - 1) * stewardPageSize})
	if err != nil {
		return nil, 0, err
	}
	return res.Entries, res.Total, nil
}

// stewardRowOf returns e's row of the list: its unit, and its resources
// counted with the state of their newest uploads.
func (s *Server) stewardRowOf(ctx context.Context, acc *access, e opendata.Entry) (stewardRow, error) {
	row := stewardRow{Entry: e, Resources: len(e.Distributions)}
	row.Unit, _ = acc.Tree.Unit(e.Dataset.UnitID)
	for _, d := range e.Distributions {
		if d.Kind != opendata.KindFile || d.Version == 0 {
			continue
		}
		up, err := s.db.Upload(ctx, d.ID, 0)
		if sprang.ErrorKind(err) == sprang.NotFound {
			continue
		}
		if err != nil {
			return row, err
		}
		switch up.LoadState {
		case opendata.LoadPending, opendata.LoadRunning:
			row.Loading++
		case opendata.LoadFailed:
			row.Failed++
		}
		if up.Quality != nil {
			row.Problems += up.Quality.ProblemRows
		}
	}
	return row, nil
}

// StewardTitle returns a dataset's title as a page shows it: in the
// page's language, falling back to Swedish (marked as Swedish), or a
// placeholder for a draft without one.
func (v *view) StewardTitle(d opendata.Dataset) unitName {
	n := unitName{Text: d.Title(string(v.Lang))}
	if v.Lang != i18n.Swedish && d.TitleEN == "" {
		n.Lang = string(i18n.Swedish)
	}
	if strings.TrimSpace(n.Text) == "" {
		return unitName{Text: v.T("steward.untitled")}
	}
	return n
}

// StewardState returns the name of a dataset's state.
func (v *view) StewardState(st opendata.State) string { return v.T("steward.state." + string(st)) }

// stewardSlugMax is the longest slug a dataset may have.
const stewardSlugMax = 100

// stewardSlugOK reports whether slug is a valid dataset slug: 2–100
// characters of a–z, 0–9 and hyphens.
func stewardSlugOK(slug string) bool {
	if len(slug) < 2 || len(slug) > stewardSlugMax {
		return false
	}
	for _, c := range slug {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// stewardSlugOf suggests a slug from a title: plain a–z, 0–9 and
// hyphens, at most stewardSlugMax long; "" when the title gives none.
func stewardSlugOf(title string) string {
	s := builderTruncate(builderFold(title, '-'), stewardSlugMax)
	if len(s) < 2 {
		return ""
	}
	return s
}

// handleStewardCreate creates a draft dataset from the list's form: a
// unit the user manages, a Swedish title and a slug (suggested from the
// title when left empty). It starts with CC0 and public access, and the
// browser goes on to its page.
func (s *Server) handleStewardCreate(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "unit", "title_sv", "slug")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.ManageDatasets)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, errs := stewardNewDataset(acc, form)
	if len(errs) == 0 {
		created, err := s.db.CreateDataset(r.Context(), d)
		switch {
		case sprang.ErrorKind(err) == sprang.Conflict:
			errs = map[string]string{"slug": "steward.slug_taken"}
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			if err := s.stewardAudit(r.Context(), acc, auditDatasetCreated, stewardObjectDataset, created.ID, "slug="+created.Slug); err != nil {
				s.fail(w, r, err)
				return
			}
			stewardRedirect(w, r, stewardURL(created.ID), "skapad")
			return
		}
	}
	vals := url.Values{}
	for k, val := range form {
		vals.Set(k, val)
	}
	s.renderStewardList(w, r, http.StatusUnprocessableEntity, vals, errs)
}

// stewardNewDataset checks the create form and returns the new draft, or
// the problems (field → message key).
func stewardNewDataset(acc *access, form map[string]string) (opendata.Dataset, map[string]string) {
	errs := map[string]string{}
	u, ok := stewardUnit(acc, form["unit"])
	if !ok {
		errs["unit"] = "steward.unit_required"
	}
	title := strings.Join(strings.Fields(form["title_sv"]), " ")
	switch {
	case title == "":
		errs["title_sv"] = "steward.title_required"
	case utf8.RuneCountInString(title) > stewardTitleMax:
		errs["title_sv"] = "steward.title_too_long"
	}
	slug := strings.TrimSpace(form["slug"])
	if slug == "" {
		slug = stewardSlugOf(title)
	}
	if !stewardSlugOK(slug) && errs["title_sv"] == "" {
		errs["slug"] = "steward.slug_invalid"
	}
	if len(errs) > 0 {
		return opendata.Dataset{}, errs
	}
	return opendata.Dataset{Slug: slug, UnitID: u.ID, State: opendata.Draft, TitleSV: title,
		Licence: opendata.LicenceCC0, AccessRights: opendata.AccessPublic}, nil
}
