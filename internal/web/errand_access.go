package web

import (
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// errNoErrand is the error for an errand id the user may not see or that
// does not exist: the same 404 either way, so ids cannot be probed.
var errNoErrand = sprang.Errorf(sprang.NotFound, "case.errand.not_found")

// caseAccess is what the staff user of a request may do with one errand:
// see it (always, once returned) and handle it (Handle).
type caseAccess struct {
	*access
	ErrandID int64
	UnitID   int64
	Handle   bool // HandleErrands in the errand's unit
}

// errandAccess checks the staff user's access to the errand named by the
// {id} in r's path. It is the one check every errand route makes: it
// returns Unauthenticated without a staff login and errNoErrand (404,
// never 403) when the errand does not exist or lies outside the units
// where the user has ViewErrands.
func (s *Server) errandAccess(r *http.Request) (*caseAccess, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, err
	}
	id, ok := casePathID(r, "id")
	if !ok {
		return nil, errNoErrand
	}
	unit, err := s.db.FindErrandUnit(r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return nil, errNoErrand
	}
	if err != nil {
		return nil, err
	}
	if !acc.Can(identity.ViewErrands, unit) {
		return nil, errNoErrand
	}
	return &caseAccess{access: acc, ErrandID: id, UnitID: unit, Handle: acc.Can(identity.HandleErrands, unit)}, nil
}

// errandHandler is errandAccess for changes: it also returns Forbidden
// when the user may see the errand but not handle it.
func (s *Server) errandHandler(r *http.Request) (*caseAccess, error) {
	ca, err := s.errandAccess(r)
	if err != nil {
		return nil, err
	}
	if !ca.Handle {
		return nil, errForbidden
	}
	return ca, nil
}

// reader returns who reads the errand, for the audit log of store.ReadErrand.
func (ca *caseAccess) reader() store.ErrandReader {
	return store.ErrandReader{UserID: ca.User.ID, UserName: ca.User.Username}
}

// casePathID returns the positive integer in the path value name.
func casePathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}
