package demo

import (
	"context"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// seedCompetence makes the competence self-assessments: not built yet.
func seedCompetence(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	return nil
}
