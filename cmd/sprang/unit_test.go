package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sprang"
)

// TestFirstAdministratorFromTheCommandLine is a fresh production install:
// the first unit (the group) and the first administrator are made with
// the CLI, and that administrator can then log in and reach the admin pages.
func TestFirstAdministratorFromTheCommandLine(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir()}
	steps := []struct {
		name  string
		args  []string
		stdin string
		kind  sprang.Kind
		out   string
	}{
		{"förvaltning before the group", []string{"unit", "create", "--slug", "forv", "--name", "Förvaltningen", "--kind", "forvaltning"}, "", sprang.Invalid, ""},
		{"group", []string{"unit", "create", "--slug", "kommunen", "--name", "Exempels kommunkoncern"}, "", "", "created unit kommunen (group"},
		{"forvaltning", []string{"unit", "create", "--slug", "skola", "--name", "Skolförvaltningen", "--kind", "forvaltning", "--parent", "kommunen"}, "", "", "created unit skola (forvaltning"},
		{"unknown parent", []string{"unit", "create", "--slug", "x1", "--name", "X", "--kind", "bolag", "--parent", "nope"}, "", sprang.NotFound, "sprang unit list"},
		{"stray argument", []string{"unit", "list", "extra"}, "", sprang.Invalid, "unexpected argument"},
		{"list", []string{"unit", "list"}, "", "", "  skola"},
		{"admin", []string{"user", "create", "--username", "anna", "--name", "Anna Admin", "--password-stdin", "--unit", "kommunen", "--role", "administrator"}, "ett långt lösenord\n", "", "created user anna"},
	}
	for _, s := range steps {
		out := newSyncBuffer()
		err := run(withStdin(t.Context(), strings.NewReader(s.stdin)), s.args, envOf(env), out)
		got := out.String()
		if err != nil {
			got = err.Error()
		}
		if sprang.ErrorKind(err) != s.kind || !strings.Contains(got, s.out) {
			t.Errorf("%s: %v (%s), output %q; want kind %q and %q", s.name, err, sprang.ErrorKind(err), out.String(), s.kind, s.out)
		}
	}
	srv := startServer(t, env)
	browser := newBrowser(t)
	if code := postForm(t, browser, srv.base+"/logga-in", url.Values{"username": {"anna"}, "password": {"ett långt lösenord"}}); code != 303 {
		t.Fatalf("first administrator logs in: %d", code)
	}
	if res := statusOf(t, browser, srv.base+"/personal/anvandare"); res != 200 {
		t.Errorf("first administrator on the user admin page: %d, want 200", res)
	}
}

// statusOf fetches url with c and returns the status code.
func statusOf(t *testing.T, c *http.Client, url string) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// TestCommandGroupHelp: "sprang user -h" and friends print their usage and
// succeed; a stray argument is an error that names it.
func TestCommandGroupHelp(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir()}
	for _, c := range []string{"user", "audit", "apitoken", "unit"} {
		out, err := runCLI(t, env, c, "-h")
		if err != nil || !strings.Contains(out, "usage: sprang "+c) {
			t.Errorf("sprang %s -h: %v, output %q", c, err, out)
		}
	}
	if _, err := runCLI(t, env, "migrate", "extra"); sprang.ErrorKind(err) != sprang.Invalid || !strings.Contains(err.Error(), `"extra"`) {
		t.Errorf("migrate extra: %v, want Invalid naming the argument", err)
	}
}
