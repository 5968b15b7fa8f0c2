package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/tabular"
)

// The statistics summary as CSV (GET /personal/statistik.csv, the page's
// filter as its query). The file is made for spreadsheets as Swedish
// municipalities have them, which is Excel with Swedish settings:
//
//   - UTF-8 with a byte order mark. Without the BOM, Excel reads a CSV
//     file in the Windows code page and "Återvinning" becomes
//     "Ã…tervinning".
//   - Semicolons between fields. Swedish Excel takes the list separator
//     of the Swedish locale, ";", because "," is the decimal comma; a
//     comma-separated file opens as one column.
//   - Decimal commas in Swedish (points in English), no thousands
//     separators, so that numbers stay numbers.
//   - CRLF line ends, as RFC 4180 has them.
//   - A text that begins with =, +, -, @, a tab, a carriage return or a
//     line feed, also after spaces, gets an apostrophe first, so that a
//     service title can never run as a formula in the spreadsheet (CSV
//     injection; tabular.SafeCell, the rule of every CSV export).

// handleStatsCSV returns the summary of the statistics the filter asks
// for as a CSV download; a filter the page would refuse gives the page
// with its error messages.
func (s *Server) handleStatsCSV(w http.ResponseWriter, r *http.Request) {
	acc, units, err := s.statsAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	v.Form = statsForm(r.URL.Query())
	p, f, err := s.statsChoices(r.Context(), acc, units, v)
	if sprang.ErrorKind(err) == sprang.Invalid {
		v.Title = v.T("stats.title")
		for k, val := range v.Form {
			v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
		}
		showErrors(v, err, statsFields...)
		s.renderStatus(w, r, http.StatusUnprocessableEntity, "stats", v.with(p))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := s.db.ServiceStats(r.Context(), f.query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := statsCSV(v, acc, rows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendCSV(w, statsCSVName(f.query), body)
}

// sendCSV sends body as a CSV download named name, never cached.
func sendCSV(w http.ResponseWriter, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(body)
}

// newSpreadsheetCSV starts a CSV file in b as spreadsheets in Swedish
// read it: a byte-order mark, semicolons, CRLF line ends.
func newSpreadsheetCSV(b *bytes.Buffer) *csv.Writer {
	b.WriteString("\uFEFF")
	cw := csv.NewWriter(b)
	cw.Comma, cw.UseCRLF = ';', true
	return cw
}

// statsCSVName returns the download's file name: the period's first and
// last day, "statistik-2025-03-01-2026-02-28.csv".
func statsCSVName(q eservice.StatsQuery) string {
	loc := eservice.StatsLocation()
	return "statistik-" + q.From.In(loc).Format(time.DateOnly) + "-" + q.To.In(loc).AddDate(0, 0, -1).Format(time.DateOnly) + ".csv"
}

// statsCSV returns rows (of a query WithTotal) as a CSV file: a header, a line
// per service and the total.
func statsCSV(v *view, acc *access, rows []eservice.ServiceStats) ([]byte, error) {
	var b bytes.Buffer
	cw := newSpreadsheetCSV(&b)
	head := []string{v.T("stats.col.unit"), v.T("stats.col.service"), v.T("stats.col.started"), v.T("stats.col.submitted"),
		v.T("stats.csv.completion"), v.T("stats.col.errands"), v.T("stats.csv.digital")}
	for _, c := range eservice.Channels() {
		head = append(head, v.T("case.channel."+string(c)))
	}
	head = append(head, v.T("stats.col.decided"), v.T("stats.csv.in_time"), v.T("stats.csv.median"), v.T("stats.csv.p90"),
		v.T("stats.col.overdue"))
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	rows, total := statsSplitTotal(rows)
	for _, r := range statsSorted(v, acc, rows) {
		unit := ""
		if u, ok := acc.Tree.Unit(r.UnitID); ok {
			unit = u.Name(string(v.Lang))
		}
		if err := cw.Write(statsCSVLine(v, unit, r.Title.In(string(v.Lang)), r)); err != nil {
			return nil, err
		}
	}
	if err := cw.Write(statsCSVLine(v, "", v.T("stats.total"), total)); err != nil {
		return nil, err
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

// statsCSVLine returns the fields of one line: texts made safe, counts as
// plain integers, shares as percentages and lead times in days with one
// decimal in the language's decimal sign; empty where there is nothing to
// divide by.
func statsCSVLine(v *view, unit, service string, r eservice.ServiceStats) []string {
	count := func(n int) string { return strconv.Itoa(n) }
	share := func(f float64, of int) string {
		if of == 0 {
			return ""
		}
		return i18n.Decimal(v.Lang, f*100, 1)
	}
	days := func(d time.Duration) string {
		if r.Decided == 0 {
			return ""
		}
		return i18n.Decimal(v.Lang, d.Hours()/24, 1)
	}
	line := []string{csvText(unit), csvText(service), count(r.Started), count(r.Submitted),
		share(r.CompletionRate(), r.Started), count(r.Errands), share(r.DigitalShare(), r.Errands)}
	for _, c := range eservice.Channels() {
		line = append(line, count(r.ByChannel[c]))
	}
	return append(line, count(r.Decided), share(r.InTimeRate(), r.Decided), days(r.LeadMedian), days(r.LeadP90),
		count(r.Overdue))
}

// csvText returns s safe for a spreadsheet cell: a text a spreadsheet
// would take for a formula gets an apostrophe first, by the platform's
// one rule (tabular.SafeCell).
func csvText(s string) string { return tabular.SafeCell(s) }

// statsSorted returns rows sorted as the page shows them.
func statsSorted(v *view, acc *access, rows []eservice.ServiceStats) []eservice.ServiceStats {
	out := make([]eservice.ServiceStats, len(rows))
	copy(out, rows)
	sortStatsRows(v, acc, out)
	return out
}
