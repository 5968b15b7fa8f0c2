package followup

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// The computations over e-services and errands (ErrandSource).

// MinErrandsForShare is the fewest errands a service must have had in a
// period for its digital share to count it as mostly analog: a service
// with two errands, one on paper, says little. It is MinGroup, so that a
// share judged is also a share that may be shown.
const MinErrandsForShare = MinGroup

// AnalogShareLimit is the digital share under which a service is counted
// as still mostly analog.
const AnalogShareLimit = 0.5

// Every figure computed from errands rests on some of them: the errands
// of the period (or its digital ones), or the decisions for a lead time.
// When those are 1 to MinGroup−1 the figure is Suppressed, as competence
// aggregates are, so that a small unit's or a short period's figure never
// tells about one person's errand (a lead time of one decision is that
// errand's lead time); none at all is NoData, or zero for a count.

// restsOn returns the value to give instead of a figure resting on n
// errands or decisions, and false when the figure may be shown: NoData
// for none when noneIsData is false, Suppressed for fewer than MinGroup.
func restsOn(n int, noneIsData bool) (Value, bool) {
	switch {
	case n == 0 && !noneIsData:
		return unknown(NoData), true
	case n > 0 && n < MinGroup:
		return unknown(Suppressed), true
	}
	return Value{}, false
}

// trygghetComputations are the computations of digital trygghet:
// services, channels and lead times.
func trygghetComputations() []Computation {
	return []Computation{
		{Key: "e-tjanster-antal", Perspective: Trygghet, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Antal e-tjänster", "Number of e-services"),
			Method: text("E-tjänster som har publicerats och ägs av enheten eller någon av dess underenheter, räknat vid periodens slut (i dag för en pågående period).",
				"E-services published and owned by the unit or one of its sub-units, counted at the end of the period (today for a period not yet over)."),
			compute: serviceCount},
		{Key: "digital-andel", Perspective: Trygghet, Measure: MeasureShare, Direction: HigherIsBetter,
			Name: text("Andel ärenden som kom in digitalt", "Share of errands that arrived digitally"),
			Method: text("Ärenden som lämnades in genom e-tjänsten delat med alla ärenden som kom in under perioden, oavsett kanal (papper, telefon, besök, brev).",
				"Errands submitted through the e-service divided by every errand that arrived in the period, whatever the channel (paper, phone, visit, letter)."),
			compute: digitalShare},
		{Key: "analoga-tjanster", Perspective: Trygghet, Measure: MeasureCount, Direction: LowerIsBetter,
			Name: text("E-tjänster som fortfarande mest används analogt", "Services still used mostly on paper"),
			Method: text(fmt.Sprintf("E-tjänster med minst %d ärenden under perioden där mindre än %d %% kom in digitalt.", MinErrandsForShare, int(AnalogShareLimit*100)),
				fmt.Sprintf("Services with at least %d errands in the period of which less than %d %% arrived digitally.", MinErrandsForShare, int(AnalogShareLimit*100))),
			compute: analogCount},
		{Key: "handlaggningstid-median", Perspective: Trygghet, Measure: MeasureDays, Direction: LowerIsBetter,
			Name: text("Handläggningstid, median", "Lead time, median"),
			Method: text("Medianen av tiden från inlämning till beslut, i dagar, för ärenden som beslutades under perioden.",
				"The median time from submission to decision, in days, of the errands decided in the period."),
			compute: leadTime(func(f ErrandFigures) time.Duration { return f.LeadMedian })},
		{Key: "handlaggningstid-p90", Perspective: Trygghet, Measure: MeasureDays, Direction: LowerIsBetter,
			Name: text("Handläggningstid, 90:e percentilen", "Lead time, 90th percentile"),
			Method: text("Den tid inom vilken nio av tio ärenden som beslutades under perioden fick sitt beslut, i dagar från inlämning.",
				"The time within which nine in ten of the errands decided in the period had their decision, in days from submission."),
			compute: leadTime(func(f ErrandFigures) time.Duration { return f.LeadP90 })},
		{Key: "forsenade-arenden", Perspective: Trygghet, Measure: MeasureCount, Direction: LowerIsBetter,
			Name: text("Försenade ärenden", "Overdue errands"),
			Method: text("Ärenden som kom in under perioden och vid periodens slut (i dag för en pågående period) hade passerat sin sista dag utan beslut.",
				"Errands that arrived in the period and at its end (today for a period not yet over) were past their due date without a decision."),
			compute: overdue},
	}
}

// errandTotal reads the errand figures of the units over the part of p
// that has passed, as one row; ok is false with the value to return when
// the module does not exist.
func errandTotal(ctx context.Context, s Sources, q scope) (ErrandFigures, Value, bool, error) {
	if s.Errands == nil {
		return ErrandFigures{}, unknown(NoSourceModule), false, nil
	}
	rows, err := errandRows(ctx, s, q, InTotal)
	if err != nil || len(rows) == 0 {
		return ErrandFigures{}, unknown(NoData), false, err
	}
	return rows[0], Value{}, true, nil
}

// errandRows reads the errand figures grouped as g.
func errandRows(ctx context.Context, s Sources, q scope, g Grouping) ([]ErrandFigures, error) {
	from, to := q.window()
	rows, err := s.Errands.ErrandFigures(ctx, ErrandQuery{UnitIDs: q.units, From: from, To: to, Group: g})
	if err != nil {
		return nil, fmt.Errorf("errand figures: %w", err)
	}
	return rows, nil
}

// serviceCount counts the units' services published by the period's end.
func serviceCount(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Errands == nil {
		return unknown(NoSourceModule), nil
	}
	services, err := s.Errands.Services(ctx)
	if err != nil {
		return Value{}, fmt.Errorf("services: %w", err)
	}
	_, to := q.window()
	n := 0
	for _, svc := range services {
		if slices.Contains(q.units, svc.UnitID) && !svc.PublishedAt.IsZero() && svc.PublishedAt.Before(to) {
			n++
		}
	}
	return known(float64(n)), nil
}

// digitalShare is the share of the period's errands that came digitally;
// NoData when none came, Suppressed when fewer than MinGroup did.
func digitalShare(ctx context.Context, s Sources, q scope) (Value, error) {
	f, v, ok, err := errandTotal(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	if v, hide := restsOn(f.Errands, false); hide {
		return v, nil
	}
	return known(float64(f.ByChannel[ChannelDigital]) / float64(f.Errands)), nil
}

// IsMostlyAnalog reports whether the figures r (of one service) show a
// service still used mostly analog: at least MinErrandsForShare errands,
// of which less than AnalogShareLimit came digitally. It is the one rule
// of both the indicator analoga-tjanster and NotUsedFully.
func IsMostlyAnalog(r ErrandFigures) bool {
	return r.Errands >= MinErrandsForShare && float64(r.ByChannel[ChannelDigital]) < AnalogShareLimit*float64(r.Errands)
}

// MostlyAnalog returns the rows (per service) that IsMostlyAnalog: the
// services where digitalization is not used fully.
func MostlyAnalog(rows []ErrandFigures) []ErrandFigures {
	var out []ErrandFigures
	for _, r := range rows {
		if IsMostlyAnalog(r) {
			out = append(out, r)
		}
	}
	return out
}

// AnalogServices returns the services of the unit (0 = the group) that
// were still mostly analog in period p (see MostlyAnalog), with their
// figures; none when there is no errand module.
func (e Engine) AnalogServices(ctx context.Context, unitID int64, p Period) ([]ErrandFigures, error) {
	units := e.unitsOf(unitID)
	if e.Sources.Errands == nil || len(units) == 0 {
		return nil, nil
	}
	rows, err := errandRows(ctx, e.Sources, scope{unit: unitID, units: units, p: p, now: e.now()}, PerService)
	if err != nil {
		return nil, err
	}
	return MostlyAnalog(rows), nil
}

// analogCount counts the services still mostly analog; NoData when no
// errand arrived, Suppressed when fewer than MinGroup did.
func analogCount(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Errands == nil {
		return unknown(NoSourceModule), nil
	}
	rows, err := errandRows(ctx, s, q, PerService)
	if err != nil {
		return Value{}, err
	}
	total := 0
	for _, r := range rows {
		total += r.Errands
	}
	if v, hide := restsOn(total, false); hide {
		return v, nil
	}
	return known(float64(len(MostlyAnalog(rows)))), nil
}

// leadTime returns the computation of a lead time of the period's
// decisions, in days; NoData when nothing was decided, Suppressed when
// fewer than MinGroup errands were.
func leadTime(pick func(ErrandFigures) time.Duration) func(context.Context, Sources, scope) (Value, error) {
	return func(ctx context.Context, s Sources, q scope) (Value, error) {
		f, v, ok, err := errandTotal(ctx, s, q)
		if !ok || err != nil {
			return v, err
		}
		if v, hide := restsOn(f.Decided, false); hide {
			return v, nil
		}
		return known(pick(f).Hours() / 24), nil
	}
}

// overdue counts the errands of the period overdue at its end; zero
// when none arrived, Suppressed when fewer than MinGroup did.
func overdue(ctx context.Context, s Sources, q scope) (Value, error) {
	f, v, ok, err := errandTotal(ctx, s, q)
	if !ok || err != nil {
		return v, err
	}
	if v, hide := restsOn(f.Errands, true); hide {
		return v, nil
	}
	return known(float64(f.Overdue)), nil
}
