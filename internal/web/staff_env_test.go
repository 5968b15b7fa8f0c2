package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
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

// staffPassword is the password of every account staffEnv creates.
const staffPassword = "correct horse battery"

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a server.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// staffEnv is a running server on a fresh database with a settable clock,
// a group with one förvaltning, and the accounts admin (administrator of
// the group), reader (reader in the group) and skoladmin (administrator
// of the förvaltning only).
type staffEnv struct {
	ts    *httptest.Server
	svc   *auth.Service
	clock *storetest.Clock
	logs  *syncBuffer
	group identity.Unit
	skola identity.Unit
	users map[string]identity.User
}

func newStaffEnv(t *testing.T, cfg config.Config) *staffEnv {
	t.Helper()
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle, cfg.SessionAbsolute = 30*time.Minute, 12*time.Hour
	}
	e := &staffEnv{clock: storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)), logs: &syncBuffer{}, users: map[string]identity.User{}}
	db := storetest.OpenClock(t, e.clock.Now)
	box, err := secret.NewBox("web test key web test key web test key 01")
	if err != nil {
		t.Fatal(err)
	}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(db, box, cfg, p)
	logger := slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Logger: logger, Catalog: i18n.MustLoad(), Auth: e.svc})
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	e.seed(t)
	return e
}

func (e *staffEnv) seed(t *testing.T) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	var err error
	if e.group, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"}); err != nil {
		t.Fatal(err)
	}
	if e.skola, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolförvaltningen", ParentID: e.group.ID}); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]identity.Grant{
		"admin":     {UnitID: e.group.ID, Role: identity.RoleAdministrator},
		"reader":    {UnitID: e.group.ID, Role: identity.RoleLasare},
		"skoladmin": {UnitID: e.skola.ID, Role: identity.RoleAdministrator},
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: name, DisplayName: "Person " + name},
			Password: staffPassword, Grants: []identity.Grant{g}})
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u
	}
}

// browser keeps cookies like a browser would, but lets tests set them.
type browser struct {
	t       *testing.T
	base    string
	cookies map[string]string
	header  http.Header // added to every request
}

// page is what a test looks at in a response; the body is read and
// closed by do.
type page struct {
	StatusCode int
	Header     http.Header
	cookies    []*http.Cookie
}

// Cookies returns the cookies the response set.
func (p *page) Cookies() []*http.Cookie { return p.cookies }

func (e *staffEnv) browser(t *testing.T) *browser {
	return &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
}

// do sends a request and returns the response with its body read.
func (b *browser) do(method, path string, form url.Values) (*page, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(b.t.Context(), method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, vs := range b.header {
		req.Header[k] = vs
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	out, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return &page{StatusCode: resp.StatusCode, Header: resp.Header, cookies: resp.Cookies()}, string(out)
}

func (b *browser) get(path string) (*page, string) { return b.do(http.MethodGet, path, nil) }

func (b *browser) post(path string, form url.Values) (*page, string) {
	if form == nil {
		form = url.Values{}
	}
	return b.do(http.MethodPost, path, form)
}

// login logs in with username and staffPassword and fails the test unless
// it lands on the staff pages.
func (b *browser) login(username string) {
	b.t.Helper()
	resp, body := b.post("/logga-in", url.Values{"username": {username}, "password": {staffPassword}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/personal" {
		b.t.Fatalf("login %s: %d %s\n%s", username, resp.StatusCode, resp.Header.Get("Location"), body)
	}
}

// wantStatus fails the test unless resp has status (and, for redirects,
// goes to location).
func wantStatus(t *testing.T, what string, resp *page, body string, status int, location string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, resp.StatusCode, status, body)
	}
	if location != "" && !strings.HasPrefix(resp.Header.Get("Location"), location) {
		t.Fatalf("%s: redirect to %q, want %q", what, resp.Header.Get("Location"), location)
	}
}
