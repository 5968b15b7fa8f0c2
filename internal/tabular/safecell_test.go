package tabular_test

import (
	"strings"
	"testing"
	"unicode"

	"sprang/internal/tabular"
)

// FuzzSafeCell checks SafeCell's promise on any text: the result is the
// text itself or the text after an apostrophe, and a result that does
// not start with the apostrophe cannot start a formula — its first
// character after spaces is none of = + - @ tab CR LF, or it is a number.
func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"", "=1+1", " =1+1", "\n=2+2", "@SUM(A1)", "-3,5", "-3.5", "\u00a0+1", "a", "+46 70"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := tabular.SafeCell(s)
		if got != s && got != "'"+s {
			t.Fatalf("SafeCell(%q) = %q: neither the cell nor the cell after an apostrophe", s, got)
		}
		if got != s {
			return
		}
		t0 := strings.TrimLeftFunc(s, func(r rune) bool { return r == ' ' || unicode.Is(unicode.Zs, r) })
		if t0 == "" {
			return
		}
		switch t0[0] {
		case '=', '@', '\t', '\r', '\n':
			t.Fatalf("SafeCell(%q) left a formula unprotected", s)
		case '+', '-':
			if _, err := tabular.ParseValue(strings.TrimSpace(s), "numeric"); err != nil {
				t.Fatalf("SafeCell(%q) left a sign unprotected that starts no number", s)
			}
		}
	})
}
