package identity

// Action is something a staff user may be permitted to do in a unit.
type Action string

// The actions. View actions only read; the rest change something. Checks
// with unit id 0 ask about the platform as a whole (the job list, the whole
// audit log), which only grants on the group root cover.
//
// ManageUsers held anywhere lets an administrator list and create staff
// accounts; held in a unit it lets them grant and revoke roles in that unit
// and the units below it. The user pages show an administrator of a unit
// only the users with a role in the units they administer, and users with
// no role at all (so a new account can be given one); changing a user's
// name or status needs ManageUsers in every unit where the user has a role.
const (
	ViewStaffPages Action = "view_staff_pages" // the staff start page and menus
	ViewUnits      Action = "view_units"       // the organization tree and unit pages
	ViewErrands    Action = "view_errands"     // read errands (ärenden) of a unit
	ViewEServices  Action = "view_eservices"   // read e-service definitions, drafts included
	ViewFollowUp   Action = "view_followup"    // the follow-up dashboard and reports
	HandleErrands  Action = "handle_errands"   // assign, message, decide errands
	BuildEServices Action = "build_eservices"  // create, change and publish e-services
	ManageDatasets Action = "manage_datasets"  // publish and change open datasets
	ManageFollowUp Action = "manage_followup"  // indicators, initiatives, surveys, policy
	ManageIdeas    Action = "manage_ideas"     // move ideas through the pipeline
	ViewJobs       Action = "view_jobs"        // the background job list
	ReadAuditLog   Action = "read_audit_log"   // search the audit log
	ManageUsers    Action = "manage_users"     // list and create staff accounts, grant and revoke roles in the unit
	ManageUnits    Action = "manage_units"     // create and change organization units
)

// Actions returns every action, for tests and documentation.
func Actions() []Action {
	return []Action{ViewStaffPages, ViewUnits, ViewErrands, ViewEServices, ViewFollowUp,
		HandleErrands, BuildEServices, ManageDatasets, ManageFollowUp, ManageIdeas,
		ViewJobs, ReadAuditLog, ManageUsers, ManageUnits}
}

// roleAllows reports whether role r includes action a, wherever it is held.
func roleAllows(r Role, a Action) bool {
	switch a {
	case ViewStaffPages, ViewUnits, ViewFollowUp:
		return r.Valid()
	case ViewErrands:
		return r == RoleHandlaggare || r == RoleLasare || r == RoleAdministrator
	case ViewEServices:
		return r == RoleEtjanst || r == RoleHandlaggare || r == RoleLasare || r == RoleAdministrator
	case HandleErrands:
		return r == RoleHandlaggare || r == RoleAdministrator
	case BuildEServices:
		return r == RoleEtjanst || r == RoleAdministrator
	case ManageDatasets:
		return r == RoleDatavard || r == RoleAdministrator
	case ManageFollowUp, ManageIdeas:
		return r == RoleUtveckling || r == RoleAdministrator
	case ViewJobs:
		return r == RoleUtveckling || r == RoleAdministrator
	case ReadAuditLog, ManageUsers, ManageUnits:
		return r == RoleAdministrator
	}
	return false
}

// Can reports whether p may do action a in the unit with unitID, given the
// organization tree t. A grant covers its unit and every unit below it; an
// administrator may do every action in their subtree, so an administrator
// on the group root may do everything. unitID 0 means the platform as a
// whole and is covered only by grants on a root unit. Anonymous users,
// residents, unknown units, unknown roles and unknown actions get false.
func Can(p Principal, a Action, unitID int64, t *Tree) bool {
	if !p.IsStaff() {
		return false
	}
	for _, g := range p.Grants {
		if roleAllows(g.Role, a) && covers(g.UnitID, unitID, t) {
			return true
		}
	}
	return false
}

// covers reports whether a grant on unit grantUnit reaches unit target.
func covers(grantUnit, target int64, t *Tree) bool {
	if target == 0 {
		return t.IsRoot(grantUnit)
	}
	return t.Within(target, grantUnit)
}

// CanAnywhere reports whether p may do action a in at least one unit, to
// decide whether to show a menu entry. The page itself still checks Can.
func CanAnywhere(p Principal, a Action, t *Tree) bool {
	if !p.IsStaff() {
		return false
	}
	for _, g := range p.Grants {
		if _, ok := t.Unit(g.UnitID); ok && roleAllows(g.Role, a) {
			return true
		}
	}
	return false
}

// UnitsWhere returns the ids of every unit in which p may do action a, in
// tree order without repeats, to filter listings; nil when there are none.
func UnitsWhere(p Principal, a Action, t *Tree) []int64 {
	var out []int64
	for _, n := range t.Walk() {
		if Can(p, a, n.ID, t) {
			out = append(out, n.ID)
		}
	}
	return out
}
