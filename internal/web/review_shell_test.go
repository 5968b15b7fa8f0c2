package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
)

// TestErrorPageShowsOnlyCatalogMessages checks that an error whose message
// is not a catalog key (a store message such as "user not found") shows
// the generic text of its status, in the page's language.
func TestErrorPageShowsOnlyCatalogMessages(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	tests := []struct {
		lang, want string
	}{
		{"sv", "Kontrollera att adressen är rätt stavad"},
		{"en", "Check that the address is spelled correctly"},
	}
	for _, tt := range tests {
		b.cookies["lang"] = tt.lang
		resp, body := b.get("/personal/anvandare/999999")
		wantStatus(t, "unknown user in "+tt.lang, resp, body, http.StatusNotFound, "")
		if strings.Contains(body, "user not found") || !strings.Contains(body, tt.want) {
			t.Errorf("%s: the 404 page shows the store's message or lacks %q:\n%s", tt.lang, tt.want, body)
		}
	}
}

// TestErrorTitle checks that a page with form errors says so first thing
// in its title, which screen readers announce on load.
func TestErrorTitle(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	bad := url.Values{"username": {"A B"}, "password": {"kort"}}
	tests := []struct {
		name, lang string
		form       url.Values // nil: a GET
		want       string
	}{
		{"form error sv", "sv", bad, "<title>Fel: Användare – Språnget</title>"},
		{"form error en", "en", bad, "<title>Error: Users – Språnget</title>"},
		{"no error", "sv", nil, "<title>Användare – Språnget</title>"},
	}
	for _, tt := range tests {
		b.cookies["lang"] = tt.lang
		var body string
		if tt.form != nil {
			_, body = b.post("/personal/anvandare", tt.form)
		} else {
			_, body = b.get("/personal/anvandare")
		}
		if got := regexp.MustCompile(`<title>[^<]*</title>`).FindString(body); got != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReportPage checks the report page's contact details (configurable,
// with placeholders by default) and that it names only local pages.
func TestReportPage(t *testing.T) {
	t.Parallel()
	configured := newShellServer(t, config.Config{BaseURL: "http://example.test", A11yEmail: "tillganglighet@example.org", A11yPhone: "010-123 45 67"})
	placeholders := newShellServer(t, config.Config{BaseURL: "http://example.test"})
	tests := []struct {
		name, base, sida string
		want, not        []string
	}{
		{"configured", configured.URL, "/personal", []string{`href="mailto:tillganglighet@example.org"`, `href="tel:&#43;46101234567"`, ">010-123 45 67<", "<code>/personal</code>"}, []string{"kommun.example.se"}},
		{"placeholders", placeholders.URL, "", []string{`href="mailto:tillganglighet@kommun.example.se"`, ">08-46 500 400<"}, []string{"<code>"}},
		{"query dropped", placeholders.URL, "/personal/logg?text=x", []string{"<code>/personal/logg</code>"}, []string{"text=x"}},
		{"other site", placeholders.URL, "https://evil.example/", nil, []string{"<code>", "evil.example"}},
		{"protocol-relative", placeholders.URL, "//evil.example/x", nil, []string{"<code>", "evil.example"}},
		{"backslash", placeholders.URL, "/\\evil.example", nil, []string{"<code>", "evil.example"}},
		{"not a path", placeholders.URL, "javascript:alert(1)", nil, []string{"<code>", "alert"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, body := get(t, tt.base+"/tillganglighet/rapportera?sida="+url.QueryEscape(tt.sida), nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			main := body[strings.Index(body, "<main"):strings.Index(body, "</main>")]
			for _, w := range tt.want {
				if !strings.Contains(main, w) {
					t.Errorf("page lacks %q:\n%s", w, main)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(main, n) {
					t.Errorf("page has %q:\n%s", n, main)
				}
			}
		})
	}
}

// TestLinksKeepNoSecrets checks the footer's report link and the language
// switch: they name the page (the switch with its query), except that the
// login token of an e-mail link and the code and state of a login callback
// never appear in them.
func TestLinksKeepNoSecrets(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	admin := e.browser(t)
	admin.login("admin")
	tests := []struct {
		name, path string
		b          *browser
		report     string // the sida of the footer link, escaped
		next       string // the next of the language switch, escaped
		secret     string // must not appear in either link
	}{
		{"plain page", "/tillganglighet", e.browser(t), "%2ftillganglighet", "%2ftillganglighet", ""},
		{"search keeps its query", "/personal/logg?action=user.created&text=a", admin,
			"%2fpersonal%2flogg", "%2fpersonal%2flogg%3faction%3duser.created%26text%3da", ""},
		{"e-mail login link", "/logga-in/epost/lank/HEMLIGTOKEN123", e.browser(t),
			"%2flogga-in%2fepost%2flank%2f%7btoken%7d", "%2f", "HEMLIGTOKEN123"},
		{"single sign-on callback", "/logga-in/sso/callback?code=HEMLIGKOD&state=HEMLIGSTATE", e.browser(t),
			"%2flogga-in%2fsso%2fcallback", "%2f", "HEMLIG"},
	}
	for _, tt := range tests {
		_, body := tt.b.get(tt.path)
		report := regexp.MustCompile(`href="/tillganglighet/rapportera\?sida=([^"]*)"`).FindStringSubmatch(body)
		next := regexp.MustCompile(`href="/lang/[a-z]+\?next=([^"]*)"`).FindStringSubmatch(body)
		if report == nil || next == nil {
			t.Errorf("%s: no report link or language switch:\n%s", tt.name, body)
			continue
		}
		if report[1] != tt.report || next[1] != tt.next {
			t.Errorf("%s: report sida=%q, switch next=%q; want %q, %q", tt.name, report[1], next[1], tt.report, tt.next)
		}
		if tt.secret != "" && (strings.Contains(report[0], tt.secret) || strings.Contains(next[0], tt.secret)) {
			t.Errorf("%s: a link carries the secret", tt.name)
		}
	}
}

// TestUnitAdministratorSeesOwnUsers checks the rule of docs/SECURITY.md:
// an administrator of a unit sees the users with a role in the units they
// administer and the users with no role, may create users, and finds
// nobody else on the user pages; the group's administrator sees everyone.
func TestUnitAdministratorSeesOwnUsers(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	ctx, sys := t.Context(), auth.SystemActor("test")
	bolag, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindBolag, Slug: "bolaget", NameSV: "Bolaget AB", ParentID: e.group.ID})
	if err != nil {
		t.Fatal(err)
	}
	for name, grants := range map[string][]identity.Grant{
		"larare":     {{UnitID: e.skola.ID, Role: identity.RoleHandlaggare}},
		"ekonom":     {{UnitID: bolag.ID, Role: identity.RoleHandlaggare}},
		"bada":       {{UnitID: e.skola.ID, Role: identity.RoleLasare}, {UnitID: bolag.ID, Role: identity.RoleLasare}},
		"nyanstalld": nil,
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: name, DisplayName: "Person " + name},
			Password: staffPassword, Grants: grants})
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u
	}
	sessions := map[string]*browser{}
	for _, who := range []string{"admin", "skoladmin"} {
		sessions[who] = e.browser(t)
		sessions[who].login(who)
	}
	tests := []struct {
		who, user string
		listed    bool
	}{
		{"admin", "admin", true}, {"admin", "reader", true}, {"admin", "ekonom", true}, {"admin", "nyanstalld", true},
		{"skoladmin", "skoladmin", true}, {"skoladmin", "larare", true}, {"skoladmin", "bada", true}, {"skoladmin", "nyanstalld", true},
		{"skoladmin", "admin", false}, {"skoladmin", "reader", false}, {"skoladmin", "ekonom", false},
	}
	lists := map[string]string{}
	for _, who := range []string{"admin", "skoladmin"} {
		_, lists[who] = sessions[who].get("/personal/anvandare")
	}
	for _, tt := range tests {
		page := fmt.Sprintf("/personal/anvandare/%d", e.users[tt.user].ID)
		if got := strings.Contains(lists[tt.who], `href="`+page+`"`); got != tt.listed {
			t.Errorf("%s's list shows %s: %v, want %v", tt.who, tt.user, got, tt.listed)
		}
		status := http.StatusOK
		if !tt.listed {
			status = http.StatusForbidden
		}
		resp, body := sessions[tt.who].get(page)
		wantStatus(t, tt.who+" opens "+tt.user, resp, body, status, "")
	}

	// skoladmin creates an account, gives it a role in the school and takes it back.
	s := sessions["skoladmin"]
	resp, body := s.post("/personal/anvandare", url.Values{"username": {"vikarie"}, "display_name": {"Vera Vikarie"}, "password": {"ett långt lösenord"}})
	wantStatus(t, "skoladmin creates", resp, body, http.StatusSeeOther, "/personal/anvandare/")
	page := resp.Header.Get("Location")
	for _, action := range []string{"grant", "revoke"} {
		resp, body = s.post(page, url.Values{"action": {action}, "unit": {fmt.Sprint(e.skola.ID)}, "role": {"lasare"}})
		wantStatus(t, "skoladmin "+action+"s", resp, body, http.StatusSeeOther, page+"?sparat="+action)
	}
	// Taking the last school role of someone with a role elsewhere puts
	// them out of sight: back to the list, not to a page that refuses.
	bada := fmt.Sprintf("/personal/anvandare/%d", e.users["bada"].ID)
	resp, body = s.post(bada, url.Values{"action": {"revoke"}, "unit": {fmt.Sprint(e.skola.ID)}, "role": {"lasare"}})
	wantStatus(t, "skoladmin revokes the last school role", resp, body, http.StatusSeeOther, "/personal/anvandare")
	if loc := resp.Header.Get("Location"); loc != "/personal/anvandare" {
		t.Errorf("after revoking the last school role: redirect to %q", loc)
	}
	resp, body = s.get(bada)
	wantStatus(t, "skoladmin opens a user now outside the school", resp, body, http.StatusForbidden, "")
}
