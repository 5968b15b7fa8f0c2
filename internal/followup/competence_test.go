package followup_test

import (
	"errors"
	"testing"
	"time"

	"sprang"
	"sprang/internal/followup"
)

func TestDigCompShape(t *testing.T) {
	t.Parallel()
	areas := followup.DigComp()
	want := []int{3, 6, 4, 4, 4}
	if len(areas) != 5 {
		t.Fatalf("%d areas; want 5", len(areas))
	}
	seen := map[string]bool{}
	for i, a := range areas {
		if len(a.Competences) != want[i] {
			t.Errorf("area %s has %d competences; want %d", a.Code, len(a.Competences), want[i])
		}
		for j, c := range a.Competences {
			code := a.Code + "." + string(rune('1'+j))
			if c.Code != code || c.Area != a.Code || c.Name.SV == "" || c.Name.EN == "" || seen[c.FieldID()] {
				t.Errorf("competence %+v; want code %s in area %s with both names", c, code, a.Code)
			}
			seen[c.FieldID()] = true
		}
		if len(followup.LearningResources(a.Code)) == 0 {
			t.Errorf("area %s has no learning resources", a.Code)
		}
	}
	if n := len(followup.Competences()); n != 21 {
		t.Errorf("%d competences; want 21", n)
	}
}

func TestLevelBand(t *testing.T) {
	t.Parallel()
	for level, want := range map[int]string{0: "", 1: "Grundläggande", 2: "Grundläggande", 3: "Medel", 4: "Medel",
		5: "Avancerad", 6: "Avancerad", 7: "Högt specialiserad", 8: "Högt specialiserad", 9: ""} {
		if got := followup.LevelBand(level).SV; got != want {
			t.Errorf("LevelBand(%d) = %q; want %q", level, got, want)
		}
	}
}

// allLevels returns a level for every competence: level, or the
// area's own level when byArea has one.
func allLevels(level int, byArea map[string]int) map[string]int {
	out := map[string]int{}
	for _, c := range followup.Competences() {
		out[c.Code] = level
		if l, ok := byArea[c.Area]; ok {
			out[c.Code] = l
		}
	}
	return out
}

func TestValidateCompetence(t *testing.T) {
	t.Parallel()
	ok := followup.CompetenceAnswers{UnitID: 3, Group: followup.GroupManager, Levels: allLevels(4, nil)}
	with := func(f func(*followup.CompetenceAnswers)) followup.CompetenceAnswers {
		a := ok
		a.Levels = allLevels(4, nil)
		f(&a)
		return a
	}
	for _, tc := range []struct {
		name  string
		a     followup.CompetenceAnswers
		field string
		msg   string
	}{
		{"valid", ok, "", ""},
		{"unit not theirs", with(func(a *followup.CompetenceAnswers) { a.UnitID = 9 }), "unit", "followup.competence.err.unit"},
		{"no unit", with(func(a *followup.CompetenceAnswers) { a.UnitID = 0 }), "unit", "followup.competence.err.unit"},
		{"no group", with(func(a *followup.CompetenceAnswers) { a.Group = "" }), "group", "followup.competence.err.group"},
		{"level missing", with(func(a *followup.CompetenceAnswers) { delete(a.Levels, "2.6") }), "k2-6", "followup.competence.err.unanswered"},
		{"level 0", with(func(a *followup.CompetenceAnswers) { a.Levels["5.4"] = 0 }), "k5-4", "followup.competence.err.level"},
		{"level 9", with(func(a *followup.CompetenceAnswers) { a.Levels["1.1"] = 9 }), "k1-1", "followup.competence.err.level"},
		{"unknown competence", with(func(a *followup.CompetenceAnswers) { a.Levels["6.1"] = 3 }), "levels", "followup.competence.err.unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fields(t, followup.ValidateCompetence(tc.a, []int64{3, 4}))
			if tc.field == "" {
				if f != nil {
					t.Fatalf("refused: %v", f)
				}
				return
			}
			if f[tc.field] != tc.msg {
				t.Errorf("fields %v; want %s: %s", f, tc.field, tc.msg)
			}
		})
	}
}

func TestProfileAndWeakestAreas(t *testing.T) {
	t.Parallel()
	levels := allLevels(5, map[string]int{"3": 2, "4": 8, "5": 3})
	levels["1.1"] = 4 // area 1: (4+5+5)/3 = 4.7
	p := followup.Profile(followup.CompetenceAnswers{Levels: levels})
	want := []float64{4.7, 5, 2, 8, 3}
	for i, a := range p {
		if a.MeanLevel != want[i] {
			t.Errorf("area %s mean %v; want %v", a.Area, a.MeanLevel, want[i])
		}
	}
	if p[2].Band.SV != "Grundläggande" || p[3].Band.SV != "Högt specialiserad" {
		t.Errorf("bands %q, %q", p[2].Band.SV, p[3].Band.SV)
	}
	for _, tc := range []struct {
		n    int
		want []string
	}{{1, []string{"3"}}, {2, []string{"3", "5"}}, {4, []string{"3", "5", "1", "2"}}, {9, []string{"3", "5", "1", "2"}}} {
		got := followup.WeakestAreas(p, tc.n)
		if len(got) != len(tc.want) {
			t.Errorf("WeakestAreas(%d) = %v; want %v", tc.n, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("WeakestAreas(%d) = %v; want %v", tc.n, got, tc.want)
			}
		}
	}
}

// cell returns the tallies of n respondents of unit and group who all
// answered level in every competence.
func cell(unit int64, g followup.RoleGroup, n, level int) []followup.CompetenceTally {
	var out []followup.CompetenceTally
	for _, c := range followup.Competences() {
		out = append(out, followup.CompetenceTally{UnitID: unit, Group: g, Competence: c.Code, Respondents: n, LevelSum: n * level})
	}
	return out
}

func join(ts ...[]followup.CompetenceTally) []followup.CompetenceTally {
	var out []followup.CompetenceTally
	for _, t := range ts {
		out = append(out, t...)
	}
	return out
}

// TestKAnonymity: a cell of fewer than MinGroup is hidden and left out of
// every larger aggregate, so no difference of shown figures reveals it;
// and nobody at all looks exactly like 1–4 (M1: else the page would say
// that someone answered).
func TestKAnonymity(t *testing.T) {
	t.Parallel()
	staff, boss := followup.GroupStaff, followup.GroupManager
	for _, tc := range []struct {
		name       string
		ts         []followup.CompetenceTally
		respond    int
		mean       float64
		suppressed bool
	}{
		{"nobody", nil, 0, 0, true},
		{"1 hidden", cell(1, staff, 1, 3), 0, 0, true},
		{"4 hidden", cell(1, staff, 4, 3), 0, 0, true},
		{"5 shown", cell(1, staff, 5, 3), 5, 3, false},
		{"3 + 3 in one unit hidden", join(cell(1, staff, 3, 3), cell(1, boss, 3, 6)), 0, 0, true},
		{"small cell left out of the unit", join(cell(1, staff, 6, 4), cell(1, boss, 2, 8)), 6, 4, false},
		{"two safe cells", join(cell(1, staff, 5, 2), cell(2, staff, 5, 4)), 10, 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := followup.CellOf(tc.ts)
			if c != (followup.CompetenceCell{Respondents: tc.respond, MeanLevel: tc.mean, Suppressed: tc.suppressed}) {
				t.Errorf("CellOf = %+v; want %d respondents, mean %v, suppressed %v", c, tc.respond, tc.mean, tc.suppressed)
			}
			areas := followup.SummarizeAreas(tc.ts)
			if len(areas) != 5 {
				t.Fatalf("%d areas", len(areas))
			}
			for _, a := range areas {
				if a.Suppressed != tc.suppressed || a.MeanLevel != tc.mean || (a.Suppressed && a.MeanLevel != 0) {
					t.Errorf("area %+v; want suppressed %v, mean %v", a, tc.suppressed, tc.mean)
				}
			}
		})
	}
}

// TestNobodyLooksLikeFew: whatever the overview or the areas show of an
// empty selection is exactly what they show of one with 1–4 answers.
func TestNobodyLooksLikeFew(t *testing.T) {
	t.Parallel()
	nobody := followup.SummarizeAreas(nil)
	for n := 1; n < followup.MinGroup; n++ {
		few := cell(3, followup.GroupElected, n, 7)
		if followup.CellOf(few) != followup.CellOf(nil) {
			t.Errorf("%d answered: %+v; nobody: %+v", n, followup.CellOf(few), followup.CellOf(nil))
		}
		for i, a := range followup.SummarizeAreas(few) {
			if a != nobody[i] {
				t.Errorf("%d answered, area %+v; nobody %+v", n, a, nobody[i])
			}
		}
	}
}

// TestCompetenceYearEnded: a year's aggregates may be shown from the
// first moment of the next year in Swedish time, not before.
func TestCompetenceYearEnded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		year int
		now  time.Time
		want bool
	}{
		{2025, time.Date(2025, 12, 31, 22, 59, 59, 0, time.UTC), false}, // 23:59:59 in Stockholm
		{2025, time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), true},    // midnight in Stockholm
		{2025, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), false},
		{2024, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), true},
		{2026, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if got := followup.CompetenceYearEnded(tc.year, tc.now); got != tc.want {
			t.Errorf("CompetenceYearEnded(%d, %v) = %v; want %v", tc.year, tc.now, got, tc.want)
		}
	}
}

// TestValidateResubmission: a resubmission may change the levels only.
func TestValidateResubmission(t *testing.T) {
	t.Parallel()
	first := followup.CompetenceAnswers{UnitID: 1, Group: followup.GroupStaff, Levels: map[string]int{"1.1": 3}}
	for _, tc := range []struct {
		name string
		next followup.CompetenceAnswers
		ok   bool
	}{
		{"new levels", followup.CompetenceAnswers{UnitID: 1, Group: followup.GroupStaff, Levels: map[string]int{"1.1": 8}}, true},
		{"other unit", followup.CompetenceAnswers{UnitID: 2, Group: followup.GroupStaff}, false},
		{"other group", followup.CompetenceAnswers{UnitID: 1, Group: followup.GroupManager}, false},
	} {
		err := followup.ValidateResubmission(tc.next, first)
		var e *sprang.Error
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.ok && (!errors.As(err, &e) || e.Fields["unit"] != followup.MsgCompetenceLocked):
			t.Errorf("%s: %v; want the unit field locked", tc.name, err)
		}
	}
}

func TestSummarizeAreasPerArea(t *testing.T) {
	t.Parallel()
	var ts []followup.CompetenceTally
	for _, c := range followup.Competences() {
		level := 2
		if c.Area == "4" {
			level = 7
		}
		ts = append(ts, followup.CompetenceTally{UnitID: 1, Group: followup.GroupElected, Competence: c.Code, Respondents: 5, LevelSum: 5 * level})
	}
	ts[0].LevelSum = 5 * 5 // 1.1 at 5: area 1 = (5+2+2)/3 = 3
	got := followup.SummarizeAreas(ts)
	want := []float64{3, 2, 2, 7, 2}
	for i, a := range got {
		if a.MeanLevel != want[i] || a.Respondents != 5 || a.Name.SV == "" {
			t.Errorf("area %+v; want mean %v of 5", a, want[i])
		}
	}
}

func TestFilterTallies(t *testing.T) {
	t.Parallel()
	ts := join(cell(1, followup.GroupStaff, 5, 2), cell(2, followup.GroupStaff, 6, 4), cell(2, followup.GroupManager, 7, 6))
	for _, tc := range []struct {
		name  string
		units []int64
		group followup.RoleGroup
		n     int
	}{
		{"all", nil, "", 18}, {"unit 2", []int64{2}, "", 13}, {"staff", nil, followup.GroupStaff, 11},
		{"unit 2 managers", []int64{2}, followup.GroupManager, 7}, {"no units", []int64{}, "", 0},
	} {
		if c := followup.CellOf(followup.FilterTallies(ts, tc.units, tc.group)); c.Respondents != tc.n {
			t.Errorf("%s: %d respondents; want %d", tc.name, c.Respondents, tc.n)
		}
	}
}
