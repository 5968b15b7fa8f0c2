package followup

import (
	"cmp"
	"slices"
	"time"

	"sprang/internal/identity"
)

// Where digitalization is not used fully (the policy's digitalt
// ledarskap asks to find it): NotUsedFully lists, from the year's data,
// the services whose errands still arrive mostly on paper, by phone, by
// visit or by letter; the förvaltningar and bolag that offer no e-service;
// the units whose maturity self-assessment is low; and the DigComp areas
// in which a unit's staff rate themselves low. Every finding carries the
// figures behind it and the threshold it crossed, so a reader can judge it.

// FindingKind says what a finding is about.
type FindingKind string

// The kinds of finding, in the order NotUsedFully lists them.
const (
	FindingAnalogService FindingKind = "analog_service" // a service whose errands arrive mostly outside the e-service
	FindingNoEServices   FindingKind = "no_eservices"   // a förvaltning or bolag without a published e-service
	FindingLowMaturity   FindingKind = "low_maturity"   // a unit whose maturity is low
	FindingCompetenceGap FindingKind = "competence_gap" // a DigComp area where a unit's mean level is low
)

// FindingKinds returns the kinds of finding in the order NotUsedFully
// lists them.
func FindingKinds() []FindingKind {
	return []FindingKind{FindingAnalogService, FindingNoEServices, FindingLowMaturity, FindingCompetenceGap}
}

// The thresholds of NotUsedFully.
const (
	// NotUsedAnalogShare is the share of a service's errands arriving
	// outside the e-service above which it is listed: the other side of
	// AnalogShareLimit (the rule is IsMostlyAnalog).
	NotUsedAnalogShare = 1 - AnalogShareLimit
	// NotUsedMinErrands is the fewest errands in the year a service must
	// have to be judged: with fewer, a share says little
	// (MinErrandsForShare, the rule of IsMostlyAnalog).
	NotUsedMinErrands = MinErrandsForShare
	// NotUsedLowMaturity is the maturity (the mean of capability and
	// heritage, 0–100) below which a unit is listed.
	NotUsedLowMaturity = 40.0
	// NotUsedCompetenceGap is the mean DigComp level (1–8) below which an
	// area is listed; only areas where at least MinGroup answered are
	// judged.
	NotUsedCompetenceGap = 3.0
)

// UnitAreas is the DigComp areas of a unit (0: the group as a whole).
type UnitAreas struct {
	UnitID int64
	Areas  []AreaSummary // as the competence survey summarizes them
}

// NotUsedInput is what NotUsedFully judges, for one year.
type NotUsedInput struct {
	Tree *identity.Tree // the organization: which units are förvaltningar and bolag, and their sub-units
	// Services are the year's errand figures per service (PerService).
	Services []ErrandFigures
	// EServices are the e-services; those published before the year
	// ended count for their owning unit and the units above it.
	EServices []Service
	// YearEnd is the end of the year judged: an e-service published
	// later does not count.
	YearEnd time.Time
	// Maturity are the year's maturity self-assessments, one per unit.
	Maturity []MaturityScore
	// Competence are the year's DigComp areas per unit.
	Competence []UnitAreas
}

// Finding is one place where digitalization is not used fully, with the
// figures behind it. Which fields are set depends on Kind:
//
//   - FindingAnalogService: UnitID, ServiceID, Service; Count the errands that
//     arrived outside the e-service, Of all the service's errands,
//     Measured their share (0–1), Threshold NotUsedAnalogShare.
//   - FindingNoEServices: UnitID; Of the e-services published (0), Threshold 1
//     (at least one is expected).
//   - FindingLowMaturity: UnitID; Measured the maturity (0–100), Capability and
//     Heritage its two dimensions, Threshold NotUsedLowMaturity.
//   - FindingCompetenceGap: UnitID (0: the group as a whole), Area and AreaName;
//     Measured the mean level (1–8), Of the respondents, Threshold
//     NotUsedCompetenceGap.
type Finding struct {
	Kind       FindingKind
	UnitID     int64
	ServiceID  int64
	Service    Text
	Area       string
	AreaName   Text
	Measured   float64
	Count      int
	Of         int
	Capability float64
	Heritage   float64
	Threshold  float64
}

// NotUsedFully returns the findings of in: services that IsMostlyAnalog
// (at least NotUsedMinErrands errands, of which more than
// NotUsedAnalogShare arrived outside the e-service); förvaltningar and bolag (with their sub-units)
// without an e-service published by in.YearEnd; units whose maturity is
// below NotUsedLowMaturity; and DigComp areas where at least MinGroup of a
// unit answered and their mean level is below NotUsedCompetenceGap. They
// come kind by kind in the order of FindingKinds, the worst first within
// a kind (the largest analog share, the lowest maturity or level), then
// in the tree's order of units.
func NotUsedFully(in NotUsedInput) []Finding {
	var out []Finding
	out = append(out, notUsedAnalog(in.Services)...)
	out = append(out, notUsedNoEServices(in.Tree, in.EServices, in.YearEnd)...)
	out = append(out, notUsedMaturity(in.Maturity)...)
	out = append(out, notUsedCompetence(in.Competence)...)
	order := notUsedUnitOrder(in.Tree)
	kind := map[FindingKind]int{}
	for i, k := range FindingKinds() {
		kind[k] = i
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(kind[a.Kind], kind[b.Kind]), notUsedWorse(a, b),
			cmp.Compare(order[a.UnitID], order[b.UnitID]), cmp.Compare(a.ServiceID, b.ServiceID), cmp.Compare(a.Area, b.Area))
	})
	return out
}

// notUsedWorse orders two findings of one kind worst first: the larger analog
// share, the lower maturity or level.
func notUsedWorse(a, b Finding) int {
	if a.Kind == FindingAnalogService {
		return cmp.Compare(b.Measured, a.Measured)
	}
	return cmp.Compare(a.Measured, b.Measured)
}

// notUsedUnitOrder returns each unit's place in the tree's order; the group as
// a whole (0) comes first.
func notUsedUnitOrder(t *identity.Tree) map[int64]int {
	order := map[int64]int{0: -1}
	for i, n := range t.Walk() {
		order[n.ID] = i
	}
	return order
}

// notUsedAnalog returns the services that are mostly analog, by the rule
// of the indicator analoga-tjanster (IsMostlyAnalog).
func notUsedAnalog(services []ErrandFigures) []Finding {
	var out []Finding
	for _, s := range services {
		if !IsMostlyAnalog(s) {
			continue
		}
		analog := s.Errands - s.ByChannel[ChannelDigital]
		out = append(out, Finding{Kind: FindingAnalogService, UnitID: s.UnitID, ServiceID: s.ServiceID, Service: s.Service,
			Count: analog, Of: s.Errands, Measured: float64(analog) / float64(s.Errands), Threshold: NotUsedAnalogShare})
	}
	return out
}

// notUsedNoEServices returns the förvaltningar and bolag of t with no
// e-service published before end, in their own unit or one below.
func notUsedNoEServices(t *identity.Tree, services []Service, end time.Time) []Finding {
	var out []Finding
	for _, n := range t.Walk() {
		if n.Kind != identity.KindForvaltning && n.Kind != identity.KindBolag {
			continue
		}
		has := slices.ContainsFunc(services, func(s Service) bool {
			return !s.PublishedAt.IsZero() && s.PublishedAt.Before(end) && t.Within(s.UnitID, n.ID)
		})
		if !has {
			out = append(out, Finding{Kind: FindingNoEServices, UnitID: n.ID, Threshold: 1})
		}
	}
	return out
}

// notUsedMaturity returns the units whose maturity is below the limit.
func notUsedMaturity(scores []MaturityScore) []Finding {
	var out []Finding
	for _, m := range scores {
		if m.Total < NotUsedLowMaturity {
			out = append(out, Finding{Kind: FindingLowMaturity, UnitID: m.UnitID, Measured: m.Total,
				Capability: m.Capability, Heritage: m.Heritage, Threshold: NotUsedLowMaturity})
		}
	}
	return out
}

// notUsedCompetence returns the DigComp areas, per unit, where enough
// answered and the mean level is low. A suppressed area is never judged.
func notUsedCompetence(units []UnitAreas) []Finding {
	var out []Finding
	for _, u := range units {
		for _, a := range u.Areas {
			if a.Suppressed || a.Respondents < MinGroup || a.MeanLevel >= NotUsedCompetenceGap {
				continue
			}
			out = append(out, Finding{Kind: FindingCompetenceGap, UnitID: u.UnitID, Area: a.Area, AreaName: a.Name,
				Measured: a.MeanLevel, Of: a.Respondents, Threshold: NotUsedCompetenceGap})
		}
	}
	return out
}
