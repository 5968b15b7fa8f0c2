package followup

import (
	"strings"
	"time"
)

// Aggregates of the competence self-assessments, with the k ≥ 5 rule.
//
// Answers are kept as tallies per year, unit, role group and competence:
// how many answered and the sum of their levels. The finest group anyone
// may see is a cell: one unit's (its own staff, not its sub-units') one
// role group. A cell with fewer than MinGroup respondents is never shown,
// and — so that no difference of two shown figures can single anyone out
// — its answers are left out of every larger aggregate as well (a unit's
// total, a role group across units, a unit with its sub-units, the group
// as a whole). Every shown figure is then a sum of whole cells of at
// least MinGroup people each, and so is the difference of any two.
// (A unit of 3 staff and 3 managers thus shows nothing, though 6
// answered: privacy first.)
//
// A cell is k-safe at one moment, but figures shown while a year is open
// could be differenced over time: when a cell grows from 5 to 6, 6·m₂ −
// 5·m₁ is the newcomer's level. So aggregates are shown only for years
// that have ended (CompetenceYearEnded), when no answer can be added;
// and a person's unit and role group are fixed by their first answer of
// the year (ValidateResubmission), so nobody can move between cells.
// Nobody answered and 1–4 answered look the same: no figure.

// CompetenceYearEnded reports whether year has ended at now, in Swedish
// time: only then may its competence aggregates be shown. The rule is
// the report's (YearEnded), for the same reason.
func CompetenceYearEnded(year int, now time.Time) bool { return YearEnded(year, now) }

// CompetenceTally is the stored aggregate of one cell and competence:
// the respondents of the year in the unit and role group, and the sum of
// their levels in the competence.
type CompetenceTally struct {
	UnitID      int64
	Group       RoleGroup
	Competence  string // "1.1"–"5.4"
	Respondents int
	LevelSum    int
}

// cellKey names a cell.
type cellKey struct {
	unit  int64
	group RoleGroup
}

// SafeTallies returns the tallies of the cells with at least MinGroup
// respondents, and how many respondents the left-out cells had.
func SafeTallies(ts []CompetenceTally) (safe []CompetenceTally, hidden int) {
	size := cellSizes(ts)
	for c, n := range size {
		if n < MinGroup {
			hidden += n
			delete(size, c)
		}
	}
	for _, t := range ts {
		if _, ok := size[cellKey{t.UnitID, t.Group}]; ok {
			safe = append(safe, t)
		}
	}
	return safe, hidden
}

// cellSizes returns the respondents of each cell: the most that answered
// any one competence (every answer covers all of them).
func cellSizes(ts []CompetenceTally) map[cellKey]int {
	size := map[cellKey]int{}
	for _, t := range ts {
		k := cellKey{t.UnitID, t.Group}
		size[k] = max(size[k], t.Respondents)
	}
	return size
}

// SummarizeAreas returns, per DigComp area, the respondents and mean
// level of ts after SafeTallies: Suppressed when fewer than MinGroup may
// be counted, nobody at all included (so that "nobody" and "1–4" look
// the same). Every area is present, in order.
func SummarizeAreas(ts []CompetenceTally) []AreaSummary {
	safe, _ := SafeTallies(ts)
	n := countRespondents(safe)
	sum := map[string]int{}
	answers := map[string]int{}
	for _, t := range safe {
		area := areaOf(t.Competence)
		sum[area] += t.LevelSum
		answers[area] += t.Respondents
	}
	var out []AreaSummary
	for _, a := range DigComp() {
		s := AreaSummary{Area: a.Code, Name: a.Name, Respondents: n}
		switch {
		case n < MinGroup:
			s.Suppressed = true
		case answers[a.Code] > 0:
			s.MeanLevel = round1(float64(sum[a.Code]) / float64(answers[a.Code]))
		}
		out = append(out, s)
	}
	return out
}

// SummarizeCompetence returns the respondents and mean level over every
// competence of ts after SafeTallies; Respondents is 0 when no cell may
// be counted. The caller hides the figure when Respondents < MinGroup.
func SummarizeCompetence(ts []CompetenceTally) CompetenceSummary {
	safe, _ := SafeTallies(ts)
	var sum, answers int
	for _, t := range safe {
		sum += t.LevelSum
		answers += t.Respondents
	}
	out := CompetenceSummary{Respondents: countRespondents(safe)}
	if answers > 0 {
		out.MeanLevel = round1(float64(sum) / float64(answers))
	}
	return out
}

// countRespondents returns the respondents of the cells of ts together.
func countRespondents(ts []CompetenceTally) int {
	n := 0
	for _, c := range cellSizes(ts) {
		n += c
	}
	return n
}

// areaOf returns the area code of a competence code ("2.4" → "2").
func areaOf(code string) string {
	area, _, _ := strings.Cut(code, ".")
	return area
}

// FilterTallies returns the tallies of the units (all when units is nil)
// and the role group (all when group is "").
func FilterTallies(ts []CompetenceTally, units []int64, group RoleGroup) []CompetenceTally {
	var in map[int64]bool
	if units != nil {
		in = map[int64]bool{}
		for _, u := range units {
			in[u] = true
		}
	}
	var out []CompetenceTally
	for _, t := range ts {
		if (in == nil || in[t.UnitID]) && (group == "" || t.Group == group) {
			out = append(out, t)
		}
	}
	return out
}

// CompetenceCell is one figure of the overview: respondents and mean
// level of a selection, or Suppressed. A selection where nobody answered
// is Suppressed too, exactly like one of 1–4: telling them apart would
// say that someone answered.
type CompetenceCell struct {
	Respondents int
	MeanLevel   float64
	Suppressed  bool
}

// CellOf returns the overview's figure of ts (already filtered to the
// selection) under the k ≥ 5 rule.
func CellOf(ts []CompetenceTally) CompetenceCell {
	s := SummarizeCompetence(ts)
	var c CompetenceCell
	if s.Respondents < MinGroup {
		c.Suppressed = true
		return c
	}
	c.Respondents, c.MeanLevel = s.Respondents, s.MeanLevel
	return c
}
