package eservice_test

import (
	"bytes"
	"crypto/rand"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"sprang"
	"sprang/internal/eservice"
)

var referencePattern = regexp.MustCompile(`^[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$`)

func TestNewReference(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		ref, err := eservice.NewReference(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if !referencePattern.MatchString(ref) || strings.ContainsAny(ref, "01ILOU") {
			t.Fatalf("reference %q has the wrong form", ref)
		}
		if seen[ref] {
			t.Fatalf("reference %q twice in 1000", ref)
		}
		seen[ref] = true
		if back, err := eservice.ParseReference(strings.ToLower(ref)); err != nil || back != ref {
			t.Fatalf("ParseReference(lower %q) = %q, %v", ref, back, err)
		}
	}
}

func TestNewReferenceDeterministic(t *testing.T) {
	t.Parallel()
	// Bytes of 240 and more are skipped (no modulo bias); 0 is 'A', 29 is '9'.
	in := append([]byte{0, 255, 29, 240, 30, 59}, bytes.Repeat([]byte{1}, 30)...)
	ref, err := eservice.NewReference(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if ref != "A9A9-BBBB" {
		t.Errorf("NewReference = %q, want A9A9-BBBB", ref)
	}
	if _, err := eservice.NewReference(iotest.ErrReader(iotest.ErrTimeout)); err == nil || sprang.ErrorKind(err) != sprang.Internal {
		t.Errorf("NewReference of a failing reader = %v", err)
	}
	if _, err := eservice.NewReference(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Error("NewReference of a short reader succeeded")
	}
}

func TestParseReference(t *testing.T) {
	t.Parallel()
	good := map[string]string{"KX4M-7TQ9": "KX4M-7TQ9", "kx4m7tq9": "KX4M-7TQ9", " kx4m 7tq9 ": "KX4M-7TQ9"}
	for in, want := range good {
		if got, err := eservice.ParseReference(in); err != nil || got != want {
			t.Errorf("ParseReference(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "KX4M-7TQ", "KX4M-7TQ99", "KX4O-7TQ9", "KX4M-7TQ1", "KX4M_7TQ9", "ÅX4M-7TQ9"} {
		_, err := eservice.ParseReference(in)
		if sprang.ErrorFields(err)["reference"] != eservice.MsgReferenceFormat {
			t.Errorf("ParseReference(%q) = %v", in, err)
		}
	}
}

func TestDiaryNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code      string
		year, seq int
		want      string
	}{
		{"SBF", 2026, 42, "SBF 2026/00042"},
		{"KS", 2026, 1, "KS 2026/00001"},
		{" BUN ", 2027, 99999, "BUN 2027/99999"},
		{"SBF", 2026, 123456, "SBF 2026/123456"},
		{"", 2026, 7, "2026/00007"},
	}
	for _, tt := range tests {
		if got := eservice.DiaryNumber(tt.code, tt.year, tt.seq); got != tt.want {
			t.Errorf("DiaryNumber(%q, %d, %d) = %q, want %q", tt.code, tt.year, tt.seq, got, tt.want)
		}
	}
}
