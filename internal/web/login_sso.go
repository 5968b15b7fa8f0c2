package web

import (
	"net/http"

	"sprang"
	"sprang/internal/auth"
)

// handleSSOStart sends a staff member to the municipality's single
// sign-on. It is a GET (a link on the staff login page): it only stores a
// short-lived login flow, limited per client.
func (s *Server) handleSSOStart(w http.ResponseWriter, r *http.Request) {
	if s.logins.sso == nil {
		s.fail(w, r, errNoPage)
		return
	}
	s.startFlow(w, r, auth.ProviderSSO, s.logins.sso, safeNext(r.URL.Query().Get("next")))
}

// handleSSOCallback finishes a single sign-on: the identity must belong to
// a staff account that an administrator created.
func (s *Server) handleSSOCallback(w http.ResponseWriter, r *http.Request) {
	if s.logins.sso == nil {
		s.fail(w, r, errNoPage)
		return
	}
	claims, err := s.finishFlow(w, r, s.logins.sso)
	if err != nil {
		s.loginRefused(w, r, auth.ProviderSSO, err)
		return
	}
	login, err := s.auth.LoginSSO(r.Context(), claims)
	if err != nil {
		s.ssoRefused(w, r, err)
		return
	}
	s.setSessionCookie(w, login.Token)
	http.Redirect(w, r, afterLogin(claims.ReturnTo), http.StatusSeeOther)
}

// ssoRefused shows the friendly page for a refusal LoginSSO audited
// already (unknown person, disabled or locked account).
func (s *Server) ssoRefused(w http.ResponseWriter, r *http.Request, err error) {
	kind := sprang.ErrorKind(err)
	if kind == sprang.Internal {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	v.Title = v.T("oidc.failed.title")
	p := loginFailedPage{Text: errorText(v, err), Retry: "/logga-in/sso", Staff: true}
	setRetryAfter(w, err)
	s.renderStatus(w, r, statusOf(kind), "login_resident_failed", v.with(p))
}
