package web_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/browsertest"
	"sprang/internal/config"
	"sprang/internal/demo"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/secret"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// The browser tests drive every page of the platform in Debian's headless
// Chromium (see internal/browsertest and docs/ACCESSIBILITY.md). They skip
// without SPRANG_CHROMIUM and SPRANG_AXE, and fail without them when
// CI=true. Run them alone with
//
//	SPRANG_CHROMIUM=/usr/bin/chromium SPRANG_AXE=$PWD/node_modules/axe-core/axe.min.js \
//	    go test -race -run Browser ./internal/web/
//
// uiPages below is the list of pages: a later page is one more row.

// maxPageBytes is the most a page may cost a first-time visitor: the HTML,
// stylesheet and images as transferred (compressed, with headers).
const maxPageBytes = 30_000

// reflowWidth is the viewport width of WCAG 1.4.10 (Reflow), in CSS px.
const reflowWidth = 320

// uiLangs are the languages every page is checked in.
var uiLangs = []string{"sv", "en"}

// uiPage is one page of the platform as a browser reaches it.
type uiPage struct {
	name   string
	as     string   // the demo account whose session the tab has; "" is anonymous
	steps  []uiStep // how to reach the page: the last step loads it
	status int      // the page's HTTP status; 0 means 200
}

// uiStep is one step on the way to a page: opening a path, or submitting
// a form of the page at hand.
type uiStep struct {
	open string            // GET this path (with query)
	form string            // or submit the form this CSS selector finds,
	fill map[string]string // after typing these values into its fields (by id)
}

func (s uiStep) String() string {
	if s.open != "" {
		return "open " + s.open
	}
	return fmt.Sprintf("submit %s %v", s.form, s.fill)
}

// open returns the steps that open path and then take the further steps.
func open(path string, then ...uiStep) []uiStep {
	return append([]uiStep{{open: path}}, then...)
}

// submit is the step that submits the form sel finds, with fields filled
// in from the pairs of id and value. In a value, {n} becomes a number
// unique in the test run (e-mail logins are limited per address).
func submit(sel string, fill ...string) uiStep {
	s := uiStep{form: sel, fill: map[string]string{}}
	for i := 0; i+1 < len(fill); i += 2 {
		s.fill[fill[i]] = fill[i+1]
	}
	return s
}

// uiPages returns every page the browser tests check: anonymous, as staff
// and as a resident, and forms in their error state.
func uiPages(e *uiEnv) []uiPage {
	return slices.Concat(uiPagesFoundation(e), uiPagesBuilder(e), uiPagesEService(e), uiPagesErrands(e), uiPagesMyPages(e), uiPagesStats(e),
		uiPagesSessionTime(e), uiPagesData(e), uiPagesSteward(e), uiPagesAPITokens(e),
		uiPagesPolicy(e), uiPagesIndicators(e), uiPagesDashboard(e), uiPagesInitiatives(e), uiPagesMaturity(e), uiPagesReport(e))
}

// uiPagesFoundation are the pages of the foundation: logins, staff
// administration, the audit log, jobs.
func uiPagesFoundation(e *uiEnv) []uiPage {
	hugo := fmt.Sprintf("/personal/anvandare/%d", e.users["handlaggare"])
	return []uiPage{
		// Anonymous.
		{name: "home", steps: open("/")},
		{name: "staff login", steps: open("/logga-in")},
		{name: "staff login error", steps: open("/logga-in", submit(`form[action="/logga-in"]`)), status: 422},
		{name: "resident login", steps: open("/logga-in/invanare")},
		{name: "demo e-ID", steps: open("/logga-in/demo-eid")},
		{name: "demo e-ID error", steps: open("/logga-in/demo-eid", submit(`form[action="/logga-in/demo-eid"]`, "personnummer", "19121212-1213")), status: 422},
		{name: "e-mail login", steps: open("/logga-in/epost")},
		{name: "e-mail login error", steps: open("/logga-in/epost", submit(`form[action="/logga-in/epost"]`, "email", "invanare.example.se")), status: 422},
		{name: "e-mail code", steps: open("/logga-in/epost", submit(`form[action="/logga-in/epost"]`, "email", "invanare{n}@example.se"))},
		{name: "e-mail code error", steps: open("/logga-in/epost",
			submit(`form[action="/logga-in/epost"]`, "email", "invanare{n}@example.se"),
			submit(`form[action="/logga-in/epost/kod"]`, "code", "12")), status: 422},
		{name: "e-mail link", steps: open("/logga-in/epost/lank/ingen-riktig-lank")},
		{name: "accessibility statement", steps: open("/tillganglighet")},
		{name: "report a problem", steps: open("/tillganglighet/rapportera?sida=/logga-in")},
		{name: "not found", steps: open("/finns-inte"), status: 404},

		// Staff.
		{name: "forbidden", as: "handlaggare", steps: open("/personal/anvandare"), status: 403},
		{name: "staff start", as: "admin", steps: open("/personal")},
		{name: "users", as: "admin", steps: open("/personal/anvandare")},
		{name: "users error", as: "admin", steps: open("/personal/anvandare", submit(`form[action="/personal/anvandare"]`, "username", "A B", "password", "kort")), status: 422},
		{name: "user", as: "admin", steps: open(hugo)},
		{name: "units", as: "admin", steps: open("/personal/enheter")},
		{name: "units error", as: "admin", steps: open("/personal/enheter", submit(`form[action="/personal/enheter"]`, "slug", "Å")), status: 422},
		{name: "audit log", as: "admin", steps: open("/personal/logg")},
		{name: "audit log search", as: "admin", steps: open("/personal/logg?action=user.created&text=demo")},
		{name: "audit log search error", as: "admin", steps: open("/personal/logg?from=igår"), status: 422},
		{name: "audit log verified", as: "admin", steps: open("/personal/logg", submit(`form[action="/personal/logg/verifiera"]`))},
		{name: "jobs", as: "admin", steps: open("/personal/jobb")},
		{name: "jobs failed", as: "admin", steps: open("/personal/jobb?status=failed")},
		{name: "TOTP setup", as: "admin", steps: open("/personal/tvastegs")},
		{name: "TOTP setup begun", as: "etjanst", steps: open("/personal/tvastegs")},
		{name: "TOTP setup error", as: "etjanst", steps: open("/personal/tvastegs", submit(`form[action="/personal/tvastegs"]`, "code", "000000")), status: 422},

		// A resident, logged in through the demo e-ID.
		{name: "resident home", steps: open("/logga-in/demo-eid", submit(`form[action="/logga-in/demo-eid"]`, "personnummer", "19121212-1212"))},
		{name: "who read my data", as: "invanare", steps: open("/mina-sidor/vem-har-last")},
	}
}

// uiEnv is the one platform every browser test looks at: a server on a
// fresh database with the demo content, in demo mode (so the simulated
// e-ID exists and the e-mail login shows its mail on the page).
type uiEnv struct {
	base     string
	sessions map[string]string // demo username (or "invanare", the resident) → session cookie value
	users    map[string]int64  // demo username → user id
	mailSeq  atomic.Int64
	logs     *syncBuffer
}

func newUIEnv(t *testing.T) *uiEnv {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	e := &uiEnv{base: "http://" + ts.Listener.Addr().String(),
		sessions: map[string]string{}, users: map[string]int64{}, logs: &syncBuffer{}}
	cfg := config.Config{BaseURL: e.base, SecretKey: testSecretKey, Demo: true,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	box, err := secret.NewBox(testSecretKey)
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t).WithBox(box)
	fs, err := files.Open(t.Context(), files.DefaultURL(t.TempDir()), box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	if err := demo.SeedWithFiles(t.Context(), db, fs); err != nil {
		t.Fatal(err)
	}
	seedErrandsUI(t, db)
	seedMyPagesUI(t, db)
	seedOpenDataUI(t, db, fs)
	logger := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Files: fs})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv
	ts.Start()
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		if t.Failed() && e.logs.String() != "" {
			t.Logf("server warnings and errors:\n%s", e.logs)
		}
	})

	for _, a := range demo.Accounts() {
		u, err := db.FindUserByUsername(t.Context(), a.Username)
		if err != nil {
			t.Fatal(err)
		}
		e.users[a.Username] = u.ID
	}
	for _, who := range []string{"admin", "handlaggare", "etjanst", "data", "utveckling"} {
		e.sessions[who] = e.login(t, "/logga-in", url.Values{"username": {who}, "password": {demo.Password}}, "/personal")
	}
	// etjanst has begun to set up two-step verification, so its page
	// shows the QR code and the code form.
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, e.base+"/personal/tvastegs", strings.NewReader("action=begin"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "sprang", Value: e.sessions["etjanst"]})
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("begin two-step verification: status %d", resp.StatusCode)
	}
	// The resident exists before the tabs log in as them concurrently.
	e.sessions["invanare"] = e.login(t, "/logga-in/demo-eid", url.Values{"personnummer": {"19121212-1212"}}, "/")
	return e
}

// login posts a login form as a plain HTTP client and returns the session
// cookie it was given.
func (e *uiEnv) login(t *testing.T, path string, form url.Values, want string) string {
	t.Helper()
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(e.base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("POST %s %v: %d to %q, want 303 to %s", path, form, resp.StatusCode, resp.Header.Get("Location"), want)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "sprang" && c.Value != "" {
			return c.Value
		}
	}
	t.Fatalf("POST %s: no session cookie", path)
	return ""
}

func TestBrowser(t *testing.T) {
	t.Parallel()
	browsertest.New(t) // skips (or fails on CI) without Chromium, before the server is built
	e := newUIEnv(t)
	for _, p := range uiPages(e) {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			// One tab per page, for its languages in turn: opening a
			// tab costs about as much as checking a page.
			ctx := browsertest.New(t)
			for _, lang := range uiLangs {
				t.Run(lang, func(t *testing.T) { e.checkPage(t, ctx, p, lang) })
			}
		})
	}
	t.Run("keyboard login", func(t *testing.T) {
		t.Parallel()
		e.checkKeyboardLogin(t)
	})
	for _, f := range []struct{ name, as, path string }{
		{"home", "", "/"},
		{"staff login", "", "/logga-in"},
		{"resident home", "invanare", "/"},
		{"staff start", "admin", "/personal"},
	} {
		t.Run("focus visible on "+f.name, func(t *testing.T) {
			t.Parallel()
			e.checkFocusVisible(t, f.as, f.path)
		})
	}
}
