package main

import (
	"regexp"
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

// TestAPITokenLimitsCommand creates a token, finds its id with
// "apitoken list", gives it its own limits with "apitoken limits" (read
// back with the token and audited as done by the cli), returns one to the
// default, and refuses bad values, a missing id and an unknown token.
func TestAPITokenLimitsCommand(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		url := engineURL(t, e)
		env := envOf(map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_DB": url, "SPRANG_SECRET_KEY": testSecretKey})
		box, err := secret.NewBox(testSecretKey)
		if err != nil {
			t.Fatal(err)
		}
		db := storetest.MustOpen(t, url).WithBox(box)
		if _, err := db.CreateUser(t.Context(), identity.NewUser{Username: "anna", DisplayName: "Anna"}); err != nil {
			t.Fatal(err)
		}
		cmd := func(args ...string) (string, error) {
			out := newSyncBuffer()
			err := run(t.Context(), append([]string{"apitoken"}, args...), env, out)
			return out.String(), err
		}
		out, err := cmd("create", "--user", "anna", "--name", "export")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		token := lines[len(lines)-1]
		out, err = cmd("list", "--user", "anna")
		m := regexp.MustCompile(`^(\d+)\texport\tlive\tper minute default, per day default\n$`).FindStringSubmatch(out)
		if err != nil || m == nil {
			t.Fatalf("list: %q, %v", out, err)
		}
		id := m[1]
		if out, err := cmd("limits", "--id", id, "--per-minute", "30", "--per-day", "20000"); err != nil || !strings.Contains(out, "per minute 30, per day 20000") {
			t.Fatalf("limits: %q, %v", out, err)
		}
		svc := auth.New(db, box, config.Config{SessionIdle: time.Hour, SessionAbsolute: 2 * time.Hour})
		use, err := svc.AuthenticateAPITokenUse(t.Context(), token)
		if err != nil || use.Limits != (store.APITokenLimits{PerMinute: 30, PerDay: 20000}) {
			t.Fatalf("limits read with the token: %+v, %v", use.Limits, err)
		}
		if _, err := cmd("limits", "--id", id, "--per-minute", "default", "--per-day", "20000"); err != nil {
			t.Fatal(err)
		}
		if out, _ := cmd("list", "--user", "anna"); !strings.Contains(out, "per minute default, per day 20000") {
			t.Errorf("list after clearing one: %q", out)
		}
		for _, c := range []struct {
			args []string
			kind sprang.Kind
			msg  string
		}{
			{[]string{"limits", "--id", id, "--per-minute", "0"}, sprang.Invalid, "--per-minute"},
			{[]string{"limits", "--id", id, "--per-day", "många"}, sprang.Invalid, "--per-day"},
			{[]string{"limits", "--per-minute", "5"}, sprang.Invalid, "--id"},
			{[]string{"limits", "--id", "9999", "--per-minute", "5"}, sprang.NotFound, "9999"},
			{[]string{"rename"}, sprang.Invalid, "usage"},
		} {
			if _, err := cmd(c.args...); sprang.ErrorKind(err) != c.kind || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%v: %v, want %s naming %q", c.args, err, c.kind, c.msg)
			}
		}
		p, err := db.FindAuditEntries(t.Context(), audit.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var changes []string
		for _, e := range p.Entries {
			if e.Action == auth.APITokenLimitsChanged && e.ActorKind == audit.System && e.ActorName == "cli" && e.ObjectID == id {
				changes = append(changes, e.Detail)
			}
		}
		if len(changes) != 2 {
			t.Errorf("audited limit changes by the cli: %q, want 2", changes)
		}
	})
}
