package store_test

import (
	"context"
	"testing"

	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestMigrationParity keeps the two engines' migration lists in step: the
// same versions with the same names, so a schema change is never made on one
// engine only.
func TestMigrationParity(t *testing.T) {
	t.Parallel()
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %04d_%s, postgres %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
		if lite[i].Version != i+1 {
			t.Errorf("migration %d has version %d: versions must be 1, 2, 3, … without gaps", i, lite[i].Version)
		}
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatalf("migrate again: %v", err)
		}
		if len(applied) != 0 {
			t.Errorf("second migrate applied %v, want nothing", applied)
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ms, _ := store.Migrations(db.Engine())
		if v != ms[len(ms)-1].Version {
			t.Errorf("schema version %d, want %d", v, ms[len(ms)-1].Version)
		}
	})
}
