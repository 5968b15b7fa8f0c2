package web

import (
	"bytes"
	"errors"
	"net/http"
	"strings"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The Kolada import: a file of Kolada's published JSON (the v2 API's
// answer for a municipality) is read, its totals matched to the
// indicators whose Kolada KPI they are (and that the user may manage),
// and stored as the group's values with the source "Kolada <kpi>". The
// page answering the import says what was imported, what was skipped
// (KPIs no indicator follows) and, for a refused file, why.

// koladaMaxBody bounds the multipart body: the file and the framing.
const koladaMaxBody = followup.MaxKoladaBytes + 16<<10

// koladaPage is what the Kolada page shows.
type koladaPage struct {
	Form     []bSection
	Result   *koladaResult
	KPIs     []koladaKPI // the indicators that take Kolada's figures
	Refused  string      // why the file was refused
	Imported bool
}

// koladaResult is what an import did.
type koladaResult struct {
	Imported    int
	Indicators  []string
	Skipped     []string
	SkippedRows int
	Nulls       int
}

// koladaKPI is an indicator with its KPI.
type koladaKPI struct{ KPI, Name string }

func (s *Server) handleKolada(w http.ResponseWriter, r *http.Request) {
	s.renderKolada(w, r, http.StatusOK, koladaPage{}, nil)
}

// renderKolada renders the page with p's result and the form's errors.
func (s *Server) renderKolada(w http.ResponseWriter, r *http.Request, status int, p koladaPage, errs map[string]string) {
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inds, err := s.db.Indicators(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	for _, ind := range koladaIndicators(acc, inds) {
		p.KPIs = append(p.KPIs, koladaKPI{KPI: ind.KoladaKPI, Name: ind.Name.In(string(v.Lang))})
	}
	f := newBForm(v, nil, errs)
	f.add(bField{Kind: "file", Name: "file", Label: v.T("followup.indicators.kolada.f.file"), Hint: v.T("followup.indicators.kolada.h.file")})
	f.summary()
	p.Form = f.Sections
	v.Title = v.T("followup.indicators.kolada.title")
	s.renderStatus(w, r, status, "indicator_kolada", v.with(p))
}

// koladaIndicators returns the indicators with a Kolada KPI that the user
// may manage.
func koladaIndicators(acc *access, inds []followup.Indicator) []followup.Indicator {
	var out []followup.Indicator
	for _, ind := range inds {
		if ind.KoladaKPI != "" && acc.Can(identity.ManageFollowUp, ind.OwnerUnitID) {
			out = append(out, ind)
		}
	}
	return out
}

// handleKoladaImport imports the uploaded file. A missing or refused file
// shows the page again (422) with the reason; nothing is stored then.
func (s *Server) handleKoladaImport(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ManageFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := readKoladaFile(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	if len(data) == 0 {
		s.renderKolada(w, r, http.StatusUnprocessableEntity, koladaPage{}, map[string]string{"file": v.T("followup.indicators.kolada.file_required")})
		return
	}
	rows, nulls, err := followup.ParseKolada(bytes.NewReader(data))
	if errors.Is(err, followup.ErrKoladaShape) {
		msg := v.T("followup.indicators.kolada.refused", err.Error())
		s.renderKolada(w, r, http.StatusUnprocessableEntity, koladaPage{Refused: err.Error()}, map[string]string{"file": msg})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inds, err := s.db.Indicators(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	imp := followup.MatchKolada(rows, koladaIndicators(acc, inds))
	if err := s.db.SaveValues(r.Context(), imp.Values, acc.User.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.pages.reset()
	res := &koladaResult{Imported: len(imp.Values), Skipped: imp.Skipped, SkippedRows: imp.SkippedRows, Nulls: nulls}
	for _, val := range imp.Values {
		res.Indicators = appendUnique(res.Indicators, val.Indicator)
	}
	s.renderKolada(w, r, http.StatusOK, koladaPage{Result: res, Imported: true}, nil)
}

// appendUnique appends s to list unless it is there.
func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// readKoladaFile reads the uploaded file of the form (nil when none was
// chosen); a body over koladaMaxBody gives errTooLarge.
func readKoladaFile(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, koladaMaxBody)
	if err := r.ParseMultipartForm(koladaMaxBody); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, errTooLarge
		}
		if strings.Contains(err.Error(), "not multipart") {
			return nil, nil
		}
		return nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, nil //nolint:nilerr // no file chosen: reported as a field error
	}
	defer func() { _ = f.Close() }()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
