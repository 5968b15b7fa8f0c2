package followup

import (
	"slices"
	"time"
)

// The registry of computed indicators. Each computation reads one source
// and turns the figures of a period into one value; the functions are in
// computations_*.go by the module they read. A computation whose source
// is nil says NoSourceModule, never zero.

// computations is every computation, perspective by perspective in the
// policy's order.
var computations = slices.Concat(trygghetComputations(), kompetensComputations(), ledarskapComputations(),
	hallbarhetComputations(), innovationComputations())

// scope is what one computed value is asked for: the unit (0 = the
// group), the units it counts (the unit and its sub-units, or every
// unit), the period and the time now.
type scope struct {
	unit  int64
	units []int64
	p     Period
	now   time.Time
}

// window returns the part of the period that has passed: its bounds in
// Swedish time, the end moved back to now for a period not yet over.
func (q scope) window() (from, to time.Time) {
	from, to = q.p.Bounds(Location())
	if q.now.Before(to) {
		to = q.now
	}
	return from, to
}

// text is a shorthand for a Text in both languages.
func text(sv, en string) Text { return Text{SV: sv, EN: en} }
