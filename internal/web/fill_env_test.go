package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
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
	"sprang/internal/mail"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// fillEnv is a platform for the e-service tests on a fresh database of one
// engine: a förvaltning with three published services (see fillSpecs),
// the accounts admin, hugo (handläggare there) and elsa (e-tjänst: builds
// services, handles no errands), and file storage in memory.
type fillEnv struct {
	ts       *httptest.Server
	db       *store.DB // with the platform's box
	svc      *auth.Service
	logs     *syncBuffer
	unit     identity.Unit
	users    map[string]identity.User
	services map[string]store.Service
}

// fillOpts tunes a fillEnv: register, when set, registers the workers of
// a started job runner the server enqueues on; mut changes the config.
type fillOpts struct {
	register func(*jobs.Runner, *store.DB) error
	mut      func(*config.Config)
}

// fillEngines runs fn once per engine as parallel subtests, each with its
// own platform.
func fillEngines(t *testing.T, o fillOpts, fn func(t *testing.T, e *fillEnv)) {
	t.Helper()
	for _, eng := range storetest.Engines() {
		t.Run(string(eng), func(t *testing.T) {
			t.Parallel()
			fn(t, newFillEnv(t, eng, o))
		})
	}
}

func newFillEnv(t *testing.T, eng store.Engine, o fillOpts) *fillEnv {
	t.Helper()
	e := &fillEnv{logs: &syncBuffer{}, users: map[string]identity.User{}, services: map[string]store.Service{}}
	box, err := secret.NewBox("fill test key fill test key fill test key 01")
	if err != nil {
		t.Fatal(err)
	}
	e.db = storetest.OpenEngine(t, eng).WithBox(box)
	cfg := config.Config{BaseURL: "http://kommun.example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	if o.mut != nil {
		o.mut(&cfg)
	}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	fs, err := files.Open(t.Context(), "mem://", box)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fs.Close() })
	d := web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)), Catalog: i18n.MustLoad(),
		Auth: e.svc, Files: fs, Mail: mail.Dropped{}}
	if o.register != nil {
		d.Jobs = startRunner(t, e.db, func(r *jobs.Runner) error { return o.register(r, e.db) })
	}
	srv, err := web.NewServer(d)
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", e.logs)
		}
	})
	e.seed(t)
	return e
}

// seed makes the units, accounts and services.
func (e *fillEnv) seed(t *testing.T) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	group, err := e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunkoncernen"})
	if err != nil {
		t.Fatal(err)
	}
	e.unit, err = e.svc.CreateUnit(ctx, sys, identity.Unit{Kind: identity.KindForvaltning, Slug: "gata", NameSV: "Gatuförvaltningen", ParentID: group.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		name string
		g    identity.Grant
	}{
		{"admin", identity.Grant{UnitID: group.ID, Role: identity.RoleAdministrator}},
		{"hugo", identity.Grant{UnitID: e.unit.ID, Role: identity.RoleHandlaggare}},
		{"elsa", identity.Grant{UnitID: group.ID, Role: identity.RoleEtjanst}},
	} {
		u, err := e.svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: a.name, DisplayName: a.name + " Testsson"},
			Password: staffPassword, Grants: []identity.Grant{a.g}})
		if err != nil {
			t.Fatal(err)
		}
		e.users[a.name] = u
	}
	for _, spec := range fillSpecs(e.unit.ID) {
		e.services[spec.Slug] = publishService(t, e.db, spec, e.users["admin"].ID)
	}
}

// publishService creates and publishes spec, and returns the service.
func publishService(t testing.TB, db *store.DB, spec eservice.Spec, by int64) store.Service {
	t.Helper()
	if err := spec.Validate(); err != nil {
		t.Fatalf("spec %s: %v", spec.Slug, err)
	}
	s, err := db.CreateService(t.Context(), spec, by)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishService(t.Context(), s.ID, by); err != nil {
		t.Fatal(err)
	}
	if s, err = db.FindService(t.Context(), s.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// txt is a Swedish and English text.
func txt(sv, en string) eservice.Text { return eservice.Text{SV: sv, EN: en} }

// fillSpec returns a service's common facts around form.
func fillSpec(unitID int64, slug string, title, summary eservice.Text, cat eservice.Category, form eservice.Form) eservice.Spec {
	return eservice.Spec{Format: eservice.FormatVersion, Slug: slug, Title: title, Summary: summary, Category: string(cat),
		UnitID: unitID, Classification: eservice.ClassLow, Keywords: []string{"test"},
		Privacy: eservice.Privacy{Purpose: txt("Vi behöver uppgifterna för att åtgärda felet.", "We need the data to fix the fault."),
			LegalBasis: txt("Allmänt intresse.", "Public interest."), Retention: txt("Två år.", "Two years."), Controller: "Gatunämnden"},
		Retention:  eservice.Retention{Months: 24, Action: eservice.RetainAnonymize},
		TargetDays: 10, MinutesToFill: 5, Statuses: eservice.DefaultStatuses(),
		OtherChannels: eservice.Other{Phone: "0660-88 000", Post: txt("Gatuförvaltningen\nBox 1\n891 88 Örnsköldsvik", "")},
		Form:          form}
}

// fillSpecs are the test services:
//
//   - felanmalan (anonymous allowed, receipt by e-mail): the place (a
//     choice and an address), the description (a long text, a yes/no and
//     a text shown only after "yes" on the same page), a page about the
//     park shown only when the place is a park, and a page with a picture
//     (a file), witnesses (a group) and a number;
//   - bygglov (classification 2: e-ID at loa3);
//   - synpunkt (any login, no anonymous errands).
func fillSpecs(unitID int64) []eservice.Spec {
	one := 1.0
	hundred := 100.0
	fel := fillSpec(unitID, "felanmalan", txt("Felanmälan gata och park", "Report a street or park fault"),
		txt("Anmäl fel på gator, vägar och i parker.", "Report faults on streets, roads and in parks."), "gata-trafik",
		eservice.Form{Pages: []eservice.Page{
			{ID: "plats", Title: txt("Var är felet?", "Where is the fault?"), Questions: []eservice.Question{
				{ID: "typ", Type: eservice.TypeChoice, Label: txt("Vad gäller felet?", "What is the fault about?"), Required: true,
					Options: []eservice.Option{{Value: "gata", Label: txt("Gata", "Street")}, {Value: "park", Label: txt("Park", "Park")}}},
				{ID: "adress", Type: eservice.TypeAddress, Label: txt("Adress", "Address"), Required: true}, //nolint:misspell // Swedish
			}},
			{ID: "beskrivning", Title: txt("Beskriv felet", "Describe the fault"), Questions: []eservice.Question{
				{ID: "text", Type: eservice.TypeLongText, Label: txt("Vad är fel?", "What is wrong?"), Required: true},
				{ID: "farligt", Type: eservice.TypeYesNo, Label: txt("Är det farligt?", "Is it dangerous?"), Required: true},
				{ID: "varfor", Type: eservice.TypeText, Label: txt("Varför är det farligt?", "Why is it dangerous?"), Required: true,
					ShowIf: []eservice.Condition{{Question: "farligt", Values: []string{"yes"}}}},
			}},
			{ID: "park", Title: txt("Om parken", "About the park"), ShowIf: []eservice.Condition{{Question: "typ", Values: []string{"park"}}},
				Questions: []eservice.Question{{ID: "parknamn", Type: eservice.TypeText, Label: txt("Parkens namn", "The park's name"), Required: true}}},
			{ID: "bilder", Title: txt("Bild och vittnen", "Picture and witnesses"), Questions: []eservice.Question{
				{ID: "bild", Type: eservice.TypeFile, Label: txt("Bild på felet", "Picture of the fault"),
					File: &eservice.FileRule{Types: []string{"image/png", "application/pdf"}, MaxBytes: 1 << 20}},
				{ID: "vittnen", Type: eservice.TypeGroup, Label: txt("Vittne", "Witness"), MaxRepeat: 3, Questions: []eservice.Question{
					{ID: "namn", Type: eservice.TypeText, Label: txt("Namn", "Name"), Required: true},
					{ID: "telefon", Type: eservice.TypePhone, Label: txt("Telefon", "Phone")},
				}},
				{ID: "antal", Type: eservice.TypeNumber, Label: txt("Hur många gropar?", "How many holes?"), Min: &one, Max: &hundred},
			}},
		}})
	fel.Login = eservice.LoginRule{Anonymous: true}
	fel.ConfirmByEmail = true
	fel.Keywords = []string{"gropar", "trasig", "lampa"}

	bygg := fillSpec(unitID, "bygglov", txt("Ansök om bygglov", "Apply for a building permit"),
		txt("Ansök om lov att bygga nytt eller bygga till.", "Apply to build or extend."), "bygga-bo",
		eservice.Form{Pages: []eservice.Page{{ID: "om", Title: txt("Om bygget", "About the building"), Questions: []eservice.Question{
			{ID: "vad", Type: eservice.TypeText, Label: txt("Vad vill du bygga?", "What do you want to build?"), Required: true},
		}}}})
	bygg.Classification = eservice.ClassSerious
	bygg.Login = eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA3}

	syn := fillSpec(unitID, "synpunkt", txt("Lämna en synpunkt", "Give feedback"),
		txt("Tyck till om kommunens service.", "Tell us what you think."), "kommun-politik",
		eservice.Form{Pages: []eservice.Page{{ID: "synpunkt", Title: txt("Din synpunkt", "Your feedback"), Questions: []eservice.Question{
			{ID: "text", Type: eservice.TypeLongText, Label: txt("Synpunkt", "Feedback"), Required: true},
		}}}})
	syn.Login = eservice.LoginRule{Required: true}
	return []eservice.Spec{fel, bygg, syn}
}

// anonymous returns a browser without a session.
func (e *fillEnv) anonymous(t *testing.T) *browser {
	return &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
}

// staff returns a browser logged in as the staff account who.
func (e *fillEnv) staff(t *testing.T, who string) *browser {
	b := e.anonymous(t)
	b.login(who)
	return b
}

// resident returns a browser of a resident logged in with method (e-ID
// or e-mail) at level loa, with personnummer pnr (e-ID) or address pnr
// (e-mail).
func (e *fillEnv) resident(t *testing.T, pnr string, method string, loa identity.LoA) *browser {
	t.Helper()
	b := e.anonymous(t)
	var login auth.Login
	var err error
	if method == auth.MethodEID {
		p, perr := identity.ParsePersonnummer(pnr, time.Now())
		if perr != nil {
			t.Fatal(perr)
		}
		login, err = e.svc.LoginEID(t.Context(), identity.EIDLogin{Personnummer: p, LoA: loa}, auth.MethodEID, "")
	} else {
		r, rerr := e.db.FindOrCreateResidentByEmail(t.Context(), pnr)
		if rerr != nil {
			t.Fatal(rerr)
		}
		var token string
		token, err = e.svc.StartSession(t.Context(), auth.Subject{ResidentID: r.ID}, auth.MethodEmail, string(identity.LoA1))
		login.Token = token
	}
	if err != nil {
		t.Fatal(err)
	}
	b.cookies["sprang"] = login.Token
	return b
}

var (
	locationDraftRE = regexp.MustCompile(`^/e-tjanster/[a-z-]+/(\d+)/`)
	errorLinkRE     = regexp.MustCompile(`<li><a href="#([^"]+)">([^<]*)</a></li>`)
)

// errorLinks returns the targets of the error summary's links.
func errorLinks(body string) []string {
	var out []string
	for _, m := range errorLinkRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// mustContain fails unless body contains every one of want.
func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Fatalf("%s: no %q in\n%s", what, w, body)
		}
	}
}

// mustNotContain fails when body contains any of bad.
func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(body, w) {
			t.Fatalf("%s: %q in\n%s", what, w, body)
		}
	}
}
