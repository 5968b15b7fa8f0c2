package followup

import (
	"slices"
	"time"

	"sprang"
)

// CompetenceAnswers is one person's DigComp self-assessment for a year:
// the unit and role group they answer for, and a level 1–8 for every
// competence. It is personal data: only its owner sees it (the store
// keeps it sealed); others see only aggregates of at least MinGroup
// people (SafeTallies).
type CompetenceAnswers struct {
	UserID      int64
	Year        int
	UnitID      int64
	Group       RoleGroup
	Levels      map[string]int // competence code ("1.1") → level
	SubmittedAt time.Time
}

// ValidateCompetence checks a self-assessment: a unit among allowedUnits
// (the units the person has a role in), a known role group and a level
// 1–8 for each of the 21 competences, nothing else. It returns nil or a
// sprang.Invalid error whose fields are "unit", "group" and the
// competences' FieldID, with i18n keys as messages.
func ValidateCompetence(a CompetenceAnswers, allowedUnits []int64) error {
	f := map[string]string{}
	if !containsID(allowedUnits, a.UnitID) {
		f["unit"] = "followup.competence.err.unit"
	}
	if !a.Group.Valid() {
		f["group"] = "followup.competence.err.group"
	}
	known := map[string]bool{}
	for _, c := range Competences() {
		known[c.Code] = true
		l, ok := a.Levels[c.Code]
		switch {
		case !ok:
			f[c.FieldID()] = "followup.competence.err.unanswered"
		case l < MinLevel || l > MaxLevel:
			f[c.FieldID()] = "followup.competence.err.level"
		}
	}
	for code := range a.Levels {
		if !known[code] {
			f["levels"] = "followup.competence.err.unknown"
		}
	}
	return sprang.FieldErrors(f)
}

// ValidateResubmission checks a new answer a against the person's
// earlier answer of the same year: the unit and role group are fixed by
// the first answer (so nobody can move between cells and difference the
// figures), only the levels may change. It returns nil or a
// sprang.Invalid error with the field "unit" set to
// "followup.competence.err.locked".
func ValidateResubmission(a, earlier CompetenceAnswers) error {
	if a.UnitID == earlier.UnitID && a.Group == earlier.Group {
		return nil
	}
	return sprang.FieldErrors(map[string]string{"unit": MsgCompetenceLocked})
}

// MsgCompetenceLocked is the message key of a resubmission that would
// change the unit or role group.
const MsgCompetenceLocked = "followup.competence.err.locked"

// containsID reports whether ids holds id, a real unit (id > 0).
func containsID(ids []int64, id int64) bool { return id > 0 && slices.Contains(ids, id) }

// AreaLevel is one area of a person's own profile: the mean of their
// levels in the area's competences and its band.
type AreaLevel struct {
	Area      string
	Name      Text
	MeanLevel float64
	Band      Text
}

// Profile returns a person's own profile: per area, the mean of their
// levels, in the framework's order.
func Profile(a CompetenceAnswers) []AreaLevel {
	var out []AreaLevel
	for _, area := range DigComp() {
		sum, n := 0, 0
		for _, c := range area.Competences {
			if l, ok := a.Levels[c.Code]; ok {
				sum += l
				n++
			}
		}
		al := AreaLevel{Area: area.Code, Name: area.Name}
		if n > 0 {
			al.MeanLevel = round1(float64(sum) / float64(n))
			al.Band = LevelBand(int(al.MeanLevel + 0.5))
		}
		out = append(out, al)
	}
	return out
}

// WeakestAreas returns the codes of the areas of profile with the lowest
// mean level, at most n of them, lowest first (the framework's order
// between equals), for the suggested learning resources. Areas already at
// the highest band (7 or more) are left out.
func WeakestAreas(profile []AreaLevel, n int) []string {
	rest := append([]AreaLevel(nil), profile...)
	var out []string
	for len(out) < n {
		best := -1
		for i, a := range rest {
			if a.MeanLevel >= 7 || a.MeanLevel == 0 {
				continue
			}
			if best < 0 || a.MeanLevel < rest[best].MeanLevel {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, rest[best].Area)
		rest = append(rest[:best], rest[best+1:]...)
	}
	return out
}
