package followup

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"sprang/internal/identity"
)

// Direction says which way an indicator should move.
type Direction string

// The directions.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
)

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return d == HigherIsBetter || d == LowerIsBetter }

// Measure is an indicator's unit of measure. It decides how values are
// written (a share as a percentage, days with one decimal, …).
type Measure string

// The units of measure.
const (
	MeasureShare   Measure = "share"   // a share from 0 to 1, written as a percentage
	MeasureCount   Measure = "count"   // a whole number of things
	MeasureDays    Measure = "days"    // a duration in days
	MeasureKB      Measure = "kb"      // kilobytes
	MeasureGramCO2 Measure = "gco2e"   // grams of CO₂ equivalents
	MeasureKgCO2   Measure = "kgco2e"  // kilograms of CO₂ equivalents
	MeasureKm      Measure = "km"      // kilometres
	MeasureSEK     Measure = "sek"     // Swedish kronor
	MeasureScore   Measure = "score"   // a score on the indicator's own scale (e.g. a DigComp level 1–8)
	MeasurePercent Measure = "percent" // a percentage from 0 to 100 as entered (e.g. a maturity index)
)

// Measures returns every unit of measure.
func Measures() []Measure {
	return []Measure{MeasureShare, MeasureCount, MeasureDays, MeasureKB, MeasureGramCO2, MeasureKgCO2,
		MeasureKm, MeasureSEK, MeasureScore, MeasurePercent}
}

// Valid reports whether m is one of Measures.
func (m Measure) Valid() bool {
	for _, x := range Measures() {
		if m == x {
			return true
		}
	}
	return false
}

// SourceKind says where an indicator's values come from.
type SourceKind string

// The kinds of source.
const (
	// Computed values are read live from the platform's modules by one of
	// the computations of Computations (Indicator.Computation).
	Computed SourceKind = "computed"
	// Manual values are entered per period by the responsible unit, with
	// a source and a comment.
	Manual SourceKind = "manual"
	// Kolada values are imported from Kolada's published JSON for the
	// indicator's KPI (Indicator.KoladaKPI), and may be entered by hand
	// as well.
	Kolada SourceKind = "kolada"
)

// Valid reports whether k is a known kind of source.
func (k SourceKind) Valid() bool { return k == Computed || k == Manual || k == Kolada }

// Indicator is one measure of the policy's follow-up. Key is its stable
// identity (lower-case letters, digits and hyphens; used in URLs and the
// open dataset); the rest may change.
type Indicator struct {
	Key         string
	Perspective Perspective
	OwnerUnitID int64 // the unit responsible for it (enters its manual values)
	Name        Text
	Method      Text // how it is measured, shown to readers next to the figures
	Measure     Measure
	Direction   Direction
	Source      SourceKind
	Computation string // the key of its computation when Source is Computed
	KoladaKPI   string // Kolada's KPI id (e.g. "N07402") when Source is Kolada
	Public      bool   // shown on the public dashboard and published as open data
	// Margin is how far from its target a value may be and still be "at
	// risk" rather than "off track", as a share of the target (0.1 = 10 %);
	// 0 means DefaultMargin.
	Margin  float64
	Targets []Target // at most one per year
	Order   int      // its place among the indicators of its perspective
}

// DefaultMargin is the at-risk margin of an indicator without its own.
const DefaultMargin = 0.1

// Target is what an indicator should reach in a year, for the group as a
// whole and every unit alike.
type Target struct {
	Year  int
	Value float64
}

// TargetFor returns the indicator's target for year, and whether it has
// one.
func (ind Indicator) TargetFor(year int) (float64, bool) {
	for _, t := range ind.Targets {
		if t.Year == year {
			return t.Value, true
		}
	}
	return 0, false
}

// Value is one figure of an indicator: for a unit (0 = the whole group)
// and a period. Known is false when there is no figure (then Reason says
// why); a figure of zero is Known with Value 0.
type Value struct {
	Indicator string
	UnitID    int64
	Period    Period
	Value     float64
	Known     bool
	Reason    Reason // why there is no figure, when Known is false
	// Source and Comment are given with a manual or imported value: where
	// the figure comes from ("Kolada N07402", "Medarbetarenkäten 2025")
	// and anything a reader should know.
	Source  string
	Comment string
	// Partial is set by the engine on a computed value of a period that
	// had not ended when it was computed: a figure up to now (year to
	// date), not the period's.
	Partial bool
}

// Reason says why a value is not known.
type Reason string

// The reasons a value is not known.
const (
	NoData         Reason = "no_data"       // nothing to count in the period, or nothing entered
	NoSourceModule Reason = "no_source"     // the module it is computed from does not exist yet (e.g. the idea portal)
	Suppressed     Reason = "suppressed"    // hidden: fewer than MinGroup people answered, or errands or decisions to count
	NotForUnit     Reason = "not_for_unit"  // the indicator is followed for the group as a whole only
	SourceFailed   Reason = "source_failed" // the source module could not be read just now
)

// Status is how an indicator's value in a period stands against its
// target.
type Status string

// The statuses.
const (
	OnTrack  Status = "on_track"  // the target is met
	AtRisk   Status = "at_risk"   // within the margin of the target
	OffTrack Status = "off_track" // further from it
	NoStatus Status = ""          // no target for the year, or no value
)

// Accumulates reports whether figures of measure m add up over a period
// (counts, kronor, kilometres, kilograms CO₂e): a part of the period
// holds only part of its figure, so it cannot be judged against the
// period's target until the period has ended.
func (m Measure) Accumulates() bool {
	switch m {
	case MeasureCount, MeasureSEK, MeasureKm, MeasureKgCO2:
		return true
	}
	return false
}

// AwaitsPeriodEnd reports whether v of ind has a target but no status
// because it is a Partial value of an accumulating measure: it is judged
// when its period (the year) has ended.
func AwaitsPeriodEnd(ind Indicator, v Value) bool {
	_, ok := ind.TargetFor(v.Period.Year)
	return ok && v.Known && v.Partial && ind.Measure.Accumulates()
}

// StatusOf returns the status of value v of indicator ind: NoStatus when
// v is not known, the indicator has no target for v's year, or v
// AwaitsPeriodEnd (a year-to-date count against a year's target); OnTrack
// when v meets the target in the indicator's direction; AtRisk when it
// misses it by at most the margin (a share of the target's magnitude, or
// of 1 for a target of 0); OffTrack otherwise.
func StatusOf(ind Indicator, v Value) Status {
	target, ok := ind.TargetFor(v.Period.Year)
	if !v.Known || !ok || math.IsNaN(v.Value) || AwaitsPeriodEnd(ind, v) {
		return NoStatus
	}
	miss := target - v.Value // how far below the target
	if ind.Direction == LowerIsBetter {
		miss = v.Value - target // how far above it
	}
	if miss <= 0 {
		return OnTrack
	}
	margin := ind.Margin
	if margin <= 0 {
		margin = DefaultMargin
	}
	scale := math.Abs(target)
	if scale == 0 {
		scale = 1
	}
	if miss <= margin*scale+1e-9 {
		return AtRisk
	}
	return OffTrack
}

// MinGroup is the fewest people whose answers may be shown together (the
// k in k-anonymity): competence aggregates of fewer are Suppressed, and
// so are figures computed from fewer errands or decisions.
const MinGroup = 5

// Message keys of Indicator.Check's field errors.
const (
	MsgIndicatorKey         = "followup.indicators.check.key"         // not a key of a–z, 0–9 and hyphens
	MsgIndicatorPerspective = "followup.indicators.check.perspective" // no perspective chosen
	MsgIndicatorName        = "followup.indicators.check.name"        // no Swedish name
	MsgIndicatorMethod      = "followup.indicators.check.method"      // no Swedish method text
	MsgIndicatorMeasure     = "followup.indicators.check.measure"     // no unit of measure
	MsgIndicatorDirection   = "followup.indicators.check.direction"   // no direction
	MsgIndicatorSource      = "followup.indicators.check.source"      // no kind of source
	MsgIndicatorComputation = "followup.indicators.check.computation" // a computed indicator without a known computation
	MsgIndicatorKPI         = "followup.indicators.check.kpi"         // a Kolada indicator without a KPI like N00945
	MsgIndicatorMargin      = "followup.indicators.check.margin"      // a margin outside 0–100 %
	MsgIndicatorTooLong     = "followup.indicators.check.too_long"    // a text too long
	MsgIndicatorOwner       = "followup.indicators.check.owner"       // no owner unit
)

// The limits of an indicator's texts, in characters.
const (
	MaxIndicatorName   = 200
	MaxIndicatorMethod = 4000
)

// koladaKPIPattern is a Kolada KPI id: a capital letter and five digits.
var koladaKPIPattern = regexp.MustCompile(`^[A-Z][0-9]{5}$`)

// ValidKoladaKPI reports whether s is a Kolada KPI id such as "N00945".
func ValidKoladaKPI(s string) bool { return koladaKPIPattern.MatchString(s) }

// Check returns what is wrong with ind as field name → message key
// (key, perspective, owner, name_sv, name_en, method_sv, method_en,
// measure, direction, source, computation, kpi, margin); none for a
// usable indicator. Targets are checked where they are parsed.
func (ind Indicator) Check() map[string]string {
	errs := map[string]string{}
	if !identity.ValidSlug(ind.Key) {
		errs["key"] = MsgIndicatorKey
	}
	checks := []struct {
		field string
		bad   bool
		msg   string
	}{
		{"perspective", !ind.Perspective.Valid(), MsgIndicatorPerspective},
		{"owner", ind.OwnerUnitID <= 0, MsgIndicatorOwner},
		{"name_sv", strings.TrimSpace(ind.Name.SV) == "", MsgIndicatorName},
		{"measure", !ind.Measure.Valid(), MsgIndicatorMeasure},
		{"direction", !ind.Direction.Valid(), MsgIndicatorDirection},
		{"source", !ind.Source.Valid(), MsgIndicatorSource},
		{"method_sv", ind.Source != Computed && strings.TrimSpace(ind.Method.SV) == "", MsgIndicatorMethod},
		{"margin", ind.Margin < 0 || ind.Margin > 1 || math.IsNaN(ind.Margin), MsgIndicatorMargin},
	}
	for _, c := range checks {
		if c.bad {
			errs[c.field] = c.msg
		}
	}
	if _, ok := ComputationByKey(ind.Computation); ind.Source == Computed && !ok {
		errs["computation"] = MsgIndicatorComputation
	}
	if ind.Source == Kolada && !ValidKoladaKPI(ind.KoladaKPI) || ind.KoladaKPI != "" && !ValidKoladaKPI(ind.KoladaKPI) {
		errs["kpi"] = MsgIndicatorKPI
	}
	for field, t := range map[string]struct {
		s   string
		max int
	}{"name_sv": {ind.Name.SV, MaxIndicatorName}, "name_en": {ind.Name.EN, MaxIndicatorName},
		"method_sv": {ind.Method.SV, MaxIndicatorMethod}, "method_en": {ind.Method.EN, MaxIndicatorMethod}} {
		if utf8.RuneCountInString(t.s) > t.max && errs[field] == "" {
			errs[field] = MsgIndicatorTooLong
		}
	}
	return errs
}
