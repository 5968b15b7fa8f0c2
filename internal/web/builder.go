package web

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The e-service builder: staff with the e-service builder role
// (identity.BuildEServices in the owning unit) create and change
// e-services here, and those who may view them (ViewEServices) look. Every
// change is saved at once as the service's open draft (store.
// SaveServiceDraft) and answered with a redirect to a page that says so;
// a draft may be invalid while it is being edited, and publishing refuses
// with the list of problems (eservice.Spec.Validate). A published version
// is never changed: the first change after publishing opens a new draft,
// copied from it. Nothing here needs JavaScript: where a form depends on
// an earlier choice (a condition's values), a submit button reloads it.

// builderBase is the path of the builder's pages.
const builderBase = "/personal/e-tjanster"

// builderURL returns the path of service id's page, with the further
// path elements escaped and joined.
func builderURL(id int64, elems ...string) string {
	var b strings.Builder
	b.WriteString(builderBase + "/" + strconv.FormatInt(id, 10))
	for _, e := range elems {
		b.WriteString("/" + url.PathEscape(e))
	}
	return b.String()
}

// builderDone are the banners a page may show after a change, by the
// value of the "klart" query parameter: the value names the message
// "builder.done.<value>". Anything else shows no banner.
var builderDone = []string{"skapad", "inlast", "sparat", "publicerad", "kastad", "borttagen", "tillagd", "flyttad"}

// builderDoneOf returns the banner value of r's query, or "" when it names none.
func builderDoneOf(r *http.Request) string {
	if d := r.URL.Query().Get("klart"); slices.Contains(builderDone, d) {
		return d
	}
	return ""
}

// builderRedirect sends the browser to path with a banner saying done.
func builderRedirect(w http.ResponseWriter, r *http.Request, path, done string) {
	http.Redirect(w, r, path+"?klart="+done, http.StatusSeeOther)
}

// builderCtx is what every page of one service works with: the user's
// access, the service, and the spec being edited — the open draft, or the
// published version when there is none (the first save makes a draft of
// it).
type builderCtx struct {
	acc      *access
	svc      store.Service
	spec     eservice.Spec
	canBuild bool // the user may change the service
}

// builderLoad loads the service named by the {id} of r's path for a user
// who may view it; with write set, they must be allowed to change it. A
// service of a unit the user may not view is a 404, like one that does
// not exist; a viewer who may not change it gets 403 on write.
func (s *Server) builderLoad(r *http.Request, write bool) (*builderCtx, error) {
	acc, err := s.requireAnywhere(r, identity.ViewEServices)
	if err != nil {
		return nil, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, errNoPage
	}
	svc, err := s.db.FindService(r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && !acc.Can(identity.ViewEServices, svc.UnitID)) {
		return nil, errNoPage
	}
	if err != nil {
		return nil, err
	}
	b := &builderCtx{acc: acc, svc: svc, spec: svc.Spec, canBuild: acc.Can(identity.BuildEServices, svc.UnitID)}
	if svc.Draft > 0 && svc.Published > 0 {
		if b.spec, err = s.db.FindServiceVersion(r.Context(), id, svc.Draft); err != nil {
			return nil, err
		}
	}
	if write && !b.canBuild {
		return nil, errForbidden
	}
	return b, nil
}

// builderSave stores b.spec as the service's draft and redirects to path with
// the banner done. A slug another service has is reported against the
// field slug (by the caller's re-render, through the returned error); any
// other failure fails the request.
func (s *Server) builderSave(w http.ResponseWriter, r *http.Request, b *builderCtx, path, done string) {
	if err := s.builderSaveDraft(r.Context(), b); err != nil {
		s.fail(w, r, err)
		return
	}
	builderRedirect(w, r, path, done)
}

// builderSaveAt is builderSave that goes back to the element fragment of
// the page ("" for its top).
func (s *Server) builderSaveAt(w http.ResponseWriter, r *http.Request, b *builderCtx, path, done, fragment string) {
	if err := s.builderSaveDraft(r.Context(), b); err != nil {
		s.fail(w, r, err)
		return
	}
	to := path + "?klart=" + done
	if fragment != "" {
		to += "#" + fragment
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// builderSaveDraft stores b.spec as the open draft of b's service.
func (s *Server) builderSaveDraft(ctx context.Context, b *builderCtx) error {
	_, err := s.db.SaveServiceDraft(ctx, b.svc.ID, b.spec, b.acc.User.ID)
	return err
}

// builderAudit appends an audit entry for a change to service id.
func (s *Server) builderAudit(ctx context.Context, acc *access, action audit.Action, id int64, detail string) error {
	_, err := s.db.AppendAudit(ctx, builderEntry(acc, action, id, detail))
	return err
}

// builderEntry is the audit entry of a builder action on service id.
func builderEntry(acc *access, action audit.Action, id int64, detail string) audit.Entry {
	return audit.Entry{ActorKind: audit.Staff, ActorID: acc.User.ID, ActorName: acc.User.Username,
		Action: action, ObjectType: "eservice", ObjectID: strconv.FormatInt(id, 10), Detail: detail}
}

// The audit actions of the builder.
const (
	auditServiceCreated   audit.Action = "eservice.created"
	auditServiceImported  audit.Action = "eservice.imported"
	auditServicePublished audit.Action = "eservice.published"
	auditServiceDiscarded audit.Action = "eservice.draft_discarded"
)

// BuilderText returns an author's text as a page shows it: in the page's
// language, falling back to Swedish, and then marked as Swedish (WCAG
// 3.1.2). It is rendered by the "unit-name" component.
func (v *view) BuilderText(t eservice.Text) unitName {
	n := unitName{Text: t.In(string(v.Lang))}
	if v.Lang != i18n.Swedish && strings.TrimSpace(t.EN) == "" {
		n.Lang = string(i18n.Swedish)
	}
	return n
}

// BuilderShort returns an author's text like BuilderText, cut to its
// first line and at most 80 characters (at a space, with "…"), for
// headings, lists and titles: an information text may be long.
func (v *view) BuilderShort(t eservice.Text) unitName {
	n := v.BuilderText(t)
	n.Text = builderShorten(n.Text, 80)
	return n
}

// builderShorten returns the first line of s, cut to at most n
// characters at a space with "…" added.
func builderShorten(s string, n int) string {
	s, _, cut := strings.Cut(strings.TrimSpace(s), "\n")
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n && !cut {
		return string(r)
	}
	if len(r) > n {
		r = r[:n]
		if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
			r = []rune(string(r)[:i])
		}
	}
	return strings.TrimRight(string(r), " ,.;:") + "…"
}

// builderRow is one service in the builder's list.
type builderRow struct {
	store.Service
	Unit identity.Unit
}

// builderListPage is the list of the services a user may view, with the
// forms to create and import one for builders.
type builderListPage struct {
	Services   []builderRow
	Units      []identity.Node // the units where the user may build; empty for viewers
	Create     []bSection
	ImportForm []bSection
	Import     []builderProblem // the problems of an import that failed
	Done       string
}

func (s *Server) handleBuilderList(w http.ResponseWriter, r *http.Request) {
	s.renderBuilderList(w, r, http.StatusOK, nil, nil, nil)
}

// renderBuilderList renders the list with form state and the error of a
// failed create or import (nil for none), and the problems of an import.
func (s *Server) renderBuilderList(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error, imp []builderProblem) {
	acc, err := s.requireAnywhere(r, identity.ViewEServices)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units := identity.UnitsWhere(acc.User.Principal(), identity.ViewEServices, acc.Tree)
	svcs, err := s.db.ListServices(r.Context(), units)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := builderListPage{Import: imp, Done: builderDoneOf(r), Units: builderUnits(acc)}
	for _, sv := range svcs {
		u, _ := acc.Tree.Unit(sv.UnitID)
		p.Services = append(p.Services, builderRow{Service: sv, Unit: u})
	}
	vals := url.Values{}
	for k, val := range form {
		vals.Set(k, val)
	}
	f := newBForm(v, vals, builderTranslate(v, sprang.ErrorFields(formErr)))
	f.text("title", "builder.create.title", "builder.create.title_hint")
	f.text("slug", "builder.f.slug", "builder.create.slug_hint").Code = true
	var unitOpts, importUnits []bOption
	importUnits = append(importUnits, bOption{Value: "", Label: v.T("builder.import.unit_file")})
	for _, n := range p.Units {
		name := v.UnitName(n.Unit)
		o := bOption{Value: strconv.FormatInt(n.ID, 10), Label: v.Indent(n.Depth) + name.Text, Lang: name.Lang}
		unitOpts, importUnits = append(unitOpts, o), append(importUnits, o)
	}
	f.choice("select", "unit", "builder.f.unit", "", unitOpts)
	f.choice("select", "category", "builder.f.category", "", builderCategoryOptions(v))
	create := len(f.Sections[0].Fields)
	f.Sections = append(f.Sections, bSection{})
	f.add(bField{Kind: "file", Name: "import_file", Label: v.T("builder.import.file"), Hint: v.T("builder.import.file_hint")})
	f.choice("select", "import_unit", "builder.import.unit", "builder.import.unit_hint", importUnits)
	f.text("import_slug", "builder.import.slug", "builder.import.slug_hint").Code = true
	f.summary()
	if len(v.Errors) == 0 && formErr != nil {
		v.Errors = []fieldError{{Field: "title", Message: errorText(v, formErr)}}
	}
	p.Create = []bSection{{Fields: f.Sections[0].Fields[:create]}}
	p.ImportForm = f.Sections[1:]
	v.Title = v.T("builder.list.title")
	s.renderStatus(w, r, status, "builder_list", v.impersonal().with(p))
}

// BuilderDone returns the text of the banner done (see builderDone), or
// "" for none.
func (v *view) BuilderDone(done string) string {
	if done == "" {
		return ""
	}
	return v.T("builder.done." + done)
}

// builderUnits returns the units where acc may build e-services, in tree
// order.
func builderUnits(acc *access) []identity.Node {
	var out []identity.Node
	for _, n := range acc.Tree.Walk() {
		if acc.Can(identity.BuildEServices, n.ID) {
			out = append(out, n)
		}
	}
	return out
}

// handleBuilderCreate creates a service from the list page's form: a
// title, a slug (made from the title when left empty), a unit where the
// user may build and a category; it starts from builderDefaultSpec.
func (s *Server) handleBuilderCreate(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "title", "slug", "unit", "category")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requireAnywhere(r, identity.BuildEServices)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	spec, err := s.builderNewSpec(acc, form)
	id := int64(0)
	if err == nil {
		id, err = s.builderCreate(r.Context(), acc, spec, auditServiceCreated)
	}
	if err == nil {
		builderRedirect(w, r, builderURL(id), "skapad")
		return
	}
	if k := sprang.ErrorKind(err); k == sprang.Invalid || k == sprang.Conflict {
		s.renderBuilderList(w, r, http.StatusUnprocessableEntity, form, err, nil)
		return
	}
	s.fail(w, r, err)
}

// builderCreate stores spec as a new service, audits it and returns its
// id. A taken slug is an Invalid error on the field slug.
func (s *Server) builderCreate(ctx context.Context, acc *access, spec eservice.Spec, action audit.Action) (int64, error) {
	svc, err := s.db.CreateService(ctx, spec, acc.User.ID)
	if sprang.ErrorKind(err) == sprang.Conflict {
		return 0, sprang.FieldErrors(map[string]string{"slug": "builder.slug_taken"})
	}
	if err != nil {
		return 0, err
	}
	if err := s.builderAudit(ctx, acc, action, svc.ID, "slug="+spec.Slug); err != nil {
		return 0, err
	}
	return svc.ID, nil
}

// builderNewSpec checks the create form and returns the new service's spec.
func (s *Server) builderNewSpec(acc *access, form map[string]string) (eservice.Spec, error) {
	f := map[string]string{}
	title := strings.Join(strings.Fields(form["title"]), " ")
	if title == "" || len([]rune(title)) > 200 {
		f["title"] = "builder.create.title_required"
	}
	slug := strings.TrimSpace(form["slug"])
	if slug == "" {
		slug = builderSlug(title)
	}
	if !builderSlugPattern.MatchString(slug) && f["title"] == "" {
		f["slug"] = "builder.slug_invalid"
	}
	unit, ok := s.builderUnitToBuild(acc, form["unit"])
	if !ok {
		f["unit"] = "builder.unit_required"
	}
	cat := eservice.Category(form["category"])
	if !slices.Contains(eservice.Categories(), cat) {
		f["category"] = "builder.category_required"
	}
	if err := sprang.FieldErrors(f); err != nil {
		return eservice.Spec{}, err
	}
	return s.builderDefaultSpec(title, slug, string(cat), unit), nil
}

// builderUnitToBuild returns the unit with the decimal id s when acc may build
// e-services in it.
func (s *Server) builderUnitToBuild(acc *access, id string) (identity.Unit, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil {
		return identity.Unit{}, false
	}
	u, ok := acc.Tree.Unit(n)
	if !ok || !acc.Can(identity.BuildEServices, n) {
		return identity.Unit{}, false
	}
	return u, true
}

// builderDefaultSpec is what a new service starts from: its title, slug,
// category and unit, the default status list, one page, a retention rule
// to adjust, and the privacy notice left for the author to write (the
// draft is invalid until they do).
func (s *Server) builderDefaultSpec(title, slug, category string, u identity.Unit) eservice.Spec {
	tr := func(key string) eservice.Text {
		return eservice.Text{SV: s.cat.T(i18n.Swedish, key), EN: s.cat.T(i18n.English, key)}
	}
	return eservice.Spec{
		Format: eservice.FormatVersion, Slug: slug, Title: eservice.Text{SV: title}, Category: category,
		UnitSlug: u.Slug, UnitID: u.ID, Classification: eservice.ClassLow,
		Retention:  eservice.Retention{Months: 24, Action: eservice.RetainAnonymize},
		TargetDays: 14,
		Statuses:   eservice.DefaultStatuses(),
		Form:       eservice.Form{Pages: []eservice.Page{{ID: "uppgifter", Title: tr("builder.default_page")}}},
	}
}

// handleBuilderImport creates a service from an uploaded export file. The
// unit chosen in the form wins over the file's; left at "the file's
// unit", the file's unit is used when the user may build there. A slug
// given in the form replaces the file's.
func (s *Server) handleBuilderImport(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.BuildEServices)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, data, err := builderReadImport(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	spec, fileErr, err := s.builderImportSpec(acc, form, data)
	id := int64(0)
	if err == nil {
		id, err = s.builderCreate(r.Context(), acc, spec, auditServiceImported)
	}
	if err == nil {
		builderRedirect(w, r, builderURL(id), "inlast")
		return
	}
	var probs []builderProblem
	if fileErr != nil {
		probs = builderImportProblems(s.view(r), fileErr, data)
	}
	if fe := sprang.ErrorFields(err); fe["slug"] != "" {
		err = sprang.FieldErrors(map[string]string{"import_slug": fe["slug"]})
	}
	if k := sprang.ErrorKind(err); k == sprang.Invalid || k == sprang.Conflict {
		s.renderBuilderList(w, r, http.StatusUnprocessableEntity, form, err, probs)
		return
	}
	s.fail(w, r, err)
}

// builderMaxImport bounds the multipart body of an import: the file and a
// little for the other fields and the multipart framing.
const builderMaxImport = eservice.MaxImportBytes + 16<<10

// builderReadImport reads the import form: the fields import_unit and
// import_slug, and the content of the file import_file (nil when none was
// chosen). An oversized body gives errTooLarge.
func builderReadImport(w http.ResponseWriter, r *http.Request) (map[string]string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, builderMaxImport)
	if err := r.ParseMultipartForm(builderMaxImport); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, nil, errTooLarge
		}
		return nil, nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	if !validUTF8(r.MultipartForm.Value) {
		return nil, nil, errUnreadable
	}
	form := map[string]string{"import_unit": r.FormValue("import_unit"), "import_slug": r.FormValue("import_slug")}
	f, _, err := r.FormFile("import_file")
	if err != nil {
		return form, nil, nil //nolint:nilerr // no file chosen: reported as a field error
	}
	defer func() { _ = f.Close() }()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, nil, fmt.Errorf("read import file: %w", err)
	}
	return form, buf.Bytes(), nil
}

// builderImportSpec reads and checks an import: the file with
// eservice.Import, then the unit and slug of the form. It returns the spec
// to create; or Import's Invalid error (fileErr, for listing its problems)
// with an Invalid error on the field import_file; or an Invalid error with
// the form's field errors.
func (s *Server) builderImportSpec(acc *access, form map[string]string, data []byte) (spec eservice.Spec, fileErr, err error) {
	if len(data) == 0 {
		return eservice.Spec{}, nil, sprang.FieldErrors(map[string]string{"import_file": "builder.import.file_required"})
	}
	spec, err = eservice.Import(bytes.NewReader(data))
	if err != nil {
		if sprang.ErrorKind(err) != sprang.Invalid {
			return eservice.Spec{}, nil, err
		}
		return eservice.Spec{}, err, sprang.FieldErrors(map[string]string{"import_file": "builder.import.file_invalid"})
	}
	f := map[string]string{}
	var unit identity.Unit
	ok := false
	if form["import_unit"] == "" {
		unit, ok = s.builderUnitBySlug(acc, spec.UnitSlug)
	} else {
		unit, ok = s.builderUnitToBuild(acc, form["import_unit"])
	}
	if !ok {
		f["import_unit"] = "builder.import.unit_required"
	}
	if slug := strings.TrimSpace(form["import_slug"]); slug != "" {
		if !builderSlugPattern.MatchString(slug) {
			f["import_slug"] = "builder.slug_invalid"
		}
		spec.Slug = slug
	}
	if err := sprang.FieldErrors(f); err != nil {
		return eservice.Spec{}, nil, err
	}
	spec.UnitID, spec.UnitSlug = unit.ID, unit.Slug
	return spec, nil, nil
}

// builderUnitBySlug returns the unit named slug when acc may build there.
func (s *Server) builderUnitBySlug(acc *access, slug string) (identity.Unit, bool) {
	for _, n := range acc.Tree.Walk() {
		if n.Slug == slug && acc.Can(identity.BuildEServices, n.ID) {
			return n.Unit, true
		}
	}
	return identity.Unit{}, false
}

// builderVersionRow is one version of a service on its overview, with the names
// of who made and published it.
type builderVersionRow struct {
	store.VersionInfo
	CreatedByName, PublishedByName string
}

// builderOverview is the overview of one service: its versions, the open
// draft's problems, and the actions.
type builderOverview struct {
	Service  store.Service
	Spec     eservice.Spec // the draft, or the published version when there is none
	Unit     identity.Unit
	Versions []builderVersionRow
	Problems []builderProblem
	CanBuild bool
	Refused  bool // publishing was refused: the problems are shown as errors
	Done     string
}

func (s *Server) handleBuilderService(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderBuilderService(w, r, http.StatusOK, b, false)
}

func (s *Server) renderBuilderService(w http.ResponseWriter, r *http.Request, status int, b *builderCtx, refused bool) {
	vs, err := s.db.ServiceVersions(r.Context(), b.svc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := builderOverview{Service: b.svc, Spec: b.spec, CanBuild: b.canBuild, Refused: refused, Done: builderDoneOf(r)}
	p.Unit, _ = b.acc.Tree.Unit(b.spec.UnitID)
	if b.svc.Draft > 0 {
		p.Problems = s.builderProblems(v, b.svc.ID, b.spec, b.spec.Validate())
	}
	names := map[int64]string{}
	for _, vi := range vs {
		p.Versions = append(p.Versions, builderVersionRow{VersionInfo: vi,
			CreatedByName: s.builderUserName(r.Context(), names, vi.CreatedBy), PublishedByName: s.builderUserName(r.Context(), names, vi.PublishedBy)})
	}
	if refused { // for the page title's error mark; the problems are drawn by the page
		v.Errors = []fieldError{{Field: "problems", Message: v.T("builder.publish.refused")}}
	}
	v.Title = v.T("builder.service.title", b.spec.Title.In(string(v.Lang)))
	s.renderStatus(w, r, status, "builder_service", v.impersonal().with(p))
}

// builderUserName returns the display name of staff user id (0: none), looked up
// once per page through names.
func (s *Server) builderUserName(ctx context.Context, names map[int64]string, id int64) string {
	if id == 0 {
		return ""
	}
	if n, ok := names[id]; ok {
		return n
	}
	n := "#" + strconv.FormatInt(id, 10)
	if u, err := s.auth.User(ctx, id); err == nil {
		n = u.DisplayName
	}
	names[id] = n
	return n
}

// builderPosted reads a builder POST's form (refusing bad bodies) and
// loads its service for changing; on failure it has answered the request
// and reports false.
func (s *Server) builderPosted(w http.ResponseWriter, r *http.Request) (*builderCtx, bool) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return b, true
}

// handleBuilderPublish publishes the open draft when it is valid, and
// otherwise shows the overview with its problems (422).
func (s *Server) handleBuilderPublish(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	if b.svc.Draft == 0 {
		s.fail(w, r, sprang.Errorf(sprang.Conflict, "builder.publish.no_draft"))
		return
	}
	if err := b.spec.Validate(); err != nil {
		s.renderBuilderService(w, r, http.StatusUnprocessableEntity, b, true)
		return
	}
	if err := b.builderRequireUnit(b.spec.UnitID); err != nil {
		s.fail(w, r, err)
		return
	}
	_, err := s.db.PublishService(r.Context(), b.svc.ID, b.acc.User.ID, func(ctx context.Context, tx *sql.Tx) error {
		_, err := s.db.AppendAuditTx(ctx, tx, builderEntry(b.acc, auditServicePublished, b.svc.ID,
			fmt.Sprintf("slug=%s version=%d", b.spec.Slug, b.svc.Draft)))
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	builderRedirect(w, r, builderURL(b.svc.ID), "publicerad")
}

// builderRequireUnit returns Forbidden unless the user may build in unit id: a
// draft moved to another unit is published only by someone who may build
// there too.
func (b *builderCtx) builderRequireUnit(id int64) error {
	return b.acc.require(identity.BuildEServices, id)
}

// handleBuilderDiscard deletes the open draft; a service never published
// goes with it, back to the list.
func (s *Server) handleBuilderDiscard(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	if b.svc.Draft == 0 {
		builderRedirect(w, r, builderURL(b.svc.ID), "kastad")
		return
	}
	if err := s.db.DiscardServiceDraft(r.Context(), b.svc.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.builderAudit(r.Context(), b.acc, auditServiceDiscarded, b.svc.ID, fmt.Sprintf("version=%d", b.svc.Draft)); err != nil {
		s.fail(w, r, err)
		return
	}
	if b.svc.Published == 0 {
		builderRedirect(w, r, builderBase, "kastad")
		return
	}
	builderRedirect(w, r, builderURL(b.svc.ID), "kastad")
}

// handleBuilderExport sends a version of the service as an export file:
// ?version=N, or by default the draft when there is one and otherwise
// the published version.
func (s *Server) handleBuilderExport(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	spec, version := b.spec, max(b.svc.Draft, b.svc.Published)
	if q := r.URL.Query().Get("version"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || n <= 0 {
			s.fail(w, r, errNoPage)
			return
		}
		if spec, err = s.db.FindServiceVersion(r.Context(), b.svc.ID, n); err != nil {
			s.fail(w, r, err)
			return
		}
		version = n
	}
	if u, ok := b.acc.Tree.Unit(spec.UnitID); ok {
		spec.UnitSlug = u.Slug
	}
	var buf bytes.Buffer
	if err := eservice.Export(&buf, spec); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-v%d.json"`, spec.Slug, version))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

// BuilderLinks returns the staff start page's link to the e-service
// builder when the user may view e-services in some unit. The page knows
// the user's grants in units that exist, which is all
// identity.CanAnywhere asks of the tree.
func (p staffPage) BuilderLinks() []staffLink {
	var units []identity.Unit
	seen := map[int64]bool{}
	for _, g := range p.Grants {
		if !seen[g.Unit.ID] {
			seen[g.Unit.ID] = true
			u := g.Unit
			u.ParentID = 0
			units = append(units, u)
		}
	}
	t, err := identity.BuildTree(units)
	if err != nil || !identity.CanAnywhere(p.User.Principal(), identity.ViewEServices, t) {
		return nil
	}
	return []staffLink{{builderBase, "builder.staff_link", identity.ViewEServices}}
}
