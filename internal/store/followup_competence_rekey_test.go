package store_test

import (
	"testing"

	"sprang/internal/followup"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestRekeyCompetence rotates the key: a self-assessment and its unit's
// tally sealed under the old key are resealed by Rekey, then open with
// the new key alone, and a second run finds nothing to do.
func TestRekeyCompetence(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, raw *store.DB) {
		ctx := t.Context()
		oldKey, newKey := "the old key, long enough for the box 0001", "the new key, long enough for the box 0002"
		before := raw.WithBox(mustBox(t, oldKey))
		unit := testOrg(t, before)["socialforvaltningen"].ID
		id := answerCompetence(t, before, "rotation", unit, followup.GroupStaff, 4)

		after := raw.WithBox(mustBoxes(t, newKey, oldKey))
		res, err := after.Rekey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Competence != 2 {
			t.Errorf("resealed %d competence values, want 2 (the answers and the tally)", res.Competence)
		}
		only := raw.WithBox(mustBox(t, newKey))
		own, err := only.OwnCompetence(ctx, id, 2025)
		if err != nil || own.Levels[followup.Competences()[0].Code] != 4 {
			t.Errorf("own answers with the new key alone: %+v, %v", own, err)
		}
		if _, err := only.CompetenceTallies(ctx, 2025); err != nil {
			t.Errorf("tallies with the new key alone: %v", err)
		}
		if again, err := after.Rekey(ctx); err != nil || again.Competence != 0 {
			t.Errorf("second rekey: %+v, %v; want nothing to do", again, err)
		}
	})
}
