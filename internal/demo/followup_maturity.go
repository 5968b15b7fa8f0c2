package demo

import (
	"context"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// maturityStart is each demo unit's overall level in the first of the
// three demo years, 0–4; the units not listed have no assessments (so the
// overview shows units that have not answered). Each later year adds a
// little, so the history shows progress.
var maturityStart = map[string]int{
	"koncernen": 2, "kommunledning": 2, "utvecklingsavdelningen": 3, "barn-utbildning": 1,
	"social": 1, "samhallsbyggnad": 2, "bostader": 2, "energi": 3,
}

// seedMaturity makes three years of maturity assessments (the three years
// before the current one) for most units, answering the default questions
// (the store fixes them as each year's questions with the first answer).
// It adds what is missing and leaves what exists.
func seedMaturity(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	last := db.Now().In(followup.Location()).Year() - 1
	for slug, start := range maturityStart {
		u, ok := units[slug]
		if !ok {
			continue
		}
		for step, year := 0, last-2; year <= last; step, year = step+1, year+1 {
			_, err := db.MaturityAssessment(ctx, u.ID, year)
			if sprang.ErrorKind(err) != sprang.NotFound {
				if err != nil {
					return err
				}
				continue
			}
			a := followup.MaturityAssessment{UnitID: u.ID, Year: year, Answers: demoMaturityAnswers(start, step)}
			if _, err := db.SaveMaturityAssessment(ctx, a, staff["utveckling"]); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoMaturityAnswers answers the default questions around level start
// plus the year's step: capability grows faster than heritage, as it
// tends to, and the last question of each dimension is "don't know" in
// the first year.
func demoMaturityAnswers(start, step int) map[string]int {
	out := map[string]int{}
	for i, q := range followup.DefaultMaturityQuestions() {
		level := start + (i % 3) - 1 + step
		if q.Dimension == followup.Heritage {
			level = start + (i % 2) - 1 + step/2
		}
		level = min(max(level, followup.AnswerMin), followup.AnswerMax)
		if step == 0 && (i == 5 || i == 11) {
			level = followup.DontKnow
		}
		out[q.Key] = level
	}
	return out
}
