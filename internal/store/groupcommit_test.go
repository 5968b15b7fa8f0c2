package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestGroupCommit runs many concurrent grouped transactions, some of which
// fail halfway or clash with each other, and checks that exactly the
// successful ones are stored, whole, and the failed ones left no trace.
func TestGroupCommit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.ExecForTest(ctx, `CREATE TABLE gc_test (k TEXT PRIMARY KEY, part INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `INSERT INTO gc_test (k, part) VALUES ('taken', 0)`); err != nil {
			t.Fatal(err)
		}
		const n = 200
		errBoom := errors.New("boom")
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				errs[i] = db.TxGroupedForTest(ctx, func(tx *sql.Tx) error {
					return insertPair(ctx, db, tx, i, errBoom)
				})
			})
		}
		wg.Wait()
		want := 1 // the row taken
		for i, err := range errs {
			switch {
			case i%7 == 0 && !errors.Is(err, errBoom):
				t.Errorf("transaction %d: err %v, want boom", i, err)
			case i%7 != 0 && i%11 == 0 && err == nil:
				t.Errorf("transaction %d: duplicate key accepted", i)
			case i%7 != 0 && i%11 != 0 && err != nil:
				t.Errorf("transaction %d: %v", i, err)
			case err == nil:
				want += 2
			}
		}
		var got int
		if err := db.WritePool().QueryRowContext(ctx, `SELECT count(*) FROM gc_test`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%d rows stored, want %d (two per successful transaction)", got, want)
		}
	})
}

// insertPair inserts two rows for transaction i. Every 7th fails after the
// first row; every 11th inserts a key that is taken.
func insertPair(ctx context.Context, db *store.DB, tx *sql.Tx, i int, boom error) error {
	q := `INSERT INTO gc_test (k, part) VALUES (?, 1)`
	if db.Engine() == store.Postgres {
		q = `INSERT INTO gc_test (k, part) VALUES ($1, 1)`
	}
	if _, err := tx.ExecContext(ctx, q, fmt.Sprintf("a%d", i)); err != nil {
		return err
	}
	if i%7 == 0 {
		return boom
	}
	key := fmt.Sprintf("b%d", i)
	if i%11 == 0 {
		key = "taken"
	}
	_, err := tx.ExecContext(ctx, q, key)
	return err
}
