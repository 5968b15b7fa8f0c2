package store_test

import (
	"errors"
	"testing"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// maturityUser creates a staff user for the maturity tests.
func maturityUser(t *testing.T, db *store.DB, name string) int64 {
	t.Helper()
	u, err := db.CreateUser(t.Context(), identity.NewUser{Username: name, DisplayName: name})
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// answersAll answers every question with v.
func answersAll(qs []followup.MaturityQuestion, v int) map[string]int {
	out := map[string]int{}
	for _, q := range qs {
		out[q.Key] = v
	}
	return out
}

// TestMaturityQuestionsPerYear: a year without questions uses the
// defaults, then the latest earlier year's; saving sets the year's own.
func TestMaturityQuestionsPerYear(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		by := maturityUser(t, db, "utv")
		qs, own, err := db.MaturityQuestions(ctx, 2025)
		if err != nil || own || len(qs) != len(followup.DefaultMaturityQuestions()) {
			t.Fatalf("no questions stored: %d, own %v, %v; want the defaults", len(qs), own, err)
		}
		mine := []followup.MaturityQuestion{
			{Key: "mal", Dimension: followup.Capability, Text: followup.Text{SV: "Har ni mål?", EN: "Goals?"}},
			{Key: "system", Dimension: followup.Heritage, Text: followup.Text{SV: "Är systemen moderna?"}},
		}
		if err := db.SaveMaturityQuestions(ctx, 2024, mine, by); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			year int
			own  bool
			n    int
		}{{2023, false, 12}, {2024, true, 2}, {2026, false, 2}} {
			qs, own, err := db.MaturityQuestions(ctx, tc.year)
			if err != nil || own != tc.own || len(qs) != tc.n {
				t.Errorf("%d: %d questions, own %v, %v; want %d, %v", tc.year, len(qs), own, err, tc.n, tc.own)
			}
		}
		qs, _, _ = db.MaturityQuestions(ctx, 2024)
		if qs[0] != mine[0] || qs[1] != mine[1] {
			t.Errorf("read back %+v", qs)
		}
		bad := []followup.MaturityQuestion{mine[0]}
		if f := storeFields(t, db.SaveMaturityQuestions(ctx, 2024, bad, by)); f["questions"] != "followup.maturity.err.both_dimensions" {
			t.Errorf("one dimension only: %v", f)
		}
		if qs, _, _ := db.MaturityQuestions(ctx, 2024); len(qs) != 2 {
			t.Errorf("refused questions changed the year: %d", len(qs))
		}
	})
}

// storeFields returns the fields of an Invalid error.
func storeFields(t *testing.T, err error) map[string]string {
	t.Helper()
	if sprang.ErrorKind(err) != sprang.Invalid {
		t.Fatalf("error %v; want Invalid", err)
	}
	var e *sprang.Error
	errors.As(err, &e)
	return e.Fields
}

// TestMaturityAssessment: answers are scored, stored, replaced, audited;
// the year's questions are fixed by the first answer and locked after.
func TestMaturityAssessment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		by := maturityUser(t, db, "utv")
		social, bolag := org["socialforvaltningen"].ID, org["bostadsbolaget"].ID
		qs := followup.DefaultMaturityQuestions()
		answers := answersAll(qs, 2)
		answers[qs[0].Key] = followup.DontKnow
		answers[qs[6].Key] = 4 // heritage: (4 + 5×2)/6 of 4
		a, err := db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: social, Year: 2025, Answers: answers}, by)
		if err != nil {
			t.Fatal(err)
		}
		want := followup.MaturityScore{UnitID: social, Year: 2025, Capability: 50, Heritage: 58.3, Total: 54.2}
		if a.Score != want {
			t.Errorf("score %+v; want %+v", a.Score, want)
		}
		if _, own, _ := db.MaturityQuestions(ctx, 2025); !own {
			t.Error("the first answer did not fix the year's questions")
		}
		locked := storeFields(t, db.SaveMaturityQuestions(ctx, 2025, qs[:7], by))
		if locked["questions"] != store.MsgMaturityLocked {
			t.Errorf("questions changed after an answer: %v", locked)
		}
		got, err := db.MaturityAssessment(ctx, social, 2025)
		if err != nil || got.Score != want || got.Answers[qs[0].Key] != followup.DontKnow || got.SubmittedBy != by || got.SubmittedAt.IsZero() {
			t.Errorf("read back %+v, %v", got, err)
		}
		if _, err := db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: social, Year: 2025, Answers: answersAll(qs, 4)}, by); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: bolag, Year: 2024, Answers: answersAll(qs, 1)}, 0); err != nil {
			t.Fatal(err)
		}
		scores, err := db.MaturityScores(ctx, []int64{social, bolag}, 2025)
		if err != nil || len(scores) != 1 || scores[0].Total != 100 {
			t.Errorf("2025 scores %+v, %v; want social's replaced answers at 100", scores, err)
		}
		if s, _ := db.MaturityScores(ctx, nil, 2025); len(s) != 0 {
			t.Errorf("no units gave %+v", s)
		}
		hist, err := db.MaturityHistory(ctx)
		if err != nil || len(hist) != 2 || hist[0].UnitID != social || hist[1].Year != 2024 || hist[1].Total != 25 {
			t.Errorf("history %+v, %v", hist, err)
		}
		page, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.MaturityAssessed})
		if err != nil || len(page.Entries) != 3 {
			t.Errorf("audit: %d entries, %v; want 3", len(page.Entries), err)
		}
	})
}

// TestMaturityAssessmentRefused: bad answers and unknown units store
// nothing.
func TestMaturityAssessmentRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		org := testOrg(t, db)
		qs := followup.DefaultMaturityQuestions()
		short := answersAll(qs, 3)
		delete(short, qs[3].Key)
		_, err := db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: org["kommunen"].ID, Year: 2025, Answers: short}, 0)
		if f := storeFields(t, err); f[qs[3].Key] != "followup.maturity.err.unanswered" {
			t.Errorf("fields %v", f)
		}
		_, err = db.SaveMaturityAssessment(ctx, followup.MaturityAssessment{UnitID: 99999, Year: 2025, Answers: answersAll(qs, 3)}, 0)
		if sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown unit: %v", err)
		}
		if _, err := db.MaturityAssessment(ctx, org["kommunen"].ID, 2025); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("refused answers stored: %v", err)
		}
		if _, own, _ := db.MaturityQuestions(ctx, 2025); own {
			t.Error("refused answers fixed the year's questions")
		}
	})
}
