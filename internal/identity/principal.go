package identity

// PrincipalKind says who is acting.
type PrincipalKind string

// The kinds of principal.
const (
	PrincipalAnonymous PrincipalKind = ""
	PrincipalStaff     PrincipalKind = "staff"
	PrincipalResident  PrincipalKind = "resident"
)

// Principal is the one acting on a request: anonymous (the zero value), a
// staff user with their grants, or a resident.
type Principal struct {
	Kind       PrincipalKind
	UserID     int64   // for staff
	ResidentID int64   // for residents
	Grants     []Grant // for staff
}

// Staff returns the principal of staff user id holding grants.
func Staff(id int64, grants []Grant) Principal {
	return Principal{Kind: PrincipalStaff, UserID: id, Grants: grants}
}

// ResidentPrincipal returns the principal of resident id.
func ResidentPrincipal(id int64) Principal {
	return Principal{Kind: PrincipalResident, ResidentID: id}
}

// IsStaff reports whether p is a staff user.
func (p Principal) IsStaff() bool { return p.Kind == PrincipalStaff && p.UserID != 0 }

// IsResident reports whether p is a resident.
func (p Principal) IsResident() bool { return p.Kind == PrincipalResident && p.ResidentID != 0 }

// IsAnonymous reports whether p is neither staff nor resident.
func (p Principal) IsAnonymous() bool { return !p.IsStaff() && !p.IsResident() }
