package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestAuthFlowTakeOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		live := store.AuthFlow{StateHash: "s1", Provider: "eid", CodeVerifier: "v", Nonce: "n", BrowserHash: "b1", ReturnTo: "/mina-sidor", ExpiresAt: db.Now().Add(10 * time.Minute)}
		expired := store.AuthFlow{StateHash: "s2", Provider: "eid", CodeVerifier: "v", Nonce: "n", BrowserHash: "b1", ReturnTo: "/", ExpiresAt: db.Now().Add(-time.Second)}
		for _, f := range []store.AuthFlow{live, expired} {
			if err := db.CreateAuthFlow(ctx, f); err != nil {
				t.Fatalf("CreateAuthFlow: %v", err)
			}
		}
		tests := []struct {
			name, provider, state, browser string
			want                           sprang.Kind
		}{
			{"other provider", "sso", "s1", "b1", sprang.NotFound},
			{"unknown state", "eid", "nope", "b1", sprang.NotFound},
			{"expired", "eid", "s2", "b1", sprang.NotFound},
			{"other browser", "eid", "s1", "b2", sprang.NotFound},
			{"no browser", "eid", "s1", "", sprang.NotFound},
			{"live", "eid", "s1", "b1", ""},
			{"replayed", "eid", "s1", "b1", sprang.NotFound},
		}
		for _, tt := range tests {
			got, err := db.TakeAuthFlow(ctx, tt.provider, tt.state, tt.browser)
			if sprang.ErrorKind(err) != tt.want {
				t.Fatalf("%s: TakeAuthFlow err = %v, want kind %q", tt.name, err, tt.want)
			}
			if err == nil && (got.CodeVerifier != "v" || got.Nonce != "n" || got.ReturnTo != "/mina-sidor") {
				t.Errorf("%s: got %+v", tt.name, got)
			}
		}
	})
}

func TestAuthFlowTakeRace(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.CreateAuthFlow(ctx, store.AuthFlow{StateHash: "race", Provider: "sso", CodeVerifier: "v", Nonce: "n", BrowserHash: "b", ExpiresAt: db.Now().Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Go(func() {
				if _, err := db.TakeAuthFlow(ctx, "sso", "race", "b"); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d takes succeeded, want exactly 1", wins)
		}
	})
}
