package opendata_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"sprang/internal/opendata"
)

// blanks writes a Suppression's cells as a picture: "x" blanked, "." shown,
// rows separated by "|", a row's total after "=", the column totals and
// the grand total in a last row after "/".
func blanks(s opendata.Suppression) string {
	mark := func(b bool) string {
		if b {
			return "x"
		}
		return "."
	}
	var rows []string
	for r, row := range s.Cells {
		var b strings.Builder
		for _, c := range row {
			b.WriteString(mark(c))
		}
		if s.RowTotals != nil {
			b.WriteString("=" + mark(s.RowTotals[r]))
		}
		rows = append(rows, b.String())
	}
	out := strings.Join(rows, "|")
	if s.ColTotals != nil {
		var b strings.Builder
		for _, c := range s.ColTotals {
			b.WriteString(mark(c))
		}
		if s.RowTotals != nil {
			b.WriteString("=" + mark(s.Grand))
		}
		out += "/" + b.String()
	}
	return out
}

func TestSuppress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table opendata.CountTable
		k     int
		want  string
	}{
		{"nothing small", opendata.CountTable{Counts: [][]int{{5, 9}, {12, 6}}, RowTotals: true}, 5, "..=.|..=."},
		{"no totals: only the small ones", opendata.CountTable{Counts: [][]int{{4, 9, 7}, {0, 6, 5}}}, 5, "x..|x.."},
		{"one small cell and a total: the next smallest too", opendata.CountTable{Counts: [][]int{{3, 20, 8, 11}}, RowTotals: true}, 5, "x.x.=."},
		{"two small cells need no complement", opendata.CountTable{Counts: [][]int{{3, 20, 1, 11}}, RowTotals: true}, 5, "x.x.=."},
		{"zero is below k", opendata.CountTable{Counts: [][]int{{0, 7, 9}}, RowTotals: true}, 5, "xx.=."},
		{"small total blanks the row", opendata.CountTable{Counts: [][]int{{1, 2, 0}}, RowTotals: true}, 5, "xxx=x"},
		{"one cell and its total", opendata.CountTable{Counts: [][]int{{3}}, RowTotals: true}, 5, "x=x"},
		{"one big cell and its total", opendata.CountTable{Counts: [][]int{{8}}, RowTotals: true}, 5, ".=."},
		{"ties: the first of equals", opendata.CountTable{Counts: [][]int{{2, 7, 7}}, RowTotals: true}, 5, "xx.=."},
		{"default threshold", opendata.CountTable{Counts: [][]int{{4, 5}}}, 0, "x."},
		{"threshold 3", opendata.CountTable{Counts: [][]int{{2, 3, 4}}, RowTotals: true}, 3, "xx.=."},
		{"rows and columns: the complement spreads", opendata.CountTable{
			Counts: [][]int{{3, 10, 12}, {9, 8, 15}, {20, 6, 30}}, RowTotals: true, ColTotals: true}, 5,
			"xx.=.|xx.=.|xx.=./...=."},
		{"column totals only", opendata.CountTable{Counts: [][]int{{3, 10}, {9, 8}, {20, 6}}, ColTotals: true}, 5,
			"x.|x.|../.."},
		{"ragged rows", opendata.CountTable{Counts: [][]int{{3, 10, 12}, {9}}, ColTotals: true}, 5, "x..|x/..."},
		{"empty table", opendata.CountTable{RowTotals: true, ColTotals: true}, 5, "/=x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := opendata.Suppress(tc.table, tc.k)
			if got := blanks(s); got != tc.want {
				t.Errorf("Suppress = %s, want %s", got, tc.want)
			}
			checkSuppression(t, tc.table, tc.k, s)
		})
	}
}

func TestSuppressTotals(t *testing.T) {
	t.Parallel()
	s := opendata.Suppress(opendata.CountTable{Counts: [][]int{{3, 10}, {9, 8, 2}}, RowTotals: true, ColTotals: true}, 5)
	if !slices.Equal(s.Rows, []int{13, 19}) || !slices.Equal(s.Cols, []int{12, 18, 2}) || s.Total != 32 {
		t.Errorf("totals = %v %v %d, want [13 19] [12 18 2] 32", s.Rows, s.Cols, s.Total)
	}
}

// TestSuppressProperties checks random tables: no published count (cell
// or total) is below k, every count below k is blanked, and no blanked
// figure can be recovered by subtraction from a published total: every
// row and column with a published total has none or at least two blanked
// members.
func TestSuppressProperties(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(4, 2026))
	for i := range 5000 {
		table := opendata.CountTable{RowTotals: rng.IntN(3) > 0, ColTotals: rng.IntN(2) == 0}
		rows, cols := rng.IntN(6)+1, rng.IntN(7)+1
		for range rows {
			row := make([]int, cols)
			for c := range row {
				row[c] = rng.IntN(25) * rng.IntN(2)
			}
			table.Counts = append(table.Counts, row)
		}
		k := rng.IntN(8) + 1
		s := opendata.Suppress(table, k)
		if !checkSuppression(t, table, k, s) {
			t.Fatalf("table %d: %v (rows %v, cols %v, k %d): %s", i, table.Counts, table.RowTotals, table.ColTotals, k, blanks(s))
		}
	}
}

// checkSuppression reports the properties TestSuppressProperties checks.
func checkSuppression(t *testing.T, table opendata.CountTable, k int, s opendata.Suppression) bool {
	t.Helper()
	if k < 1 {
		k = opendata.DefaultThreshold
	}
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf(format, args...)
		ok = false
	}
	for r, row := range table.Counts {
		for c, n := range row {
			if (n < k) && !s.Cells[r][c] {
				fail("cell %d,%d = %d < %d is published", r, c, n, k)
			}
		}
		if table.RowTotals {
			if s.Rows[r] < k && !s.RowTotals[r] {
				fail("row total %d = %d < %d is published", r, s.Rows[r], k)
			}
			line := append(slices.Clone(s.Cells[r]), s.RowTotals[r])
			if recoverable(line) {
				fail("row %d has one blanked figure: it is its total less the others", r)
			}
		}
	}
	if table.ColTotals {
		for c := range s.Cols {
			if s.Cols[c] < k && !s.ColTotals[c] {
				fail("column total %d = %d < %d is published", c, s.Cols[c], k)
			}
			var line []bool
			for r, row := range table.Counts {
				if c < len(row) {
					line = append(line, s.Cells[r][c])
				}
			}
			if recoverable(append(line, s.ColTotals[c])) {
				fail("column %d has one blanked figure: it is its total less the others", c)
			}
		}
	}
	if table.RowTotals && table.ColTotals {
		if s.Total < k && !s.Grand {
			fail("grand total %d < %d is published", s.Total, k)
		}
		if recoverable(append(slices.Clone(s.RowTotals), s.Grand)) || recoverable(append(slices.Clone(s.ColTotals), s.Grand)) {
			fail("the totals have one blanked figure: it is the grand total less the others")
		}
	}
	return ok
}

// recoverable reports whether a line of figures that add up (the last
// their total) has exactly one blanked figure among several: it is then
// the total less the others, or their sum.
func recoverable(line []bool) bool {
	n := 0
	for _, b := range line {
		if b {
			n++
		}
	}
	return n == 1 && len(line) > 1
}

func TestSuppressionMethod(t *testing.T) {
	t.Parallel()
	sv, en := opendata.SuppressionMethod(0)
	for _, want := range []string{"mindre än 5", "summa", "median"} {
		if !strings.Contains(sv, want) {
			t.Errorf("Swedish method lacks %q: %s", want, sv)
		}
	}
	for _, want := range []string{"below 5", "total", "median"} {
		if !strings.Contains(en, want) {
			t.Errorf("English method lacks %q: %s", want, en)
		}
	}
	if sv3, _ := opendata.SuppressionMethod(3); !strings.Contains(sv3, "mindre än 3") {
		t.Errorf("threshold 3 not in %s", sv3)
	}
}
