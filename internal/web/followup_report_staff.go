package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The staff page of a year's report (GET and POST
// /personal/uppfoljning/rapporter/{year}): the live draft, the narrative
// form for the development department, the issue button and the versions
// issued so far.

// reportFormBytes bounds the narrative form's body: seven texts of
// followup.NarrativeMax characters, percent-encoded, fit well within it,
// so a text that is too long is refused with a message (422), not cut
// off as too large (413).
const reportFormBytes = 1 << 20

// reportStaffPage is what the staff page shows.
type reportStaffPage struct {
	Year     int
	Doc      reportDoc
	CanEdit  bool
	Form     []bSection
	Saved    string // who saved the narratives last and when, or ""
	Done     string
	Versions []reportVersionRow
	// ShowIssuedBy shows who issued each version (staff only).
	ShowIssuedBy bool
	PublicURL    string
	Prev         string // the page of the year before, and its link's text
	PrevText     string
	Next         string
	NextText     string
	Action       string
	IssueURL     string
	// Ended is whether the year has ended, so the report may be issued;
	// before that Running says when it can be.
	Ended   bool
	Running string
}

// handleReportStaff shows the page to staff who may view the follow-up.
func (s *Server) handleReportStaff(w http.ResponseWriter, r *http.Request) {
	s.renderReportStaff(w, r, http.StatusOK, nil, nil)
}

// renderReportStaff renders the page with the form's values vals and
// errors errs (field → message text) when the form is sent back.
func (s *Server) renderReportStaff(w http.ResponseWriter, r *http.Request, status int, vals url.Values, errs map[string]string) {
	acc, year, err := s.reportAccess(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	draft, err := s.db.ReportDraft(ctx, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.buildReport(ctx, acc.Tree, year, draft.Narratives)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions, err := s.db.ReportVersions(ctx, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := reportStaffPage{Year: year, Doc: reportDocOf(v, rep), CanEdit: acc.CanAnywhere(identity.ManageFollowUp),
		Versions: reportVersionRows(v, year, versions, 0), ShowIssuedBy: true, Action: reportStaffPath(year), IssueURL: reportStaffPath(year) + "/utfarda",
		Ended: followup.YearEnded(year, s.db.Now())}
	if len(versions) > 0 {
		p.PublicURL = reportPublicPath(year)
	}
	if year > followup.MinReportYear {
		p.Prev, p.PrevText = reportStaffPath(year-1), v.T("followup.report.staff.year_link", year-1)
	}
	if year < followup.MaxReportYear {
		p.Next, p.NextText = reportStaffPath(year+1), v.T("followup.report.staff.year_link", year+1)
	}
	if !p.Ended {
		p.Running = v.T("followup.report.issue.running", year, year+1)
	}
	if !draft.UpdatedAt.IsZero() {
		p.Saved = v.T("followup.report.staff.saved_by", draft.UpdatedByName, i18n.DateTime(draft.UpdatedAt))
	}
	switch r.URL.Query().Get("klart") {
	case "sparad":
		p.Done = v.T("followup.report.staff.done_saved")
	case "oforandrad":
		p.Done = v.T("followup.report.staff.done_unchanged")
	}
	if p.CanEdit {
		if vals == nil {
			vals = url.Values{}
			for field, text := range draft.Narratives.Fields() {
				vals.Set(field, text)
			}
		}
		p.Form = reportNarrativeForm(v, vals, errs)
	}
	v.Title = v.T("followup.report.staff.title", year)
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "followup_report_staff", v.with(p))
}

// reportNarrativeForm returns the narrative form's sections: the
// introduction, one text per perspective, the conclusion.
func reportNarrativeForm(v *view, vals url.Values, errs map[string]string) []bSection {
	f := newBForm(v, vals, errs)
	f.section("followup.report.form.legend", "followup.report.form.hint")
	f.area(followup.FieldIntroduction, "followup.report.form.introduction", "", 6).Lang = string(i18n.Swedish)
	for _, p := range followup.Perspectives() {
		fd := f.add(bField{Kind: "textarea", Name: followup.PerspectiveField(p), Rows: 5,
			Label: v.T("followup.report.form.perspective", v.T("followup.report.perspective."+string(p)))})
		fd.Lang = string(i18n.Swedish)
	}
	f.area(followup.FieldConclusion, "followup.report.form.conclusion", "", 6).Lang = string(i18n.Swedish)
	f.summary()
	return f.Sections
}

// handleReportStaffPost saves the narratives of the year's draft; texts
// that are too long or unreadable are shown again with their errors
// (422), and nothing is saved.
func (s *Server) handleReportStaffPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, reportFormBytes)
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			err = errTooLarge
		}
		s.fail(w, r, err)
		return
	}
	acc, year, err := s.reportAccess(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fields := map[string]string{}
	vals := url.Values{}
	for field := range (followup.Narratives{}).Fields() {
		fields[field] = r.PostForm.Get(field)
		vals.Set(field, strings.ToValidUTF8(fields[field], "\uFFFD"))
	}
	_, err = s.db.SaveReportDraft(r.Context(), year, followup.NarrativesFrom(fields), acc.User.ID)
	if sprang.ErrorKind(err) == sprang.Invalid {
		v := s.view(r)
		errs := map[string]string{}
		for field, key := range sprang.ErrorFields(err) {
			if key == followup.MsgNarrativeTooLong {
				errs[field] = v.T(key, followup.NarrativeMax)
			} else {
				errs[field] = v.T(key)
			}
		}
		s.renderReportStaff(w, r, http.StatusUnprocessableEntity, vals, errs)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, reportStaffPath(year)+"?klart=sparad", http.StatusSeeOther)
}

// handleReportStaffIndex sends staff who may view the follow-up to the
// report of last year (in Swedish time), the one being written.
func (s *Server) handleReportStaffIndex(w http.ResponseWriter, r *http.Request) {
	if _, err := s.requireAnywhere(r, identity.ViewFollowUp); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, reportStaffPath(s.thisYear()-1), http.StatusSeeOther)
}
