package demo_test

import (
	"context"
	"errors"
	"testing"

	"sprang/internal/demo"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestSeedIsIdempotentAndComplete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for range 2 {
			if err := demo.Seed(ctx, db); err != nil {
				t.Fatalf("seed: %v", err)
			}
		}
		units, err := db.FindUnits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[identity.UnitKind]int{}
		for _, u := range units {
			kinds[u.Kind]++
		}
		if len(units) != len(demo.Units()) || kinds[identity.KindGroup] != 1 || kinds[identity.KindForvaltning] != 5 || kinds[identity.KindBolag] != 3 {
			t.Errorf("units after two seeds: %d (%v), want %d with 1 group, 5 förvaltningar, 3 bolag", len(units), kinds, len(demo.Units()))
		}
		tree, err := db.FindUnitTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range demo.Accounts() {
			u, err := db.FindUserByUsername(ctx, a.Username)
			if err != nil {
				t.Fatalf("account %s: %v", a.Username, err)
			}
			cred, err := db.FindUserCredentials(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := secret.VerifyPassword(demo.Password, cred.PasswordHash); !ok {
				t.Errorf("account %s: password is not %q", a.Username, demo.Password)
			}
			if !identity.CanAnywhere(identity.Staff(u.ID, u.Grants), identity.ViewStaffPages, tree) {
				t.Errorf("account %s cannot reach the staff pages", a.Username)
			}
		}
		admin, _ := db.FindUserByUsername(ctx, "admin")
		if !identity.Can(identity.Staff(admin.ID, admin.Grants), identity.ManageUsers, 0, tree) {
			t.Error("demo admin cannot manage users platform-wide")
		}
	})
}

// TestSeedRefusesRealData: a database with staff accounts that the demo did
// not make is never given demo accounts.
func TestSeedRefusesRealData(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna"}); err != nil {
			t.Fatal(err)
		}
		if err := demo.Seed(ctx, db); !errors.Is(err, demo.ErrRealData) {
			t.Fatalf("seed on a real database: %v, want ErrRealData", err)
		}
		if _, err := db.FindUserByUsername(ctx, "admin"); err == nil {
			t.Error("a demo account was added to a real database")
		}
		if isDemo, _ := db.IsDemo(ctx); isDemo {
			t.Error("a real database was marked as demo")
		}
	})
}
