package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestAuditTamperDetected plays an attacker with write access to the
// database who drops the append-only triggers first.
func TestAuditTamperDetected(t *testing.T) {
	t.Parallel()
	const n = 8
	tests := []struct {
		name       string
		sql        []string
		appendMore int
		want       []audit.Break
	}{
		{"edit a detail", []string{`UPDATE audit_log SET detail = 'harmless' WHERE id = 5`}, 0,
			[]audit.Break{{ID: 5, Problem: audit.Edited}}},
		{"edit an actor", []string{`UPDATE audit_log SET actor_name = 'someone' WHERE id = 1`}, 0,
			[]audit.Break{{ID: 1, Problem: audit.Edited}}},
		{"delete a middle row", []string{`DELETE FROM audit_log WHERE id = 4`}, 0,
			[]audit.Break{{ID: 5, Problem: audit.Unlinked}}},
		{"delete the first row", []string{`DELETE FROM audit_log WHERE id = 1`}, 0,
			[]audit.Break{{ID: 2, Problem: audit.Unlinked}}},
		{"swap two rows", []string{
			`UPDATE audit_log SET id = 100 WHERE id = 3`,
			`UPDATE audit_log SET id = 3 WHERE id = 4`,
			`UPDATE audit_log SET id = 4 WHERE id = 100`,
		}, 0, []audit.Break{{ID: 3, Problem: audit.Edited}, {ID: 3, Problem: audit.Unlinked},
			{ID: 4, Problem: audit.Edited}, {ID: 4, Problem: audit.Unlinked}, {ID: 5, Problem: audit.Unlinked}}},
		{"delete the last row", []string{`DELETE FROM audit_log WHERE id = 8`}, 0,
			[]audit.Break{{ID: n, Problem: audit.Truncated}}},
		{"delete the last rows and keep logging", []string{`DELETE FROM audit_log WHERE id >= 7`}, 2,
			[]audit.Break{{ID: n + 1, Problem: audit.Unlinked}}},
		{"delete everything", []string{`DELETE FROM audit_log`}, 0,
			[]audit.Break{{ID: n, Problem: audit.Truncated}}},
		{"drop the head record", []string{`DELETE FROM settings WHERE key = 'audit.head'`}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				mustAppend(t, db, n)
				if err := db.DropAuditTriggersForTest(t.Context()); err != nil {
					t.Fatal(err)
				}
				for _, q := range tt.sql {
					if err := db.ExecForTest(t.Context(), q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				mustAppend(t, db, tt.appendMore)
				r := mustVerify(t, db)
				if diff := cmp.Diff(tt.want, r.Breaks); diff != "" {
					t.Errorf("breaks (-want +got):\n%s", diff)
				}
			})
		})
	}
}

func TestAuditMalformedHead(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mustAppend(t, db, 2)
		if err := db.ExecForTest(t.Context(), `UPDATE settings SET value = 'x' WHERE key = 'audit.head'`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyAudit(t.Context()); err == nil {
			t.Error("VerifyAudit with a malformed head succeeded")
		}
		if es := mustAppend(t, db, 1); es[0].ID != 3 {
			t.Errorf("append after malformed head: id %d, want 3", es[0].ID)
		}
	})
}
