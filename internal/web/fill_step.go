package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"sprang/internal/eservice"
)

// stepPage is what the step template shows: one page of the form.
type stepPage struct {
	Service   string // the service's title
	Heading   string // the page's title
	Step      int    // the page's number among the visible pages, from 1
	Steps     int    // how many pages are visible now
	Questions []questionView
	Action    string // where the form posts
	Multipart bool   // the page has a file question
	Shortcut  bool   // the form has buttons before "continue": a hidden default button comes first
	Back      string // the previous page, the check page or where the flow began
	SaveLater bool
	Staff     bool   // a case officer's registration
	Channel   string // the channel's name, for a case officer
}

// pageIndex returns the index of the page named by the {page} path value.
func (f *flow) pageIndex(r *http.Request) (int, bool) {
	id := r.PathValue("page")
	i := slices.IndexFunc(f.spec.Form.Pages, func(p eservice.Page) bool { return p.ID == id })
	return i, i >= 0
}

// toCheck reports whether the step was opened from the check page, to
// return there.
func toCheck(r *http.Request) bool { return r.URL.Query().Get("tillbaka") == "granska" }

// nextURL returns where to go after page i with answers a: the next
// visible page, or the check page after the last one or when the step was
// opened from the check page.
func (f *flow) nextURL(i int, a eservice.Answers, back bool) (string, int) {
	if !back {
		for _, p := range f.spec.Form.VisiblePages(a) {
			if p > i {
				return f.stepURL(p), p
			}
		}
	}
	return f.checkURL(), i
}

// backURL returns the previous visible page before page i, or where the
// flow began.
func (f *flow) backURL(i int, a eservice.Answers) string {
	prev := ""
	for _, p := range f.spec.Form.VisiblePages(a) {
		if p >= i {
			break
		}
		prev = f.stepURL(p)
	}
	if prev == "" {
		return f.start
	}
	return prev
}

// showStep shows page {page} of the draft with the answers given so far.
// A page hidden by the answers sends the browser to the first visible one.
func (s *Server) showStep(w http.ResponseWriter, r *http.Request, f *flow) {
	i, ok := f.pageIndex(r)
	if !ok {
		s.fail(w, r, errNoPage)
		return
	}
	a := f.answers()
	if visible := f.spec.Form.VisiblePages(a); !slices.Contains(visible, i) {
		to := f.checkURL()
		if len(visible) > 0 {
			to = f.stepURL(visible[0])
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	s.renderStep(w, r, f, i, a, nil, http.StatusOK)
}

// renderStep renders page i showing values, with errs in the error
// summary and beside their fields.
func (s *Server) renderStep(w http.ResponseWriter, r *http.Request, f *flow, i int, values eservice.Answers, errs []eservice.FieldError, status int) {
	v := s.view(r)
	page := f.spec.Form.Pages[i]
	messages := errorMessages(v, errs)
	b := &questionsBuilder{v: v, form: f.spec.Form, page: page, values: values, seen: values, errors: messages,
		files: s.uploadedFiles(r, page, values)}
	qs := b.build()
	v.Errors = summary(qs, errs, messages, b.labels)
	visible := f.spec.Form.VisiblePages(values)
	p := stepPage{Service: f.spec.Title.In(string(v.Lang)), Heading: page.Title.In(string(v.Lang)),
		Step: slices.Index(visible, i) + 1, Steps: len(visible), Questions: qs,
		Action: f.stepURL(i), Multipart: len(fileFields(page, values)) > 0, Back: f.backURL(i, values),
		SaveLater: f.saveLater, Staff: f.staff != nil, Channel: channelName(v, f.channel)}
	p.Shortcut = hasButtons(qs)
	if toCheck(r) {
		p.Action += "?tillbaka=granska"
		p.Back = f.checkURL()
	}
	v.Title = p.Heading + " – " + p.Service
	s.renderStatus(w, r, status, "fill_step", v.with(p))
}

// hasButtons reports whether the questions have submit buttons of their
// own (add, remove), which would otherwise be the form's default button.
func hasButtons(qs []questionView) bool {
	for _, q := range qs {
		if q.Type == string(eservice.TypeGroup) || q.File != nil {
			return true
		}
		for _, in := range q.Instances {
			if hasButtons(in.Questions) {
				return true
			}
		}
	}
	return false
}

// channelName returns the name of channel c in the view's language.
func channelName(v *view, c eservice.Channel) string {
	return v.T("case.channel." + string(c))
}

// postStep takes the answers of page {page}. The action button says what
// to do: continue (validate, save, go on), add or remove a group instance
// or an uploaded file, or save and continue later; all but continue save
// what was typed without validating it and come back.
func (s *Server) postStep(w http.ResponseWriter, r *http.Request, f *flow) {
	i, ok := f.pageIndex(r)
	if !ok {
		s.fail(w, r, errNoPage)
		return
	}
	page := f.spec.Form.Pages[i]
	sofar := f.answers()
	form, err := s.parseStep(w, r, page, sofar)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	posted := postedPage(page, form, sofar)
	refused, err := s.storeUploads(r, f, page, sofar, posted)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	act := parseAction(form.Get("action"))
	if act.Kind != "continue" {
		s.saveAndReturn(w, r, f, i, mergePage(page, sofar, posted), act)
		return
	}
	s.continueStep(w, r, f, i, sofar, posted, refused)
}

// continueStep validates the posted answers of page i; with errors it
// keeps what was typed and shows the page again with the error summary,
// otherwise it saves the cleaned answers and goes to the next page.
func (s *Server) continueStep(w http.ResponseWriter, r *http.Request, f *flow, i int, sofar, posted eservice.Answers, refused []eservice.FieldError) {
	page := f.spec.Form.Pages[i]
	cleaned, errs := f.spec.Form.ReadPage(i, posted, sofar, s.db.Now())
	errs = mergeErrors(page, refused, errs)
	if len(errs) > 0 {
		values := mergePage(page, sofar, posted)
		if err := s.saveDraft(r, f, values, i); err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderStep(w, r, f, i, values, errs, http.StatusUnprocessableEntity)
		return
	}
	a := mergePage(page, sofar, cleaned)
	next, nextPage := f.nextURL(i, a, toCheck(r))
	if err := s.saveDraft(r, f, a, nextPage); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// saveAndReturn saves a (page i's typed values merged in) changed by act
// and shows the page again at the place of the change, or, for "save and
// continue later", the page saying where the draft is kept.
func (s *Server) saveAndReturn(w http.ResponseWriter, r *http.Request, f *flow, i int, a eservice.Answers, act stepAction) {
	page := f.spec.Form.Pages[i]
	applied := applyAction(page, a, act)
	if err := s.saveDraft(r, f, a, i); err != nil {
		s.fail(w, r, err)
		return
	}
	if act.Kind == "save" && f.saveLater {
		http.Redirect(w, r, f.base+"/sparat", http.StatusSeeOther)
		return
	}
	to := f.stepURL(i)
	if toCheck(r) {
		to += "?tillbaka=granska"
	}
	if applied {
		to += "#" + url.PathEscape(actionAnchor(page, a, act))
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// actionAnchor returns the id to scroll to after act: the new instance,
// the group after a removal, or the file question.
func actionAnchor(p eservice.Page, a eservice.Answers, act stepAction) string {
	if act.Kind == "add" {
		if g, ok := pageGroup(p, act.Name); ok {
			return htmlID(g.ID + "." + strconv.Itoa(groupCount(a, g)-1))
		}
	}
	return htmlID(act.Name)
}

// saveDraft stores answers a (with the flow's reserved keys) and page i
// as the draft's state.
func (s *Server) saveDraft(r *http.Request, f *flow, a eservice.Answers, i int) error {
	d := f.draft
	d.Answers, d.Page, d.Furthest = f.withReserved(a), i, max(f.draft.Furthest, i)
	return s.db.UpdateDraft(r.Context(), d, f.owner)
}

// mergeErrors puts the refused uploads first among the errors of their
// fields (a refused file also makes a required question unanswered) and
// orders all errors as the page's questions are.
func mergeErrors(p eservice.Page, refused, errs []eservice.FieldError) []eservice.FieldError {
	if len(refused) == 0 {
		return errs
	}
	out := slices.Clone(refused)
	for _, e := range errs {
		if !slices.ContainsFunc(refused, func(x eservice.FieldError) bool { return x.Field == e.Field }) {
			out = append(out, e)
		}
	}
	order := func(field string) int {
		return slices.IndexFunc(p.Questions, func(q eservice.Question) bool { return owns(q, field) })
	}
	slices.SortStableFunc(out, func(a, b eservice.FieldError) int { return order(a.Field) - order(b.Field) })
	return out
}
