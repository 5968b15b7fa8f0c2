package web

import (
	"errors"
	"net/http"
	"time"

	"sprang"
	"sprang/internal/auth"
)

// throttle is a rate limit on what anonymous visitors may do: at most Max
// per Window per client address, counted in the shared login_attempts
// table under a keyed hash of Kind and the address (so the table holds no
// addresses), like the login limits of internal/auth.
type throttle struct {
	Kind   string
	Max    int
	Window time.Duration
}

// The limits of anonymous e-services: drafts started and errands
// submitted. Logged-in residents and staff are not limited.
var (
	throttleStart  = throttle{Kind: "eservice.start", Max: 100, Window: time.Hour}
	throttleSubmit = throttle{Kind: "eservice.submit", Max: 20, Window: time.Hour}
)

// msgTooMany is the message of a refused anonymous start or submission;
// its placeholder is when to try again.
const msgTooMany = "fill.too_many"

// throttleAnonymous counts one use of t by the request's client and
// returns a TooMany error saying when to retry once the limit is used up.
// Counting first makes parallel requests on any node count each other.
func (s *Server) throttleAnonymous(r *http.Request, t throttle) error {
	box := s.db.Box()
	if box == nil {
		return errors.New("rate limit: the database has no secret box")
	}
	a, err := s.db.ClaimLoginAttempt(r.Context(), box.Lookup(t.Kind, clientAddr(r)), t.Max, s.db.Now().Add(-t.Window))
	if err != nil {
		return err
	}
	if !a.Allowed {
		return &sprang.Error{Kind: sprang.TooMany, Message: msgTooMany, Cause: &auth.RetryError{At: a.Window.Oldest.Add(t.Window)}}
	}
	return nil
}

// tooMany shows the 429 page for a refused anonymous start or submission,
// saying when to try again, with a Retry-After header. Other errors fail
// as usual.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, err error) {
	if sprang.ErrorKind(err) != sprang.TooMany {
		s.fail(w, r, err)
		return
	}
	setRetryAfter(w, err)
	v := s.view(r)
	v.Title = v.T("error.429.heading")
	s.renderStatus(w, r, http.StatusTooManyRequests, "error", v.with(errorPage{Status: http.StatusTooManyRequests,
		Heading: v.Title, Message: errorText(v, err), RequestID: requestID(r.Context())}))
}
