package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/store"
)

// The manual values of an indicator: every value stored for it (entered
// by hand or imported from Kolada) with who entered it, and a form to
// enter one for a unit (or the group as a whole) and a year, with its
// source and a comment. A new value replaces the one of the same unit
// and year. Numbers are read as people type them ("12,5", "1 234",
// "12.5"; followup.ParseNumber), a share as a percentage.

// indicatorValuesPage is what the values page shows.
type indicatorValuesPage struct {
	Key, Name, EditURL, Measure string
	Rows                        []indicatorValueRow
	Form                        []bSection
	Done                        string
}

// indicatorValueRow is one stored value.
type indicatorValueRow struct {
	Unit, Year, Value, Source, Comment, EnteredBy string
	EnteredAt                                     string
}

func (s *Server) handleIndicatorValues(w http.ResponseWriter, r *http.Request) {
	acc, ind, err := s.indicatorToEdit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	last := s.thisYear() - 1
	s.renderIndicatorValues(w, r, http.StatusOK, acc, ind, url.Values{"year": {strconv.Itoa(last)}, "unit": {"0"}}, nil)
}

// renderIndicatorValues renders the values page of ind with the form's
// values and errors (field → text).
func (s *Server) renderIndicatorValues(w http.ResponseWriter, r *http.Request, status int, acc *access, ind followup.Indicator, vals url.Values, errs map[string]string) {
	entries, err := s.db.IndicatorValueEntries(r.Context(), ind.Key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := indicatorValuesPage{Key: ind.Key, Name: ind.Name.In(string(v.Lang)), EditURL: indicatorURL(ind.Key),
		Measure: v.T("followup.indicators.measure." + string(ind.Measure))}
	for _, e := range entries {
		p.Rows = append(p.Rows, valueRow(v, acc, ind, e))
	}
	if r.URL.Query().Get("klart") == "sparat" {
		p.Done = v.T("followup.indicators.values.done")
	}
	f := newBForm(v, vals, errs)
	f.choice("select", "unit", "followup.indicators.values.f.unit", "followup.indicators.values.h.unit", unitOptions(v, acc, false, true))
	f.number("year", "followup.indicators.values.f.year", "followup.indicators.values.h.year", "numeric")
	valueHint := "followup.indicators.values.h.value"
	if ind.Measure == followup.MeasureShare {
		valueHint = "followup.indicators.values.h.value_share"
	}
	f.number("value", "followup.indicators.values.f.value", valueHint, "decimal")
	f.text("source", "followup.indicators.values.f.source", "followup.indicators.values.h.source")
	f.area("comment", "followup.indicators.values.f.comment", "followup.indicators.values.h.comment", 3)
	f.summary()
	p.Form = f.Sections
	v.Title = v.T("followup.indicators.values.title", p.Name)
	s.renderStatus(w, r, status, "indicator_values", v.with(p))
}

// valueRow writes one stored value for the table.
func valueRow(v *view, acc *access, ind followup.Indicator, e store.IndicatorValueEntry) indicatorValueRow {
	unit := v.T("followup.indicators.unit.group")
	if e.UnitID != 0 {
		unit = indicatorUnitName(acc.Tree, e.UnitID, v.Lang)
	}
	by := e.EnteredBy
	if by == "" {
		by = v.T("followup.indicators.values.by_platform")
	}
	return indicatorValueRow{Unit: unit, Year: e.Period.String(), Value: indicatorNumber(v.Lang, ind.Measure, e.Value.Value),
		Source: e.Source, Comment: e.Comment, EnteredBy: by, EnteredAt: i18n.DateTime(e.EnteredAt)}
}

// indicatorNumber writes x of measure m for lang: a share as a
// percentage with one decimal, whole counts without decimals, other
// measures with up to two.
func indicatorNumber(lang i18n.Lang, m followup.Measure, x float64) string {
	switch m {
	case followup.MeasureShare:
		return i18n.Decimal(lang, x*100, 1) + " %"
	case followup.MeasureCount, followup.MeasureSEK:
		if x == float64(int64(x)) {
			return i18n.Number(lang, int64(x))
		}
	}
	return strings.TrimRight(strings.TrimRight(i18n.Decimal(lang, x, 2), "0"), ",.")
}

// handleIndicatorValuesPost saves one value; invalid input shows the page
// again (422) with the values given and nothing saved.
func (s *Server) handleIndicatorValuesPost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "unit", "year", "value", "source", "comment")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, ind, err := s.indicatorToEdit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	unit, err := strconv.ParseInt(form["unit"], 10, 64)
	in := followup.ManualInput{UnitID: unit, Year: form["year"], Value: form["value"], Source: form["source"], Comment: form["comment"]}
	val, errs := followup.ManualValue(ind, in)
	if _, ok := acc.Tree.Unit(unit); err != nil || (unit != 0 && !ok) {
		errs = mapWith(errs, "unit", followup.MsgValueUnit)
	}
	if len(errs) == 0 {
		if err := s.db.SaveValues(r.Context(), []followup.Value{val}, acc.User.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		s.pages.reset()
		http.Redirect(w, r, indicatorURL(ind.Key, "varden")+"?klart=sparat", http.StatusSeeOther)
		return
	}
	s.renderIndicatorValues(w, r, http.StatusUnprocessableEntity, acc, ind, r.PostForm, indicatorMessages(s.view(r), errs))
}

// mapWith returns m (made when nil) with k set to v.
func mapWith(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}
