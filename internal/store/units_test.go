package store_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// boxed returns db with a secret box for personal data.
func boxed(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	box, err := secret.NewBox("store-test-key-0123456789abcdef-0123456789")
	if err != nil {
		t.Fatal(err)
	}
	return db.WithBox(box)
}

// rawDB opens the database behind db directly, as someone with a copy of
// the database file or a dump would read it.
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", db.URL()
	if db.Engine() == store.SQLite {
		driver, dsn = "sqlite", strings.TrimPrefix(db.URL(), "sqlite:")
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = raw.Close() })
	return raw
}

// testOrg creates a small municipal group and returns its units by slug.
func testOrg(t *testing.T, db *store.DB) map[string]identity.Unit {
	t.Helper()
	out := map[string]identity.Unit{}
	mk := func(slug string, kind identity.UnitKind, parent string, org string) {
		u, err := db.CreateUnit(t.Context(), identity.Unit{ParentID: out[parent].ID, Kind: kind, Slug: slug,
			NameSV: "Enhet " + slug, NameEN: "Unit " + slug, OrgNumber: org})
		if err != nil {
			t.Fatalf("CreateUnit %s: %v", slug, err)
		}
		out[slug] = u
	}
	mk("kommunen", identity.KindGroup, "", "2120002411")
	mk("socialforvaltningen", identity.KindForvaltning, "kommunen", "")
	mk("hemtjanst", identity.KindAvdelning, "socialforvaltningen", "")
	mk("bostadsbolaget", identity.KindBolag, "kommunen", "556036-0793")
	return out
}

func TestCreateAndFindUnits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := testOrg(t, db)
		root := org["kommunen"]
		if root.ID == 0 || root.ParentID != 0 || root.OrgNumber != "212000-2411" || root.CreatedAt.IsZero() {
			t.Fatalf("root = %+v", root)
		}
		units, err := db.FindUnits(t.Context())
		if err != nil || len(units) != 4 {
			t.Fatalf("FindUnits = %d units, %v", len(units), err)
		}
		if diff := cmp.Diff(root, units[0]); diff != "" {
			t.Errorf("stored root (-created +found):\n%s", diff)
		}
		tree, err := db.FindUnitTree(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !tree.Within(org["hemtjanst"].ID, root.ID) || tree.Within(org["hemtjanst"].ID, org["bostadsbolaget"].ID) {
			t.Error("tree relations are wrong")
		}
		byID, err := db.FindUnitByID(t.Context(), org["hemtjanst"].ID)
		if err != nil || byID != org["hemtjanst"] {
			t.Errorf("FindUnitByID = %+v, %v", byID, err)
		}
		bySlug, err := db.FindUnitBySlug(t.Context(), "bostadsbolaget")
		if err != nil || bySlug != org["bostadsbolaget"] {
			t.Errorf("FindUnitBySlug = %+v, %v", bySlug, err)
		}
		if _, err := db.FindUnitByID(t.Context(), 999); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := db.FindUnitBySlug(t.Context(), "nope"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown slug: %v", err)
		}
	})
}

func TestCreateUnitRejects(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := testOrg(t, db)
		root := org["kommunen"].ID
		tests := []struct {
			name  string
			unit  identity.Unit
			kind  sprang.Kind
			field string
		}{
			{"taken slug", identity.Unit{ParentID: root, Kind: identity.KindForvaltning, Slug: "hemtjanst", NameSV: "X"}, sprang.Conflict, "slug"},
			{"second group", identity.Unit{Kind: identity.KindGroup, Slug: "koncern-tva", NameSV: "X"}, sprang.Invalid, "parent_id"},
			{"unknown parent", identity.Unit{ParentID: 999, Kind: identity.KindAvdelning, Slug: "x-avd", NameSV: "X"}, sprang.Invalid, "parent_id"},
			{"bad org number", identity.Unit{ParentID: root, Kind: identity.KindBolag, Slug: "x-ab", NameSV: "X", OrgNumber: "556036-0794"}, sprang.Invalid, "org_number"},
			{"bad slug", identity.Unit{ParentID: root, Kind: identity.KindBolag, Slug: "X AB", NameSV: "X"}, sprang.Invalid, "slug"},
		}
		for _, tt := range tests {
			_, err := db.CreateUnit(t.Context(), tt.unit)
			if sprang.ErrorKind(err) != tt.kind || sprang.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateUnit error = %v, want %s on %s", tt.name, err, tt.kind, tt.field)
			}
		}
		if units, _ := db.FindUnits(t.Context()); len(units) != 4 {
			t.Errorf("rejected units were stored: %d units", len(units))
		}
	})
}

func TestUpdateUnit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := testOrg(t, db)
		hem := org["hemtjanst"]
		hem.NameSV, hem.ParentID, hem.Kind = " Hemtjänst i bolaget ", org["bostadsbolaget"].ID, identity.KindBolag
		got, err := db.UpdateUnit(t.Context(), hem)
		if err != nil {
			t.Fatal(err)
		}
		if got.NameSV != "Hemtjänst i bolaget" || got.Kind != identity.KindAvdelning || got.ParentID != org["bostadsbolaget"].ID {
			t.Errorf("UpdateUnit = %+v", got)
		}
		if found, _ := db.FindUnitByID(t.Context(), hem.ID); found != got {
			t.Errorf("stored %+v, returned %+v", found, got)
		}
		soc := org["socialforvaltningen"]
		soc.Slug = "bostadsbolaget"
		if _, err := db.UpdateUnit(t.Context(), soc); sprang.ErrorKind(err) != sprang.Conflict {
			t.Errorf("taken slug: %v", err)
		}
		bolag := org["bostadsbolaget"]
		sub, err := db.CreateUnit(t.Context(), identity.Unit{ParentID: bolag.ID, Kind: identity.KindBolag, Slug: "dotterbolaget", NameSV: "Dotterbolaget"})
		if err != nil {
			t.Fatal(err)
		}
		bolag.ParentID = sub.ID
		if _, err := db.UpdateUnit(t.Context(), bolag); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("move below own child: %v", err)
		}
		if _, err := db.UpdateUnit(t.Context(), identity.Unit{ID: 999, Slug: "x", NameSV: "x"}); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown unit: %v", err)
		}
	})
}
