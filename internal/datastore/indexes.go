package datastore

import (
	"cmp"
	"slices"

	"sprang/internal/opendata"
	"sprang/internal/store"
)

// Indexes. The store indexes every column of a table of up to
// store.AutoIndexRows rows. A larger table gets indexes on the columns
// marked in the upload's earlier load (a steward's choice, or the loader's
// own), and the loader adds category columns, which API users and the
// preview filter on (station, date, area, …), until maxAutoIndexes
// columns have one.
// Indexing every column of a large table would cost a sort per column —
// on SQLite about 0.8 s of processor time per million rows, as much as
// loading the rows — for filters that mostly never come.
//
// It picks the categories with the most distinct values: a filter on a
// value that few rows have must otherwise read the whole table to fill a
// page, while one on a value of a column with a handful of values (an
// area of seven) finds a page's rows among the first few hundred without
// an index; only counting all matches (include_total) reads the table.
const maxAutoIndexes = 2

// chooseIndexes marks Index on category columns of a large table, so that
// at most n columns have an index, counting those marked already (a
// steward's, or the loader's own picks recorded by an earlier load of the
// upload, which a reload keeps): text, integer or date columns whose values repeat — from 2 to
// opendata.MaxDistinct distinct values (the quality report stops counting
// there: a column of more is mostly free text or unique) — and that are
// filled in at least half the rows, those with the most distinct values
// first.
func chooseIndexes(cols []opendata.Column, q opendata.Quality, n int) {
	if q.Rows <= store.AutoIndexRows || len(q.Columns) != len(cols) {
		return
	}
	for _, c := range cols {
		if c.Index {
			n--
		}
	}
	var picks []int
	for i, c := range cols {
		cq := q.Columns[i]
		switch {
		case c.Index,
			c.Type != opendata.TypeText && c.Type != opendata.TypeInt && c.Type != opendata.TypeDate,
			cq.DistinctCapped, cq.Distinct < 2,
			cq.EmptyShare(q.Rows) > 0.5:
			continue
		}
		picks = append(picks, i)
	}
	slices.SortStableFunc(picks, func(a, b int) int { return cmp.Compare(q.Columns[b].Distinct, q.Columns[a].Distinct) })
	for _, i := range picks[:max(0, min(len(picks), n))] {
		cols[i].Index = true
	}
}
