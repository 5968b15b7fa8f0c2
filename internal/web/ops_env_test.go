package web_test

import (
	"context"
	"html"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/jobs"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

// opsEnv is a staffEnv (admin, reader, skoladmin, plus utveckling: the
// development role, which may view jobs but not manage them) whose
// database the test can reach, with a job runner when the test registers
// workers.
type opsEnv struct {
	*staffEnv
	db     *store.DB
	runner *jobs.Runner
}

// newOpsEnv starts the platform; register, when not nil, registers the
// workers of a runner that is started and passed to the server.
func newOpsEnv(t *testing.T, register func(*jobs.Runner) error) *opsEnv {
	t.Helper()
	cfg := config.Config{BaseURL: "http://example.test", SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	e := &opsEnv{staffEnv: &staffEnv{clock: storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)),
		logs: &syncBuffer{}, users: map[string]identity.User{}}}
	e.db = storetest.OpenClock(t, e.clock.Now)
	box, err := secret.NewBox("web test key web test key web test key 01")
	if err != nil {
		t.Fatal(err)
	}
	p := auth.DefaultPolicy()
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	e.svc = auth.NewWithPolicy(e.db, box, cfg, p)
	d := web.Deps{Config: cfg, DB: e.db, Logger: slog.New(slog.NewJSONHandler(e.logs, nil)), Catalog: i18n.MustLoad(), Auth: e.svc}
	if register != nil {
		e.runner = startRunner(t, e.db, register)
		d.Jobs = e.runner
	}
	srv, err := web.NewServer(d)
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(srv)
	t.Cleanup(e.ts.Close)
	e.seed(t)
	u, err := e.svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{
		NewUser:  identity.NewUser{Username: "utveckling", DisplayName: "Person utveckling"},
		Password: staffPassword, Grants: []identity.Grant{{UnitID: e.group.ID, Role: identity.RoleUtveckling}}})
	if err != nil {
		t.Fatal(err)
	}
	e.users["utveckling"] = u
	return e
}

// startRunner starts a runner on db that polls and retries within
// milliseconds; it is stopped when the test ends.
func startRunner(t *testing.T, db *store.DB, register func(*jobs.Runner) error) *jobs.Runner {
	t.Helper()
	r := jobs.New(db, nil, jobs.Config{FetchPollInterval: 20 * time.Millisecond,
		Backoff: jobs.ExponentialBackoff(20*time.Millisecond, 200*time.Millisecond)})
	if err := register(r); err != nil {
		t.Fatal(err)
	}
	if err := r.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Errorf("stop jobs: %v", err)
		}
	})
	return r
}

// loggedIn returns a browser logged in as who ("" for anonymous).
func (e *opsEnv) loggedIn(t *testing.T, who string) *browser {
	t.Helper()
	b := e.browser(t)
	if who != "" {
		b.login(who)
	}
	return b
}

var hrefRE = regexp.MustCompile(`<a href="([^"]*)"[^>]*>([^<]*)</a>`)

// link returns the (unescaped) target of the first link in body whose
// text is text, or "".
func link(body, text string) string {
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		if m[2] == text {
			return html.UnescapeString(m[1])
		}
	}
	return ""
}
