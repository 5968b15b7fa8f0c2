package demo

import (
	"context"
	"fmt"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// followUpSeed makes one part of the follow-up's example content. Each is
// idempotent: it adds what is missing and leaves what exists.
type followUpSeed func(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error

// seedFollowUp makes the follow-up's example content: the policy with its
// revisions, the indicators with targets and values, the initiatives, and
// the maturity and competence self-assessments (the competence ones only
// with an encryption box, as they are personal).
func seedFollowUp(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	parts := []struct {
		name string
		seed followUpSeed
	}{
		{"policy", seedPolicy}, {"indicators", seedIndicators}, {"initiatives", seedInitiatives},
		{"maturity", seedMaturity}, {"competence", seedCompetence},
	}
	for _, p := range parts {
		if err := p.seed(ctx, db, units, staff); err != nil {
			return fmt.Errorf("demo %s: %w", p.name, err)
		}
	}
	return nil
}
