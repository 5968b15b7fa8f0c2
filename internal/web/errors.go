package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"sprang"
)

// statusOf is the one mapping from error kinds to HTTP status codes.
func statusOf(k sprang.Kind) int {
	switch k {
	case sprang.Invalid:
		return http.StatusUnprocessableEntity
	case sprang.NotFound:
		return http.StatusNotFound
	case sprang.Conflict:
		return http.StatusConflict
	case sprang.Forbidden:
		return http.StatusForbidden
	case sprang.Unauthenticated:
		return http.StatusUnauthorized
	case sprang.TooMany:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// errorPage holds what the error template shows: a heading and a text for
// the status, plus the request id so a user can quote it to support.
type errorPage struct {
	Status    int
	Heading   string
	Message   string
	RequestID string
}

// fail renders the error page for err. Internal errors are logged once here
// with their cause; the user sees only a generic text and the request id.
// Other errors show their message only when it is a catalog key: store
// messages such as "user not found" are for logs, not for users, so those
// get the generic text for the status. Unauthenticated requests for pages
// are redirected to the login page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	kind := sprang.ErrorKind(err)
	if kind == sprang.Unauthenticated && r.Method == http.MethodGet {
		// G710 false positive: the target is our own login page; the
		// return path is checked to be local by safeNext and escaped.
		http.Redirect(w, r, "/logga-in?next="+url.QueryEscape(safeNext(r.URL.RequestURI())), http.StatusSeeOther) //nolint:gosec // see above
		return
	}
	status := statusOf(kind)
	if errors.Is(err, errTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", slog.String("error", err.Error()))
	}
	v := s.view(r)
	p := errorPage{Status: status, RequestID: requestID(r.Context())}
	p.Heading = v.T(errorKey(status) + ".heading")
	p.Message = v.T(errorKey(status) + ".text")
	if msg := sprang.ErrorMessage(err); msg != "" && status < 500 && v.cat.Has(v.Lang, msg) {
		p.Message = v.T(msg)
	}
	if errors.Is(err, errNoPage) {
		p.Message = v.T("error.404.text")
	}
	v.Title = p.Heading
	s.renderStatus(w, r, status, "error", v.with(p))
}

// errNoPage is the error for a URL that matches no route.
var errNoPage = sprang.Errorf(sprang.NotFound, "error.404.text")

func errorKey(status int) string {
	switch status {
	case http.StatusNotFound, http.StatusForbidden, http.StatusConflict, http.StatusTooManyRequests, http.StatusUnprocessableEntity,
		http.StatusUnauthorized, http.StatusRequestEntityTooLarge:
		return "error." + strconv.Itoa(status)
	default:
		return "error.500"
	}
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, errNoPage)
}
