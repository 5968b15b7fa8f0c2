package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/config"
)

// TestUnreadableInput checks that text that is not UTF-8 is refused with
// 422 and a message saying what to fix, on both database engines (the
// PostgreSQL one would refuse it with SQLSTATE 22021, a 500).
func TestUnreadableInput(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	unit := func(name string) url.Values {
		return url.Values{"name_sv": {name}, "slug": {"ny-enhet"}, "kind": {"avdelning"},
			"parent_id": {"1"}}
	}
	tests := []struct {
		name, method, path string
		form               url.Values
		who                string // "" for anonymous
		want               []string
	}{
		{"unit name", http.MethodPost, "/personal/enheter", unit("\xff"), "admin",
			[]string{"tecken som inte går att läsa", "skriv in texten igen"}},
		{"login username", http.MethodPost, "/logga-in", url.Values{"username": {"a\xffb"}, "password": {"x"}}, "",
			[]string{"tecken som inte går att läsa"}},
		{"audit object type", http.MethodGet, "/personal/logg?object_type=%ff", nil, "admin",
			[]string{`href="#object_type"`, "Sökordet innehåller tecken som inte går att läsa", "\uFFFD"}},
		{"audit object id", http.MethodGet, "/personal/logg?object_id=%ff", nil, "admin",
			[]string{`href="#object_id"`, "Sökordet innehåller tecken"}},
		{"audit actor", http.MethodGet, "/personal/logg?actor=ad%ffmin", nil, "admin",
			[]string{`href="#actor"`}},
		{"audit text", http.MethodGet, "/personal/logg?text=%c3", nil, "admin",
			[]string{`href="#text"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			if tt.who != "" {
				b.login(tt.who)
			}
			resp, body := b.do(tt.method, tt.path, tt.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", resp.StatusCode, e.logs.String())
			}
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

// TestOversizedForm checks that a form body over the limit gets 413 and a
// page that says so, not one asking to correct a form it does not show.
func TestOversizedForm(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	big := strings.Repeat("a", 1<<20)
	tests := []struct {
		name, path, who string
	}{
		{"unit form", "/personal/enheter", "admin"},
		{"login form", "/logga-in", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			if tt.who != "" {
				b.login(tt.who)
			}
			resp, body := b.post(tt.path, url.Values{"name_sv": {big}, "username": {big}})
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413", resp.StatusCode)
			}
			if !strings.Contains(body, "Det du skickade var för stort") || strings.Contains(body, "Rätta uppgifterna") {
				t.Errorf("page does not say the body was too large:\n%s", body)
			}
		})
	}
}
