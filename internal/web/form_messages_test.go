package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/config"
)

// TestErrorSummaryNamesTheField checks that every summary entry of the
// unit and user forms stands alone: it names the field (or what to
// choose), instead of a generic "Fältet måste fyllas i.".
func TestErrorSummaryNamesTheField(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	unit := func(sv, en string) url.Values {
		return url.Values{"name_sv": {sv}, "name_en": {en}, "slug": {"ny-enhet"}, "kind": {"avdelning"},
			"parent_id": {fmt.Sprint(e.skola.ID)}}
	}
	long := strings.Repeat("å", 201)
	user := fmt.Sprintf("/personal/anvandare/%d", e.users["reader"].ID)
	tests := []struct {
		name, lang, path string
		form             url.Values
		want             []string // summary entries, field and text
	}{
		{"unit name missing", "sv", "/personal/enheter", unit("", ""),
			[]string{`<a href="#name_sv">Skriv enhetens namn på svenska</a>`}},
		{"unit names too long", "sv", "/personal/enheter", unit(long, long),
			[]string{`<a href="#name_sv">Enhetens namn på svenska får ha högst 200 tecken</a>`,
				`<a href="#name_en">Enhetens namn på engelska får ha högst 200 tecken</a>`}},
		{"unit name missing, English", "en", "/personal/enheter", unit("", ""),
			[]string{`<a href="#name_sv">Enter the unit&#39;s name in Swedish</a>`}},
		{"new user without a name", "sv", "/personal/anvandare", url.Values{"username": {"ny.person"}, "display_name": {""}},
			[]string{`<a href="#display_name">Skriv personens namn, högst 100 tecken</a>`}},
		{"user renamed to nothing", "sv", user, url.Values{"action": {"update"}, "display_name": {" "}},
			[]string{`<a href="#display_name">Skriv personens namn, högst 100 tecken</a>`}},
		{"grant without unit and role", "sv", user, url.Values{"action": {"grant"}},
			[]string{`<a href="#unit">Välj vilken enhet rollen ska gälla i.</a>`, `<a href="#role">Välj vilken roll användaren ska få</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			b.login("admin")
			b.cookies["lang"] = tt.lang
			resp, body := b.post(tt.path, tt.form)
			wantStatus(t, tt.name, resp, body, 422, "")
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("summary lacks %q", want)
				}
			}
			for _, generic := range []string{"Fältet måste fyllas i", "Texten är för lång", "This field is required"} {
				if strings.Contains(body, generic) {
					t.Errorf("summary has the generic %q", generic)
				}
			}
		})
	}
}

// TestAuditDateFields checks the date inputs of the audit search: text
// inputs with a numeric keyboard and the written format as hint, checked
// on the server with messages that name the date.
func TestAuditDateFields(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	tests := []struct {
		query  string
		status int
		want   []string
	}{
		{"", 200, []string{`id="from" name="from" type="text" value="" autocomplete="off" inputmode="numeric" aria-describedby="from-hint"`,
			`id="to" name="to" type="text"`, "Skriv datumet som ÅÅÅÅ-MM-DD"}},
		{"from=2026-03-03", 200, nil},
		{"from=20260303&to=20260304", 200, nil},
		{"from=2026-3-3", 422, []string{`<a href="#from">Skriv startdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-02</a>`}},
		{"to=igår", 422, []string{`<a href="#to">Skriv slutdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			t.Parallel()
			resp, body := e.loggedIn(t, "admin").get("/personal/logg?" + tt.query)
			wantStatus(t, tt.query, resp, body, tt.status, "")
			if strings.Contains(body, `type="date"`) {
				t.Error(`page has a type="date" input`)
			}
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

// TestErrorReferenceWording checks that the error pages call the request
// id a "felkod" (an "ärende" is a case here) and an "error reference".
func TestErrorReferenceWording(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	tests := []struct {
		lang, want string
	}{
		{"sv", "Ange gärna felkoden när du kontaktar oss:"},
		{"en", "Please quote this error reference when you contact us:"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			b.cookies["lang"] = tt.lang
			resp, body := b.get("/finns-inte")
			wantStatus(t, "missing page", resp, body, 404, "")
			if !strings.Contains(body, tt.want) || strings.Contains(body, "ärende") {
				t.Errorf("error page does not name the error reference %q:\n%s", tt.want, body)
			}
		})
	}
}
