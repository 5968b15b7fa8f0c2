package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// builderPageRow is one page in the list of a form's pages.
type builderPageRow struct {
	Index       int
	ID          string
	Title       unitName
	Questions   int
	Cond        string // the page's condition in words, "" for none
	First, Last bool
}

// builderPagesView is the list of a form's pages with the form to add one.
type builderPagesView struct {
	builderPage
	Pages []builderPageRow
}

func (s *Server) handleBuilderPages(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	var errs map[string]string
	if builderShowProblems(r) {
		errs = builderProblemsAt(v, b.spec.Validate(), builderPlace{Area: "pages", Page: -1, Q: -1, Inner: -1, S: -1})
	}
	s.renderBuilderPages(w, r, http.StatusOK, v, b, nil, errs)
}

func (s *Server) renderBuilderPages(w http.ResponseWriter, r *http.Request, status int, v *view, b *builderCtx, vals url.Values, errs map[string]string) {
	f := newBForm(v, vals, errs)
	f.section("builder.pages.add", "builder.pages.add_hint")
	f.text("new_title_sv", "builder.q.title_sv", "")
	f.text("new_title_en", "builder.q.title_en", "builder.h.english")
	f.section("builder.advanced", "").advanced()
	f.text("new_id", "builder.q.id", "builder.h.page_id").Code = true
	f.summary()
	p := builderPagesView{builderPage: s.builderPageData(r, b, f.Sections)}
	for i, pg := range b.spec.Form.Pages {
		p.Pages = append(p.Pages, builderPageRow{Index: i + 1, ID: pg.ID, Title: v.BuilderText(pg.Title), Questions: len(pg.Questions),
			Cond: builderCondText(v, b.spec.Form, pg.ShowIf), First: i == 0, Last: i == len(b.spec.Form.Pages)-1})
	}
	v.Title = v.T("builder.pages.title")
	s.renderStatus(w, r, status, "builder_pages", v.impersonal().with(p))
}

// builderPageData fills the data every form page of the builder shares.
func (s *Server) builderPageData(r *http.Request, b *builderCtx, sections []bSection) builderPage {
	return builderPage{Service: b.svc, Spec: b.spec, Sections: sections, Done: builderDoneOf(r), Draft: b.svc.Draft > 0}
}

// handleBuilderPagesPost adds a page (action=add) or moves one
// (action=up or down, page=<id>).
func (s *Server) handleBuilderPagesPost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action", "page", "new_title_sv", "new_title_en", "new_id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pages := b.spec.Form.Pages
	switch form["action"] {
	case "up", "down":
		i := slices.IndexFunc(pages, func(p eservice.Page) bool { return p.ID == form["page"] })
		if i < 0 {
			s.fail(w, r, errNoPage)
			return
		}
		b.spec.Form.Pages = builderMove(pages, i, map[string]int{"up": -1, "down": 1}[form["action"]])
		s.builderSave(w, r, b, builderURL(b.svc.ID, "sidor"), "flyttad")
	case "add":
		p, errs := builderNewPage(b.spec.Form, r.PostForm)
		if len(errs) > 0 {
			v := s.view(r)
			s.renderBuilderPages(w, r, http.StatusUnprocessableEntity, v, b, r.PostForm, builderTranslate(v, errs))
			return
		}
		b.spec.Form.Pages = append(b.spec.Form.Pages, p)
		s.builderSave(w, r, b, builderURL(b.svc.ID, "sidor", p.ID), "tillagd")
	default:
		s.fail(w, r, errBuilderAction)
	}
}

// errBuilderAction is the error for a form posted with an action the page
// does not have.
var errBuilderAction = sprang.Errorf(sprang.Invalid, "form.invalid")

// builderNewPage reads the add-page form: a Swedish title is needed; the
// id is made from it unless given.
func builderNewPage(f eservice.Form, vals url.Values) (eservice.Page, map[string]string) {
	errs := map[string]string{}
	p := eservice.Page{Title: builderGetText(vals, "new_title")}
	if p.Title.SV == "" {
		errs["new_title_sv"] = "builder.page.title_required"
	}
	p.ID = builderTrim(vals, "new_id")
	switch {
	case p.ID == "":
		p.ID = builderID(p.Title.SV, "sida", builderPageIDs(f, ""))
	case !builderIDPattern.MatchString(p.ID):
		errs["new_id"] = "builder.id_invalid"
	case builderPageIDs(f, "")(p.ID):
		errs["new_id"] = "builder.id_taken"
	}
	return p, errs
}

// builderPageOf returns the index of the page named by the {page} of r's
// path, or errNoPage.
func builderPageOf(r *http.Request, spec eservice.Spec) (int, error) {
	id := r.PathValue("page")
	i := slices.IndexFunc(spec.Form.Pages, func(p eservice.Page) bool { return p.ID == id })
	if i < 0 {
		return 0, errNoPage
	}
	return i, nil
}

// builderQRow is one question in the list of a page's (or a group's)
// questions.
type builderQRow struct {
	Index       int
	ID          string
	Label       unitName
	Type        string
	Required    bool
	Cond        string
	URL         string
	First, Last bool
}

// builderPageEdit is a page of the form: its title, condition and id, its
// questions, and the form to add one.
type builderPageEdit struct {
	builderPage
	Index     int
	Page      eservice.Page
	Conds     []bSection
	NoSources bool
	Advanced  []bSection
	Questions []builderQRow
	Add       []bSection
	URL       string
}

func (s *Server) handleBuilderPage(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pi, err := builderPageOf(r, b.spec)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	var errs map[string]string
	if builderShowProblems(r) {
		errs = builderProblemsAt(v, b.spec.Validate(), builderPlace{Area: "page", Page: pi, Q: -1, Inner: -1, S: -1})
	}
	s.renderBuilderPage(w, r, http.StatusOK, v, b, pi, builderPageValues(b.spec.Form.Pages[pi]), errs)
}

// builderPageValues returns the page form's values for p.
func builderPageValues(p eservice.Page) url.Values {
	vals := url.Values{"id": {p.ID}}
	builderSetText(vals, "title", p.Title)
	conditionRowValues(vals, p.ShowIf)
	return vals
}

func (s *Server) renderBuilderPage(w http.ResponseWriter, r *http.Request, status int, v *view, b *builderCtx, pi int, vals url.Values, errs map[string]string) {
	pg := b.spec.Form.Pages[pi]
	sources := builderCondSources(builderSourcesBeforePage(b.spec.Form, pi))
	f := newBForm(v, vals, errs)
	f.section("builder.questions.add", "builder.questions.add_hint")
	f.choice("select", "new_type", "builder.q.type", "", builderTypeOptions(v, false))
	f.text("new_label", "builder.q.new_label", "builder.h.new_label")
	f.Sections = append(f.Sections, bSection{})
	f.text("title_sv", "builder.q.title_sv", "")
	f.text("title_en", "builder.q.title_en", "builder.h.english")
	main := len(f.Sections)
	f.conditions(vals, sources)
	conds := len(f.Sections)
	f.section("builder.advanced", "").advanced()
	f.text("id", "builder.q.id", "builder.h.page_id").Code = true
	f.summary()
	base := builderURL(b.svc.ID, "sidor", pg.ID)
	p := builderPageEdit{builderPage: s.builderPageData(r, b, f.Sections[1:main]), Index: pi + 1, Page: pg,
		Conds: f.Sections[main:conds], NoSources: len(sources) == 0, Advanced: f.Sections[conds:], Add: f.Sections[:1], URL: base,
		Questions: builderQRows(v, b.spec.Form, pg.Questions, base)}
	v.Title = v.T("builder.page.title", pi+1, pg.Title.In(string(v.Lang)))
	s.renderStatus(w, r, status, "builder_page", v.impersonal().with(p))
}

// builderQRows lists questions qs for a page or a group whose editor is at
// base.
func builderQRows(v *view, f eservice.Form, qs []eservice.Question, base string) []builderQRow {
	var out []builderQRow
	for i, q := range qs {
		out = append(out, builderQRow{Index: i + 1, ID: q.ID, Label: v.BuilderShort(q.Label), Type: v.T("builder.type." + string(q.Type)),
			Required: q.Required, Cond: builderCondText(v, f, q.ShowIf), URL: base + "/fragor/" + url.PathEscape(q.ID),
			First: i == 0, Last: i == len(qs)-1})
	}
	return out
}

// builderTypeOptions returns the question types to choose from; inGroup
// leaves out the group type (groups do not nest).
func builderTypeOptions(v *view, inGroup bool) []bOption {
	var opts []bOption
	for _, t := range eservice.QuestionTypes() {
		if inGroup && t == eservice.TypeGroup {
			continue
		}
		opts = append(opts, bOption{Value: string(t), Label: v.T("builder.type." + string(t))})
	}
	return opts
}

// handleBuilderPagePost saves the page form; with action=choose a
// condition whose question has just been chosen is saved without values
// (see handleBuilderQuestionPost).
func (s *Server) handleBuilderPagePost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pi, err := builderPageOf(r, b.spec)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	sources := builderCondSources(builderSourcesBeforePage(b.spec.Form, pi))
	pg, errs := builderPageFromForm(b.spec.Form, pi, r.PostForm, sources, form["action"] != "choose")
	if len(errs) > 0 {
		s.renderBuilderPage(w, r, http.StatusUnprocessableEntity, v, b, pi, builderPosted(r.PostForm), builderTranslate(v, errs))
		return
	}
	b.spec.Form.Pages[pi] = pg
	s.builderSaveAt(w, r, b, builderURL(b.svc.ID, "sidor", pg.ID), "sparat", builderFragment(form["action"]))
}

// builderPosted returns posted without the add forms' fields (new_…),
// for showing a form again as it was posted.
func builderPosted(posted url.Values) url.Values {
	vals := url.Values{}
	for k, vs := range posted {
		if !strings.HasPrefix(k, "new_") {
			vals[k] = vs
		}
	}
	return vals
}

// builderPageFromForm reads the page form of page pi: title, conditions
// and id (kept when left empty).
func builderPageFromForm(f eservice.Form, pi int, vals url.Values, sources []builderCondSource, strict bool) (eservice.Page, map[string]string) {
	pg := f.Pages[pi]
	pg.Title = builderGetText(vals, "title")
	conds, errs := parseConditionRows(vals, sources, strict)
	pg.ShowIf = conds
	if pg.Title.SV == "" {
		errs["title_sv"] = "builder.page.title_required"
	}
	switch id := builderTrim(vals, "id"); {
	case id == "" || id == pg.ID:
	case !builderIDPattern.MatchString(id):
		errs["id"] = "builder.id_invalid"
	case builderPageIDs(f, pg.ID)(id):
		errs["id"] = "builder.id_taken"
	default:
		pg.ID = id
	}
	return pg, errs
}

// builderConfirm is a page that asks before deleting: what goes, what it
// takes with it, and the form to confirm.
type builderConfirm struct {
	Service store.Service
	Heading string
	Name    unitName
	Text    string
	Users   []unitName // pages and questions whose conditions are removed with it
	Action  string
	Back    string
}

func (s *Server) handleBuilderPageDelete(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pi, err := builderPageOf(r, b.spec)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := b.spec.Form.Pages[pi]
	v := s.view(r)
	c := builderConfirm{Service: b.svc, Heading: v.T("builder.page.delete_heading"), Name: v.BuilderText(pg.Title),
		Text: v.T("builder.page.delete_text", len(pg.Questions)), Action: builderURL(b.svc.ID, "sidor", pg.ID, "ta-bort"),
		Back: builderURL(b.svc.ID, "sidor", pg.ID)}
	for _, u := range builderConditionUsers(b.spec.Form, builderPageQuestionIDs(pg)) {
		c.Users = append(c.Users, v.BuilderShort(u))
	}
	v.Title = c.Heading
	s.render(w, r, "builder_confirm", v.impersonal().with(c))
}

// builderPageQuestionIDs returns the ids of every question of page p,
// inside groups too.
func builderPageQuestionIDs(p eservice.Page) []string {
	var ids []string
	for _, q := range p.Questions {
		ids = append(ids, builderIDsIn(q)...)
	}
	return ids
}

// handleBuilderPageDeletePost deletes a page with its questions and the
// conditions that refer to them.
func (s *Server) handleBuilderPageDeletePost(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	pi, err := builderPageOf(r, b.spec)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := builderPageQuestionIDs(b.spec.Form.Pages[pi])
	b.spec.Form.Pages = slices.Delete(b.spec.Form.Pages, pi, pi+1)
	builderDropConditions(&b.spec.Form, ids)
	s.builderSave(w, r, b, builderURL(b.svc.ID, "sidor"), "borttagen")
}

// builderCondText says conditions cs in words, e.g. «Vad gäller det?» är
// «Gatlampa» eller «Hål i vägen»; "" when there are none.
func builderCondText(v *view, f eservice.Form, cs []eservice.Condition) string {
	var parts []string
	for _, c := range cs {
		q, ok := builderFindQuestion(f, c.Question)
		if !ok {
			parts = append(parts, v.T("builder.cond.missing", c.Question))
			continue
		}
		var vals []string
		src, _ := builderAsSource(q)
		for _, val := range c.Values {
			label := val
			for _, o := range src.Options {
				if o.Value == val {
					label = o.Label.In(string(v.Lang))
				}
			}
			vals = append(vals, "«"+label+"»")
		}
		key := "builder.cond.is"
		if c.Not {
			key = "builder.cond.is_not"
		}
		parts = append(parts, v.T(key, "«"+q.Label.In(string(v.Lang))+"»", strings.Join(vals, v.T("builder.cond.or"))))
	}
	return strings.Join(parts, v.T("builder.cond.and"))
}

// builderFindQuestion returns the question of f with id, inside groups
// too.
func builderFindQuestion(f eservice.Form, id string) (eservice.Question, bool) {
	for _, p := range f.Pages {
		for _, q := range p.Questions {
			if q.ID == id {
				return q, true
			}
			for _, in := range q.Questions {
				if in.ID == id {
					return in, true
				}
			}
		}
	}
	return eservice.Question{}, false
}

// conditions adds the condition rows of a page or question form: one
// section per condition in vals, and an empty one to add a condition
// (while there is room), each with the question to depend on and, once
// it is chosen, its answers and the "not" choice.
func (f *bForm) conditions(vals url.Values, sources []builderCondSource) {
	var rows []int
	for i := range builderMaxConditions {
		if builderTrim(vals, builderCondPrefix(i)+"question") != "" {
			rows = append(rows, i)
		}
	}
	if len(sources) == 0 && len(rows) == 0 {
		return
	}
	next := 0
	if len(rows) > 0 {
		next = rows[len(rows)-1] + 1
	}
	if next < builderMaxConditions {
		rows = append(rows, next)
	}
	for n, i := range rows {
		p := builderCondPrefix(i)
		legend := f.v.T("builder.cond.legend", n+1)
		if i == next {
			legend = f.v.T("builder.cond.new")
		}
		f.Sections = append(f.Sections, bSection{Legend: legend})
		opts := []bOption{{Value: "", Label: f.v.T("builder.cond.none")}}
		for _, s := range sources {
			name := f.v.BuilderText(s.Label)
			opts = append(opts, bOption{Value: s.ID, Label: name.Text, Lang: name.Lang})
		}
		chosen := builderTrim(vals, p+"question")
		if _, ok := builderFindSource(sources, chosen); !ok && chosen != "" {
			opts = append(opts, bOption{Value: chosen, Label: f.v.T("builder.cond.missing", chosen)})
		}
		f.choice("select", p+"question", "builder.cond.question", "", opts)
		src, ok := builderFindSource(sources, chosen)
		if !ok {
			continue
		}
		var vopts []bOption
		for _, o := range src.Options {
			name := f.v.BuilderText(o.Label)
			vopts = append(vopts, bOption{Value: o.Value, Label: name.Text, Lang: name.Lang})
		}
		f.choice("checkboxes", p+"values", "builder.cond.values", "", vopts)
		f.check(p+"not", "builder.cond.not", "builder.cond.not_hint")
	}
}

// builderFragment returns where a saved form goes back to: the
// conditions after choosing a condition's question, else the top.
func builderFragment(action string) string {
	if action == "choose" {
		return "villkor"
	}
	return ""
}
