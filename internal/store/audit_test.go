package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// mustAppend appends n entries and returns them as stored.
func mustAppend(t *testing.T, db *store.DB, n int) []audit.Entry {
	t.Helper()
	out := make([]audit.Entry, 0, n)
	for i := range n {
		e, err := db.AppendAudit(t.Context(), audit.Entry{
			ActorKind: audit.Staff, ActorID: 1, ActorName: "admin",
			Action: audit.UserUpdated, ObjectType: "user", ObjectID: fmt.Sprint(i), Detail: fmt.Sprintf("change %d", i),
		})
		if err != nil {
			t.Fatalf("AppendAudit %d: %v", i, err)
		}
		out = append(out, e)
	}
	return out
}

// mustVerify returns the report of VerifyAudit, failing on error.
func mustVerify(t *testing.T, db *store.DB) audit.Report {
	t.Helper()
	r, err := db.VerifyAudit(t.Context())
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return r
}

func TestAuditAppendAndVerify(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if r := mustVerify(t, db); !r.OK() || r.Entries != 0 {
			t.Fatalf("empty log: %+v", r)
		}
		es := mustAppend(t, db, 40)
		prev := audit.GenesisHash
		for i, e := range es {
			if e.ID != int64(i+1) || e.PrevHash != prev || e.At.IsZero() || e.At.Location() != time.UTC {
				t.Fatalf("entry %d: %+v", i, e)
			}
			prev = e.Hash
		}
		r := mustVerify(t, db)
		if !r.OK() || r.Entries != 40 || r.Last != (audit.Head{ID: 40, Hash: es[39].Hash}) {
			t.Fatalf("report = %+v", r)
		}
		page, err := db.FindAuditEntries(t.Context(), audit.Filter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(es[39:], page.Entries); diff != "" {
			t.Errorf("stored entry differs from returned (-append +find):\n%s", diff)
		}
	})
}

func TestAuditAppendInvalid(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, err := db.AppendAudit(t.Context(), audit.Entry{ActorKind: audit.Staff, ActorID: 1, Action: audit.PersonalDataRead})
		if sprang.ErrorKind(err) != sprang.Invalid {
			t.Fatalf("AppendAudit without reason = %v, want Invalid", err)
		}
		if r := mustVerify(t, db); r.Entries != 0 {
			t.Fatalf("invalid entry stored: %+v", r)
		}
	})
}

func TestAuditConcurrentAppends(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const workers, each = 8, 15
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					_, err := db.AppendAudit(context.Background(), audit.Entry{
						ActorKind: audit.System, Action: audit.ConfigChanged, Detail: fmt.Sprintf("w%d i%d", w, i),
					})
					if err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent append: %v", err)
		}
		r := mustVerify(t, db)
		if !r.OK() || r.Entries != workers*each || r.Last.ID != workers*each {
			t.Fatalf("report = %+v", r)
		}
	})
}

func TestAuditAppendTxRollsBackWithCaller(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mustAppend(t, db, 2)
		errAbort := errors.New("abort")
		err := db.TxForTest(t.Context(), func(tx *sql.Tx) error {
			e, err := db.AppendAuditTx(t.Context(), tx, audit.Entry{ActorKind: audit.System, Action: audit.UnitCreated})
			if err != nil || e.ID != 3 {
				t.Errorf("AppendAuditTx = %+v, %v", e, err)
			}
			return errAbort
		})
		if !errors.Is(err, errAbort) {
			t.Fatalf("tx = %v", err)
		}
		es := mustAppend(t, db, 1)
		if es[0].ID != 3 {
			t.Errorf("after rollback next id = %d, want 3", es[0].ID)
		}
		if r := mustVerify(t, db); !r.OK() || r.Entries != 3 {
			t.Fatalf("report = %+v", r)
		}
	})
}

func TestAuditAppendOnly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mustAppend(t, db, 3)
		for _, q := range []string{
			`UPDATE audit_log SET detail = 'x' WHERE id = 2`,
			`DELETE FROM audit_log WHERE id = 3`,
			`DELETE FROM audit_log`,
		} {
			if err := db.ExecForTest(t.Context(), q); err == nil {
				t.Errorf("%s: succeeded, want the append-only trigger to reject it", q)
			}
		}
		if r := mustVerify(t, db); !r.OK() || r.Entries != 3 {
			t.Fatalf("report = %+v", r)
		}
	})
}
