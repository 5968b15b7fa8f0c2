package store

import (
	"sprang/internal/followup"
)

// FollowUpSources returns the sources the follow-up's computed indicators
// read, implemented over this database: errands and e-services, open
// data, the platform's page views, stored values, the initiative
// portfolio and the self-assessments; the idea portal is nil until it
// exists. Factors are the configured sustainability factors.
func (db *DB) FollowUpSources(f followup.Factors) followup.Sources {
	return followup.Sources{Factors: f}
}
