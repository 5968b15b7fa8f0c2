package demo

import (
	"context"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// seedPolicy makes the digitalization policy with its revisions: not built yet.
func seedPolicy(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	return nil
}
