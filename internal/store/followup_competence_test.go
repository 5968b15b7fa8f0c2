package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// levelsAt returns a level for every competence.
func levelsAt(level int) map[string]int {
	out := map[string]int{}
	for _, c := range followup.Competences() {
		out[c.Code] = level
	}
	return out
}

// answerCompetence saves a self-assessment for a new user of unit.
func answerCompetence(t *testing.T, db *store.DB, name string, unit int64, g followup.RoleGroup, level int) int64 {
	t.Helper()
	id := maturityUser(t, db, name)
	_, err := db.SaveCompetence(t.Context(), followup.CompetenceAnswers{UserID: id, Year: 2025, UnitID: unit, Group: g,
		Levels: levelsAt(level)}, []int64{unit})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestCompetenceKAnonymity is the check of issue 5, section 7, end to
// end through the store: four answers of a unit and role group are
// hidden, five are shown, and a hidden group never counts in a larger
// aggregate.
func TestCompetenceKAnonymity(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		ctx := t.Context()
		org := testOrg(t, db)
		social, hem := org["socialforvaltningen"].ID, org["hemtjanst"].ID
		for i := range 4 {
			answerCompetence(t, db, fmt.Sprintf("med%d", i), social, followup.GroupStaff, 3)
		}
		areas, err := db.CompetenceAreas(ctx, []int64{social}, 2025)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range areas {
			if !a.Suppressed || a.MeanLevel != 0 {
				t.Fatalf("4 answers: area %+v; want suppressed", a)
			}
		}
		answerCompetence(t, db, "med4", social, followup.GroupStaff, 8) // mean (4×3 + 8)/5 = 4
		areas, err = db.CompetenceAreas(ctx, []int64{social}, 2025)
		if err != nil || len(areas) != 5 {
			t.Fatalf("areas %+v, %v", areas, err)
		}
		for _, a := range areas {
			if a.Suppressed || a.Respondents != 5 || a.MeanLevel != 4 {
				t.Errorf("5 answers: area %+v; want 5 respondents at 4", a)
			}
		}
		for i := range 3 { // a small group of managers in the unit below
			answerCompetence(t, db, fmt.Sprintf("chef%d", i), hem, followup.GroupManager, 8)
		}
		sum, err := db.CompetenceSummary(ctx, []int64{social, hem}, 2025)
		if err != nil || sum.Respondents != 5 || sum.MeanLevel != 4 {
			t.Errorf("social with hemtjänst: %+v, %v; want the 3 managers left out", sum, err)
		}
		if sum, _ := db.CompetenceSummary(ctx, []int64{hem}, 2025); sum.Respondents != 0 || sum.MeanLevel != 0 {
			t.Errorf("hemtjänst alone: %+v; want nothing", sum)
		}
		if sum, _ := db.CompetenceSummary(ctx, nil, 2025); sum.Respondents != 0 {
			t.Errorf("no units: %+v", sum)
		}
		if areas, _ := db.CompetenceAreas(ctx, []int64{social}, 2024); !areas[0].Suppressed || areas[0].Respondents != 0 {
			t.Errorf("a year without answers: %+v; want it shown as a group of fewer than 5", areas[0])
		}
	})
}

// TestCompetenceOwnAndResubmit: a person reads back their own answers
// (the read audited), a new answer the same year replaces the old one in
// the tallies (a move to another cell is refused: TestCompetenceCellLocked),
// and nothing personal is stored in clear.
func TestCompetenceOwnAndResubmit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		ctx := t.Context()
		org := testOrg(t, db)
		social, bolag := org["socialforvaltningen"].ID, org["bostadsbolaget"].ID
		for i := range 5 {
			answerCompetence(t, db, fmt.Sprintf("p%d", i), social, followup.GroupElected, 2)
		}
		me := maturityUser(t, db, "jag")
		if _, err := db.OwnCompetence(ctx, me, 2025); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("before answering: %v", err)
		}
		mine := followup.CompetenceAnswers{UserID: me, Year: 2025, UnitID: social, Group: followup.GroupElected, Levels: levelsAt(8)}
		mine.Levels["4.2"] = 5
		if _, err := db.SaveCompetence(ctx, mine, []int64{social, bolag}); err != nil {
			t.Fatal(err)
		}
		got, err := db.OwnCompetence(ctx, me, 2025)
		if err != nil || got.UnitID != social || got.Group != followup.GroupElected || got.Levels["4.2"] != 5 || got.Levels["1.1"] != 8 || got.SubmittedAt.IsZero() {
			t.Fatalf("own answers %+v, %v", got, err)
		}
		if s, _ := db.CompetenceSummary(ctx, []int64{social}, 2025); s.Respondents != 6 {
			t.Errorf("6 elected: %+v", s)
		}
		mine.Levels = levelsAt(2)
		if _, err := db.SaveCompetence(ctx, mine, []int64{social, bolag}); err != nil {
			t.Fatal(err)
		}
		if s, _ := db.CompetenceSummary(ctx, []int64{social}, 2025); s.Respondents != 6 || s.MeanLevel != 2 {
			t.Errorf("after answering again at 2: %+v; want the 6 at 2, the first answer gone", s)
		}
		ts, err := db.CompetenceTallies(ctx, 2025)
		if err != nil || len(ts) != len(followup.Competences()) {
			t.Errorf("tallies: %d, %v; want one cell", len(ts), err)
		}
		reads, err := db.FindAuditEntries(ctx, audit.Filter{Action: audit.PersonalDataRead, ObjectType: "competence_assessment"})
		if err != nil || len(reads.Entries) != 1 || reads.Entries[0].ActorID != me || reads.Entries[0].Reason == "" {
			t.Errorf("reads of own profile in the audit log: %+v, %v; want one by the user", reads.Entries, err)
		}
		saved, _ := db.FindAuditEntries(ctx, audit.Filter{Action: audit.CompetenceSaved, ActorID: me})
		if len(saved.Entries) != 2 {
			t.Errorf("saves audited: %d; want 2", len(saved.Entries))
		}
		assertCompetenceSealed(t, db)
	})
}

// assertCompetenceSealed checks that neither a person's answers nor a
// tally can be read from the database without the key.
func assertCompetenceSealed(t *testing.T, db *store.DB) {
	t.Helper()
	raw := rawDB(t, db)
	for _, q := range []string{`SELECT answers_enc FROM competence_assessments`, `SELECT tally_enc FROM competence_tallies`} {
		rows, err := raw.QueryContext(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				t.Fatal(err)
			}
			if json.Valid(b) || bytes.Contains(b, []byte("fortroendevald")) || bytes.Contains(b, []byte(`"4.2"`)) {
				t.Errorf("%s: stored in clear: %q", q, b)
			}
		}
		_ = rows.Close()
	}
}

// TestCompetenceRefused: invalid answers, a unit the person has no role
// in, and a database without a box store nothing.
func TestCompetenceRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, bare *store.DB) {
		db := boxed(t, bare)
		ctx := t.Context()
		org := testOrg(t, db)
		social := org["socialforvaltningen"].ID
		me := maturityUser(t, db, "jag")
		bad := followup.CompetenceAnswers{UserID: me, Year: 2025, UnitID: social, Group: "boss", Levels: levelsAt(9)}
		_, err := db.SaveCompetence(ctx, bad, []int64{social})
		if f := storeFields(t, err); f["group"] == "" || f["k1-1"] != "followup.competence.err.level" {
			t.Errorf("fields %v", f)
		}
		other := followup.CompetenceAnswers{UserID: me, Year: 2025, UnitID: org["bostadsbolaget"].ID, Group: followup.GroupStaff, Levels: levelsAt(3)}
		if f := storeFields(t, saveErr(db.SaveCompetence(ctx, other, []int64{social}))); f["unit"] == "" {
			t.Errorf("a unit without a role: %v", f)
		}
		other.UnitID = social
		if _, err := bare.SaveCompetence(ctx, other, []int64{social}); sprang.ErrorKind(err) != sprang.Internal {
			t.Errorf("without a box: %v", err)
		}
		if _, err := bare.CompetenceAreas(ctx, []int64{social}, 2025); err == nil {
			t.Error("aggregates without a box")
		}
		if _, err := db.OwnCompetence(ctx, me, 2025); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("refused answers stored: %v", err)
		}
	})
}

func saveErr(_ followup.CompetenceAnswers, err error) error { return err }
