package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// wantText fails the test unless body holds every one of texts.
func wantText(t *testing.T, what, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("%s: %q missing", what, s)
		}
	}
}

// wantNoText fails the test if body holds any of texts.
func wantNoText(t *testing.T, what, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("%s: %q present", what, s)
		}
	}
}

// TestSessionMoreTime: a staff user chooses more time at /mer-tid; that
// session then lasts five hours unused, the same user's other session
// still 30 minutes; every page says the limit; the choice is audited.
func TestSessionMoreTime(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	a, b := e.browser(t), e.browser(t)
	a.login("admin")
	b.login("admin")

	resp, body := a.get("/personal")
	wantStatus(t, "staff start", resp, body, 200, "")
	wantText(t, "staff start", body, "Du loggas ut efter 30 minuter utan aktivitet.",
		`<a href="/mer-tid?next=%2fpersonal">Behöver du mer tid?</a>`)

	resp, body = a.get("/mer-tid?next=%2Fpersonal")
	wantStatus(t, "more-time page", resp, body, 200, "")
	wantText(t, "more-time page", body, "<h1>Mer tid innan du loggas ut</h1>", "efter 30 minuter utan aktivitet",
		"först efter 5 timmar utan aktivitet", "senast 12 timmar efter att du loggade in",
		`<input type="hidden" name="next" value="/personal">`, ">Ge mig 5 timmar</button>", `<a href="/personal">Tillbaka utan att ändra något</a>`)
	wantNoText(t, "more-time page", body, "Behöver du mer tid?")

	resp, body = a.post("/mer-tid", url.Values{"next": {"/personal"}})
	wantStatus(t, "choose", resp, body, 303, "/mer-tid?next=%2Fpersonal")
	resp, body = a.get(resp.Header.Get("Location"))
	wantStatus(t, "chosen", resp, body, 200, "")
	wantText(t, "chosen", body, "Nu loggas du ut först efter 5 timmar utan aktivitet.", `<a href="/personal">Tillbaka till sidan du var på</a>`)
	wantNoText(t, "chosen", body, "Ge mig")
	resp, body = a.post("/mer-tid", url.Values{"next": {"https://evil.example/"}})
	wantStatus(t, "choose again, with a foreign next", resp, body, 303, "/mer-tid")
	if loc := resp.Header.Get("Location"); loc != "/mer-tid" {
		t.Errorf("choose again: redirect to %q, want /mer-tid", loc)
	}
	_, body = a.get("/personal")
	wantText(t, "staff start after choosing", body, "Du loggas ut efter 5 timmar utan aktivitet.")
	wantNoText(t, "staff start after choosing", body, "Behöver du mer tid?")
	_, body = b.get("/personal")
	wantText(t, "the other session", body, "Du loggas ut efter 30 minuter utan aktivitet.")

	e.clock.Add(4*time.Hour + 50*time.Minute)
	resp, body = b.get("/personal")
	wantStatus(t, "the other session after 4 h 50 min", resp, body, 303, "/logga-in")
	resp, body = a.get("/personal")
	wantStatus(t, "after 4 h 50 min", resp, body, 200, "")
	e.clock.Add(5*time.Hour + time.Minute)
	resp, body = a.get("/personal")
	wantStatus(t, "after 5 h 1 min", resp, body, 303, "/logga-in")

	c := e.browser(t)
	c.login("admin")
	_, body = c.get("/personal/logg?action=" + string(auth.SessionExtended))
	if n := strings.Count(body, "<td>Mer tid vald för en inloggning</td>"); n != 1 {
		t.Errorf("the audit log has %d entries of more time chosen, want 1 (choosing again changes nothing)", n)
	}
}

// TestSessionMoreTimeResident: a resident chooses more time the same way,
// in English, and is brought back to where they were.
func TestSessionMoreTimeResident(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test", Demo: true})
	r := e.browser(t)
	r.cookies["lang"] = "en"
	resp, body := r.post("/logga-in/demo-eid", url.Values{"personnummer": {"19121212-1212"}, "next": {"/mina-sidor"}})
	wantStatus(t, "resident login", resp, body, 303, "/mina-sidor")
	_, body = r.get("/mina-sidor")
	wantText(t, "Mina sidor", body, "You will be logged out after 30 minutes without activity.",
		`<a href="/mer-tid?next=%2fmina-sidor">Need more time?</a>`)
	_, body = r.get("/mer-tid?next=%2Fmina-sidor")
	wantText(t, "more-time page", body, "<h1>More time before you are logged out</h1>", "after 30 minutes without activity",
		"only after 5 hours without activity", "at the latest 12 hours after you logged in", ">Give me 5 hours</button>")
	resp, body = r.post("/mer-tid", url.Values{"next": {"/mina-sidor"}})
	wantStatus(t, "choose", resp, body, 303, "/mer-tid?next=%2Fmina-sidor")
	_, body = r.get(resp.Header.Get("Location"))
	wantText(t, "chosen", body, "You will now be logged out only after 5 hours without activity.",
		`<a href="/mina-sidor">Back to the page you were on</a>`)
	e.clock.Add(4*time.Hour + 50*time.Minute)
	resp, body = r.get("/mina-sidor")
	wantStatus(t, "after 4 h 50 min", resp, body, 200, "")
	wantText(t, "after 4 h 50 min", body, "You will be logged out after 5 hours without activity.")
}

// TestSessionMoreTimeLoggedOut: without a session (never logged in, or
// ended) the page and its form send the browser to log in, and from
// there back to the page.
func TestSessionMoreTimeLoggedOut(t *testing.T) {
	t.Parallel()
	e := newStaffEnv(t, config.Config{BaseURL: "http://example.test"})
	anon := e.browser(t)
	const login = "/logga-in/invanare?next=%2Fmer-tid%3Fnext%3D%252Fpersonal"
	resp, body := anon.get("/mer-tid?next=%2Fpersonal")
	wantStatus(t, "GET anonymous", resp, body, 303, login)
	resp, body = anon.post("/mer-tid", url.Values{"next": {"/personal"}})
	wantStatus(t, "POST anonymous", resp, body, 303, login)

	ended := e.browser(t)
	ended.login("reader")
	e.clock.Add(31 * time.Minute)
	resp, body = ended.post("/mer-tid", url.Values{"next": {"/personal"}})
	wantStatus(t, "POST after 31 idle minutes", resp, body, 303, login)
	if _, ok := ended.cookies["sprang"]; ok {
		t.Error("the ended session's cookie was not cleared")
	}
	resp, body = ended.post("/mer-tid", url.Values{"next": {"//evil.example/"}})
	wantStatus(t, "POST with a foreign next", resp, body, 303, "/logga-in/invanare?next=%2Fmer-tid")
	if loc := resp.Header.Get("Location"); loc != "/logga-in/invanare?next=%2Fmer-tid" {
		t.Errorf("POST with a foreign next: redirect to %q", loc)
	}
}

// TestSessionMoreTimeTwoNodes: more time chosen through one server holds
// on another server on the same database (sessions live in the database).
func TestSessionMoreTimeTwoNodes(t *testing.T) {
	t.Parallel()
	clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	db := storetest.OpenClock(t, clock.Now)
	box, err := secret.NewBox("web test key web test key web test key 01")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{BaseURL: "http://example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	var nodes [2]*browser
	for i := range nodes {
		svc := auth.NewWithPolicy(db, box, cfg, p)
		srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Catalog: i18n.MustLoad(), Auth: svc})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		nodes[i] = &browser{t: t, base: ts.URL, cookies: map[string]string{}, header: http.Header{}}
		if i == 0 {
			_, err := svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{
				NewUser: identity.NewUser{Username: "anna", DisplayName: "Anna"}, Password: staffPassword})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	a, b := nodes[0], nodes[1]
	a.login("anna")
	resp, body := a.post("/mer-tid", url.Values{"next": {"/personal"}})
	wantStatus(t, "choose on node A", resp, body, 303, "/mer-tid?next=%2Fpersonal")
	b.cookies = a.cookies // the load balancer sends the next request to node B
	clock.Add(4*time.Hour + 50*time.Minute)
	resp, body = b.get("/personal")
	wantStatus(t, "node B after 4 h 50 min", resp, body, 200, "")
	wantText(t, "node B", body, "Du loggas ut efter 5 timmar utan aktivitet.")
}
