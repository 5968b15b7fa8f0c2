package web

import (
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/store"
)

// The public pages of the issued reports: the years with one (GET
// /uppfoljning/rapporter), a year's latest version or an earlier one
// (GET /uppfoljning/rapporter/{year}?version=N) and the same as a tagged
// PDF (…/rapport.pdf). They show the frozen snapshot only, never live
// data, so they read the same for everyone and over time.

// reportListPage lists the years with an issued report.
type reportListPage struct {
	Years []reportYearRow
}

type reportYearRow struct {
	Year     int
	URL      string
	Latest   int
	IssuedAt string
}

// handleReportsPublic lists the years with an issued report.
func (s *Server) handleReportsPublic(w http.ResponseWriter, r *http.Request) {
	years, err := s.db.IssuedYears(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	var p reportListPage
	for _, y := range years {
		p.Years = append(p.Years, reportYearRow{Year: y.Year, URL: reportPublicPath(y.Year), Latest: y.Latest, IssuedAt: i18n.Date(v.Lang, y.IssuedAt)})
	}
	v.Title = v.T("followup.report.list.title")
	s.render(w, r, "followup_report_list", v.with(p))
}

// reportPublicPage is an issued version as the public reads it.
type reportPublicPage struct {
	Doc      reportDoc
	Version  int
	Latest   bool
	Issued   string
	Versions []reportVersionRow
	// ShowIssuedBy is false: the public pages do not name staff.
	ShowIssuedBy bool
	PDFURL       string
	ListURL      string
}

// issuedReport reads the version of the request: the path's year and the
// query's version (the latest when none). A year or version without an
// issued report is a 404; a version that is not a whole number from 1 up
// is a 404 too.
func (s *Server) issuedReport(r *http.Request) (store.ReportVersion, error) {
	year, err := reportYear(r)
	if err != nil {
		return store.ReportVersion{}, err
	}
	version := 0
	if raw := r.URL.Query().Get("version"); raw != "" {
		if version, err = strconv.Atoi(raw); err != nil || version < 1 {
			return store.ReportVersion{}, errNoPage
		}
	}
	rv, err := s.db.ReportVersion(r.Context(), year, version)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return rv, errNoPage
	}
	return rv, err
}

// handleReportPublic shows an issued version with the list of the
// year's versions.
func (s *Server) handleReportPublic(w http.ResponseWriter, r *http.Request) {
	rv, err := s.issuedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions, err := s.db.ReportVersions(r.Context(), rv.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	p := reportPublicPage{Doc: reportDocOf(v, rv.Report), Version: rv.Version, Latest: len(versions) > 0 && versions[0].Version == rv.Version,
		Issued:   v.T("followup.report.public.issued", rv.Version, i18n.Date(v.Lang, rv.IssuedAt)),
		Versions: reportVersionRows(v, rv.Year, versions, rv.Version), ListURL: reportsPublicPath,
		PDFURL: reportPublicPath(rv.Year) + "/rapport.pdf?version=" + strconv.Itoa(rv.Version)}
	v.Title = p.Doc.Title
	s.render(w, r, "followup_report_public", v.with(p))
}

// handleReportPDF sends an issued version as a tagged PDF.
func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request) {
	rv, err := s.issuedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	doc := reportPDF(v, rv)
	s.writePDF(w, r, doc, "uppfoljningsrapport-"+strconv.Itoa(rv.Year)+"-v"+strconv.Itoa(rv.Version)+".pdf")
}
