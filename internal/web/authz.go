package web

import (
	"net/http"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/identity"
)

// access is what permission checks need about the staff user of a
// request: the user with their grants and the unit tree, loaded once.
type access struct {
	User identity.User
	Tree *identity.Tree
}

// staffAccess loads the access of the request's staff user. It returns
// Unauthenticated when nobody (or a resident) is logged in.
func (s *Server) staffAccess(r *http.Request) (*access, error) {
	sess := sessionOf(r.Context())
	if !sess.Staff() {
		return nil, sprang.Errorf(sprang.Unauthenticated, "error.401.text")
	}
	u, err := s.auth.User(r.Context(), sess.UserID)
	if err != nil {
		return nil, err
	}
	t, err := s.auth.Tree(r.Context())
	if err != nil {
		return nil, err
	}
	return &access{User: u, Tree: t}, nil
}

// requireAnywhere returns the access of the request's staff user when
// they may do a in some unit: Unauthenticated for anonymous requests,
// Forbidden for staff without the permission.
func (s *Server) requireAnywhere(r *http.Request, a identity.Action) (*access, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, err
	}
	if !acc.CanAnywhere(a) {
		return nil, sprang.Errorf(sprang.Forbidden, "error.403.text")
	}
	return acc, nil
}

// Can reports whether the user may do a in the unit with id (0: the whole
// group).
func (acc *access) Can(a identity.Action, unitID int64) bool {
	return identity.Can(acc.User.Principal(), a, unitID, acc.Tree)
}

// CanAnywhere reports whether the user may do a in at least one unit.
func (acc *access) CanAnywhere(a identity.Action) bool {
	return identity.CanAnywhere(acc.User.Principal(), a, acc.Tree)
}

// require returns nil when the user may do a in the unit with id, and a
// Forbidden error otherwise.
func (acc *access) require(a identity.Action, unitID int64) error {
	if !acc.Can(a, unitID) {
		return sprang.Errorf(sprang.Forbidden, "error.403.text")
	}
	return nil
}

// actor returns the audit actor of the user.
func (acc *access) actor() auth.Actor { return auth.StaffActor(acc.User.ID, acc.User.Username) }
