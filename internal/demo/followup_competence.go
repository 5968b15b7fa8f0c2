package demo

import (
	"context"
	"fmt"

	"sprang/internal/followup"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// competenceCell is a group of demo respondents: how many in a unit and
// role group answered, around which level.
type competenceCell struct {
	Unit  string
	Group followup.RoleGroup
	Count int
	Level int
}

// competenceCells are the demo's respondents of each year. Most groups
// have at least followup.MinGroup, so the overview shows figures of last
// year (the current year's are shown when it has ended); the elected
// representatives of Kommunledningsförvaltningen and the managers of
// Barn- och utbildningsförvaltningen are fewer, so the overview hides
// them (and leaves them out of every total).
var competenceCells = []competenceCell{
	{"kommunledning", followup.GroupStaff, 5, 4},
	{"kommunledning", followup.GroupManager, 5, 5},
	{"kommunledning", followup.GroupElected, 3, 3},
	{"utvecklingsavdelningen", followup.GroupStaff, 5, 6},
	{"barn-utbildning", followup.GroupStaff, 6, 3},
	{"barn-utbildning", followup.GroupManager, 2, 4},
}

// seedCompetence makes last year's and the current year's competence
// self-assessments (by the store's clock): last year's are what the
// overview, the dashboard and the report show; the current year's only
// once it has ended. Each year's levels are a little higher than the
// year before's.
// The demo has few staff accounts, so the respondents are demo accounts
// of their own, without a password (nobody logs in as them) and with the
// role läsare in their unit, named "kompetens.<unit>.<n>"; each answers
// through the store like anyone else, so their answers are sealed and
// counted in the tallies. The answers are personal data: without an
// encryption box there are none. It adds what is missing.
func seedCompetence(ctx context.Context, db *store.DB, units map[string]identity.Unit, staff map[string]int64) error {
	if db.Box() == nil {
		return nil
	}
	now := db.Now().In(followup.Location()).Year()
	for year := now - 1; year <= now; year++ {
		for _, c := range competenceCells {
			u, ok := units[c.Unit]
			if !ok {
				continue
			}
			c.Level += year - now // a step lower last year
			for i := range c.Count {
				if err := seedRespondent(ctx, db, u, c, i, year); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// seedRespondent creates respondent i of cell c and their answers of
// year, unless they exist.
func seedRespondent(ctx context.Context, db *store.DB, u identity.Unit, c competenceCell, i, year int) error {
	username := fmt.Sprintf("kompetens.%s.%s.%d", u.Slug, c.Group, i+1)
	name := fmt.Sprintf("Svarande %d (%s, %s)", i+1, c.Group.Name().SV, u.NameSV)
	id, err := seedUser(ctx, db, username, name, identity.Grant{UnitID: u.ID, Role: identity.RoleLasare}, false)
	if err != nil {
		return err
	}
	done, err := db.HasCompetence(ctx, id, year)
	if err != nil || done {
		return err
	}
	a := followup.CompetenceAnswers{UserID: id, Year: year, UnitID: u.ID, Group: c.Group, Levels: map[string]int{}}
	for j, comp := range followup.Competences() {
		level := c.Level + (i+j)%3 - 1
		if comp.Area == "3" { // content creation is the weakest area across the demo
			level--
		}
		a.Levels[comp.Code] = min(max(level, followup.MinLevel), followup.MaxLevel)
	}
	_, err = db.SaveCompetence(ctx, a, []int64{u.ID})
	return err
}
