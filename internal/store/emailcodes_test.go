package store_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func newEmailCode(db *store.DB, email, flow, link string, ttl time.Duration) store.EmailCode {
	return store.EmailCode{EmailHash: "h-" + email, EmailSealed: []byte("sealed " + email), FlowHash: flow,
		CodeHash: "code-" + flow, LinkHash: link, ExpiresAt: db.Now().Add(ttl)}
}

func TestEmailCodeAttempts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id, err := db.CreateEmailCode(ctx, newEmailCode(db, "a", "f1", "l1", 15*time.Minute))
		if err != nil {
			t.Fatalf("CreateEmailCode: %v", err)
		}
		for i := 1; i <= 3; i++ {
			c, err := db.AttemptEmailCode(ctx, "f1", 3)
			if err != nil {
				t.Fatalf("attempt %d: %v", i, err)
			}
			if c.ID != id || c.Attempts != i || c.CodeHash != "code-f1" || !bytes.Equal(c.EmailSealed, []byte("sealed a")) {
				t.Fatalf("attempt %d: got %+v", i, c)
			}
		}
		if _, err := db.AttemptEmailCode(ctx, "f1", 3); sprang.ErrorKind(err) != sprang.TooMany {
			t.Fatalf("4th attempt: %v, want TooMany", err)
		}
		if _, err := db.AttemptEmailCode(ctx, "unknown", 3); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("unknown flow: %v, want NotFound", err)
		}
	})
}

func TestEmailCodeUseOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id, err := db.CreateEmailCode(ctx, newEmailCode(db, "b", "f2", "l2", 15*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.UseEmailCode(ctx, id); err != nil {
			t.Fatalf("first use: %v", err)
		}
		if err := db.UseEmailCode(ctx, id); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("second use: %v, want NotFound", err)
		}
		if _, err := db.AttemptEmailCode(ctx, "f2", 5); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("attempt after use: %v, want NotFound", err)
		}
		if _, err := db.UseEmailLink(ctx, "l2"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("link after code used: %v, want NotFound", err)
		}
	})
}

func TestEmailLinkOnceAndExpiry(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, c := range []store.EmailCode{
			newEmailCode(db, "c", "f3", "l3", 15*time.Minute),
			newEmailCode(db, "d", "f4", "l4", -time.Second),
		} {
			if _, err := db.CreateEmailCode(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 6 {
			wg.Go(func() {
				if c, err := db.UseEmailLink(ctx, "l3"); err == nil && c.EmailHash == "h-c" {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("link worked %d times, want once", wins)
		}
		if _, err := db.UseEmailLink(ctx, "l4"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("expired link: %v, want NotFound", err)
		}
		if _, err := db.AttemptEmailCode(ctx, "f4", 5); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("expired code: %v, want NotFound", err)
		}
	})
}

func TestEmailCodeNewOneReplacesOld(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		since := db.Now().Add(-time.Minute)
		if _, err := db.CreateEmailCode(ctx, newEmailCode(db, "e", "old", "lold", 15*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateEmailCode(ctx, newEmailCode(db, "e", "new", "lnew", 15*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AttemptEmailCode(ctx, "old", 5); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("old code: %v, want NotFound", err)
		}
		if _, err := db.AttemptEmailCode(ctx, "new", 5); err != nil {
			t.Errorf("new code: %v", err)
		}
		n, err := db.CountEmailCodes(ctx, "h-e", since)
		if err != nil || n != 2 {
			t.Errorf("CountEmailCodes = %d, %v; want 2", n, err)
		}
	})
}
