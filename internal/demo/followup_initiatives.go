package demo

import (
	"context"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// seedInitiatives makes the initiative portfolio: not built yet.
func seedInitiatives(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	return nil
}
