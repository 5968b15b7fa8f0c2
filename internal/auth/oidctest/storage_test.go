package oidctest

import "testing"

func TestFlipFirst(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "x", "xyz", "abc", "y"} {
		if got := flipFirst(s); got == s || len(got) != max(len(s), 1) || (len(s) > 1 && got[1:] != s[1:]) {
			t.Errorf("flipFirst(%q) = %q", s, got)
		}
	}
}
