package ckan

import (
	"strings"

	"sprang/internal/opendata"
)

// qualityDict is the data-quality report of a loaded upload as the API
// gives it ("datastore_quality" in resource_show, and in datastore_search
// with include_quality=true): the rows read, the file's encoding and
// delimiter as the loader found them, per column its type, empty cells,
// distinct values (counted up to opendata.MaxDistinct; distinct_capped
// says there were more), smallest and largest value (null for text) and
// up to three examples; the rows the loader could not read or convert
// (at most opendata.MaxProblems, with their line in the file — 1 is the
// header — column and a message in the request's language), and how many
// such rows there were in all.
type qualityDict struct {
	Version     int              `json:"version"`
	Rows        int64            `json:"rows"`
	Encoding    string           `json:"encoding"`
	Delimiter   string           `json:"delimiter"`
	CheckedAt   any              `json:"checked_at"`
	Columns     []qualityColumn  `json:"columns"`
	Problems    []qualityProblem `json:"problems"`
	ProblemRows int64            `json:"problem_rows"`
}

// qualityColumn is one column of a qualityDict.
type qualityColumn struct {
	ID             string   `json:"id"`
	Type           string   `json:"type"`
	Empty          int64    `json:"empty"`
	Distinct       int64    `json:"distinct"`
	DistinctCapped bool     `json:"distinct_capped"`
	Min            any      `json:"min"`
	Max            any      `json:"max"`
	Examples       []string `json:"examples"`
}

// qualityProblem is one problem row of a qualityDict: Column is null for
// a row that could not be read at all.
type qualityProblem struct {
	Line    int64  `json:"line"`
	Column  any    `json:"column"`
	Message string `json:"message"`
	Value   string `json:"value"`
}

// qualityOf returns the report of upload up, or nil when it has none
// (not loaded, or a table made by datastore_create, which reads no file).
func (x texts) qualityOf(up opendata.Upload) *qualityDict {
	q := up.Quality
	if q == nil || up.LoadState != opendata.LoadDone {
		return nil
	}
	d := &qualityDict{Version: up.Version, Rows: q.Rows, Encoding: q.Encoding, Delimiter: q.Delimiter,
		CheckedAt: timeText(q.CheckedAt), Columns: make([]qualityColumn, 0, len(q.Columns)),
		Problems: make([]qualityProblem, 0, len(q.Problems)), ProblemRows: q.ProblemRows}
	for _, c := range q.Columns {
		ex := c.Examples
		if ex == nil {
			ex = []string{}
		}
		d.Columns = append(d.Columns, qualityColumn{ID: c.Name, Type: string(c.Type), Empty: c.Empty,
			Distinct: c.Distinct, DistinctCapped: c.DistinctCapped, Min: nullIfEmpty(c.Min), Max: nullIfEmpty(c.Max),
			Examples: ex})
	}
	for _, p := range q.Problems {
		d.Problems = append(d.Problems, qualityProblem{Line: p.Line, Column: nullIfEmpty(p.Column),
			Message: x.problemText(p), Value: p.Value})
	}
	return d
}

// problemText returns the message of a problem row in the request's
// language: its key's text, with the offending value where the text has
// a place for it; a generic text for a key the catalog does not know.
func (x texts) problemText(p opendata.RowProblem) string {
	if p.Key == "" || !x.cat.Has(x.lang, p.Key) {
		return x.t("api.quality.problem_generic")
	}
	t := x.t(p.Key)
	if strings.Contains(t, "%") {
		t = x.t(p.Key, p.Value)
	}
	return t
}

// nullIfEmpty returns s, or nil (JSON null) for "".
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
