package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestUserAndAPITokenCommands(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		url := engineURL(t, e)
		env := map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_DB": url, "SPRANG_SECRET_KEY": testSecretKey}
		box, err := secret.NewBox(testSecretKey)
		if err != nil {
			t.Fatal(err)
		}
		db := storetest.MustOpen(t, url).WithBox(box)
		if _, err := db.CreateUnit(t.Context(), identity.Unit{Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"}); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			name  string
			args  []string
			stdin string
			kind  sprang.Kind
			out   string // in the output, or in the error
		}{
			{"create", []string{"user", "create", "--username", "anna", "--name", "Anna Berg", "--password-stdin", "--unit", "kommunen", "--role", "administrator"},
				"ett långt lösenord\n", "", "created user anna"},
			{"create without password", []string{"user", "create", "--username", "bo", "--name", "Bo"}, "", "", "has no password"},
			{"create taken", []string{"user", "create", "--username", "anna", "--name", "Anna"}, "", sprang.Conflict, "username"},
			{"create invalid", []string{"user", "create", "--username", "a b", "--name", ""}, "", sprang.Invalid, "display_name"},
			{"create short password", []string{"user", "create", "--username", "cia", "--name", "C", "--password-stdin"}, "kort\n", sprang.Invalid, "12 characters"},
			{"create unknown unit", []string{"user", "create", "--username", "cia", "--name", "C", "--unit", "nope", "--role", "lasare"}, "", sprang.NotFound, "nope"},
			{"set-password", []string{"user", "set-password", "--username", "anna"}, "ett nytt långt lösenord\r\n", "", "password of anna changed"},
			{"set-password empty stdin", []string{"user", "set-password", "--username", "anna"}, "", sprang.Invalid, "standard input"},
			{"set-password unknown user", []string{"user", "set-password", "--username", "nobody"}, "x\n", sprang.NotFound, "nobody"},
			{"grant", []string{"user", "grant", "--username", "bo", "--unit", "kommunen", "--role", "lasare"}, "", "", "granted lasare in kommunen for bo"},
			{"grant bad role", []string{"user", "grant", "--username", "bo", "--unit", "kommunen", "--role", "kung"}, "", sprang.Invalid, "--role"},
			{"grant without unit", []string{"user", "grant", "--username", "bo", "--role", "lasare"}, "", sprang.Invalid, "--unit"},
			{"revoke", []string{"user", "revoke", "--username", "bo", "--unit", "kommunen", "--role", "lasare"}, "", "", "revoked"},
			{"revoke again", []string{"user", "revoke", "--username", "bo", "--unit", "kommunen", "--role", "lasare"}, "", sprang.NotFound, "not found"},
			{"list", []string{"user", "list"}, "", "", "administrator@kommunen"},
			{"reset-totp", []string{"user", "reset-totp", "--username", "anna"}, "", "", "second factor of anna reset"},
			{"unknown subcommand", []string{"user", "delete"}, "", sprang.Invalid, "usage"},
			{"apitoken", []string{"apitoken", "create", "--user", "anna", "--name", "export"}, "", "", store.APITokenPrefix},
			{"apitoken unknown user", []string{"apitoken", "create", "--user", "nobody"}, "", sprang.NotFound, "nobody"},
			{"apitoken usage", []string{"apitoken"}, "", sprang.Invalid, "usage"},
		}
		var tokenOut string
		for _, s := range steps {
			out := newSyncBuffer()
			err := run(withStdin(t.Context(), strings.NewReader(s.stdin)), s.args, envOf(env), out)
			got := out.String()
			if err != nil {
				got = err.Error()
			}
			if sprang.ErrorKind(err) != s.kind || !strings.Contains(got, s.out) {
				t.Errorf("%s: error %v (%s), output %q; want kind %q and %q", s.name, err, sprang.ErrorKind(err), out.String(), s.kind, s.out)
			}
			if s.name == "apitoken" {
				tokenOut = out.String()
			}
		}
		checkCLIResults(t, db, box, tokenOut)
	})
}

// checkCLIResults checks what the commands left: the new password logs
// in, the printed token authenticates, the audit log names the cli.
func checkCLIResults(t *testing.T, db *store.DB, box *secret.Box, tokenOut string) {
	t.Helper()
	ctx := context.Background()
	svc := auth.New(db, box, config.Config{SessionIdle: time.Hour, SessionAbsolute: 2 * time.Hour})
	if _, err := svc.LoginPassword(ctx, "anna", "ett nytt långt lösenord", "127.0.0.1"); err != nil {
		t.Errorf("login with the password set on the command line: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(tokenOut), "\n")
	if u, err := svc.AuthenticateAPIToken(ctx, lines[len(lines)-1]); err != nil || u.Username != "anna" {
		t.Errorf("printed token: %v %v", u.Username, err)
	}
	p, err := db.FindAuditEntries(ctx, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[audit.Action]bool{}
	for _, e := range p.Entries {
		if e.ActorKind == audit.System && e.ActorName == "cli" {
			seen[e.Action] = true
		}
	}
	for _, a := range []audit.Action{audit.UserCreated, audit.PasswordChanged, audit.RoleGranted, audit.RoleRevoked, audit.APITokenCreated, audit.TOTPDisabled} {
		if !seen[a] {
			t.Errorf("no %s by the cli in the audit log", a)
		}
	}
}
