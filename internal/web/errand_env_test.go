package web_test

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// caseEnv is a platform for the case handling tests on a fresh database
// of one engine: a group with two förvaltningar (bygg and skola), a
// published service in each, and the accounts admin (administrator of
// the group), hugo (handläggare in bygg), lisa (läsare in bygg), sara
// (handläggare in skola) and elsa (e-tjänst in the group, no errands).
type caseEnv struct {
	srv      *web.Server
	ts       *httptest.Server
	db       *store.DB // with the platform's box
	svc      *auth.Service
	clock    *storetest.Clock
	files    *files.Store
	logs     *syncBuffer
	group    identity.Unit
	bygg     identity.Unit
	skola    identity.Unit
	users    map[string]identity.User
	byggSvc  store.Service
	skolaSvc store.Service
}

// caseOpts tunes a caseEnv: register, when set, registers the workers of
// a started job runner the server enqueues on; mut changes the config.
type caseOpts struct {
	register func(*jobs.Runner, *store.DB) error
	mut      func(*config.Config)
}

// caseEngines runs fn once per engine (SQLite, and PostgreSQL when
// SPRANG_TEST_POSTGRES is set) as parallel subtests, each with its own
// platform.
func caseEngines(t *testing.T, o caseOpts, fn func(t *testing.T, e *caseEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newCaseEnv(t, eng, o))
		})
	}
}

func newCaseEnv(t testing.TB, eng store.Engine, o caseOpts) *caseEnv {
	t.Helper()
	e := &caseEnv{clock: storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)), logs: &syncBuffer{},
		users: map[string]identity.User{}}
	box, err := secret.NewBox("case test key case test key case test key 01")
	if err != nil {
		t.Fatal(err)
	}
	e.db = storetest.OpenEngineClock(t, eng, e.clock.Now).WithBox(box)
	cfg := config.Config{BaseURL: "http://kommun.example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	if o.mut != nil {
		o.mut(&cfg)
	}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	if e.files, err = files.Open(t.Context(), "mem://", box); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.files.Close() })
	d := web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)), Catalog: i18n.MustLoad(),
		Auth: e.svc, Files: e.files}
	if o.register != nil {
		d.Jobs = startRunnerTB(t, e.db, func(r *jobs.Runner) error { return o.register(r, e.db) })
	} else {
		d.Jobs = jobs.New(e.db, nil, jobs.Config{}) // enqueues only
	}
	if e.srv, err = web.NewServer(d); err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv)
	t.Cleanup(e.ts.Close)
	e.seed(t)
	return e
}

// startRunnerTB is startRunner for benchmarks too.
func startRunnerTB(t testing.TB, db *store.DB, register func(*jobs.Runner) error) *jobs.Runner {
	t.Helper()
	if tt, ok := t.(*testing.T); ok {
		return startRunner(tt, db, register)
	}
	r := jobs.New(db, nil, jobs.Config{})
	if err := register(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (e *caseEnv) seed(t testing.TB) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	unit := func(kind identity.UnitKind, slug, name string, parent int64) identity.Unit {
		u, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: kind, Slug: slug, NameSV: name, ParentID: parent})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	e.group = unit(identity.KindGroup, "kommunen", "Kommunkoncernen", 0)
	e.bygg = unit(identity.KindForvaltning, "bygg", "Samhällsbyggnadsförvaltningen", e.group.ID)
	e.skola = unit(identity.KindForvaltning, "skola", "Skolförvaltningen", e.group.ID)
	for _, a := range []struct {
		name string
		g    identity.Grant
	}{
		{"admin", identity.Grant{UnitID: e.group.ID, Role: identity.RoleAdministrator}},
		{"hugo", identity.Grant{UnitID: e.bygg.ID, Role: identity.RoleHandlaggare}},
		{"hanna", identity.Grant{UnitID: e.bygg.ID, Role: identity.RoleHandlaggare}},
		{"lisa", identity.Grant{UnitID: e.bygg.ID, Role: identity.RoleLasare}},
		{"sara", identity.Grant{UnitID: e.skola.ID, Role: identity.RoleHandlaggare}},
		{"elsa", identity.Grant{UnitID: e.group.ID, Role: identity.RoleEtjanst}},
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: a.name,
			DisplayName: strings.ToUpper(a.name[:1]) + a.name[1:] + " Testsson"}, Password: staffPassword, Grants: []identity.Grant{a.g}})
		if err != nil {
			t.Fatal(err)
		}
		e.users[a.name] = u
	}
	e.byggSvc = e.service(t, e.bygg.ID, "felanmalan", "Felanmälan", "Report a fault")
	e.skolaSvc = e.service(t, e.skola.ID, "skolskjuts", "Skolskjuts", "")
}

// caseSpec is the test service: a long text, the resident's address and
// an optional file.
func caseSpec(unitID int64, slug, sv, en string) eservice.Spec {
	return eservice.Spec{Format: eservice.FormatVersion, Slug: slug, Title: eservice.Text{SV: sv, EN: en},
		Summary: eservice.Text{SV: "Ett test."}, Category: "gata-trafik", UnitID: unitID, Classification: eservice.ClassLow,
		Privacy:    eservice.Privacy{Purpose: eservice.Text{SV: "Handläggning."}, LegalBasis: eservice.Text{SV: "Allmänt intresse."}, Retention: eservice.Text{SV: "Två år."}, Controller: "Kommunen"},
		Retention:  eservice.Retention{Months: 24, Action: eservice.RetainAnonymize},
		TargetDays: 10, Statuses: eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "om", Title: eservice.Text{SV: "Om ärendet"}, Questions: []eservice.Question{
			{ID: "beskrivning", Type: eservice.TypeLongText, Label: eservice.Text{SV: "Beskriv ärendet", EN: "Describe the errand"}, Required: true},
			{ID: "postadress", Type: eservice.TypeAddress, Label: eservice.Text{SV: "Din postadress", EN: "Your postal address"}},
			{ID: "bild", Type: eservice.TypeFile, Label: eservice.Text{SV: "Bild", EN: "Picture"},
				File: &eservice.FileRule{Types: []string{"image/png", "application/pdf"}, MaxBytes: 1 << 20}},
		}}}},
	}
}

// service creates and publishes a test service in unit.
func (e *caseEnv) service(t testing.TB, unit int64, slug, sv, en string) store.Service {
	t.Helper()
	ctx := t.Context()
	s, err := e.db.CreateService(ctx, caseSpec(unit, slug, sv, en), e.users["admin"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.PublishService(ctx, s.ID, e.users["admin"].ID); err != nil {
		t.Fatal(err)
	}
	if s, err = e.db.FindService(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// errandOpts are the facts of a test errand beyond its service.
type errandOpts struct {
	channel  eservice.Channel
	email    string
	resident int64
	byLetter bool
	text     string
}

// errand submits an errand to service sv and returns it.
func (e *caseEnv) errand(t testing.TB, sv store.Service, o errandOpts) eservice.Errand {
	t.Helper()
	if o.channel == "" {
		o.channel = eservice.ChannelDigital
	}
	if o.text == "" {
		o.text = "Trasig gatlykta"
	}
	n := store.NewErrand{ServiceID: sv.ID, Version: sv.Published, Channel: o.channel, ResidentID: o.resident, Email: o.email,
		ByLetter: o.byLetter, Answers: eservice.Answers{"beskrivning": {o.text},
			"postadress.street": {"Storgatan 1"}, "postadress.postcode": {"891 33"}, "postadress.city": {"Örnsköldsvik"}}}
	if o.channel != eservice.ChannelDigital {
		n.ByUserID = e.users["hugo"].ID
	}
	er, err := e.db.SubmitErrand(t.Context(), n, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return er
}

// as returns a browser logged in as who ("" for anonymous).
func (e *caseEnv) as(t *testing.T, who string) *browser {
	t.Helper()
	b := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
	if who != "" {
		b.login(who)
	}
	return b
}

// errandPath returns the errand page's path, with more path segments.
func errandPath(id int64, more ...string) string {
	return fmt.Sprintf("/personal/arenden/%d", id) + strings.Join(append([]string{""}, more...), "/")
}

// postFile posts a multipart form with fields and one file as a browser
// would, and returns the response with its body.
func (b *browser) postFile(path string, fields url.Values, fileField, fileName string, content []byte) (*page, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, fileName)
		if err != nil {
			b.t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	req, err := http.NewRequestWithContext(b.t.Context(), http.MethodPost, b.base+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
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
	return &page{StatusCode: resp.StatusCode, Header: resp.Header}, string(out)
}

// samplePDF is the smallest PDF the file type detection accepts.
var samplePDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
