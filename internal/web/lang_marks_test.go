package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/audit"
	"sprang/internal/config"
)

// TestAuditRecordsMarkedEnglish checks that the audit table marks the
// records the platform keeps in English (details, object types, system
// actors' names) with lang="en" on Swedish pages, says so in the caption,
// and marks nothing on English pages (WCAG 3.1.2).
func TestAuditRecordsMarkedEnglish(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t, nil)
	seedAuditLog(t, e)
	if _, err := e.db.AppendAudit(t.Context(), audit.Entry{ActorKind: audit.System, ActorName: "demo", Action: audit.UnitCreated,
		ObjectType: "unit", ObjectID: "9", Detail: "demo content"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang      string
		want, not []string
	}{
		{"sv", []string{`<td lang="en">marker-unit</td>`, `<span lang="en">unit 3</span>`, `<span lang="en">errand 17</span>`,
			`<td>handläggning</td>`, `<span lang="en">demo</span>`, `<td lang="en">demo content</td>`, "tekniska uppgifter som sparas som de skrevs"},
			[]string{`<span lang="en">admin</span>`}},
		{"en", []string{`<td>marker-unit</td>`, `<td>demo</td>`, `<span>unit 3</span>`, "technical records"},
			[]string{`<td lang="en">`, `<span lang="en">`}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			b := e.loggedIn(t, "admin")
			b.cookies["lang"] = tt.lang
			resp, body := b.get("/personal/logg")
			wantStatus(t, "audit page", resp, body, 200, "")
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(body, not) {
					t.Errorf("page has %q", not)
				}
			}
		})
	}
}

// TestUnitNamesMarkedSwedish checks that a unit name shown in Swedish on
// an English page, because the unit has no English name, is marked
// lang="sv", and that names in the page's language are not marked.
func TestUnitNamesMarkedSwedish(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	admin := e.browser(t)
	admin.login("admin")
	resp, body := admin.post("/personal/enheter", url.Values{"name_sv": {"Energibolaget AB"}, "name_en": {"The Energy Company"},
		"slug": {"energi"}, "kind": {"bolag"}, "parent_id": {fmt.Sprint(e.group.ID)}})
	wantStatus(t, "create unit", resp, body, 303, "")
	user := fmt.Sprintf("/personal/anvandare/%d", e.users["admin"].ID)
	tests := []struct {
		lang, path string
		want       []string
	}{
		{"en", "/personal/enheter", []string{`<strong><span lang="sv">Kommunkoncernen</span></strong>`,
			`<strong>The Energy Company</strong>`, `lang="sv">Kommunkoncernen</option>`, `>` + "\u00a0\u00a0" + `The Energy Company</option>`}},
		{"en", "/personal", []string{`<td><span lang="sv">Kommunkoncernen</span></td>`}},
		{"en", "/personal/anvandare", []string{`– <span lang="sv">Kommunkoncernen</span>`}},
		{"en", user, []string{`– <span lang="sv">Kommunkoncernen</span>`, `lang="sv">Kommunkoncernen</option>`}},
		{"sv", "/personal/enheter", []string{`<strong>Kommunkoncernen</strong>`, `<strong>Energibolaget AB</strong>`}},
		{"sv", "/personal", []string{`<td>Kommunkoncernen</td>`}},
		{"sv", user, []string{`– Kommunkoncernen`}},
	}
	marked := regexp.MustCompile(`<(span|option)[^>]* lang="`)
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.path, func(t *testing.T) {
			t.Parallel()
			b := e.browser(t)
			b.login("admin")
			b.cookies["lang"] = tt.lang
			resp, body := b.get(tt.path)
			wantStatus(t, tt.path, resp, body, 200, "")
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if tt.lang == "sv" && marked.MatchString(body) {
				t.Errorf("Swedish page marks a name as another language: %s", marked.FindString(body))
			}
		})
	}
}
