package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestCompetenceOnlyForEndedYears is the subtraction scenario of the
// review (H2): while 2025 is open, five and then six answers of one cell
// give no figure at all — not in the tallies, the areas or the summary —
// so the newcomer's levels cannot be had as 6·m₂ − 5·m₁. From the first
// moment of 2026 in Swedish time the year's figures are shown.
func TestCompetenceOnlyForEndedYears(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC))
			db := boxed(t, storetest.OpenEngineClock(t, e, clock.Now))
			ctx := t.Context()
			social := testOrg(t, db)["socialforvaltningen"].ID
			assertHidden := func(when string) {
				t.Helper()
				if ts, err := db.CompetenceTallies(ctx, 2025); err != nil || len(ts) != 0 {
					t.Errorf("%s: %d tallies, %v; want none", when, len(ts), err)
				}
				if s, err := db.CompetenceSummary(ctx, []int64{social}, 2025); err != nil || s != (followup.CompetenceSummary{}) {
					t.Errorf("%s: summary %+v, %v; want nothing", when, s, err)
				}
				areas, err := db.CompetenceAreas(ctx, []int64{social}, 2025)
				if err != nil || len(areas) != 5 {
					t.Fatalf("%s: areas %+v, %v", when, areas, err)
				}
				for _, a := range areas {
					if !a.Suppressed || a.Respondents != 0 || a.MeanLevel != 0 {
						t.Errorf("%s: area %+v; want no figure", when, a)
					}
				}
			}
			for i := range 5 {
				answerCompetence(t, db, fmt.Sprintf("m%d", i), social, followup.GroupStaff, 3)
			}
			assertHidden("five answers in June")
			answerCompetence(t, db, "newcomer", social, followup.GroupStaff, 8)
			assertHidden("six answers in June")
			clock.Add(time.Date(2025, 12, 31, 22, 59, 0, 0, time.UTC).Sub(clock.Now()))
			assertHidden("a minute before midnight on New Year's Eve")
			clock.Add(time.Minute)
			s, err := db.CompetenceSummary(ctx, []int64{social}, 2025)
			if err != nil || s.Respondents != 6 || s.MeanLevel != 3.8 {
				t.Errorf("after the year: %+v, %v; want 6 respondents at 3.8", s, err)
			}
			if y, err := db.CompetenceYears(ctx); err != nil || len(y) != 1 || y[0] != 2025 {
				t.Errorf("years %v, %v", y, err)
			}
		})
	}
}

// TestCompetenceCellLocked: the first answer of a year fixes the unit
// and role group; a resubmission that changes either is refused with a
// message and changes nothing, one that changes the levels is stored.
func TestCompetenceCellLocked(t *testing.T) {
	t.Parallel()
	eachClock(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		db = boxed(t, db)
		ctx := t.Context()
		org := testOrg(t, db)
		social, bolag := org["socialforvaltningen"].ID, org["bostadsbolaget"].ID
		for i := range 5 {
			answerCompetence(t, db, fmt.Sprintf("o%d", i), social, followup.GroupManager, 2)
		}
		me := answerCompetence(t, db, "jag", social, followup.GroupStaff, 4)
		allowed := []int64{social, bolag}
		for _, tc := range []struct {
			name  string
			unit  int64
			group followup.RoleGroup
		}{
			{"another role group", social, followup.GroupManager},
			{"another unit", bolag, followup.GroupStaff},
			{"both", bolag, followup.GroupElected},
		} {
			_, err := db.SaveCompetence(ctx, followup.CompetenceAnswers{UserID: me, Year: 2025, UnitID: tc.unit, Group: tc.group,
				Levels: levelsAt(8)}, allowed)
			if f := storeFields(t, err); f["unit"] != followup.MsgCompetenceLocked {
				t.Errorf("%s: fields %v; want the unit locked", tc.name, f)
			}
		}
		if s, _ := db.CompetenceSummary(ctx, []int64{social}, 2025); s.Respondents != 5 || s.MeanLevel != 2 {
			t.Errorf("managers after refused moves: %+v; want the 5 at 2, the lone staff member hidden", s)
		}
		if _, err := db.SaveCompetence(ctx, followup.CompetenceAnswers{UserID: me, Year: 2025, UnitID: social, Group: followup.GroupStaff,
			Levels: levelsAt(6)}, allowed); err != nil {
			t.Fatalf("new levels: %v", err)
		}
		if got, err := db.OwnCompetence(ctx, me, 2025); err != nil || got.Levels["1.1"] != 6 || got.UnitID != social || got.Group != followup.GroupStaff {
			t.Errorf("own answers %+v, %v", got, err)
		}
		if _, err := db.SaveCompetence(ctx, followup.CompetenceAnswers{UserID: me, Year: 2026, UnitID: bolag, Group: followup.GroupManager,
			Levels: levelsAt(6)}, allowed); err != nil {
			t.Errorf("a new year may have a new unit and group: %v", err)
		}
	})
}

// TestMaturityQuestionsRaceFirstAnswer (L5): the questions of a year and
// its first answer, saved at the same time, never both succeed — else
// the answer would be stored against questions then replaced. Custom
// questions have other keys than the default ones the answer uses, so
// whichever comes second is refused.
func TestMaturityQuestionsRaceFirstAnswer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		by := maturityUser(t, db, "utv")
		unit := testOrg(t, db)["kommunen"].ID
		custom := []followup.MaturityQuestion{{Key: "egen-1", Dimension: followup.Capability, Text: followup.Text{SV: "Egen fråga"}},
			{Key: "egen-2", Dimension: followup.Heritage, Text: followup.Text{SV: "Annan fråga"}}}
		answers := answersAll(followup.DefaultMaturityQuestions(), 3)
		for year := 2030; year < 2038; year++ {
			var wg sync.WaitGroup
			var qErr, aErr error
			wg.Add(2)
			go func() {
				defer wg.Done()
				qErr = db.SaveMaturityQuestions(ctx, year, custom, by)
			}()
			go func() {
				defer wg.Done()
				_, aErr = db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: unit, Year: year, Answers: answers}, by)
			}()
			wg.Wait()
			for _, err := range []error{qErr, aErr} {
				if err != nil && sprang.ErrorKind(err) != sprang.Invalid {
					t.Fatalf("%d: %v", year, err)
				}
			}
			if qErr == nil && aErr == nil {
				t.Errorf("%d: both the questions and an answer to other questions were stored", year)
			}
			qs, _, err := db.MaturityQuestions(ctx, year)
			if err != nil {
				t.Fatal(err)
			}
			if aErr == nil && qs[0].Key == "egen-1" {
				t.Errorf("%d: the answer is stored against questions since replaced", year)
			}
		}
	})
}
