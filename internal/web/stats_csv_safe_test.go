package web

import "testing"

// TestStatsCSVText checks that the statistics' CSV protects texts with
// the platform's one rule against formula injection (tabular.SafeCell):
// also after leading spaces and line feeds, while a negative number in
// Swedish stays a number.
func TestStatsCSVText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{" =1+1", "' =1+1"},
		{"\n=2+2", "'\n=2+2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"-3,5", "-3,5"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"Felanmälan", "Felanmälan"},
	}
	for _, tt := range tests {
		if got := csvText(tt.in); got != tt.want {
			t.Errorf("csvText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
