package web

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
)

// The dashboards' values as CSV (GET /uppfoljning/indikatorer.csv and
// /personal/uppfoljning/indikatorer.csv, the dashboard's filter as the
// query): for the chosen unit and the sub-units its drill-down shows, the
// values of every indicator of the dashboard (of one perspective when the
// query names one) over the five years up to the chosen one. The file is
// written as the statistics CSV is (stats_csv.go): UTF-8 with a byte
// order mark, semicolons, CRLF, decimal commas in Swedish and no
// thousands separators, every text made safe with tabular.SafeCell.
// Shares are written as percentages, as on the page. A value that is not
// known has an empty value cell and says why in the last column, never 0.

// handleFollowUpPublicCSV returns the public dashboard's values as CSV.
func (s *Server) handleFollowUpPublicCSV(w http.ResponseWriter, r *http.Request) {
	s.dashCSV(w, r, dashPublic)
}

// handleFollowUpStaffCSV returns the staff dashboard's values as CSV.
func (s *Server) handleFollowUpStaffCSV(w http.ResponseWriter, r *http.Request) {
	s.dashCSV(w, r, dashStaff)
}

// dashCSV writes the CSV of sc for the filter in r's query; a filter the
// dashboard would refuse gives the dashboard with its errors (422).
func (s *Server) dashCSV(w http.ResponseWriter, r *http.Request, sc dashScope) {
	tree, err := s.dashTree(r, sc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	v.Form = dashForm(r.URL.Query())
	year := s.thisYear()
	f, err := dashParse(v.Form, tree, dashYearOptions(year), year)
	if sprang.ErrorKind(err) == sprang.Invalid {
		v.Title = v.T("followup.dashboard.title")
		if err := s.dashFill(r.Context(), v, sc, tree); err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderStatus(w, r, http.StatusUnprocessableEntity, "followup_dashboard", v)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := s.dashCSVBody(r.Context(), v, sc, tree, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendCSV(w, "uppfoljning-indikatorer-"+strconv.Itoa(f.year)+".csv", body)
}

// dashCSVBody returns the CSV file of f's values.
func (s *Server) dashCSVBody(ctx context.Context, v *view, sc dashScope, tree *identity.Tree, f dashFilter) ([]byte, error) {
	inds, err := s.dashIndicators(ctx, sc)
	if err != nil {
		return nil, err
	}
	if f.perspective != "" {
		var in []followup.Indicator
		for _, ind := range inds {
			if ind.Perspective == f.perspective {
				in = append(in, ind)
			}
		}
		inds = in
	}
	units := append([]int64{f.unit}, dashChildren(tree, f.unit)...)
	years := followup.Years(f.year-dashYears+1, f.year)
	e, err := s.dashPrefetch(ctx, s.dashEngine(tree), dashBlock{units, years})
	if err != nil {
		return nil, err
	}
	rows, err := followup.DashboardRows(ctx, e, inds, units, years)
	if err != nil {
		return nil, err
	}
	return dashWriteCSV(v, tree, rows)
}

// dashWriteCSV writes rows as the CSV file: a header and a line per row.
func dashWriteCSV(v *view, tree *identity.Tree, rows []followup.DashboardRow) ([]byte, error) {
	var b bytes.Buffer
	cw := newSpreadsheetCSV(&b)
	head := []string{}
	for _, c := range []string{"key", "name", "perspective", "unit", "period", "value", "target", "status", "measure", "note"} {
		head = append(head, v.T("followup.dashboard.csv."+c))
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := cw.Write(dashCSVLine(v, tree, r)); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

// dashCSVLine returns the fields of one row: texts made safe, figures in
// the language's decimal sign without thousands separators, empty where
// there is no figure.
func dashCSVLine(v *view, tree *identity.Tree, r followup.DashboardRow) []string {
	ind := r.Indicator
	num := func(f float64) string {
		return figureCSV(v.Lang, ind.Measure, f)
	}
	value, target, note := "", "", ""
	if r.Value.Known {
		value = num(r.Value.Value)
	} else {
		note = dashReason(v, r.Value.Reason)
	}
	if r.HasTarget {
		target = num(r.Target)
	}
	status := ""
	if r.Status != followup.NoStatus || followup.AwaitsPeriodEnd(ind, r.Value) {
		status = dashStatusOf(v, ind, r.Value).Text
	}
	return []string{csvText(ind.Key), csvText(ind.Name.In(string(v.Lang))), csvText(v.T("followup.dashboard.perspective." + string(ind.Perspective))),
		csvText(dashUnitName(v, tree, r.Value.UnitID).Text), r.Value.Period.String(), value, target, csvText(status),
		csvText(v.T("followup.dashboard.measure_name." + string(ind.Measure))), csvText(note)}
}
