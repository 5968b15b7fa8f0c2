package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCan(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	staff := func(grants ...Grant) Principal { return Staff(7, grants) }
	rootAdmin := staff(Grant{1, RoleAdministrator})
	socAdmin := staff(Grant{2, RoleAdministrator})
	socOfficer := staff(Grant{2, RoleHandlaggare})
	hemReader := staff(Grant{4, RoleLasare})
	builder := staff(Grant{5, RoleEtjanst})
	steward := staff(Grant{1, RoleDatavard})
	dev := staff(Grant{1, RoleUtveckling})
	twoRoles := staff(Grant{3, RoleLasare}, Grant{5, RoleHandlaggare})
	tests := []struct {
		name   string
		p      Principal
		action Action
		unit   int64
		want   bool
	}{
		{"anonymous may not view staff pages", Principal{}, ViewStaffPages, 1, false},
		{"resident may not view errands", ResidentPrincipal(3), ViewErrands, 2, false},
		{"staff without grants sees nothing", staff(), ViewStaffPages, 1, false},
		{"staff kind without user id is not staff", Principal{Kind: PrincipalStaff, Grants: []Grant{{1, RoleAdministrator}}}, ManageUsers, 1, false},
		{"root admin manages users anywhere", rootAdmin, ManageUsers, 6, true},
		{"root admin manages units platform-wide", rootAdmin, ManageUnits, 0, true},
		{"root admin reads the whole audit log", rootAdmin, ReadAuditLog, 0, true},
		{"root admin views jobs", rootAdmin, ViewJobs, 0, true},
		{"root admin handles errands anywhere", rootAdmin, HandleErrands, 3, true},
		{"root admin can do every action", rootAdmin, ManageIdeas, 5, true},
		{"unit admin manages users below", socAdmin, ManageUsers, 6, true},
		{"unit admin not in a sibling", socAdmin, ManageUsers, 5, false},
		{"unit admin not above", socAdmin, ManageUsers, 1, false},
		{"unit admin not platform-wide", socAdmin, ManageUsers, 0, false},
		{"unit admin no job list", socAdmin, ViewJobs, 0, false},
		{"officer handles errands in unit", socOfficer, HandleErrands, 2, true},
		{"officer handles errands in descendant", socOfficer, HandleErrands, 6, true},
		{"officer not in sibling", socOfficer, HandleErrands, 3, false},
		{"officer cannot build e-services", socOfficer, BuildEServices, 2, false},
		{"officer cannot manage users", socOfficer, ManageUsers, 2, false},
		{"officer cannot read audit log", socOfficer, ReadAuditLog, 2, false},
		{"officer views staff pages", socOfficer, ViewStaffPages, 2, true},
		{"reader views errands", hemReader, ViewErrands, 6, true},
		{"reader views follow-up", hemReader, ViewFollowUp, 4, true},
		{"reader views e-services", hemReader, ViewEServices, 4, true},
		{"reader not above own unit", hemReader, ViewErrands, 2, false},
		{"reader cannot handle errands", hemReader, HandleErrands, 4, false},
		{"reader cannot build", hemReader, BuildEServices, 4, false},
		{"reader cannot manage datasets", hemReader, ManageDatasets, 4, false},
		{"reader cannot manage follow-up", hemReader, ManageFollowUp, 4, false},
		{"reader cannot read audit log", hemReader, ReadAuditLog, 4, false},
		{"reader cannot view jobs", hemReader, ViewJobs, 0, false},
		{"builder builds in own förvaltning", builder, BuildEServices, 5, true},
		{"builder not elsewhere", builder, BuildEServices, 2, false},
		{"builder cannot view errands", builder, ViewErrands, 5, false},
		{"steward on root manages datasets everywhere", steward, ManageDatasets, 3, true},
		{"steward cannot handle errands", steward, HandleErrands, 3, false},
		{"development manages follow-up", dev, ManageFollowUp, 0, true},
		{"development manages ideas", dev, ManageIdeas, 2, true},
		{"development views jobs", dev, ViewJobs, 0, true},
		{"development cannot manage users", dev, ManageUsers, 1, false},
		{"development cannot handle errands", dev, HandleErrands, 2, false},
		{"two grants: reader part", twoRoles, ViewErrands, 3, true},
		{"two grants: reader cannot handle", twoRoles, HandleErrands, 3, false},
		{"two grants: officer part", twoRoles, HandleErrands, 5, true},
		{"unknown unit", rootAdmin, ManageUsers, 99, false},
		{"grant on unknown unit", staff(Grant{99, RoleAdministrator}), ManageUsers, 1, false},
		{"unknown role", staff(Grant{1, "superuser"}), ViewStaffPages, 1, false},
		{"unknown action", rootAdmin, "launch_rockets", 1, false},
		{"disabled user has no principal", User{ID: 7, Disabled: true, Grants: []Grant{{1, RoleAdministrator}}}.Principal(), ManageUsers, 1, false},
		{"enabled user principal", User{ID: 7, Grants: []Grant{{1, RoleAdministrator}}}.Principal(), ManageUsers, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Can(tt.p, tt.action, tt.unit, tr); got != tt.want {
				t.Errorf("Can(%v, %s, %d) = %v, want %v", tt.p.Grants, tt.action, tt.unit, got, tt.want)
			}
		})
	}
}

// TestReaderOnlyViews checks the reader role against every action: it may
// do the view actions that are not sensitive, and nothing else.
func TestReaderOnlyViews(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	reader := Staff(1, []Grant{{1, RoleLasare}})
	admin := Staff(1, []Grant{{1, RoleAdministrator}})
	views := map[Action]bool{ViewStaffPages: true, ViewUnits: true, ViewErrands: true, ViewEServices: true, ViewFollowUp: true}
	for _, a := range Actions() {
		if got := Can(reader, a, 1, tr); got != views[a] {
			t.Errorf("reader Can(%s) = %v, want %v", a, got, views[a])
		}
		if !Can(admin, a, 1, tr) || !Can(admin, a, 0, tr) {
			t.Errorf("root administrator may not %s", a)
		}
	}
}

func TestCanAnywhereAndUnitsWhere(t *testing.T) {
	t.Parallel()
	tr := mustTree(t)
	p := Staff(1, []Grant{{2, RoleHandlaggare}, {3, RoleLasare}})
	if !CanAnywhere(p, HandleErrands, tr) || !CanAnywhere(p, ViewStaffPages, tr) {
		t.Error("CanAnywhere misses a grant")
	}
	if CanAnywhere(p, ManageUsers, tr) || CanAnywhere(Principal{}, ViewStaffPages, tr) {
		t.Error("CanAnywhere allows too much")
	}
	if CanAnywhere(Staff(1, []Grant{{99, RoleAdministrator}}), ManageUsers, tr) {
		t.Error("CanAnywhere counts a grant on an unknown unit")
	}
	if diff := cmp.Diff([]int64{3, 2, 4, 6}, UnitsWhere(p, ViewErrands, tr)); diff != "" {
		t.Errorf("UnitsWhere view (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{2, 4, 6}, UnitsWhere(p, HandleErrands, tr)); diff != "" {
		t.Errorf("UnitsWhere handle (-want +got):\n%s", diff)
	}
	if got := UnitsWhere(p, ManageUsers, tr); got != nil {
		t.Errorf("UnitsWhere manage users = %v, want nil", got)
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	for _, r := range Roles() {
		if got, err := ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "Administrator", "root"} {
		if _, err := ParseRole(s); err == nil {
			t.Errorf("ParseRole(%q) accepted", s)
		}
	}
}
