package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The yearly follow-up report. Staff who may view the follow-up read a
// year's live draft — the report built from today's data with the
// narratives saved so far — and the versions issued; the development
// department (ManageFollowUp) writes the narratives and issues the
// report, which freezes the draft as the year's next version. The public
// reads the issued versions only, as a page and a tagged PDF: a version
// is a snapshot (followup.Report as JSON) and never changes.
//
// An issued report is a public document (allmän handling), published
// on purpose with the whole of what the draft shows: the whole
// initiative portfolio (every status, ideas and stopped ones too, with
// owner units, budgets and benefits, but not the contact people), the
// maturity score of each unit that submitted one, and the list of where
// digitalization is not used fully (per unit and e-service). These are
// aggregates about the organisation, with no personal data. Only the
// indicators marked public are in it, and competence only as
// followup.MinGroup-safe aggregates (k ≥ 5) of an ended year. A report
// may be issued only for an ended year (followup.YearEnded; the store
// refuses the others too), so that no series of frozen snapshots of a
// running year can be differenced, and issuing without any change since
// the latest version adds no identical version
// (store.ErrReportUnchanged).

// Paths of the report's pages.
const (
	reportsPublicPath = "/uppfoljning/rapporter"
	reportsStaffPath  = "/personal/uppfoljning/rapporter"
)

func reportPublicPath(year int) string { return reportsPublicPath + "/" + strconv.Itoa(year) }
func reportStaffPath(year int) string  { return reportsStaffPath + "/" + strconv.Itoa(year) }

// errReportYear is the error for a year outside 2000–2100.
var errReportYear = sprang.Errorf(sprang.Invalid, "followup.report.msg.year")

// errReportRunning is the error for issuing the report of a year that
// has not ended (422, saying when it can be issued).
var errReportRunning = sprang.Errorf(sprang.Invalid, "followup.report.msg.not_ended")

// reportYear reads the year of the path: a 404 for anything that is not
// a year of four digits, a 422 (saying which years) for one out of range.
func reportYear(r *http.Request) (int, error) {
	raw := r.PathValue("year")
	y, err := strconv.Atoi(raw)
	if err != nil || len(raw) != 4 || raw[0] == '+' || raw[0] == '-' {
		return 0, errNoPage
	}
	if !followup.ValidReportYear(y) {
		return 0, errReportYear
	}
	return y, nil
}

// reportAccess returns the access of the request's staff user when they
// may do a somewhere (requireAnywhere) and the year of the path
// (reportYear).
func (s *Server) reportAccess(r *http.Request, a identity.Action) (*access, int, error) {
	acc, err := s.requireAnywhere(r, a)
	if err != nil {
		return nil, 0, err
	}
	year, err := reportYear(r)
	if err != nil {
		return nil, 0, err
	}
	return acc, year, nil
}

// buildReport builds the live report of year over tree with the
// narratives n.
func (s *Server) buildReport(ctx context.Context, tree *identity.Tree, year int, n followup.Narratives) (followup.Report, error) {
	return followup.Build(ctx, s.reportSourcesOf(tree), year, n, s.db.Now())
}

// handleReportIssue freezes the year's draft, as built now, as its next
// version, and shows the public page of it. A year that has not ended is
// refused (422); a draft the same as the latest version issues nothing
// and goes back to the staff page, which says so.
func (s *Server) handleReportIssue(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	acc, year, err := s.reportAccess(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !followup.YearEnded(year, s.db.Now()) {
		s.fail(w, r, errReportRunning)
		return
	}
	draft, err := s.db.ReportDraft(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.buildReport(r.Context(), acc.Tree, year, draft.Narratives)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.db.IssueReport(r.Context(), rep, acc.User.ID)
	if errors.Is(err, store.ErrReportUnchanged) {
		http.Redirect(w, r, reportStaffPath(year)+"?klart=oforandrad#versioner", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, reportPublicPath(year)+"?version="+strconv.Itoa(v.Version), http.StatusSeeOther)
}

// reportVersionRow is an issued version in a list.
type reportVersionRow struct {
	Version  int
	IssuedAt string
	IssuedBy string
	URL      string
	Current  bool
}

// reportVersionRows returns the versions of year as rows linking to the
// public page of each; current marks the one shown (0: none).
func reportVersionRows(v *view, year int, vs []store.ReportVersion, current int) []reportVersionRow {
	out := make([]reportVersionRow, 0, len(vs))
	for _, x := range vs {
		out = append(out, reportVersionRow{Version: x.Version, IssuedAt: i18n.Date(v.Lang, x.IssuedAt),
			IssuedBy: x.IssuedByName, URL: reportPublicPath(year) + "?version=" + strconv.Itoa(x.Version), Current: x.Version == current})
	}
	return out
}
