package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestRekeyAfterRotation rotates the secret key: before Rekey a returning
// resident would not be found under the new key; after it, the same
// resident is found, with the same data, and a second run changes nothing.
func TestRekeyAfterRotation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, raw *store.DB) {
		ctx := context.Background()
		oldKey, newKey := "the old key, long enough for the box 0001", "the new key, long enough for the box 0002"
		oldBox, _ := secret.NewBox(oldKey)
		newBox, _ := secret.NewBox(newKey, oldKey)
		before := raw.WithBox(oldBox)
		pnr, _ := identity.ParsePersonnummer("19121212-1212", time.Now())
		eid, err := before.FindOrCreateResidentByEID(ctx, identity.EIDLogin{Personnummer: pnr, GivenName: "Tolvan", FamilyName: "Tolvansson", LoA: "loa3"})
		if err != nil {
			t.Fatal(err)
		}
		mail, err := before.FindOrCreateResidentByEmail(ctx, "anna@example.com")
		if err != nil {
			t.Fatal(err)
		}
		staff, err := before.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna", Email: "anna@kommun.example.se"})
		if err != nil {
			t.Fatal(err)
		}

		after := raw.WithBox(newBox)
		if _, err := after.ResidentIDByPersonnummer(ctx, pnr); err == nil {
			t.Fatal("resident found under the new key before rekeying: the test proves nothing")
		}
		res, err := after.Rekey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Residents != 2 || res.Users != 1 {
			t.Errorf("rekeyed %+v, want 2 residents and 1 user", res)
		}
		id, err := after.ResidentIDByPersonnummer(ctx, pnr)
		if err != nil || id != eid.ID {
			t.Fatalf("after rekey: id %d, %v; want %d", id, err, eid.ID)
		}
		got, err := after.FindOrCreateResidentByEmail(ctx, "anna@example.com")
		if err != nil || got.ID != mail.ID {
			t.Errorf("e-mail resident after rekey: %d, %v; want %d", got.ID, err, mail.ID)
		}
		r, err := raw.WithBox(mustBox(t, newKey)).FindResidentByID(ctx, eid.ID) // the new key alone opens it
		if err != nil || r.GivenName != "Tolvan" || r.Personnummer != pnr {
			t.Errorf("resident with only the new key: %+v, %v", r, err)
		}
		u, err := raw.WithBox(mustBox(t, newKey)).FindUserByID(ctx, staff.ID)
		if err != nil || u.Email != "anna@kommun.example.se" {
			t.Errorf("user with only the new key: %+v, %v", u, err)
		}
		if again, err := after.Rekey(ctx); err != nil || again != (store.RekeyResult{}) {
			t.Errorf("second rekey: %+v, %v; want nothing to do", again, err)
		}
	})
}

func mustBox(t *testing.T, key string) *secret.Box {
	t.Helper()
	b, err := secret.NewBox(key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCheckKey refuses a key that does not belong to the database, accepts
// the old key as previous during a rotation, and after Rekey the new key
// alone.
func TestCheckKey(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, raw *store.DB) {
		ctx := context.Background()
		oldKey, newKey, wrongKey := "the old key, long enough for the box 0001", "the new key, long enough for the box 0002", "a wrong key, long enough for the box 0003"
		steps := []struct {
			name  string
			box   *secret.Box
			wrong bool
			rekey bool
		}{
			{"first start stores the check", mustBox(t, oldKey), false, false},
			{"same key", mustBox(t, oldKey), false, false},
			{"wrong key", mustBox(t, wrongKey), true, false},
			{"new key before the rekey, without the old one", mustBox(t, newKey), true, false},
			{"rotation: new key with the old as previous", mustBoxes(t, newKey, oldKey), false, true},
			{"new key alone after the rekey", mustBox(t, newKey), false, false},
			{"old key after the rekey", mustBox(t, oldKey), true, false},
		}
		for _, s := range steps {
			db := raw.WithBox(s.box)
			err := db.CheckKey(ctx)
			if got := errors.Is(err, store.ErrWrongKey); got != s.wrong || (err != nil && !s.wrong) {
				t.Fatalf("%s: CheckKey = %v, want wrong key %t", s.name, err, s.wrong)
			}
			if s.rekey {
				if _, err := db.Rekey(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

func mustBoxes(t *testing.T, key string, previous ...string) *secret.Box {
	t.Helper()
	b, err := secret.NewBox(key, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
