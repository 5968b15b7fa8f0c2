package web

import (
	"net/http"
)

// The simulated e-ID exists in demo mode only: routes.go registers these
// handlers only then, so elsewhere the URLs answer 404.

func (s *Server) handleDemoEIDForm(w http.ResponseWriter, r *http.Request) {
	s.renderDemoEID(w, r, http.StatusOK, map[string]string{"next": r.URL.Query().Get("next")}, nil)
}

func (s *Server) renderDemoEID(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) {
	v := s.view(r)
	v.Title = v.T("eid.demo.title")
	v.Form = form
	if err != nil {
		showErrors(v, err, "personnummer")
	}
	s.renderStatus(w, r, status, "login_resident_demo", v.with(safeNext(form["next"])))
}

// handleDemoEID logs in as the resident with the test personnummer typed.
func (s *Server) handleDemoEID(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "personnummer", "next")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	login, err := s.auth.LoginDemoEID(r.Context(), form["personnummer"])
	if err != nil {
		s.formFailed(w, r, form, err, s.renderDemoEID)
		return
	}
	s.setSessionCookie(w, login.Token)
	http.Redirect(w, r, safeNext(form["next"]), http.StatusSeeOther)
}
