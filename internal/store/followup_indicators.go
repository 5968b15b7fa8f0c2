package store

import (
	"context"
	"errors"

	"sprang/internal/followup"
)

// errFollowUpNotBuilt is returned by the follow-up store methods not
// written yet.
var errFollowUpNotBuilt = errors.New("store: follow-up not built yet")

// Indicators returns every indicator of the registry with its targets,
// ordered by perspective (the policy's order) and Order.
func (db *DB) Indicators(ctx context.Context) ([]followup.Indicator, error) {
	return nil, errFollowUpNotBuilt
}

// Indicator returns the indicator with key, with its targets; NotFound
// when there is none.
func (db *DB) Indicator(ctx context.Context, key string) (followup.Indicator, error) {
	return followup.Indicator{}, errFollowUpNotBuilt
}

// SaveIndicator creates the indicator or replaces the one with its key
// (targets included), recording who changed it in the audit log.
func (db *DB) SaveIndicator(ctx context.Context, ind followup.Indicator, byUserID int64) error {
	return errFollowUpNotBuilt
}

// SaveValues stores manual or imported values (replacing the value of the
// same indicator, unit and period), recording who entered them.
func (db *DB) SaveValues(ctx context.Context, vs []followup.Value, byUserID int64) error {
	return errFollowUpNotBuilt
}
