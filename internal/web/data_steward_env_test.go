package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// stewardEnv is a platform for the data stewards' tests on a fresh
// database of one engine, with file storage and a loader that loads
// synchronously (no job runner): a group with the förvaltningar miljo and
// skola, and the accounts dana (datavärd in miljo), dora (datavärd in
// skola), hugo (handläggare in miljo) and admin (administrator of the
// group).
type stewardEnv struct {
	ts    *httptest.Server
	db    *store.DB
	svc   *auth.Service
	files *files.Store
	logs  *syncBuffer
	group identity.Unit
	miljo identity.Unit
	skola identity.Unit
	users map[string]identity.User
}

// stewardEngines runs fn once per engine as parallel subtests, each with
// its own platform.
func stewardEngines(t *testing.T, fn func(t *testing.T, e *stewardEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newStewardEnv(t, eng))
		})
	}
}

func newStewardEnv(t testing.TB, eng store.Engine) *stewardEnv {
	t.Helper()
	e := &stewardEnv{logs: &syncBuffer{}, users: map[string]identity.User{}}
	clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	box, err := secret.NewBox("steward test key steward test key steward 01")
	if err != nil {
		t.Fatal(err)
	}
	e.db = storetest.OpenEngineClock(t, eng, clock.Now).WithBox(box)
	e.files, err = files.Open(t.Context(), files.DefaultURL(t.TempDir()), box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.files.Close() })
	cfg := config.Config{BaseURL: "http://kommun.example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)),
		Catalog: i18n.MustLoad(), Auth: e.svc, Files: e.files})
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

func (e *stewardEnv) seed(t testing.TB) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	var err error
	if e.group, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"}); err != nil {
		t.Fatal(err)
	}
	if e.miljo, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "miljo", NameSV: "Miljöförvaltningen", ParentID: e.group.ID}); err != nil {
		t.Fatal(err)
	}
	if e.skola, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "skola", NameSV: "Skolförvaltningen", ParentID: e.group.ID}); err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]identity.Grant{
		"dana":  {UnitID: e.miljo.ID, Role: identity.RoleDatavard},
		"dora":  {UnitID: e.skola.ID, Role: identity.RoleDatavard},
		"hugo":  {UnitID: e.miljo.ID, Role: identity.RoleHandlaggare},
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
func (e *stewardEnv) as(t *testing.T, username string) *browser {
	t.Helper()
	b := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
	b.login(username)
	return b
}

// create makes a draft dataset in unit as b and returns its page's path.
func (e *stewardEnv) create(t *testing.T, b *browser, unit int64, title string) string {
	t.Helper()
	resp, body := b.post("/personal/data", url.Values{"unit": {strconv.FormatInt(unit, 10)}, "title_sv": {title}})
	wantStatus(t, "create "+title, resp, body, http.StatusSeeOther, "/personal/data/")
	return strings.TrimSuffix(resp.Header.Get("Location"), "?klart=skapad")
}

// dataset returns the catalogue entry of the dataset at path.
func (e *stewardEnv) dataset(t *testing.T, path string) opendata.Entry {
	t.Helper()
	en, err := e.db.Dataset(t.Context(), strings.TrimPrefix(path, "/personal/data/"))
	if err != nil {
		t.Fatal(err)
	}
	return en
}

// actions returns how many audit entries each action has.
func (e *stewardEnv) actions(t *testing.T) map[audit.Action]int {
	t.Helper()
	p, err := e.db.FindAuditEntries(t.Context(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[audit.Action]int{}
	for _, en := range p.Entries {
		out[en.Action]++
	}
	return out
}

// resourcePath returns the resource page's path in a redirect to it.
func resourcePath(t *testing.T, loc string) string {
	t.Helper()
	m := regexp.MustCompile(`^(/personal/data/[^/?]+/resurser/[^/?]+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("no resource in %q", loc)
	}
	return m[1]
}

// lastSegment returns the last element of a path.
func lastSegment(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// validDataset is a metadata form the conformance check accepts, for
// unit.
func validDataset(unit int64, slug string) url.Values {
	v := url.Values{}
	for k, val := range map[string]string{
		"title_sv":       "Badplatser och vattenprover",
		"title_en":       "Bathing sites and water samples",
		"description_sv": "Kommunens badplatser med provtagning av vattnet under badsäsongen.\r\n\r\nProverna tas varannan vecka.",
		"description_en": "The municipality's bathing sites with water samples.",
		"keywords":       "bad, vattenkvalitet , , bad",
		"keywords_en":    "bathing, water quality",
		"unit":           strconv.FormatInt(unit, 10),
		"contact_name":   "Miljöförvaltningen",
		"contact_email":  "miljo@kommun.example.se",
		"licence":        opendata.LicenceCC0,
		"access_rights":  opendata.AccessPublic,
		"frequency":      opendata.FrequencyBase + "ANNUAL",
		"temporal_start": "2024-6-1",
		"temporal_end":   "2024-08-31",
		"spatial":        "https://sws.geonames.org/2666199/",
		"landing_page":   "https://kommun.example.se/bad",
		"slug":           slug,
	} {
		v.Set(k, val)
	}
	v["themes"] = []string{opendata.ThemeBase + "ENVI", opendata.ThemeBase + "HEAL"}
	return v
}

// bathCSV is a Swedish CSV: semicolons, decimal commas, å/ä/ö.
var bathCSV = []byte("Badplats;Temperatur (°C);Datum;Postnummer\nBadviken;18,5;2024-06-01;89131\nSandstränden;19,0;2024-06-15;89132\nÅsjön;17,25;2024-07-01;89133\n")
