package followup

import (
	"context"
	"errors"
	"fmt"
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
	Method      Text // how it is computed, with the default factors (see MethodFor)
	Measure     Measure
	Direction   Direction
	// GroupOnly is set when the figure exists for the group as a whole
	// only (the platform's page weight): a unit's value is NotForUnit.
	GroupOnly bool
	// compute returns the value for the units (a unit and its sub-units,
	// or every unit for the group) over the period, counted up to now.
	compute func(ctx context.Context, s Sources, q scope) (Value, error)
	// methodOf writes the method with the factors it uses; nil when the
	// method uses none.
	methodOf func(f Factors) Text
}

// MethodFor returns the computation's method text with the factors f
// (their defaults where f leaves them zero) written into it.
func (c Computation) MethodFor(f Factors) Text {
	if c.methodOf == nil {
		return c.Method
	}
	return c.methodOf(f.OrDefault())
}

// Engine computes the values of indicators: computed ones from Sources,
// manual and Kolada ones from Sources.Values.
type Engine struct {
	Sources Sources
	Tree    *identity.Tree   // the organization, to resolve a unit to its subtree
	Now     func() time.Time // nil means time.Now
}

// ErrNotBuilt is returned by parts of the follow-up not written yet.
var ErrNotBuilt = errors.New("followup: not built yet")

// Values returns the values of ind for each of unitIDs (0 = the group as
// a whole: every unit) and each of periods, in the order unit by unit,
// period by period. A value that cannot be known is returned with Known
// false and its Reason (a missing module, nothing to count, a suppressed
// group), never as zero; an error is returned only when a source fails
// in a way no reader should see as a figure (and then the whole call
// fails). A period that has not ended is computed up to now, and its
// computed values are Partial.
func (e Engine) Values(ctx context.Context, ind Indicator, unitIDs []int64, periods []Period) ([]Value, error) {
	if ind.Source == Computed {
		return e.computedValues(ctx, ind, unitIDs, periods)
	}
	return e.storedValues(ctx, ind.Key, unitIDs, periods)
}

// Method returns what readers are told about how ind is measured: its
// own method text and, for a computed indicator, the computation's method
// with the configured factors.
func (e Engine) Method(ind Indicator) Text {
	c, ok := ComputationByKey(ind.Computation)
	if ind.Source != Computed || !ok {
		return ind.Method
	}
	m := c.MethodFor(e.Sources.Factors)
	return Text{SV: joinText(ind.Method.SV, m.SV), EN: joinText(ind.Method.In("en"), m.In("en"))}
}

// joinText joins two paragraphs, leaving out an empty one.
func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	}
	return a + "\n\n" + b
}

// now returns the engine's time.
func (e Engine) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// unitsOf returns the units a figure for unitID counts: every unit of the
// tree for the group (0), else the unit and its sub-units; none for an
// unknown unit.
func (e Engine) unitsOf(unitID int64) []int64 {
	if unitID != 0 {
		return e.Tree.Subtree(unitID)
	}
	nodes := e.Tree.Walk()
	out := make([]int64, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID
	}
	return out
}

// computedValues computes ind's values with its computation.
func (e Engine) computedValues(ctx context.Context, ind Indicator, unitIDs []int64, periods []Period) ([]Value, error) {
	c, ok := ComputationByKey(ind.Computation)
	if !ok {
		return nil, fmt.Errorf("indicator %s: no computation %q", ind.Key, ind.Computation)
	}
	now := e.now()
	out := make([]Value, 0, len(unitIDs)*len(periods))
	for _, u := range unitIDs {
		units := e.unitsOf(u)
		for _, p := range periods {
			v, err := e.computeOne(ctx, c, u, units, p, now)
			if err != nil {
				return nil, fmt.Errorf("indicator %s, unit %d, %s: %w", ind.Key, u, p, err)
			}
			v.Indicator, v.UnitID, v.Period = ind.Key, u, p
			_, end := p.Bounds(Location())
			v.Partial = now.Before(end)
			out = append(out, v)
		}
	}
	return out, nil
}

// computeOne computes one value, or says why there is none: a unit
// figure of a group-only computation, an unknown unit, a period not yet
// begun.
func (e Engine) computeOne(ctx context.Context, c Computation, unitID int64, units []int64, p Period, now time.Time) (Value, error) {
	from, _ := p.Bounds(Location())
	switch {
	case c.GroupOnly && unitID != 0:
		return unknown(NotForUnit), nil
	case len(units) == 0 || !from.Before(now):
		return unknown(NoData), nil
	}
	return c.compute(ctx, e.Sources, scope{unit: unitID, units: units, p: p, now: now})
}

// storedValues reads manual or imported values; a unit and period
// without one is NoData.
func (e Engine) storedValues(ctx context.Context, key string, unitIDs []int64, periods []Period) ([]Value, error) {
	out := make([]Value, 0, len(unitIDs)*len(periods))
	stored := map[valueKey]Value{}
	if e.Sources.Values != nil {
		vs, err := e.Sources.Values.StoredValues(ctx, key, unitIDs, periods)
		if err != nil {
			return nil, fmt.Errorf("indicator %s: %w", key, err)
		}
		for _, v := range vs {
			stored[valueKey{v.UnitID, v.Period}] = v
		}
	}
	for _, u := range unitIDs {
		for _, p := range periods {
			v, ok := stored[valueKey{u, p}]
			if !ok {
				v = unknown(NoData)
				if e.Sources.Values == nil {
					v.Reason = NoSourceModule
				}
			}
			v.Indicator, v.UnitID, v.Period = key, u, p
			out = append(out, v)
		}
	}
	return out, nil
}

// valueKey identifies a value of one indicator.
type valueKey struct {
	unit   int64
	period Period
}

// unknown returns a value that is not known for reason r.
func unknown(r Reason) Value { return Value{Reason: r} }

// known returns the figure x.
func known(x float64) Value { return Value{Value: x, Known: true} }

// Computations returns the registry of computed indicators, in the order
// the dashboard shows them within their perspective.
func Computations() []Computation { return computations }

// ComputationByKey returns the computation named key.
func ComputationByKey(key string) (Computation, bool) {
	for _, c := range Computations() {
		if c.Key == key {
			return c, true
		}
	}
	return Computation{}, false
}
