package web

import (
	"strings"
	"time"

	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// qualityView is the data-quality report of a loaded upload as its page
// shows it.
type qualityView struct {
	Rows        string
	Encoding    string
	Delimiter   string
	CheckedAt   time.Time
	Columns     []qualityColumn
	Problems    []qualityProblem
	ProblemRows string
	Unlisted    string // how many problem rows the list leaves out, or ""
	HasProblems bool
}

// qualityColumn is one column's line of the report.
type qualityColumn struct {
	Name     string
	Type     string
	Inferred string // the type the loader found, when the steward chose another
	Empty    string // the share of empty cells, in per cent
	Distinct string
	Min, Max string
	Examples string
}

// qualityProblem is one row the loader could not read or convert.
type qualityProblem struct {
	Line    string
	Column  string
	Message string
	Value   string
}

// qualityViewOf builds the report of q on a table with cols, or nil when
// there is none.
func qualityViewOf(v *view, q *opendata.Quality, cols []opendata.Column) *qualityView {
	if q == nil {
		return nil
	}
	qv := &qualityView{Rows: i18n.Number(v.Lang, q.Rows), Encoding: q.Encoding, Delimiter: delimiterName(v, q.Delimiter),
		CheckedAt: q.CheckedAt, ProblemRows: i18n.Number(v.Lang, q.ProblemRows), HasProblems: q.ProblemRows > 0}
	for _, c := range q.Columns {
		qc := qualityColumn{Name: c.Name, Type: v.T("data.type." + string(c.Type)),
			Empty:    v.T("data.quality.percent", i18n.Decimal(v.Lang, 100*c.EmptyShare(q.Rows), 1)),
			Distinct: i18n.Number(v.Lang, c.Distinct), Min: qualityValue(v, c.Type, c.Min), Max: qualityValue(v, c.Type, c.Max),
			Examples: strings.Join(c.Examples, " · ")}
		if col, ok := findColumn(cols, c.Name); ok && col.Inferred != "" && col.Inferred != col.Type {
			qc.Inferred = v.T("data.type." + string(col.Inferred))
		}
		if c.DistinctCapped {
			qc.Distinct = v.T("data.quality.more_than", i18n.Number(v.Lang, c.Distinct))
		}
		qv.Columns = append(qv.Columns, qc)
	}
	for _, p := range q.Problems {
		qv.Problems = append(qv.Problems, qualityProblem{Line: i18n.Number(v.Lang, p.Line), Column: p.Column,
			Message: problemText(v, p), Value: p.Value})
	}
	if left := q.ProblemRows - int64(len(q.Problems)); left > 0 {
		qv.Unlisted = v.T("data.quality.unlisted", i18n.Number(v.Lang, left))
	}
	return qv
}

// qualityValue writes a column's smallest or largest value, which the
// report stores as the loader wrote it, as the preview writes the
// column's values: numbers with the decimal sign of the page's language
// ("63,172247" on a Swedish page), anything else as it is.
func qualityValue(v *view, t opendata.ColumnType, s string) string {
	if t == opendata.TypeNumeric && v.Lang == i18n.Swedish {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// dataQualityBlock is what the "data-quality" component renders: a
// quality report with the view for its texts.
type dataQualityBlock struct {
	V *view
	Q *qualityView
}

// QualityReport returns the block of quality report q for the
// "data-quality" component.
func (v *view) QualityReport(q *qualityView) dataQualityBlock { return dataQualityBlock{V: v, Q: q} }

// problemText returns a problem row's message: its key's text, with the
// offending value filled in when the text has a place for it.
func problemText(v *view, p opendata.RowProblem) string {
	if !v.cat.Has(v.Lang, p.Key) {
		return v.T("data.quality.problem_generic")
	}
	t := v.T(p.Key)
	if strings.Contains(t, "%") {
		t = v.T(p.Key, p.Value)
	}
	return t
}

// delimiterName names a CSV delimiter in words.
func delimiterName(v *view, d string) string {
	switch d {
	case ";":
		return v.T("data.quality.delimiter.semicolon")
	case ",":
		return v.T("data.quality.delimiter.comma")
	case "\t":
		return v.T("data.quality.delimiter.tab")
	case "":
		return ""
	}
	return d
}

// qualitySummary returns a loaded upload's table in brief, for the
// dataset page: its rows, columns and problem rows.
func qualitySummary(v *view, u opendata.Upload) string {
	if u.Quality == nil {
		return v.T("data.quality.summary_columns", i18n.Number(v.Lang, u.LoadedRows), len(u.Columns))
	}
	s := v.T("data.quality.summary_columns", i18n.Number(v.Lang, u.Quality.Rows), len(u.Columns))
	switch n := u.Quality.ProblemRows; {
	case n == 1:
		s += " " + v.T("data.quality.summary_problem")
	case n > 1:
		s += " " + v.T("data.quality.summary_problems", i18n.Number(v.Lang, n))
	}
	return s
}
