package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// builderEnv is a platform for the e-service builder tests on a fresh
// database of one engine: a group with two förvaltningar (bygg and
// skola) and the accounts elsa (e-tjänst in bygg), erik (e-tjänst in
// skola), hugo (handläggare in bygg) and admin (administrator of the
// group).
type builderEnv struct {
	ts    *httptest.Server
	db    *store.DB
	svc   *auth.Service
	logs  *syncBuffer
	group identity.Unit
	bygg  identity.Unit
	skola identity.Unit
	users map[string]identity.User
}

// builderEngines runs fn once per engine (SQLite, and PostgreSQL when
// SPRANG_TEST_POSTGRES is set) as parallel subtests, each with its own
// platform.
func builderEngines(t *testing.T, fn func(t *testing.T, e *builderEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newBuilderEnv(t, eng))
		})
	}
}

func newBuilderEnv(t *testing.T, eng store.Engine) *builderEnv {
	t.Helper()
	e := &builderEnv{logs: &syncBuffer{}, users: map[string]identity.User{}}
	clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	box, err := secret.NewBox("builder test key builder test key builder 01")
	if err != nil {
		t.Fatal(err)
	}
	e.db = storetest.OpenEngineClock(t, eng, clock.Now).WithBox(box)
	cfg := config.Config{BaseURL: "http://kommun.example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)),
		Catalog: i18n.MustLoad(), Auth: e.svc})
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server logs:\n%s", e.logs)
		}
	})
	e.seed(t)
	return e
}

func (e *builderEnv) seed(t *testing.T) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	var err error
	if e.group, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"}); err != nil {
		t.Fatal(err)
	}
	if e.bygg, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "bygg", NameSV: "Byggförvaltningen", ParentID: e.group.ID}); err != nil {
		t.Fatal(err)
	}
	if e.skola, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolförvaltningen", ParentID: e.group.ID}); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]identity.Grant{
		"elsa":  {UnitID: e.bygg.ID, Role: identity.RoleEtjanst},
		"erik":  {UnitID: e.skola.ID, Role: identity.RoleEtjanst},
		"hugo":  {UnitID: e.bygg.ID, Role: identity.RoleHandlaggare},
		"admin": {UnitID: e.group.ID, Role: identity.RoleAdministrator},
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: name, DisplayName: "Person " + name},
			Password: staffPassword, Grants: []identity.Grant{g}})
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u
	}
}

// as returns a browser logged in as username.
func (e *builderEnv) as(t *testing.T, username string) *browser {
	t.Helper()
	b := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
	b.login(username)
	return b
}

// upload posts a multipart form with fields and, unless file is nil, the
// file under the field "import_file".
func upload(t *testing.T, b *browser, path string, fields map[string]string, file []byte) (*page, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := mw.CreateFormFile("import_file", "tjanst.json")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(file)
	}
	_ = mw.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, b.base+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	out, _ := io.ReadAll(resp.Body)
	return &page{StatusCode: resp.StatusCode, Header: resp.Header}, string(out)
}

// serviceIDIn returns the service id in a builder URL such as
// /personal/e-tjanster/12?klart=skapad.
func serviceIDIn(t *testing.T, loc string) int64 {
	t.Helper()
	m := regexp.MustCompile(`^/personal/e-tjanster/([0-9]+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("no service id in %q", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// draftOf returns the open draft (or the only version) of service id.
func (e *builderEnv) draftOf(t *testing.T, id int64) eservice.Spec {
	t.Helper()
	svc, err := e.db.FindService(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Draft == 0 {
		t.Fatalf("service %d has no draft", id)
	}
	spec, err := e.db.FindServiceVersion(t.Context(), id, svc.Draft)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// wantBody fails the test unless body holds every one of want.
func wantBody(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: body lacks %q", what, w)
		}
	}
	if t.Failed() {
		t.Logf("%s body:\n%s", what, body)
	}
}
