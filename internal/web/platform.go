package web

import (
	"net/http"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
)

// errForbidden is the error for a staff user without the permission.
var errForbidden = sprang.Errorf(sprang.Forbidden, "error.403.text")

// requirePlatform returns the access of the request's staff user when they
// may do a on the platform as a whole (a grant on the group root, see
// identity.Can with unit 0): Unauthenticated for anonymous requests,
// Forbidden otherwise.
func (s *Server) requirePlatform(r *http.Request, a identity.Action) (*access, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, err
	}
	if !acc.Can(a, 0) {
		return nil, errForbidden
	}
	return acc, nil
}

// appendAudit records e in the audit log with the user of acc as actor.
func (s *Server) appendAudit(r *http.Request, acc *access, e audit.Entry) error {
	_, err := s.appendAuditEntry(r, acc, e)
	return err
}

// appendAuditEntry is appendAudit that also returns the new entry's id.
func (s *Server) appendAuditEntry(r *http.Request, acc *access, e audit.Entry) (int64, error) {
	a := acc.actor()
	e.ActorKind, e.ActorID, e.ActorName = a.Kind, a.ID, a.Name
	got, err := s.db.AppendAudit(r.Context(), e)
	return got.ID, err
}
