package main

import (
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// appendSample appends entries of several kinds and returns them as stored.
func appendSample(t *testing.T, db *store.DB) []audit.Entry {
	t.Helper()
	in := []audit.Entry{
		{ActorKind: audit.Anonymous, ActorName: "admin", Action: audit.LoginFailure, Detail: "wrong password"},
		{ActorKind: audit.Staff, ActorID: 1, ActorName: "admin", Action: audit.LoginSuccess},
		{ActorKind: audit.Staff, ActorID: 1, ActorName: "admin", Action: audit.RoleGranted, ObjectType: "user", ObjectID: "2"},
		{ActorKind: audit.Staff, ActorID: 2, ActorName: "handlaggare", Action: audit.PersonalDataRead,
			ObjectType: "resident", ObjectID: "7", ResidentID: 7, Reason: "ärende 2026-17"},
		{ActorKind: audit.Staff, ActorID: 2, ActorName: "handlaggare", Action: audit.PersonalDataRead,
			ObjectType: "resident", ObjectID: "8", ResidentID: 8, Reason: "ärende 2026-18"},
	}
	out := make([]audit.Entry, 0, len(in))
	for _, e := range in {
		s, err := db.AppendAudit(t.Context(), e)
		if err != nil {
			t.Fatalf("AppendAudit %s: %v", e.Action, err)
		}
		out = append(out, s)
	}
	return out
}

// rawDB opens the database at a store URL with database/sql directly, as an
// attacker with access to the database would.
func rawDB(t *testing.T, u string) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", u
	if p, ok := strings.CutPrefix(u, "sqlite:"); ok {
		driver, dsn = "sqlite", "file:"+p+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func TestAuditVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		tamper []string // SQL run after dropping the append-only triggers
		want   string   // in the output
		broken bool
	}{
		{name: "intact", want: "audit log intact: 5 entries, head "},
		{name: "edited row", tamper: []string{`UPDATE audit_log SET reason = 'nyfikenhet' WHERE id = 4`},
			want: "entry 4: contents do not match its hash", broken: true},
		{name: "deleted row", tamper: []string{`DELETE FROM audit_log WHERE id = 2`},
			want: "entry 3: does not link", broken: true},
		{name: "deleted tail", tamper: []string{`DELETE FROM audit_log WHERE id = 5`},
			want: "entry 5: the log ends before the recorded head", broken: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eachEngine(t, func(t *testing.T, e store.Engine) {
				db := storetest.OpenEngine(t, e)
				es := appendSample(t, db)
				if len(tt.tamper) > 0 {
					tamper(t, e, db.URL(), tt.tamper)
				}
				out, err := runCLI(t, map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_SECRET_KEY": testSecretKey}, "audit", "verify", "--db", db.URL())
				want := tt.want
				if tt.broken {
					if sprang.ErrorKind(err) != sprang.Conflict {
						t.Errorf("verify of a tampered log: %v, want a Conflict error", err)
					}
				} else {
					if err != nil {
						t.Fatal(err)
					}
					want += es[len(es)-1].Hash
				}
				if !strings.Contains(out, want) {
					t.Errorf("output does not contain %q:\n%s", want, out)
				}
			})
		})
	}
}

// tamper drops the append-only triggers and runs stmts on the raw database.
func tamper(t *testing.T, e store.Engine, u string, stmts []string) {
	t.Helper()
	raw := rawDB(t, u)
	on := ""
	if e == store.Postgres {
		on = " ON audit_log"
	}
	for _, q := range append([]string{"DROP TRIGGER audit_log_no_update" + on, "DROP TRIGGER audit_log_no_delete" + on}, stmts...) {
		if _, err := raw.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestAuditVerifyEmpty(t *testing.T) {
	t.Parallel()
	env := map[string]string{"SPRANG_DATA": t.TempDir()}
	if _, err := runCLI(t, env, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, env, "audit", "verify")
	if err != nil || !strings.Contains(out, "audit log intact: 0 entries") {
		t.Errorf("verify of an empty log: %v\n%s", err, out)
	}
}

func TestAuditSearch(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		db := storetest.OpenEngine(t, e)
		appendSample(t, db)
		tomorrow := time.Now().Add(36 * time.Hour).Format(time.DateOnly)
		yesterday := time.Now().Add(-36 * time.Hour).Format(time.DateOnly)
		tests := []struct {
			name    string
			args    []string
			ids     []int64 // the entries listed, in order
			want    string  // also in the output
			wantErr string  // an Invalid error mentioning this
		}{
			{name: "everything, newest first", ids: []int64{5, 4, 3, 2, 1}, want: "5 entries\n"},
			{name: "by action", args: []string{"--action", "personaldata.read"}, ids: []int64{5, 4}, want: "ärende 2026-17"},
			{name: "by resident", args: []string{"--resident-id", "7"}, ids: []int64{4}, want: "staff:2 (handlaggare)"},
			{name: "limit pages", args: []string{"--limit", "2"}, ids: []int64{5, 4}, want: "add --before 4"},
			{name: "next page", args: []string{"--limit", "2", "--before", "4"}, ids: []int64{3, 2}},
			{name: "since yesterday", args: []string{"--since", yesterday}, ids: []int64{5, 4, 3, 2, 1}},
			{name: "since tomorrow", args: []string{"--since", tomorrow}, want: "0 entries"},
			{name: "until yesterday", args: []string{"--until", yesterday}, want: "0 entries"},
			{name: "RFC 3339 since", args: []string{"--since", time.Now().Add(-time.Hour).Format(time.RFC3339)}, ids: []int64{5, 4, 3, 2, 1}},
			{name: "bad date", args: []string{"--since", "igår"}, wantErr: "--since"},
			{name: "limit too small", args: []string{"--limit", "0"}, wantErr: "--limit"},
			{name: "limit too large", args: []string{"--limit", "100000"}, wantErr: "--limit"},
			{name: "negative resident", args: []string{"--resident-id", "-1"}, wantErr: "--resident-id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				args := append([]string{"audit", "search", "--db", db.URL()}, tt.args...)
				out, err := runCLI(t, map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_SECRET_KEY": testSecretKey}, args...)
				if tt.wantErr != "" {
					if sprang.ErrorKind(err) != sprang.Invalid || !strings.Contains(err.Error(), tt.wantErr) {
						t.Errorf("got %v, want an Invalid error mentioning %s", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := listedIDs(out); fmt.Sprint(got) != fmt.Sprint(tt.ids) {
					t.Errorf("listed %v, want %v:\n%s", got, tt.ids, out)
				}
				if !strings.Contains(out, tt.want) {
					t.Errorf("output does not contain %q:\n%s", tt.want, out)
				}
			})
		}
	})
}

var tableRowRE = regexp.MustCompile(`(?m)^(\d+)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s`)

// listedIDs returns the ids in the first column of a search table's rows.
func listedIDs(out string) []int64 {
	var ids []int64
	for _, m := range tableRowRE.FindAllStringSubmatch(out, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		ids = append(ids, id)
	}
	return ids
}
