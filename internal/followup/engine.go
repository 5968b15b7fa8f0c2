package followup

import (
	"context"
	"errors"
	"time"

	"sprang/internal/identity"
)

// Computation is the definition of a computed indicator: what it measures
// and how, read live from Sources. Key names it in Indicator.Computation.
// The registry is Computations; the demo's indicators and a new
// installation's defaults are made from it.
type Computation struct {
	Key         string
	Perspective Perspective
	Name        Text
	Method      Text // how it is computed, with the factors it uses
	Measure     Measure
	Direction   Direction
	// GroupOnly is set when the figure exists for the group as a whole
	// only (the platform's page weight): a unit's value is NotForUnit.
	GroupOnly bool
	// compute returns the value for the units (a unit and its sub-units,
	// or every unit for the group) over the period.
	compute func(ctx context.Context, s Sources, unitIDs []int64, p Period, now time.Time) (Value, error)
}

// Engine computes the values of indicators: computed ones from Sources,
// manual and Kolada ones from Sources.Values.
type Engine struct {
	Sources Sources
	Tree    *identity.Tree   // the organization, to resolve a unit to its subtree
	Now     func() time.Time // nil means time.Now
}

// ErrNotBuilt is returned by parts of the engine not written yet.
var ErrNotBuilt = errors.New("followup: not built yet")

// Values returns the values of ind for each of unitIDs (0 = the group as
// a whole: every unit) and each of periods, in the order unit by unit,
// period by period. A value that cannot be known is returned with Known
// false and its Reason (a missing module, nothing to count, a suppressed
// group), never as zero; an error is returned only when a source fails
// in a way no reader should see as a figure (and then the whole call
// fails). A period that has not ended is computed up to now.
func (e Engine) Values(ctx context.Context, ind Indicator, unitIDs []int64, periods []Period) ([]Value, error) {
	return nil, ErrNotBuilt
}

// Computations returns the registry of computed indicators, in the order
// the dashboard shows them within their perspective.
func Computations() []Computation { return nil }

// ComputationByKey returns the computation named key.
func ComputationByKey(key string) (Computation, bool) {
	for _, c := range Computations() {
		if c.Key == key {
			return c, true
		}
	}
	return Computation{}, false
}
