package web

import (
	"net/http"
	"strings"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
)

// checkPage is what the "check your answers" page shows: the answers per
// page with change links, the e-mail field for the receipt when the
// service offers one, and the submit button.
type checkPage struct {
	Service   string
	Sections  []checkSection
	Email     bool // ask for an address for the receipt
	Action    string
	Back      string
	Staff     bool   // a case officer's registration
	Channel   string // the channel's name, for a case officer
	Linked    bool   // a case officer's registration linked to a resident
	Anonymous bool   // a resident who is not logged in: the receipt is kept in this browser only
}

// checkSection is the answers of one page of the form.
type checkSection struct {
	Title   string
	Answers answerList
}

// showCheck shows the answers given so far for checking.
func (s *Server) showCheck(w http.ResponseWriter, r *http.Request, f *flow) {
	s.renderCheck(w, r, f, nil, nil, http.StatusOK)
}

// renderCheck renders the check page with the submitted form values and
// err's field errors (the e-mail address).
func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, f *flow, form map[string]string, err error, status int) {
	v := s.view(r)
	v.Form = form
	if err != nil {
		showErrors(v, err, "email")
	}
	lang := string(v.Lang)
	a := f.answers()
	rows := f.spec.Form.Rows(a, lang)
	names := s.fileNames(r.Context(), rows)
	p := checkPage{Service: f.spec.Title.In(lang), Email: s.receiptByMail(f.spec), Action: f.checkURL(),
		Staff: f.staff != nil, Channel: channelName(v, f.channel), Linked: f.staff != nil && f.resident != 0,
		Anonymous: f.staff == nil && f.owner.ResidentID == 0}
	visible := f.spec.Form.VisiblePages(a)
	p.Back = f.start
	if len(visible) > 0 {
		p.Back = f.stepURL(visible[len(visible)-1])
	}
	for _, i := range visible {
		sec := checkSection{Title: f.spec.Form.Pages[i].Title.In(lang)}
		sec.Answers = answersOf(v, pageRows(rows, i), names, func(row eservice.Row) (string, string) {
			return f.stepURL(row.Page) + "?tillbaka=granska#" + htmlID(row.Field), ""
		})
		if len(sec.Answers.Rows) > 0 {
			p.Sections = append(p.Sections, sec)
		}
	}
	v.Title = v.T("fill.check.title") + " – " + p.Service
	s.renderStatus(w, r, status, "fill_check", v.with(p))
}

// receiptByMail reports whether the check page offers a receipt by
// e-mail: the service asks for one and the platform can send mail (the
// e-mail login is on exactly when it can).
func (s *Server) receiptByMail(spec eservice.Spec) bool {
	return spec.ConfirmByEmail && s.logins.email != nil
}

// pageRows returns the rows of page i.
func pageRows(rows []eservice.Row, i int) []eservice.Row {
	var out []eservice.Row
	for _, r := range rows {
		if r.Page == i {
			out = append(out, r)
		}
	}
	return out
}

// postCheck submits the errand: it checks the e-mail address, checks every
// answer again (a problem sends the browser back to the first page with
// one, with the error summary), counts an anonymous submission against
// the client's limit and submits.
func (s *Server) postCheck(w http.ResponseWriter, r *http.Request, f *flow) {
	form, err := postedForm(w, r, "email")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	email := ""
	if s.receiptByMail(f.spec) && strings.TrimSpace(form["email"]) != "" {
		if email, err = identity.ParseEmail(form["email"]); err != nil {
			s.renderCheck(w, r, f, form, sprang.FieldErrors(map[string]string{"email": "fill.check.email_invalid"}), http.StatusUnprocessableEntity)
			return
		}
	}
	a := f.answers()
	if errs := f.spec.Form.Check(a, s.db.Now()); len(errs) > 0 {
		s.backToPage(w, r, f, a, errs)
		return
	}
	if f.staff == nil && f.owner.ResidentID == 0 {
		if err := s.throttleAnonymous(r, throttleSubmit); err != nil {
			s.tooMany(w, r, err)
			return
		}
	}
	to, err := s.submit(w, r, f, a, email)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// backToPage shows the first page with a problem, with that page's
// problems, returning to the check page when it is put right.
func (s *Server) backToPage(w http.ResponseWriter, r *http.Request, f *flow, a eservice.Answers, errs []eservice.PageError) {
	page := errs[0].Page
	var fes []eservice.FieldError
	for _, e := range errs {
		if e.Page == page {
			fes = append(fes, e.FieldError)
		}
	}
	q := r.URL.Query()
	q.Set("tillbaka", "granska")
	r.URL.RawQuery = q.Encode()
	s.renderStep(w, r, f, page, a, fes, http.StatusUnprocessableEntity)
}
