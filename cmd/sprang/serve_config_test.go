package main

import (
	"context"

	"net/http"
	"sprang"
	"strings"
	"testing"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestServeAuditsConfigChanges starts a server, stops it, and starts it
// again with a mail server and a new base URL configured: the second start
// succeeds and its configuration change is in the audit log.
func TestServeAuditsConfigChanges(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_SECRET_KEY": testSecretKey}
	if storetest.Selected() == store.Postgres {
		env["SPRANG_DB"] = emptyPostgres(t)
	}
	first := startServer(t, env)
	if err := first.stop(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	env["SPRANG_SMTP_URL"] = "smtp://sprang:hemligt@127.0.0.1:2525"
	env["SPRANG_MAIL_FROM"] = "noreply@kommun.example.se"
	env["SPRANG_BASE_URL"] = "https://e.kommun.example.se"
	second := startServer(t, env)
	if res, body := get(t, second.base+"/readyz"); res.StatusCode != http.StatusOK {
		t.Fatalf("readyz after the change: %d %s", res.StatusCode, body)
	}
	if err := second.stop(); err != nil {
		t.Fatalf("second run: %v", err)
	}
	out, err := runCLI(t, env, "audit", "search", "--action", "config.changed")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"config.changed", "base_url", "smtp"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit search lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hemligt") || strings.Contains(out, "noreply@") {
		t.Errorf("a secret or an address reached the audit log:\n%s", out)
	}
}

// TestServeRefusesDemoData checks that `serve` will not run on a data
// directory that `demo` filled, since it holds the demo accounts.
func TestServeRefusesDemoData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"SPRANG_DATA": dir}
	ctx, cancel := context.WithCancel(context.Background())
	out := newSyncBuffer()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"demo", "--addr", "127.0.0.1:0"}, envOf(env), out) }()
	if out.wait(t.Context(), listeningRE, nil) == "" {
		t.Fatalf("demo did not start:\n%s", out)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("demo: %v", err)
	}
	err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, envOf(env), newSyncBuffer())
	if sprang.ErrorKind(err) != sprang.Invalid || !strings.Contains(err.Error(), "demo") {
		t.Fatalf("serve on demo data: %v, want an Invalid error about demo content", err)
	}
}

// TestRekeyCommand rotates the key of a database with a staff account that
// has a sealed e-mail address: rekey moves it, after which the new key
// alone opens the database, and a second run has nothing to do.
func TestRekeyCommand(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_SECRET_KEY": testSecretKey}
	mustCLI(t, env, "ett långt lösenord\n", "user", "create", "--username", "nod", "--name", "Nora Nod", "--password-stdin")
	newKey := "a brand new key that is long enough 0123"
	if _, err := runCLI(t, map[string]string{"SPRANG_DATA": env["SPRANG_DATA"], "SPRANG_SECRET_KEY": newKey}, "user", "list"); err == nil {
		t.Fatal("the new key alone was accepted before the rekey")
	}
	env["SPRANG_SECRET_KEY"], env["SPRANG_SECRET_KEY_PREVIOUS"] = newKey, testSecretKey
	out, err := runCLI(t, env, "rekey")
	if err != nil || !strings.Contains(out, "everything is on the current key") {
		t.Fatalf("rekey: %v\n%s", err, out)
	}
	if out, err = runCLI(t, env, "rekey"); err != nil || !strings.Contains(out, "rekeyed 0 resident(s), 0 user(s), 0 draft(s), 0 errand value(s), 0 contact preference(s), 0 competence value(s), 0 initiative address(es) and 0 file(s)") {
		t.Errorf("second rekey: %v\n%s", err, out)
	}
	if _, err := runCLI(t, map[string]string{"SPRANG_DATA": env["SPRANG_DATA"], "SPRANG_SECRET_KEY": newKey}, "user", "list"); err != nil {
		t.Errorf("the new key alone after the rekey: %v", err)
	}
}
