package web

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"strings"
)

// The receipt cookie lets the browser that submitted an anonymous errand
// see its receipt: it lists the references of the errands this browser
// submitted, each with a keyed hash of the reference and the browser's
// anonymous draft token, so it proves nothing without that token and
// cannot be made up. It is sent to the receipt pages only.
const (
	receiptCookieName = "sprang_kvitto"
	receiptCookiePath = "/e-tjanster/kvitto"
	receiptCookieMax  = 10 // the most references kept; older ones drop off
)

// receiptProof returns the proof that the browser holding token submitted
// the errand with reference ref.
func (s *Server) receiptProof(token, ref string) string {
	return s.db.Box().Lookup("eservice.receipt", token+"|"+ref)[:32]
}

// rememberReceipt adds ref to the browser's receipt cookie. Without a
// secret box (no errand can be stored then) it does nothing.
func (s *Server) rememberReceipt(w http.ResponseWriter, r *http.Request, token, ref string) {
	if s.db.Box() == nil {
		return
	}
	entries := []string{ref + "." + s.receiptProof(token, ref)}
	if c, err := r.Cookie(s.draftCookie(receiptCookieName)); err == nil {
		for _, e := range strings.Split(c.Value, "_") {
			if e != "" && len(entries) < receiptCookieMax && !slices.Contains(entries, e) {
				entries = append(entries, e)
			}
		}
	}
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // Secure whenever served over TLS (cfg.Secure); plain http only for local use
		Name: s.draftCookie(receiptCookieName), Value: strings.Join(entries, "_"), Path: receiptCookiePath,
		MaxAge: draftCookieMaxAge, HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

// submittedHere reports whether this browser submitted the errand with
// reference ref anonymously: its receipt cookie holds a proof for ref
// that matches its draft token.
func (s *Server) submittedHere(r *http.Request, ref string) bool {
	token := s.cookieToken(r, draftCookieName)
	c, err := r.Cookie(s.draftCookie(receiptCookieName))
	if token == "" || err != nil || s.db.Box() == nil {
		return false
	}
	want := []byte(ref + "." + s.receiptProof(token, ref))
	for _, e := range strings.Split(c.Value, "_") {
		if hmac.Equal([]byte(e), want) {
			return true
		}
	}
	return false
}
