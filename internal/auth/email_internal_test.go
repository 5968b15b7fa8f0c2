package auth

import (
	"slices"
	"testing"
)

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
	const domain = "kommun.se"
	tests := []struct {
		name   string
		domain string
		claims map[string]any
		want   []string
	}{
		{"upn", domain, map[string]any{"preferred_username": "Anna.Svensson@Kommun.se"}, []string{"anna.svensson"}},
		{"no domain configured: no linking", "", map[string]any{"preferred_username": "anna.svensson@kommun.se"}, nil},
		{"guest at another domain", domain, map[string]any{"preferred_username": "anna.svensson@gmail.com"}, nil},
		{"subdomain is another domain", domain, map[string]any{"preferred_username": "anna@evil.kommun.se"}, nil},
		{"look-alike domain", domain, map[string]any{"preferred_username": "anna@kommun.se.evil.example"}, nil},
		{"plain username", domain, map[string]any{"preferred_username": "bertil"}, nil},
		{"verified email too", domain, map[string]any{"preferred_username": "a1@kommun.se", "email": "cecilia@kommun.se", "email_verified": true}, []string{"a1", "cecilia"}},
		{"email_verified absent", domain, map[string]any{"email": "d@kommun.se"}, nil},
		{"email_verified false", domain, map[string]any{"email": "d@kommun.se", "email_verified": false}, nil},
		{"email_verified as a string", domain, map[string]any{"email": "d@kommun.se", "email_verified": "true"}, nil},
		{"nothing", domain, map[string]any{}, nil},
	}
	for _, tt := range tests {
		got := ssoUsernames(Claims{All: tt.claims}, tt.domain)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: ssoUsernames = %v, want %v", tt.name, got, tt.want)
		}
	}
}
