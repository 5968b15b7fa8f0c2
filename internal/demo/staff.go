package demo

import (
	"context"

	"sprang/internal/identity"
	"sprang/internal/store"
)

// colleague is a case officer of the example content who handles the
// errands of a unit other than the demo handläggare's. Colleagues have no
// password, so nobody logs in as them; they make the history of errands,
// assignments and the audit log look like a real organization's.
type colleague struct {
	Username, DisplayName, UnitSlug string
}

// colleagues returns the demo's other case officers: one more at
// Samhällsbyggnadsförvaltningen (so the inbox has errands assigned to
// someone else) and one in each unit whose services have errands.
func colleagues() []colleague {
	return []colleague{
		{"petra.holmgren", "Petra Holmgren", "samhallsbyggnad"},
		{"karin.berglund", "Karin Berglund", "barn-utbildning"},
		{"maria.sjoberg", "Maria Sjöberg", "kommunledning"},
		{"jonas.naslund", "Jonas Näslund", "kultur-fritid"},
		{"sara.lindqvist", "Sara Lindqvist", "avfall"},
	}
}

// seedColleague creates colleague c as a handläggare of their unit, without
// a password, unless the username exists, and returns the user's id.
func seedColleague(ctx context.Context, db *store.DB, c colleague, units map[string]identity.Unit) (int64, error) {
	return seedUser(ctx, db, c.Username, c.DisplayName,
		identity.Grant{UnitID: units[c.UnitSlug].ID, Role: identity.RoleHandlaggare}, false)
}
