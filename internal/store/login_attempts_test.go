package store_test

import (
	"testing"
	"time"

	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestLoginAttempts(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
			db := storetest.OpenEngineClock(t, e, clock.Now)
			ctx := t.Context()
			start := clock.Now()
			for range 3 {
				if err := db.RecordLoginAttempt(ctx, "k"); err != nil {
					t.Fatal(err)
				}
				clock.Add(time.Minute)
			}
			tests := []struct {
				name  string
				key   string
				since time.Time
				count int
				first time.Time
			}{
				{"all", "k", start, 3, start},
				{"window", "k", start.Add(90 * time.Second), 1, start.Add(2 * time.Minute)},
				{"other key", "x", start, 0, time.Time{}},
			}
			for _, tt := range tests {
				w, err := db.CountLoginAttempts(ctx, tt.key, tt.since)
				if err != nil || w.Count != tt.count || !w.Oldest.Equal(tt.first) {
					t.Errorf("%s: %+v %v, want %d from %v", tt.name, w, err, tt.count, tt.first)
				}
			}
		})
	}
}

func TestLoginFailuresAndTOTPSteps(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		box, _ := secret.NewBox("store test key store test key store 0123")
		db = db.WithBox(box)
		u, err := db.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna"})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 3; i++ {
			f, err := db.RecordLoginFailure(ctx, u.ID, 3, time.Minute)
			if err != nil || (i < 3) != f.LockedUntil.IsZero() {
				t.Fatalf("failure %d: %+v %v", i, f, err)
			}
		}
		if got, _ := db.FindUserByID(ctx, u.ID); !got.Locked(db.Now()) || got.FailedLogins != 0 {
			t.Fatalf("after 3 failures: %+v", got)
		}
		if until, err := db.ClearLoginFailures(ctx, u.ID); err != nil || until.IsZero() {
			t.Fatalf("ClearLoginFailures of a locked account = %v, %v; want the lock", until, err)
		}
		if got, _ := db.FindUserByID(ctx, u.ID); !got.Locked(db.Now()) {
			t.Fatal("a right password unlocked a locked account")
		}
		if _, err := db.RecordLoginFailure(ctx, 999999, 3, time.Minute); err == nil {
			t.Error("failure of an unknown user")
		}
		for _, c := range []struct {
			step  int64
			first bool
		}{{100, true}, {100, false}, {99, false}, {101, true}, {1000, true}} {
			got, err := db.ClaimTOTPStep(ctx, u.ID, c.step)
			if err != nil || got != c.first {
				t.Errorf("claim %d = %v, %v; want %v", c.step, got, err, c.first)
			}
		}
		if last, err := db.LastTOTPStep(ctx, u.ID); err != nil || last != 1000 {
			t.Errorf("LastTOTPStep = %d, %v", last, err)
		}
		if last, err := db.LastTOTPStep(ctx, 424242); err != nil || last != 0 {
			t.Errorf("LastTOTPStep of nobody = %d, %v", last, err)
		}
	})
}
