package followup

import (
	"context"
	"fmt"
)

// The computations over the self-assessments (MaturitySource,
// CompetenceSource) and the initiative portfolio (PortfolioSource).

// kompetensComputations are the computations of digital kompetens.
func kompetensComputations() []Computation {
	return []Computation{
		{Key: "kompetens-medel", Perspective: Kompetens, Measure: MeasureScore, Direction: HigherIsBetter,
			Name: text("Digital kompetens, medelnivå", "Digital competence, mean level"),
			Method: text(fmt.Sprintf("Medelvärdet av de självskattade nivåerna (1–8) över DigComp 2.2:s kompetenser för dem som svarade under året. Visas bara när minst %d har svarat.", MinGroup),
				fmt.Sprintf("The mean of the self-assessed levels (1–8) over the DigComp 2.2 competences of those who answered in the year. Shown only when at least %d answered.", MinGroup)),
			compute: competenceMean},
	}
}

// ledarskapComputations are the computations of digitalt ledarskap.
func ledarskapComputations() []Computation {
	return []Computation{
		{Key: "mognad-medel", Perspective: Ledarskap, Measure: MeasurePercent, Direction: HigherIsBetter,
			Name: text("Digital mognad, medelvärde", "Digital maturity, mean"),
			Method: text("Medelvärdet av enheternas mognadsindex (digital förmåga och digitalt arv, 0–100) i årets inlämnade självskattningar.",
				"The mean of the units' maturity index (digital capability and digital heritage, 0–100) in the year's submitted self-assessments."),
			compute: maturityMean},
		{Key: "initiativ-pagaende", Perspective: Ledarskap, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Pågående digitaliseringsinitiativ", "Active digitalization initiatives"),
			Method: text("Initiativ som enheten äger eller deltar i och som vid periodens slut var i förstudie eller pågick.",
				"Initiatives the unit owns or takes part in that were in pre-study or ongoing at the end of the period."),
			compute: initiativesIn(StatusPreStudy, StatusOngoing)},
		{Key: "initiativ-inforda", Perspective: Ledarskap, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Införda digitaliseringsinitiativ", "Introduced digitalization initiatives"),
			Method: text("Initiativ som enheten äger eller deltar i och som vid periodens slut var införda.",
				"Initiatives the unit owns or takes part in that were introduced by the end of the period."),
			compute: initiativesIn(StatusIntroduced)},
		{Key: "realiserad-nytta", Perspective: Ledarskap, Measure: MeasureCount, Direction: HigherIsBetter,
			Name: text("Realiserade nyttor", "Realized benefits"),
			Method: text("Nyttor som registrerades som realiserade under perioden för initiativ som enheten äger.",
				"Benefits recorded as realized in the period for initiatives the unit owns."),
			compute: benefits(false)},
		{Key: "realiserad-nytta-kr", Perspective: Ledarskap, Measure: MeasureSEK, Direction: HigherIsBetter,
			Name: text("Realiserad nytta i kronor per år", "Realized benefit in kronor a year"),
			Method: text("Summan av de realiserade nyttor under perioden som värderats i kronor per år, för initiativ som enheten äger.",
				"The sum of the benefits realized in the period that were valued in kronor a year, for initiatives the unit owns."),
			compute: benefits(true)},
	}
}

// competenceMean is the mean self-assessed level; Suppressed when fewer
// than MinGroup answered, NoData when nobody did.
func competenceMean(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Competence == nil {
		return unknown(NoSourceModule), nil
	}
	sum, err := s.Competence.CompetenceSummary(ctx, q.units, q.p.Year)
	if err != nil {
		return Value{}, fmt.Errorf("competence: %w", err)
	}
	switch {
	case sum.Respondents == 0:
		return unknown(NoData), nil
	case sum.Respondents < MinGroup:
		return unknown(Suppressed), nil
	}
	return known(sum.MeanLevel), nil
}

// maturityMean is the mean maturity index of the units assessed in the
// year; NoData when none was.
func maturityMean(ctx context.Context, s Sources, q scope) (Value, error) {
	if s.Maturity == nil {
		return unknown(NoSourceModule), nil
	}
	scores, err := s.Maturity.MaturityScores(ctx, q.units, q.p.Year)
	if err != nil {
		return Value{}, fmt.Errorf("maturity: %w", err)
	}
	if len(scores) == 0 {
		return unknown(NoData), nil
	}
	total := 0.0
	for _, sc := range scores {
		total += sc.Total
	}
	return known(total / float64(len(scores))), nil
}

// initiativesIn returns the computation counting the initiatives in any
// of statuses at the end of the period.
func initiativesIn(statuses ...InitiativeStatus) func(context.Context, Sources, scope) (Value, error) {
	return func(ctx context.Context, s Sources, q scope) (Value, error) {
		if s.Portfolio == nil {
			return unknown(NoSourceModule), nil
		}
		from, to := q.window()
		counts, err := s.Portfolio.InitiativeStatuses(ctx, q.units, from, to)
		if err != nil {
			return Value{}, fmt.Errorf("initiatives: %w", err)
		}
		n := 0
		for _, st := range statuses {
			n += counts[st]
		}
		return known(float64(n)), nil
	}
}

// benefits returns the computation of the period's realized benefits:
// their number, or their value in kronor a year when sek is set.
func benefits(sek bool) func(context.Context, Sources, scope) (Value, error) {
	return func(ctx context.Context, s Sources, q scope) (Value, error) {
		if s.Portfolio == nil {
			return unknown(NoSourceModule), nil
		}
		from, to := q.window()
		n, kr, err := s.Portfolio.RealizedBenefits(ctx, q.units, from, to)
		if err != nil {
			return Value{}, fmt.Errorf("benefits: %w", err)
		}
		if sek {
			return known(kr), nil
		}
		return known(float64(n)), nil
	}
}
