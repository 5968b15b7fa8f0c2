package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// maxFormBytes bounds the body of a posted form.
const maxFormBytes = 64 << 10

// postedForm parses r's url-encoded body (at most maxFormBytes) and
// returns the first value of each of names. A malformed body gives an
// Invalid error, an oversized one errTooLarge, and one with text that is
// not UTF-8 (which the database would refuse) errUnreadable.
func postedForm(w http.ResponseWriter, r *http.Request, names ...string) (map[string]string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, errTooLarge
		}
		return nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	if !validUTF8(r.Form) {
		return nil, errUnreadable
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = r.PostForm.Get(n)
	}
	return out, nil
}

// errTooLarge is the error for a form body over maxFormBytes (413), and
// errUnreadable for form text that is not UTF-8.
var (
	errTooLarge   = sprang.Errorf(sprang.Invalid, "form.too_large")
	errUnreadable = sprang.Errorf(sprang.Invalid, "form.unreadable")
)

// validUTF8 reports whether every name and value in vs is valid UTF-8.
func validUTF8(vs url.Values) bool {
	for k, values := range vs {
		if !utf8.ValidString(k) {
			return false
		}
		for _, v := range values {
			if !utf8.ValidString(v) {
				return false
			}
		}
	}
	return true
}

// showErrors fills v's error summary from err: one entry per field error,
// in the order of fields; an error without field errors is shown against
// the first field, so the summary always links somewhere useful.
func showErrors(v *view, err error, fields ...string) {
	fe := sprang.ErrorFields(err)
	for _, f := range fields {
		if key, ok := fe[f]; ok {
			v.Errors = append(v.Errors, fieldError{Field: f, Message: fieldMessage(v, f, key)})
		}
	}
	if len(v.Errors) == 0 && len(fields) > 0 {
		v.Errors = []fieldError{{Field: fields[0], Message: errorText(v, err)}}
	}
}

// fieldMessage returns the text of the message key for field: the
// catalog's "field.<field>.<key>" when there is one, so that a generic
// message such as identity.required names its field and stands alone in
// the error summary ("Skriv enhetens namn på svenska"), else the text of
// key itself.
func fieldMessage(v *view, field, key string) string {
	if k := "field." + field + "." + key; v.cat.Has(v.Lang, k) {
		return v.T(k)
	}
	return messageText(v, key)
}

// errorText returns the user-facing text of err: its message with the
// retry time filled in for rate limits, or the generic text of its kind.
func errorText(v *view, err error) string {
	msg := sprang.ErrorMessage(err)
	if at, ok := auth.RetryAt(err); ok && msg != "" {
		return v.T(msg, i18n.DateTime(at))
	}
	if msg != "" {
		return messageText(v, msg)
	}
	return v.T(errorKey(statusOf(sprang.ErrorKind(err))) + ".text")
}

// messageText translates a message key from the catalog or, for the
// domain's validation messages, from identity.Messages.
func messageText(v *view, key string) string {
	if s := v.T(key); s != key {
		return s
	}
	if m, ok := identity.Messages()[key]; ok {
		if v.Lang == i18n.English {
			return m.EN
		}
		return m.SV
	}
	return key
}

// clientAddr returns the address of the client for rate limits: the host
// of r.RemoteAddr, which the realClient middleware has set to the real
// client behind trusted proxies (see clientIP).
func clientAddr(r *http.Request) string { return hostOf(r.RemoteAddr) }

// loginPage is what the staff login page shows besides the form.
type loginPage struct {
	Next string // where to go after login, a local path
	SSO  bool   // whether single sign-on for staff is configured
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	if sessionOf(r.Context()).Staff() {
		http.Redirect(w, r, "/personal", http.StatusSeeOther)
		return
	}
	s.renderPublic(w, r, "login", func(v *view) {
		v.Title = v.T("login.title")
		v.Data = loginPage{Next: safeNext(r.URL.Query().Get("next")), SSO: s.cfg.StaffOIDC.Enabled()}
	})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) {
	v := s.view(r)
	v.Title = v.T("login.title")
	v.Form = form
	next := r.URL.Query().Get("next")
	if form != nil {
		next = form["next"]
	}
	if err != nil {
		showErrors(v, err, "username", "password")
	}
	s.renderStatus(w, r, status, "login", v.with(loginPage{Next: safeNext(next), SSO: s.cfg.StaffOIDC.Enabled()}))
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "username", "password", "next")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	login, err := s.auth.LoginPassword(r.Context(), form["username"], form["password"], clientAddr(r))
	if err != nil {
		s.loginFailed(w, r, form, err)
		return
	}
	s.setSessionCookie(w, login.Token)
	if login.PendingTOTP {
		http.Redirect(w, r, "/logga-in/tvastegs?next="+url.QueryEscape(safeNext(form["next"])), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, afterLogin(form["next"]), http.StatusSeeOther)
}

// loginFailed re-renders the login form for an expected refusal and fails
// the request for anything else.
func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, form map[string]string, err error) {
	form["password"] = ""
	switch k := sprang.ErrorKind(err); k {
	case sprang.Invalid, sprang.Forbidden, sprang.TooMany:
		setRetryAfter(w, err)
		s.renderLogin(w, r, statusOf(k), form, err)
	default:
		s.fail(w, r, err)
	}
}

// setRetryAfter sets the Retry-After header for a rate-limit error.
func setRetryAfter(w http.ResponseWriter, err error) {
	if at, ok := auth.RetryAt(err); ok {
		secs := int(time.Until(at).Seconds()) + 1
		w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	}
}

// afterLogin returns where a staff user goes after logging in: next when
// it is a local path, otherwise the staff start page.
func afterLogin(next string) string {
	if p := safeNext(next); p != "/" {
		return p
	}
	return "/personal"
}

func (s *Server) handleTOTPForm(w http.ResponseWriter, r *http.Request) {
	if pendingOf(r.Context()) == "" {
		http.Redirect(w, r, "/logga-in", http.StatusSeeOther)
		return
	}
	s.renderTOTP(w, r, http.StatusOK, map[string]string{"next": r.URL.Query().Get("next")}, nil)
}

func (s *Server) renderTOTP(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) {
	v := s.view(r)
	v.Title = v.T("login.totp.title")
	v.Form = form
	if err != nil {
		showErrors(v, err, "code")
	}
	s.renderStatus(w, r, status, "login_totp", v.with(loginPage{Next: safeNext(form["next"])}))
}

func (s *Server) handleTOTP(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "code", "next")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	login, err := s.auth.VerifyTOTP(r.Context(), pendingOf(r.Context()), form["code"])
	switch k := sprang.ErrorKind(err); k {
	case "":
		s.setSessionCookie(w, login.Token)
		http.Redirect(w, r, afterLogin(form["next"]), http.StatusSeeOther)
	case sprang.Unauthenticated:
		http.Redirect(w, r, "/logga-in", http.StatusSeeOther)
	case sprang.Invalid, sprang.Forbidden, sprang.TooMany:
		setRetryAfter(w, err)
		form["code"] = ""
		s.renderTOTP(w, r, statusOf(k), form, err)
	default:
		s.fail(w, r, err)
	}
}

// handleLogout ends the request's session — or, with "everywhere" set,
// every session of the staff user — clears the cookie and goes home.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "everywhere")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sess := sessionOf(r.Context())
	switch {
	case sess.Staff() && form["everywhere"] != "":
		err = s.auth.LogoutEverywhere(r.Context(), auth.StaffActor(sess.UserID, sess.Username), sess.UserID)
	case sess != nil:
		err = s.auth.Logout(r.Context(), sess.TokenHash)
	case pendingOf(r.Context()) != "":
		err = s.auth.Logout(r.Context(), pendingOf(r.Context()))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// CodeField is the one-time code input of the TOTP pages: numeric
// keyboard on phones, and the autocomplete token that lets password
// managers fill it in.
func (v *view) CodeField() formField {
	f := field(v, "code", "login.totp.code", "login.totp.hint", "text", "one-time-code")
	f.Inputmode = "numeric"
	return f
}
