package demo

import (
	"testing"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestSeedInitiatives seeds the portfolio twice on both engines and
// checks what the demo promises: every status, two pairs that look alike
// across units, benefits with and without a value and one shown by
// digital-andel, a supplier with all three criteria, links to
// e-services, and nothing made twice.
func TestSeedInitiatives(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		box, err := secret.NewBox("0123456789abcdef0123456789abcdef-demo-test")
		if err != nil {
			t.Fatal(err)
		}
		db = db.WithBox(box)
		ctx := t.Context()
		units, err := seedUnits(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		staff, err := seedStaff(ctx, db, units)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := seedServices(ctx, db, staff["etjanst"], units); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := seedInitiatives(ctx, db, units, staff); err != nil {
				t.Fatal(err)
			}
		}
		all, err := db.Initiatives(ctx, followup.InitiativeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(demoInitiatives()) {
			t.Fatalf("%d initiatives, want %d", len(all), len(demoInitiatives()))
		}
		checkDevelopmentManagesAll(t, db, all)
		statuses := map[followup.InitiativeStatus]bool{}
		valued, unvalued, indicator, criteria, services := 0, 0, 0, 0, 0
		for _, ini := range all {
			statuses[ini.Status] = true
			for _, b := range ini.Benefits {
				if b.ValueSEK > 0 {
					valued++
				} else {
					unvalued++
				}
				if b.IndicatorKey == "digital-andel" {
					indicator++
				}
			}
			if ini.Supplier != nil {
				criteria = max(criteria, len(ini.Supplier.Criteria))
			}
			services += len(ini.ServiceIDs)
			if ini.ContactName != "" && ini.ContactEmail == "" {
				t.Errorf("%s: contact without address", ini.Title)
			}
		}
		for _, st := range followup.InitiativeStatuses() {
			if !statuses[st] {
				t.Errorf("no initiative is %s", st)
			}
		}
		if valued == 0 || unvalued == 0 || indicator != 1 || criteria != 3 || services < 4 {
			t.Errorf("benefits valued %d, unvalued %d, digital-andel %d; criteria %d; service links %d", valued, unvalued, indicator, criteria, services)
		}
		pairs := followup.SimilarInitiatives(all, followup.SimilarityThreshold)
		if len(pairs) != 2 {
			names := map[int64]string{}
			for _, ini := range all {
				names[ini.ID] = ini.Title
			}
			for _, p := range pairs {
				t.Logf("%s ~ %s: %.2f", names[p.A], names[p.B], p.Score)
			}
			t.Errorf("%d pairs look alike, want 2", len(pairs))
		}
	})
}

// checkDevelopmentManagesAll checks that the demo account utveckling may
// change every initiative of the portfolio (ManageFollowUp in its owner
// unit), as the development department coordinating the whole group
// does, and that the demo's other accounts may change none.
func checkDevelopmentManagesAll(t *testing.T, db *store.DB, all []followup.Initiative) {
	t.Helper()
	tree, err := db.FindUnitTree(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range Accounts() {
		u, err := db.FindUserByUsername(t.Context(), a.Username)
		if err != nil {
			t.Fatal(err)
		}
		manages := a.Username == "utveckling" || a.Username == "admin"
		for _, ini := range all {
			if got := identity.Can(identity.Staff(u.ID, u.Grants), identity.ManageFollowUp, ini.OwnerUnitID, tree); got != manages {
				t.Errorf("%s may manage %q: %v, want %v", a.Username, ini.Title, got, manages)
			}
		}
	}
}
