package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// stewardResourceRow is one resource on a dataset's page, with the newest
// upload of a file.
type stewardResourceRow struct {
	opendata.Distribution
	URL    string
	Upload *opendata.Upload
}

// stewardDatasetPage is a dataset's page: the metadata form, the
// resources with the forms to add one, and publishing with the
// conformance check's problems and advice.
type stewardDatasetPage struct {
	Entry     opendata.Entry
	Unit      identity.Unit
	Sections  []bSection
	Resources []stewardResourceRow
	FileForm  []bSection
	File      bField // the file input, drawn by the page (see stewardUploadAccept)
	LinkForm  []bSection
	Accept    string
	MaxUpload string
	Problems  []builderProblem // what blocks publishing
	Advice    []builderProblem // what would be better
	Refused   bool             // publishing was refused: Problems are errors
	Done      string
	PublicURL string // the public page, for a dataset that is or was published
}

// stewardState is the form state a dataset's page is drawn with after a
// refused post: the metadata form's values (nil: the dataset's), the
// resource forms' values, and the errors of every form on the page
// (field → text).
type stewardState struct {
	vals    url.Values
	res     url.Values
	errs    map[string]string
	refused bool
}

func (s *Server) handleStewardDataset(w http.ResponseWriter, r *http.Request) {
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStewardDataset(w, r, http.StatusOK, c, stewardState{})
}

// renderStewardDataset draws c's page in state st.
func (s *Server) renderStewardDataset(w http.ResponseWriter, r *http.Request, status int, c *stewardCtx, st stewardState) {
	v := s.view(r)
	vals := st.vals
	if vals == nil {
		vals = stewardValues(c.ds())
	}
	problems := opendata.Check(c.entry)
	p := stewardDatasetPage{Entry: c.entry, Refused: st.refused, Done: stewardDoneOf(r),
		Accept: stewardUploadAccept(), MaxUpload: stewardSize(v, stewardMaxUpload)}
	p.Problems, p.Advice = stewardProblems(v, c, problems)
	errs := st.errs
	if st.refused {
		errs = stewardViolationErrors(v, problems)
	}
	f := s.stewardForm(v, c, vals, errs)
	p.Sections = f.Sections
	p.Unit, _ = c.acc.Tree.Unit(c.ds().UnitID)
	if c.ds().State != opendata.Draft {
		p.PublicURL = "/data/" + url.PathEscape(c.ds().Slug)
	}
	for _, d := range c.entry.Distributions {
		row := stewardResourceRow{Distribution: d, URL: stewardResourceURL(c.ds().ID, d.ID)}
		if d.Kind == opendata.KindFile && d.Version > 0 {
			up, err := s.db.Upload(r.Context(), d.ID, 0)
			if err != nil && sprang.ErrorKind(err) != sprang.NotFound {
				s.fail(w, r, err)
				return
			}
			if err == nil {
				row.Upload = &up
			}
		}
		p.Resources = append(p.Resources, row)
	}
	rf := newBForm(v, st.res, st.errs)
	rf.text("file_title", "steward.f.file_title", "steward.h.file_title")
	p.FileForm = rf.Sections
	p.File = bField{Name: "file", Label: v.T("steward.f.file"), Hint: v.T("steward.h.file", p.MaxUpload),
		Error: st.errs["file"], ErrorPrefix: v.T("form.error_prefix")}
	lf := newBForm(v, st.res, st.errs)
	lf.text("link_title", "steward.f.link_title", "steward.h.link_title")
	lf.add(bField{Kind: "text", Name: "link_url", Label: v.T("steward.f.link_url"), Hint: v.T("steward.h.link_url"), Code: true})
	lf.choice("select", "link_format", "steward.f.format", "steward.h.format", stewardFormatOptions(v))
	p.LinkForm = lf.Sections
	if st.refused { // for the title's error mark; the page draws the problems
		v.Errors = []fieldError{{Field: "problems", Message: v.T("steward.publish.refused")}}
	} else {
		f.summary()
		for _, name := range []string{"file_title", "file", "link_title", "link_url", "link_format"} {
			if msg := st.errs[name]; msg != "" {
				v.Errors = append(v.Errors, fieldError{Field: name, Message: msg})
			}
		}
	}
	v.Title = v.T("steward.dataset.title", v.StewardTitle(c.ds()).Text)
	s.renderStatus(w, r, status, "steward_dataset", v.impersonal().with(p))
}

// stewardViolationErrors returns the messages of the violations in ps on
// fields of the metadata form, to show beside them (field → text).
func stewardViolationErrors(v *view, ps []opendata.Problem) map[string]string {
	errs := map[string]string{}
	for _, p := range ps {
		f := p.Field
		if f == "publisher" {
			f = "unit"
		}
		if p.Violation && slices.Contains(stewardFormFields, f) && errs[f] == "" {
			errs[f] = stewardText(v, p.Key, p.Arg)
		}
	}
	return errs
}

// stewardProblems turns the conformance check's problems into the lists
// the page shows: the violations that block publishing and the warnings,
// each naming the field in plain words and linking to where it is put
// right.
func stewardProblems(v *view, c *stewardCtx, ps []opendata.Problem) (violations, warnings []builderProblem) {
	for _, p := range ps {
		bp := builderProblem{Message: stewardText(v, p.Key, p.Arg)}
		bp.URL, bp.Where, bp.Name = stewardProblemPlace(v, c, p.Field)
		if p.Violation {
			violations = append(violations, bp)
		} else {
			warnings = append(warnings, bp)
		}
	}
	return violations, warnings
}

// stewardProblemPlace returns where a problem on field is put right: the
// link, the name of the field and, for a resource, the resource's title.
// A field of the metadata form links to it on the page; a resource's
// field to the resource's page.
func stewardProblemPlace(v *view, c *stewardCtx, field string) (string, string, unitName) {
	switch {
	case slices.Contains(stewardFormFields, field):
		return "#" + field, v.T("steward.f." + field), unitName{}
	case field == "publisher":
		return "#unit", v.T("steward.f.unit"), unitName{}
	case strings.HasPrefix(field, "distribution."):
		rest := strings.TrimPrefix(field, "distribution.")
		rid, f, _ := strings.Cut(rest, ".")
		for _, d := range c.entry.Distributions {
			if d.ID == rid {
				name := unitName{Text: stewardResourceTitle(v, d)}
				u := stewardResourceURL(c.ds().ID, d.ID)
				if slices.Contains(stewardResourceFields, f) {
					u += "#" + f
				}
				return u, v.T("steward.where.resource"), name
			}
		}
	}
	return "#resurser", v.T("steward.where.resources"), unitName{}
}

// stewardResourceTitle returns a resource's title in the page's language,
// or its format when it has none.
func stewardResourceTitle(v *view, d opendata.Distribution) string {
	if t := d.Title(string(v.Lang)); t != "" {
		return t
	}
	return v.T("steward.resource.untitled", d.Format)
}

// handleStewardDatasetPost saves the metadata form. A published dataset
// must stay conformant: a change that the conformance check refuses is
// not saved, and the page says why.
func (s *Server) handleStewardDatasetPost(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mayUse := func(id int64) bool { return c.acc.Can(identity.ManageDatasets, id) }
	d, keys := stewardFromForm(c.ds(), r.PostForm, mayUse)
	v := s.view(r)
	errs := builderTranslate(v, keys)
	if len(errs) == 0 && d.State == opendata.Published {
		e := c.entry
		e.Dataset = d
		for _, p := range opendata.Check(e) {
			if p.Violation && slices.Contains(stewardFormFields, p.Field) && errs[p.Field] == "" {
				errs[p.Field] = stewardText(v, p.Key, p.Arg) + " " + v.T("steward.published_must_conform")
			}
		}
	}
	if len(errs) == 0 {
		saved, err := s.db.UpdateDataset(r.Context(), d)
		switch {
		case sprang.ErrorKind(err) == sprang.Conflict:
			errs["slug"] = v.T("steward.slug_taken")
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			if err := s.stewardAudit(r.Context(), c.acc, auditDatasetUpdated, stewardObjectDataset, saved.ID, "slug="+saved.Slug); err != nil {
				s.fail(w, r, err)
				return
			}
			stewardRedirect(w, r, stewardURL(saved.ID), "sparat")
			return
		}
	}
	s.renderStewardDataset(w, r, http.StatusUnprocessableEntity, c, stewardState{vals: r.PostForm, errs: errs})
}

// handleStewardPublish publishes the dataset (action "publish", also
// republishing a withdrawn one) when the conformance check finds no
// violation, and otherwise shows its page with them (422); or withdraws a
// published one (action "withdraw").
func (s *Server) handleStewardPublish(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := c.ds()
	state, action, done := opendata.Published, auditDatasetPublished, "publicerad"
	if form["action"] == "withdraw" {
		state, action, done = opendata.Withdrawn, auditDatasetWithdrawn, "aterkallad"
		if d.State != opendata.Published {
			http.Redirect(w, r, stewardURL(d.ID), http.StatusSeeOther)
			return
		}
	} else {
		if d.State == opendata.Published {
			http.Redirect(w, r, stewardURL(d.ID), http.StatusSeeOther)
			return
		}
		if opendata.HasViolation(opendata.Check(c.entry)) {
			s.renderStewardDataset(w, r, http.StatusUnprocessableEntity, c, stewardState{refused: true})
			return
		}
	}
	if err := s.db.SetDatasetState(r.Context(), d.ID, state, s.db.Now()); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.stewardAudit(r.Context(), c.acc, action, stewardObjectDataset, d.ID, "slug="+d.Slug); err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardURL(d.ID), done)
}

// StewardResTitle returns a resource's title as a page shows it: in the
// page's language, falling back to Swedish (marked as Swedish), or its
// format when it has none.
func (v *view) StewardResTitle(d opendata.Distribution) unitName {
	n := unitName{Text: stewardResourceTitle(v, d)}
	if v.Lang != i18n.Swedish && d.TitleEN == "" && d.TitleSV != "" {
		n.Lang = string(i18n.Swedish)
	}
	return n
}
