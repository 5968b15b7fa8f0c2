package opendata

import (
	"fmt"
	"strings"
)

// DefaultThreshold is the smallest count the platform publishes about
// itself: a count below it is blanked (Suppress).
const DefaultThreshold = 5

// CountTable is a two-way table of counts about to be published, and
// which totals will be published with it: the total of every row
// (beside it), of every column (below it) and, with both, the grand
// total. Counts[r][c] is the count of row r and column c; rows may differ
// in length, a missing cell is no part of its column. Counts are never
// negative.
type CountTable struct {
	Counts    [][]int
	RowTotals bool
	ColTotals bool
}

// Suppression says which cells of a CountTable are blanked: Cells[r][c]
// is true for a blanked count (and for every statistic computed from it),
// RowTotals[r] and ColTotals[c] for blanked totals (nil when the table
// publishes none), Grand for the grand total. Rows, Cols and Total hold
// the totals as Suppress computed them, to publish where not blanked.
type Suppression struct {
	Cells     [][]bool
	RowTotals []bool
	ColTotals []bool
	Grand     bool
	Rows      []int // the total of each row
	Cols      []int // the total of each column
	Total     int   // the grand total
}

// Suppress decides which cells of t to blank so that no count below k is
// published and no blanked count can be worked out from one published
// total. A k below 1 means DefaultThreshold.
//
// The method (SuppressionMethod says it in plain words):
//
//  1. Primary suppression: every count below k is blanked, zero included,
//     and so is every total below k.
//  2. Complementary suppression: a row or column whose total is published
//     adds up to it, so one blanked member would be that total less the
//     others. Wherever a row or column (with its total, a member too) has
//     exactly one blanked member, its smallest published member is
//     blanked as well (the first of equals). This repeats until every row
//     and column with a published total has none or at least two blanked
//     members; it ends, because each round blanks one more.
//
// It protects against subtraction within one row or column, which is all
// that the tables the platform publishes allow (rows with their totals
// and no column totals: the rows are independent, so two unknowns in one
// sum leave both unknown). With both row and column totals, a pattern of
// blanked cells could in theory be solved as a system of equations; such
// tables need an audit this function does not do.
//
// Suppress is pure and never fails.
func Suppress(t CountTable, k int) Suppression {
	if k < 1 {
		k = DefaultThreshold
	}
	s := newSuppression(t)
	lines := s.lines(t)
	for _, l := range lines {
		for _, m := range l.members {
			if m.count < k {
				m.set(&s)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, l := range lines {
			if l.sum && complement(&s, l.members) {
				changed = true
			}
		}
	}
	return s
}

// newSuppression returns the Suppression of t with nothing blanked yet and
// the totals computed.
func newSuppression(t CountTable) Suppression {
	s := Suppression{Cells: make([][]bool, len(t.Counts)), Rows: make([]int, len(t.Counts))}
	for r, row := range t.Counts {
		s.Cells[r] = make([]bool, len(row))
		for c, n := range row {
			for len(s.Cols) <= c {
				s.Cols = append(s.Cols, 0)
			}
			s.Rows[r] += n
			s.Cols[c] += n
			s.Total += n
		}
	}
	if t.RowTotals {
		s.RowTotals = make([]bool, len(t.Counts))
	}
	if t.ColTotals {
		s.ColTotals = make([]bool, len(s.Cols))
	}
	return s
}

// member is one published figure: a cell (row, col), a row total (col
// -1), a column total (row -1) or the grand total (both -1).
type member struct {
	row, col int
	count    int
}

// blanked reports whether m is blanked in s.
func (m member) blanked(s *Suppression) bool {
	switch {
	case m.row >= 0 && m.col >= 0:
		return s.Cells[m.row][m.col]
	case m.row >= 0:
		return s.RowTotals[m.row]
	case m.col >= 0:
		return s.ColTotals[m.col]
	}
	return s.Grand
}

// set blanks m in s.
func (m member) set(s *Suppression) {
	switch {
	case m.row >= 0 && m.col >= 0:
		s.Cells[m.row][m.col] = true
	case m.row >= 0:
		s.RowTotals[m.row] = true
	case m.col >= 0:
		s.ColTotals[m.col] = true
	default:
		s.Grand = true
	}
}

// line is a set of published figures; sum says they add up to a
// published total (its last member), which complementary suppression must
// then protect.
type line struct {
	members []member
	sum     bool
}

// lines returns every figure of t in lines: each row (with its total when
// published), each column with its total, and the row totals and the
// column totals each with the grand total.
func (s *Suppression) lines(t CountTable) []line {
	var out []line
	for r, row := range t.Counts {
		l := line{members: make([]member, 0, len(row)+1), sum: t.RowTotals}
		for c, n := range row {
			l.members = append(l.members, member{r, c, n})
		}
		if t.RowTotals {
			l.members = append(l.members, member{r, -1, s.Rows[r]})
		}
		out = append(out, l)
	}
	if t.ColTotals {
		for c, total := range s.Cols {
			var ms []member
			for r, row := range t.Counts {
				if c < len(row) {
					ms = append(ms, member{r, c, row[c]})
				}
			}
			out = append(out, line{members: append(ms, member{-1, c, total}), sum: true})
		}
	}
	if t.RowTotals && t.ColTotals {
		var byRow, byCol []member
		for r, n := range s.Rows {
			byRow = append(byRow, member{r, -1, n})
		}
		for c, n := range s.Cols {
			byCol = append(byCol, member{-1, c, n})
		}
		grand := member{-1, -1, s.Total}
		out = append(out, line{append(byRow, grand), true}, line{append(byCol, grand), true})
	}
	return out
}

// complement blanks the smallest published member of l when exactly one
// of its members is blanked, and reports whether it did.
func complement(s *Suppression, l []member) bool {
	blanked, pick := 0, -1
	for i, m := range l {
		switch {
		case m.blanked(s):
			blanked++
		case pick < 0 || m.count < l[pick].count:
			pick = i
		}
	}
	if blanked != 1 || pick < 0 {
		return false
	}
	l[pick].set(s)
	return true
}

// SuppressionMethod returns the method of Suppress with threshold k (a k
// below 1 means DefaultThreshold) in plain Swedish and in plain English,
// for the Method of a dataset: what a reader needs to know to read the
// blank cells right.
func SuppressionMethod(k int) (sv, en string) {
	if k < 1 {
		k = DefaultThreshold
	}
	sv = strings.Join([]string{
		"Uppgifterna är sammanräknade och innehåller inga personuppgifter.",
		fmt.Sprintf("För att ingen enskild person ska kunna pekas ut visas inget antal som är mindre än %d. "+
			"En sådan cell lämnas tom, också när antalet är noll.", k),
		"Där en rad eller kolumn har en summa som också publiceras döljs dessutom minst en cell till i den, den med lägst antal. " +
			"Då går det inte att räkna fram ett dolt värde genom att dra de synliga cellerna från summan.",
		fmt.Sprintf("Värden som räknas fram ur ett antal, till exempel median och percentil, döljs när antalet de bygger på är mindre än %d.", k),
	}, " ")
	en = strings.Join([]string{
		"The figures are aggregates and contain no personal data.",
		fmt.Sprintf("So that no single person can be singled out, no count below %d is shown. "+
			"Such a cell is left empty, also when the count is zero.", k),
		"Where a row or column has a total that is published too, at least one more of its cells is hidden as well, the smallest. " +
			"A hidden value then cannot be worked out by subtracting the visible cells from the total.",
		fmt.Sprintf("Values computed from a count, such as medians and percentiles, are hidden when the count they rest on is below %d.", k),
	}, " ")
	return sv, en
}
