package auth

import "testing"

func TestNormalizeCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"123456", "123456", true},
		{" 123 456 ", "123456", true},
		{"123-456", "123456", true},
		{"12345", "", false},
		{"1234567", "", false},
		{"12a456", "", false},
		{"١٢٣٤٥٦", "", false}, // other digits are not accepted
	}
	for _, tt := range tests {
		got, ok := normalizeCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeCode(%q) = %q, %t; want %q, %t", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSixDigitsIsUniformish(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 200 {
		c := sixDigits()
		if _, ok := normalizeCode(c); !ok {
			t.Fatalf("sixDigits() = %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 190 {
		t.Errorf("only %d distinct codes in 200", len(seen))
	}
}

func TestSSOUsernames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		claims map[string]any
		want   []string
	}{
		{"upn", map[string]any{"preferred_username": "Anna.Svensson@kommun.se"}, []string{"anna.svensson"}},
		{"plain username", map[string]any{"preferred_username": "bertil"}, []string{"bertil"}},
		{"email too", map[string]any{"preferred_username": "a1@x.se", "email": "cecilia@x.se"}, []string{"a1", "cecilia"}},
		{"unverified email ignored", map[string]any{"email": "d@x.se", "email_verified": false}, nil},
		{"nothing", map[string]any{}, nil},
	}
	for _, tt := range tests {
		got := ssoUsernames(Claims{All: tt.claims})
		if len(got) != len(tt.want) {
			t.Errorf("%s: ssoUsernames = %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: ssoUsernames = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}
