package store

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRebindDollar(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"none", "SELECT 1", "SELECT 1"},
		{"two", "SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"string literal", "SELECT '?' , ?", "SELECT '?' , $1"},
		{"escaped quote", "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"},
		{"identifier", `SELECT "a?b" FROM t WHERE x = ?`, `SELECT "a?b" FROM t WHERE x = $1`},
		{"comment", "SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{"unterminated", "SELECT 'abc ?", "SELECT 'abc ?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := rebindDollar(tt.in); got != tt.want {
				t.Errorf("rebindDollar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzRebindDollar checks that rebinding never loses or invents text: with
// each $n turned back into ?, the query is unchanged, and the placeholders
// are numbered 1, 2, 3, … in order.
func FuzzRebindDollar(f *testing.F) {
	for _, s := range []string{"SELECT ?", "'?'", `"?"`, "-- ?\n?", "??", "'", "a ? 'b' ?"} {
		f.Add(s)
	}
	placeholder := regexp.MustCompile(`\$[0-9]+`)
	digitAfterMark := regexp.MustCompile(`\?[0-9]`)
	f.Fuzz(func(t *testing.T, q string) {
		if strings.Contains(q, "$") || digitAfterMark.MatchString(q) {
			t.Skip("a literal $n, or ?n, cannot be told apart from a placeholder")
		}
		got := rebindDollar(q)
		if back := placeholder.ReplaceAllString(got, "?"); back != q {
			t.Fatalf("rebindDollar(%q) = %q, which does not map back", q, got)
		}
		for i, m := range placeholder.FindAllString(got, -1) {
			if m != "$"+strconv.Itoa(i+1) {
				t.Fatalf("placeholder %d is %s in %q", i+1, m, got)
			}
		}
	})
}
