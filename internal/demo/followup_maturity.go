package demo

import (
	"context"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// seedMaturity makes the maturity self-assessments: not built yet.
func seedMaturity(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	return nil
}
