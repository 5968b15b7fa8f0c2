package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sprang/internal/config"
)

func TestStaffPagePermissions(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	readerPage := fmt.Sprintf("/personal/anvandare/%d", e.users["reader"].ID)
	tests := []struct {
		path   string
		who    string // "" for anonymous
		status int
	}{
		{"/personal", "", 303},
		{"/personal", "reader", 200},
		{"/personal/tvastegs", "", 303},
		{"/personal/tvastegs", "reader", 200},
		{"/personal/anvandare", "", 303},
		{"/personal/anvandare", "reader", 403},
		{"/personal/anvandare", "skoladmin", 200},
		{"/personal/anvandare", "admin", 200},
		{readerPage, "", 303},
		{readerPage, "reader", 403},
		{readerPage, "admin", 200},
		{"/personal/anvandare/999999", "admin", 404},
		{"/personal/anvandare/x", "admin", 404},
		{"/personal/enheter", "", 303},
		{"/personal/enheter", "reader", 403},
		{"/personal/enheter", "skoladmin", 200},
		{"/personal/enheter", "admin", 200},
	}
	sessions := map[string]*browser{"": e.browser(t)}
	for _, who := range []string{"reader", "skoladmin", "admin"} {
		sessions[who] = e.browser(t)
		sessions[who].login(who)
	}
	for _, tt := range tests {
		resp, body := sessions[tt.who].get(tt.path)
		name := tt.path + " as " + tt.who
		loc := ""
		if tt.status == 303 {
			loc = "/logga-in?next=" + url.QueryEscape(tt.path)
		}
		wantStatus(t, name, resp, body, tt.status, loc)
	}
	// Posts: the reader may change nothing.
	for _, path := range []string{"/personal/anvandare", readerPage, "/personal/enheter"} {
		resp, body := sessions["reader"].post(path, url.Values{"username": {"x"}, "action": {"update"}})
		wantStatus(t, "POST "+path+" as reader", resp, body, 403, "")
	}
	// The staff page links only what the roles allow.
	_, body := sessions["reader"].get("/personal")
	if strings.Contains(body, `href="/personal/anvandare"`) || strings.Contains(body, `href="/personal/logg"`) {
		t.Errorf("reader's start page links admin pages:\n%s", body)
	}
}

func TestUserAdministration(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	resp, body := b.post("/personal/anvandare", url.Values{"username": {"A B"}, "display_name": {""}, "password": {"kort"}})
	wantStatus(t, "invalid user", resp, body, 422, "")
	for _, want := range []string{`href="#username"`, `href="#display_name"`, `href="#password"`, `aria-invalid="true"`, "minst 12 tecken"} {
		if !strings.Contains(body, want) {
			t.Errorf("invalid form lacks %q", want)
		}
	}
	if strings.Contains(body, `value="kort"`) {
		t.Error("the password is echoed back")
	}
	resp, body = b.post("/personal/anvandare", url.Values{"username": {"reader"}, "display_name": {"Dubblett"}})
	wantStatus(t, "taken username", resp, body, 422, "")

	resp, body = b.post("/personal/anvandare", url.Values{"username": {"cecilia"}, "display_name": {"Cecilia Ek"}, "password": {"ett långt lösenord"}})
	wantStatus(t, "create", resp, body, 303, "/personal/anvandare/")
	page := resp.Header.Get("Location")
	resp, body = b.post(page, url.Values{"action": {"grant"}, "unit": {fmt.Sprint(e.skola.ID)}, "role": {"handlaggare"}})
	wantStatus(t, "grant", resp, body, 303, page)
	resp, body = b.post(page, url.Values{"action": {"grant"}, "unit": {""}, "role": {"kung"}})
	wantStatus(t, "invalid grant", resp, body, 422, "")
	if !strings.Contains(body, `href="#unit"`) || !strings.Contains(body, `href="#role"`) {
		t.Errorf("invalid grant summary:\n%s", body)
	}
	_, body = b.get(page)
	if !strings.Contains(body, "Handläggare – Skolförvaltningen") {
		t.Errorf("granted role not shown:\n%s", body)
	}

	c := e.browser(t)
	resp, body = c.post("/logga-in", url.Values{"username": {"cecilia"}, "password": {"ett långt lösenord"}})
	wantStatus(t, "new user logs in", resp, body, 303, "/personal")

	resp, body = b.post(page, url.Values{"action": {"revoke"}, "unit": {fmt.Sprint(e.skola.ID)}, "role": {"handlaggare"}})
	wantStatus(t, "revoke", resp, body, 303, page)
	resp, body = b.post(page, url.Values{"action": {"update"}, "display_name": {"Cecilia Ek-Berg"}, "disabled": {"1"}})
	wantStatus(t, "disable", resp, body, 303, page)
	resp, body = c.get("/personal")
	wantStatus(t, "disabled user's session", resp, body, 303, "/logga-in")

	// An administrator of the förvaltning cannot touch the group administrator.
	s := e.browser(t)
	s.login("skoladmin")
	adminPage := fmt.Sprintf("/personal/anvandare/%d", e.users["admin"].ID)
	resp, body = s.post(adminPage, url.Values{"action": {"update"}, "display_name": {"X"}, "disabled": {"1"}})
	wantStatus(t, "skoladmin disables admin", resp, body, 403, "")
	resp, body = s.post(adminPage, url.Values{"action": {"grant"}, "unit": {fmt.Sprint(e.group.ID)}, "role": {"lasare"}})
	wantStatus(t, "skoladmin grants in the group", resp, body, 403, "")
}

func TestUnitAdministration(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	resp, body := b.get("/personal/enheter")
	wantStatus(t, "units page", resp, body, 200, "")
	if !strings.Contains(body, "Kommunkoncernen") || !strings.Contains(body, `<ul class="unit-tree">`) {
		t.Fatalf("tree not shown:\n%s", body)
	}
	resp, body = b.post("/personal/enheter", url.Values{"name_sv": {""}, "slug": {"Å"}, "kind": {"bolag"}, "parent_id": {fmt.Sprint(e.group.ID)}, "org_number": {"123"}})
	wantStatus(t, "invalid unit", resp, body, 422, "")
	for _, want := range []string{`href="#name_sv"`, `href="#slug"`, `href="#org_number"`} {
		if !strings.Contains(body, want) {
			t.Errorf("invalid form lacks %q", want)
		}
	}
	resp, body = b.post("/personal/enheter", url.Values{"name_sv": {"Energibolaget AB"}, "name_en": {"The Energy Company"}, "slug": {"energi"},
		"kind": {"bolag"}, "parent_id": {fmt.Sprint(e.group.ID)}, "org_number": {"556036-0793"}})
	wantStatus(t, "create unit", resp, body, 303, "/personal/enheter")
	_, body = b.get("/personal/enheter")
	if !strings.Contains(body, "Energibolaget AB") || !strings.Contains(body, "556036-0793") {
		t.Errorf("new unit not shown:\n%s", body)
	}
	s := e.browser(t)
	s.login("skoladmin")
	resp, body = s.post("/personal/enheter", url.Values{"name_sv": {"Ny förvaltning"}, "slug": {"ny"}, "kind": {"forvaltning"}, "parent_id": {fmt.Sprint(e.group.ID)}})
	wantStatus(t, "skoladmin creates under the group", resp, body, 403, "")
	resp, body = s.post("/personal/enheter", url.Values{"name_sv": {"Grundskola"}, "slug": {"grundskola"}, "kind": {"avdelning"}, "parent_id": {fmt.Sprint(e.skola.ID)}})
	wantStatus(t, "skoladmin creates under skola", resp, body, 303, "/personal/enheter")
}

func TestStaffPagesTranslated(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	b := e.browser(t)
	b.login("admin")
	rawKey := regexp.MustCompile(`\b(login|staff|admin|auth)\.[a-z_]+(\.[a-z_]+)*\b`)
	for _, lang := range []string{"sv", "en"} {
		b.cookies["lang"] = lang
		for _, path := range []string{"/personal", "/personal/tvastegs", "/personal/anvandare", fmt.Sprintf("/personal/anvandare/%d", e.users["reader"].ID), "/personal/enheter"} {
			resp, body := b.get(path)
			wantStatus(t, path, resp, body, 200, "")
			if !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s in %s: wrong lang", path, lang)
			}
			if m := rawKey.FindString(body); m != "" {
				t.Errorf("%s in %s: untranslated key %q", path, lang, m)
			}
		}
		anon := e.browser(t)
		anon.cookies["lang"] = lang
		for _, path := range []string{"/logga-in"} {
			_, body := anon.get(path)
			if m := rawKey.FindString(body); m != "" {
				t.Errorf("%s in %s: untranslated key %q", path, lang, m)
			}
		}
	}
}
