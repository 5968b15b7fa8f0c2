package ckan_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/ckan"
	"sprang/internal/config"
	"sprang/internal/datastore"
	"sprang/internal/files"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// env is a running API on a fresh database: a group "kommunen" with the
// units "miljo" and "skola", a data steward of each (tokens in tokens),
// and a reader of the group.
type env struct {
	t      testing.TB
	db     *store.DB
	api    *ckan.API
	ts     *httptest.Server
	svc    *auth.Service
	fs     *files.Store
	units  map[string]identity.Unit
	users  map[string]identity.User
	tokens map[string]string
	writes *atomic.Int64 // calls of Deps.OnChange
}

func newEnv(t testing.TB, db *store.DB, limits ckan.Limits) *env {
	t.Helper()
	return newEnvClock(t, db, limits, nil)
}

// newEnvClock is newEnv with the API's clock set to now.
func newEnvClock(t testing.TB, db *store.DB, limits ckan.Limits, now func() time.Time) *env {
	t.Helper()
	box, err := secret.NewBox("ckan test key ckan test key ckan test key 01")
	if err != nil {
		t.Fatal(err)
	}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e := &env{t: t, db: db, svc: auth.NewWithPolicy(db, box, config.Config{SessionIdle: time.Hour, SessionAbsolute: time.Hour}, p),
		units: map[string]identity.Unit{}, users: map[string]identity.User{}, tokens: map[string]string{},
		writes: new(atomic.Int64)}
	if e.fs, err = files.Open(t.Context(), "mem://", box); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.fs.Close() })
	e.api = ckan.New(ckan.Deps{DB: db, Auth: e.svc, Files: e.fs, Loader: datastore.NewLoader(db, e.fs, nil),
		BaseURL: "https://data.example.se", Limits: limits, Now: now, OnChange: func() { e.writes.Add(1) }})
	e.ts = httptest.NewServer(e.api)
	t.Cleanup(func() {
		e.ts.Close()
		_ = e.api.Close(t.Context())
	})
	e.seed()
	return e
}

func (e *env) seed() {
	t := e.t
	ctx, sys := t.Context(), auth.SystemActor("test")
	group, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen", NameEN: "The municipality"})
	if err != nil {
		t.Fatal(err)
	}
	e.units["kommunen"] = group
	for _, u := range []identity.Unit{
		{Kind: identity.KindForvaltning, Slug: "miljo", NameSV: "Miljöförvaltningen", NameEN: "Environment department", ParentID: group.ID},
		{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolförvaltningen", ParentID: group.ID},
	} {
		created, err := e.svc.CreateUnit(ctx, sys, u)
		if err != nil {
			t.Fatal(err)
		}
		e.units[u.Slug] = created
	}
	for name, g := range map[string]identity.Grant{
		"miljodata": {UnitID: e.units["miljo"].ID, Role: identity.RoleDatavard},
		"skoldata":  {UnitID: e.units["skola"].ID, Role: identity.RoleDatavard},
		"lasare":    {UnitID: group.ID, Role: identity.RoleLasare},
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: name, DisplayName: "Person " + name},
			Password: "correct horse battery", Grants: []identity.Grant{g}})
		if err != nil {
			t.Fatal(err)
		}
		e.users[name] = u
		if e.tokens[name], err = e.svc.CreateAPIToken(ctx, sys, u.ID, "test"); err != nil {
			t.Fatal(err)
		}
	}
}

// answer is a response: its status, headers, raw body and the body as
// JSON.
type answer struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// result returns the envelope's result, failing the test unless the call
// succeeded.
func (a answer) result(t *testing.T) any {
	t.Helper()
	if a.status != http.StatusOK || a.body["success"] != true {
		t.Fatalf("call failed: %d %s", a.status, a.raw)
	}
	return a.body["result"]
}

// resultMap is result as an object.
func (a answer) resultMap(t *testing.T) map[string]any {
	t.Helper()
	m, ok := a.result(t).(map[string]any)
	if !ok {
		t.Fatalf("result is no object: %s", a.raw)
	}
	return m
}

// errorOf returns the envelope's error, failing unless the status is
// want and the type typ.
func (a answer) errorOf(t *testing.T, want int, typ string) map[string]any {
	t.Helper()
	if a.status != want {
		t.Fatalf("status %d, want %d: %s", a.status, want, a.raw)
	}
	if a.body["success"] != false {
		t.Fatalf("success is not false: %s", a.raw)
	}
	m, _ := a.body["error"].(map[string]any)
	if m["__type"] != typ {
		t.Fatalf("error type %v, want %s: %s", m["__type"], typ, a.raw)
	}
	return m
}

// do sends a request with the token (may be "") and returns the answer.
func (e *env) do(method, path, token, contentType string, body io.Reader) answer {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	a := answer{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// get calls an action by GET with query parameters.
func (e *env) get(action string, q url.Values) answer {
	e.t.Helper()
	return e.do("GET", "/api/3/action/"+action+"?"+q.Encode(), "", "", nil)
}

// post calls an action by POST with a JSON body and the token.
func (e *env) post(action, token string, body any) answer {
	e.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do("POST", "/api/3/action/"+action, token, "application/json", bytes.NewReader(b))
}

// upload calls action with a multipart body: the fields, then the file
// in the field upload.
func (e *env) upload(action, token string, fields map[string]string, fileName string, content []byte) answer {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			e.t.Fatal(err)
		}
	}
	if fileName != "" {
		fw, err := w.CreateFormFile("upload", fileName)
		if err != nil {
			e.t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	if err := w.Close(); err != nil {
		e.t.Fatal(err)
	}
	return e.do("POST", "/api/3/action/"+action, token, w.FormDataContentType(), &buf)
}

// dataset returns a package_create dict of a dataset of unit that passes
// the conformance check.
func dataset(name, unit string) map[string]any {
	return map[string]any{
		"name": name, "title": "Badplatser och vattenprover", "owner_org": unit,
		"notes":            "Kommunens badplatser med provtagningar av vattnet under badsäsongen.",
		"tags":             []map[string]string{{"name": "bad"}, {"name": "vatten"}},
		"theme":            []string{"ENVI", "HEAL"},
		"license_id":       "CC0-1.0",
		"contact_name":     "Miljöenheten",
		"contact_email":    "miljo@example.se",
		"frequency":        "ANNUAL",
		"title_translated": map[string]string{"en": "Bathing sites and water samples"},
		"notes_translated": map[string]string{"en": "The municipality's bathing sites with water samples."},
	}
}

// str returns m[k] as a string.
func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// contains reports whether s contains every part.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// ckanDefaults are the default limits.
func ckanDefaults() ckan.Limits { return ckan.Limits{} }
