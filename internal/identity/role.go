package identity

import "sprang"

// Role is what a staff user may do in a unit (and the units below it).
type Role string

// The staff roles.
const (
	RoleAdministrator Role = "administrator" // manages users, units and settings
	RoleHandlaggare   Role = "handlaggare"   // case officer: handles errands (ärenden)
	RoleEtjanst       Role = "etjanst"       // builds and publishes e-services
	RoleDatavard      Role = "datavard"      // data steward: publishes datasets
	RoleUtveckling    Role = "utveckling"    // development department: ideas, initiatives, follow-up
	RoleLasare        Role = "lasare"        // reader: may view, never change
)

// Roles returns every role, most powerful first, for forms and listings.
func Roles() []Role {
	return []Role{RoleAdministrator, RoleHandlaggare, RoleEtjanst, RoleDatavard, RoleUtveckling, RoleLasare}
}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleAdministrator, RoleHandlaggare, RoleEtjanst, RoleDatavard, RoleUtveckling, RoleLasare:
		return true
	}
	return false
}

// ParseRole returns the role named s, or an Invalid *sprang.Error with
// Fields["role"] = MsgRoleInvalid when there is none.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !r.Valid() {
		return "", &sprang.Error{Kind: sprang.Invalid, Message: MsgRoleInvalid, Fields: map[string]string{"role": MsgRoleInvalid}}
	}
	return r, nil
}

// Grant gives a role in one unit; it also covers every unit below it.
type Grant struct {
	UnitID int64
	Role   Role
}
