package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestTwoServersShareState runs two `sprang serve` processes' worth of
// servers on one database, as several nodes behind a load balancer would:
// a login on one node is a login on the other, a logout on the other ends
// it on both, and failed logins counted on one node lock the account on
// the other. With SPRANG_TEST_DB=postgres it runs on PostgreSQL; otherwise
// the two servers share one SQLite file.
func TestTwoServersShareState(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_SECRET_KEY": testSecretKey}
	if storetest.Selected() == store.Postgres {
		env["SPRANG_DB"] = emptyPostgres(t)
	}
	a := startServer(t, env)
	b := startServer(t, env)
	mustCLI(t, env, "ett långt lösenord\n", "user", "create", "--username", "nod", "--name", "Nora Nod", "--password-stdin")
	mustCLI(t, env, "ett långt lösenord\n", "user", "create", "--username", "las", "--name", "Lasse Lås", "--password-stdin")

	client := newBrowser(t)
	if code := postForm(t, client, a.base+"/logga-in", url.Values{"username": {"nod"}, "password": {"ett långt lösenord"}}); code != http.StatusSeeOther {
		t.Fatalf("login on node A: status %d, want 303", code)
	}
	// The cookie was set by node A; copy it to node B's host (the load
	// balancer would present one host for both).
	copyCookies(t, client, a.base, b.base)
	if !loggedIn(t, client, b.base) {
		t.Fatal("the session created on node A is not valid on node B")
	}
	if code := postForm(t, client, b.base+"/logga-ut", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("logout on node B: status %d", code)
	}
	copyCookies(t, client, b.base, a.base)
	if loggedIn(t, client, a.base) {
		t.Fatal("after logout on node B the session still works on node A")
	}

	// Failed logins alternate between the nodes; the lockout counts them all.
	other := newBrowser(t)
	for i := range 5 {
		node := []*server{a, b}[i%2]
		postForm(t, other, node.base+"/logga-in", url.Values{"username": {"las"}, "password": {"fel lösenord " + node.base}})
	}
	if code := postForm(t, other, a.base+"/logga-in", url.Values{"username": {"las"}, "password": {"ett långt lösenord"}}); code != http.StatusTooManyRequests {
		t.Fatalf("right password after 5 failures spread over two nodes: status %d, want 429 (locked)", code)
	}
}

func mustCLI(t *testing.T, env map[string]string, stdin string, args ...string) {
	t.Helper()
	ctx := withStdin(context.Background(), strings.NewReader(stdin))
	var out strings.Builder
	if err := run(ctx, args, envOf(env), &out); err != nil {
		t.Fatalf("sprang %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
}

// newBrowser returns a client with a cookie jar that does not follow
// redirects, like a browser whose every step the test checks.
func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func postForm(t *testing.T, c *http.Client, target string, form url.Values) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// loggedIn reports whether the staff start page answers 200 (not a
// redirect to the login page).
func loggedIn(t *testing.T, c *http.Client, base string) bool {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/personal", nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func copyCookies(t *testing.T, c *http.Client, from, to string) {
	t.Helper()
	f, _ := url.Parse(from)
	u, _ := url.Parse(to)
	c.Jar.SetCookies(u, c.Jar.Cookies(f))
}
