package web

import (
	"net/http"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/auth"
)

// emailFlowCookie names the cookie holding a pending e-mail login's random
// flow id, so that neither the address nor the flow is in a URL.
func (s *Server) emailFlowCookie() string { return s.hostCookie("sprang-epost") }

// setEmailFlow hands the browser a pending flow's id for the code's life.
func (s *Server) setEmailFlow(w http.ResponseWriter, flowID string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: s.emailFlowCookie(), Value: flowID, Path: "/", MaxAge: int(ttl.Seconds()), //nolint:gosec // Secure behind TLS, like the session cookie
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearEmailFlow(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.emailFlowCookie(), Value: "", Path: "/", MaxAge: -1, //nolint:gosec // Secure behind TLS
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode})
}

func (s *Server) emailFlow(r *http.Request) string {
	c, err := r.Cookie(s.emailFlowCookie())
	if err != nil {
		return ""
	}
	return c.Value
}

// emailLogin wraps a handler of the e-mail login: while the login is off
// (no mail server outside demo mode) it answers 503 with a page naming the
// other ways to log in, instead of promising a code that is never sent.
func (s *Server) emailLogin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.logins.email != nil {
			h(w, r)
			return
		}
		s.allowEIDForm(w)
		v := s.view(r)
		v.Title = v.T("email.off.title")
		s.renderStatus(w, r, http.StatusServiceUnavailable, "login_email_off",
			v.with(residentLoginPage{EID: s.logins.eid != nil, Demo: s.cfg.Demo, Next: "/"}))
	}
}

func (s *Server) handleEmailForm(w http.ResponseWriter, r *http.Request) {
	s.renderEmailForm(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderEmailForm(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) {
	v := s.view(r)
	v.Title = v.T("email.title")
	v.Form = form
	if err != nil {
		showErrors(v, err, "email")
	}
	s.renderStatus(w, r, status, "login_email", v)
}

// handleEmailRequest mails a code and a link and goes on to the code form.
func (s *Server) handleEmailRequest(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "email")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	req, err := s.logins.email.Request(r.Context(), form["email"], clientAddr(r), emailComposer(v))
	if err != nil {
		s.formFailed(w, r, form, err, s.renderEmailForm)
		return
	}
	s.setEmailFlow(w, req.FlowID, auth.DefaultEmailPolicy().TTL)
	if s.logins.showMail && req.Code != "" {
		// The demo has no mail server: show what the mail would say.
		s.renderEmailCode(w, r, http.StatusOK, nil, nil, &req)
		return
	}
	http.Redirect(w, r, "/logga-in/epost/kod", http.StatusSeeOther)
}

// emailComposer writes the login mail in v's language.
func emailComposer(v *view) auth.Composer {
	return func(code, link string, ttl time.Duration) (string, string) {
		minutes := strconv.Itoa(int(ttl.Minutes()))
		return v.T("email.mail.subject"), v.T("email.mail.body", code, link, minutes)
	}
}

// formFailed re-renders a form for an expected refusal (422, or 429 with
// Retry-After) and fails the request for anything else.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, form map[string]string, err error,
	render func(http.ResponseWriter, *http.Request, int, map[string]string, error)) {
	switch k := sprang.ErrorKind(err); k {
	case sprang.Invalid, sprang.TooMany:
		setRetryAfter(w, err)
		render(w, r, statusOf(k), form, err)
	default:
		s.fail(w, r, err)
	}
}

// emailCodePage is what the code form shows besides the form: in the demo
// without a mail server, what the mail would have said.
type emailCodePage struct {
	Demo *auth.EmailRequest
	TTL  int // minutes the code works
}

func (s *Server) handleEmailCodeForm(w http.ResponseWriter, r *http.Request) {
	if s.emailFlow(r) == "" {
		http.Redirect(w, r, "/logga-in/epost", http.StatusSeeOther)
		return
	}
	s.renderEmailCode(w, r, http.StatusOK, nil, nil, nil)
}

func (s *Server) renderEmailCode(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error, demo *auth.EmailRequest) {
	v := s.view(r)
	v.Title = v.T("email.code.title")
	v.Form = form
	if err != nil {
		showErrors(v, err, "code")
	}
	s.renderStatus(w, r, status, "login_email_code", v.with(emailCodePage{Demo: demo,
		TTL: int(auth.DefaultEmailPolicy().TTL.Minutes())}))
}

// handleEmailCode logs in with the code typed in.
func (s *Server) handleEmailCode(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "code")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	login, err := s.logins.email.VerifyCode(r.Context(), s.emailFlow(r), form["code"])
	if err != nil {
		s.formFailed(w, r, form, err, func(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) {
			s.renderEmailCode(w, r, status, form, err, nil)
		})
		return
	}
	s.clearEmailFlow(w)
	s.setSessionCookie(w, login.Token)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// handleEmailLinkForm shows a button that uses the one-time link. Opening
// the link does not use it up, because mail scanners open links too; the
// button's POST does.
func (s *Server) handleEmailLinkForm(w http.ResponseWriter, r *http.Request) {
	v := s.view(r)
	v.Title = v.T("email.link.title")
	s.render(w, r, "login_email_link", v.with(r.PathValue("token")))
}

// handleEmailLink logs in with the one-time link's token.
func (s *Server) handleEmailLink(w http.ResponseWriter, r *http.Request) {
	login, err := s.logins.email.VerifyLink(r.Context(), r.PathValue("token"))
	if err != nil {
		if sprang.ErrorKind(err) != sprang.Invalid {
			s.fail(w, r, err)
			return
		}
		v := s.view(r)
		v.Title = v.T("email.link.title")
		v.Errors = []fieldError{{Field: "new-code", Message: errorText(v, err)}}
		s.renderStatus(w, r, http.StatusGone, "login_email_link", v.with(""))
		return
	}
	s.clearEmailFlow(w)
	s.setSessionCookie(w, login.Token)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// EmailCodeField is the code input of the e-mail login: numeric keyboard
// on phones, and the autocomplete token that lets mail apps fill it in.
func (v *view) EmailCodeField() formField {
	f := field(v, "code", "email.code.label", "email.code.hint", "text", "one-time-code")
	f.Inputmode = "numeric"
	return f
}
