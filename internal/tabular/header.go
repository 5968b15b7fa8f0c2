package tabular

import (
	"bytes"
	"strconv"

	"sprang/internal/opendata"
)

// headerNames returns the column names of the header record rec: each
// field trimmed; an empty one named "kolumn_N" after its position N from
// 1, a repeated one "Name_2", "Name_3" … (skipping names the header has
// elsewhere), with a note of each such name on the header's line.
func headerNames(rec Record) (names []string, notes []opendata.RowProblem) {
	names = make([]string, rec.Len())
	taken := make(map[string]bool, rec.Len())
	for i := range names {
		names[i] = string(bytes.TrimSpace(rec.Field(i)))
		taken[names[i]] = true
	}
	seen := make(map[string]bool, len(names))
	for i, n := range names {
		key := ""
		switch {
		case n == "":
			key, n = keyHeaderEmpty, unique("kolumn_"+strconv.Itoa(i+1), taken)
		case seen[n]:
			key, n = keyHeaderDup, unique(n, taken)
		}
		seen[n] = true
		if key != "" {
			taken[n] = true
			names[i] = n
			notes = append(notes, opendata.RowProblem{Line: rec.Line, Column: n, Key: key, Value: n})
		}
	}
	return names, notes
}

// unique returns base when no column has that name yet, or else the first
// of base_2, base_3 … that none has.
func unique(base string, taken map[string]bool) string {
	if !taken[base] {
		return base
	}
	for k := 2; ; k++ {
		if n := base + "_" + strconv.Itoa(k); !taken[n] {
			return n
		}
	}
}
