package web_test

import (
	"log/slog"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// dashEnv is a running server for the follow-up dashboards on a fresh
// database at 2 March 2026: a group (kommunen) with the förvaltningar
// skola (and its avdelning skola-it) and social and the bolag bostader;
// the accounts admin (administrator of the group) and reader (reader in
// skola); and the indicators of seedIndicators.
type dashEnv struct {
	ts    *httptest.Server
	db    *store.DB
	svc   *auth.Service
	logs  *syncBuffer
	units map[string]identity.Unit
	users map[string]identity.User
}

func newDashEnv(t testing.TB, eng store.Engine) *dashEnv {
	t.Helper()
	ts := startTestServer(t, eng, "dashboard test key dashboard test key 0001")
	e := &dashEnv{ts: ts.ts, db: ts.db, svc: ts.svc, logs: ts.logs}
	e.units, e.users = seedOrg(t, e.svc, []testUnit{
		{"kommunen", "Kommunkoncernen", "", identity.KindGroup},
		{"skola", "Skolförvaltningen", "kommunen", identity.KindForvaltning},
		{"skola-it", "Skolans IT-avdelning", "skola", identity.KindAvdelning},
		{"social", "Socialförvaltningen", "kommunen", identity.KindForvaltning},
		{"bostader", "Kommunens Bostäder AB", "kommunen", identity.KindBolag},
	}, map[string]testGrant{
		"admin":  {"kommunen", identity.RoleAdministrator},
		"reader": {"skola", identity.RoleLasare},
	})
	return e
}

// testServer is a server on a fresh database of one engine whose clock
// stands at 2 March 2026, 08:00 UTC, with cheap password hashing; its
// logs are shown when the test fails.
type testServer struct {
	srv  *web.Server
	ts   *httptest.Server
	db   *store.DB
	svc  *auth.Service
	logs *syncBuffer
}

// startTestServer starts a testServer on eng whose secret box has the
// key boxKey.
func startTestServer(t testing.TB, eng store.Engine, boxKey string) testServer {
	t.Helper()
	e := testServer{logs: &syncBuffer{}}
	clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	box, err := secret.NewBox(boxKey)
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
	e.srv, err = web.NewServer(web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)),
		Catalog: i18n.MustLoad(), Auth: e.svc})
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv)
	t.Cleanup(e.ts.Close)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server logs:\n%s", e.logs)
		}
	})
	return e
}

// testUnit is a unit seedOrg makes: its slug, Swedish name, parent's
// slug ("" for the root) and kind.
type testUnit struct {
	slug, name, parent string
	kind               identity.UnitKind
}

// testGrant is an account's one role, in the unit with the slug unit.
type testGrant struct {
	unit string
	role identity.Role
}

// seedOrg makes units, parents first, and an account per name in
// grants (password staffPassword), and returns them by slug and name.
func seedOrg(t testing.TB, svc *auth.Service, units []testUnit, grants map[string]testGrant) (map[string]identity.Unit, map[string]identity.User) {
	t.Helper()
	ctx, sys := t.Context(), auth.SystemActor("test")
	made := map[string]identity.Unit{}
	for _, u := range units {
		m, err := svc.CreateUnit(ctx, sys, identity.Unit{Kind: u.kind, Slug: u.slug, NameSV: u.name, ParentID: made[u.parent].ID})
		if err != nil {
			t.Fatal(err)
		}
		made[u.slug] = m
	}
	users := map[string]identity.User{}
	for name, g := range grants {
		u, err := svc.CreateUser(ctx, sys, auth.NewUser{NewUser: identity.NewUser{Username: name, DisplayName: "Person " + name},
			Password: staffPassword, Grants: []identity.Grant{{UnitID: made[g.unit].ID, Role: g.role}}})
		if err != nil {
			t.Fatal(err)
		}
		users[name] = u
	}
	return made, users
}

// seedIndicators stores, through the store:
//
//   - andel-digitala (digital trygghet, public, manual share, higher is
//     better, targets 70 % in 2025 and 80 % in 2026): the group 72.5 % in
//     2025 (on track, with a source and a comment), skola 65 % (at risk),
//     social 50 % (off track), nothing in 2024;
//   - sjukfranvaro (digital kompetens, internal, manual percent): the
//     group 4.2 % in 2025;
//   - formel (digital innovation, public, manual count) whose name is a
//     spreadsheet formula, the group 3 in 2025;
//   - ideer (digital innovation, public, computed from the idea portal,
//     which does not exist).
func (e *dashEnv) seedIndicators(t testing.TB) {
	t.Helper()
	ctx, owner := t.Context(), e.units["kommunen"].ID
	by := e.users["admin"].ID
	inds := []followup.Indicator{
		{Key: "andel-digitala", Perspective: followup.Trygghet, OwnerUnitID: owner, Name: followup.Text{SV: "Andel digitala ärenden", EN: "Share of digital errands"},
			Method: followup.Text{SV: "Ärenden genom e-tjänst delat med alla ärenden.\n\nRäknas per år."}, Measure: followup.MeasureShare,
			Direction: followup.HigherIsBetter, Source: followup.Manual, Public: true,
			Targets: []followup.Target{{Year: 2025, Value: 0.7}, {Year: 2026, Value: 0.8}}},
		{Key: "sjukfranvaro", Perspective: followup.Kompetens, OwnerUnitID: owner, Name: followup.Text{SV: "Intern sjukfrånvaro"},
			Method: followup.Text{SV: "Ur lönesystemet."}, Measure: followup.MeasurePercent, Direction: followup.LowerIsBetter, Source: followup.Manual},
		{Key: "formel", Perspective: followup.Innovation, OwnerUnitID: owner, Name: followup.Text{SV: "=HYPERLINK(\"http://x\")"},
			Method: followup.Text{SV: "Räknas för hand."}, Measure: followup.MeasureCount, Direction: followup.HigherIsBetter,
			Source: followup.Manual, Public: true, Order: 1},
		{Key: "ideer", Perspective: followup.Innovation, OwnerUnitID: owner, Name: followup.Text{SV: "Idéer som blivit verklighet"},
			Measure: followup.MeasureCount, Direction: followup.HigherIsBetter, Source: followup.Computed, Computation: "ideer-realiserade",
			Public: true, Order: 2},
	}
	for _, ind := range inds {
		if err := e.db.SaveIndicator(ctx, ind, by); err != nil {
			t.Fatalf("save %s: %v", ind.Key, err)
		}
	}
	y2025 := followup.YearPeriod(2025)
	values := []followup.Value{
		{Indicator: "andel-digitala", UnitID: 0, Period: y2025, Value: 0.725, Known: true, Source: "Ärendesystemet 2025", Comment: "Mätt i december"},
		{Indicator: "andel-digitala", UnitID: e.units["skola"].ID, Period: y2025, Value: 0.65, Known: true},
		{Indicator: "andel-digitala", UnitID: e.units["social"].ID, Period: y2025, Value: 0.5, Known: true},
		{Indicator: "sjukfranvaro", UnitID: 0, Period: y2025, Value: 4.2, Known: true},
		{Indicator: "formel", UnitID: 0, Period: y2025, Value: 3, Known: true},
	}
	if err := e.db.SaveValues(ctx, values, by); err != nil {
		t.Fatal(err)
	}
}

// seedAssessments stores, for 2025: a maturity self-assessment of social
// with every answer at the bottom of the scale, and DigComp
// self-assessments at level 2 in every competence by five people in
// skola and four in social.
func (e *dashEnv) seedAssessments(t testing.TB) {
	t.Helper()
	ctx := t.Context()
	qs, _, err := e.db.MaturityQuestions(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]int{}
	for _, q := range qs {
		answers[q.Key] = followup.AnswerMin
	}
	if _, err := e.db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: e.units["social"].ID, Year: 2025, Answers: answers},
		e.users["admin"].ID); err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	for _, c := range followup.Competences() {
		levels[c.Code] = 2
	}
	for i, unit := range []string{"skola", "skola", "skola", "skola", "skola", "social", "social", "social", "social"} {
		u, err := e.svc.CreateUser(ctx, auth.SystemActor("test"), auth.NewUser{NewUser: identity.NewUser{
			Username: "person" + strconv.Itoa(i), DisplayName: "Person " + strconv.Itoa(i)}, Password: staffPassword,
			Grants: []identity.Grant{{UnitID: e.units[unit].ID, Role: identity.RoleLasare}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.SaveCompetence(ctx, followup.CompetenceAnswers{UserID: u.ID, Year: 2025, UnitID: e.units[unit].ID,
			Group: followup.GroupStaff, Levels: levels}, []int64{e.units[unit].ID}); err != nil {
			t.Fatal(err)
		}
	}
}

// newDashWithIndicators returns a dashEnv on the selected engine with
// the indicators of seedIndicators, and a client of its server.
func newDashWithIndicators(t *testing.T) (*dashEnv, *browser) {
	t.Helper()
	e := newDashEnv(t, storetest.Selected())
	e.seedIndicators(t)
	return e, e.browser(t)
}

// browser returns a client of e's server.
func (e *dashEnv) browser(t *testing.T) *browser {
	return &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: map[string][]string{}}
}
