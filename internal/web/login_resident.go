package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/mail"
)

// logins holds the ways to log in besides staff passwords: the residents'
// e-ID broker, the staff single sign-on, and the e-mail login.
type logins struct {
	eid      *auth.OIDC  // nil when no e-ID broker is configured
	sso      *auth.OIDC  // nil when no staff single sign-on is configured
	email    *auth.Email // nil when e-mail login is off (no mail server outside demo mode)
	showMail bool        // demo without a mail server: the page shows what was mailed
}

// newLogins builds the logins from d: OIDC relying parties for the
// configured providers, and the e-mail login sending through d.Mail, or
// SMTP when configured. Without a mail server the e-mail login exists in
// demo mode only, where the page shows what would have been mailed;
// elsewhere it is off, so that nobody is told a code was sent that never
// was.
func newLogins(d Deps, a *auth.Service, log *slog.Logger) (*logins, error) {
	l := &logins{}
	base := d.Config.BaseURL
	if d.Config.ResidentOIDC.Enabled() {
		l.eid = auth.NewOIDC(auth.ProviderEID, d.Config.ResidentOIDC, base+"/logga-in/eid/callback", d.DB)
	}
	if d.Config.StaffOIDC.Enabled() {
		l.sso = auth.NewOIDC(auth.ProviderSSO, d.Config.StaffOIDC, base+"/logga-in/sso/callback", d.DB)
	}
	send := d.Mail
	switch {
	case send != nil:
	case d.Config.SMTPURL != "":
		smtp, err := mail.NewSMTP(d.Config.SMTPURL, d.Config.MailFrom)
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		send = smtp
	case d.Config.Demo:
		send = mail.Dropped{Log: log}
		l.showMail = true
	default:
		log.Warn("no SPRANG_SMTP_URL: e-mail login is off")
		return l, nil
	}
	l.email = auth.NewEmail(a, send, base, auth.DefaultEmailPolicy())
	return l, nil
}

// residentLoginPage is what the resident login page offers.
type residentLoginPage struct {
	EID   bool   // e-legitimation through the e-ID broker
	Email bool   // the e-mail login, when codes can be delivered (or shown, in the demo)
	Demo  bool   // the simulated e-ID of the demo
	Next  string // where to go afterwards, a local path
}

func (s *Server) handleResidentLogin(w http.ResponseWriter, r *http.Request) {
	s.allowEIDForm(w)
	v := s.view(r)
	v.Title = v.T("resident.login.title")
	s.render(w, r, "login_resident", v.with(residentLoginPage{EID: s.logins.eid != nil, Email: s.logins.email != nil,
		Demo: s.cfg.Demo, Next: safeNext(r.URL.Query().Get("next"))}))
}

// handleEIDStart sends the browser to the e-ID broker.
func (s *Server) handleEIDStart(w http.ResponseWriter, r *http.Request) {
	if s.logins.eid == nil {
		s.fail(w, r, errNoPage)
		return
	}
	form, err := postedForm(w, r, "next")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.startFlow(w, r, auth.ProviderEID, s.logins.eid, safeNext(form["next"]))
}

// startFlow starts a login at provider's relying party o that returns to
// next, after counting it against the client's limit (each start stores a
// flow), binds the flow to this browser with a cookie and sends the
// browser to the provider.
func (s *Server) startFlow(w http.ResponseWriter, r *http.Request, provider string, o *auth.OIDC, next string) {
	if err := s.auth.ThrottleLoginFlow(r.Context(), clientAddr(r)); err != nil {
		s.loginRefused(w, r, provider, err)
		return
	}
	flow, err := o.Start(r.Context(), next)
	if err != nil {
		s.loginRefused(w, r, provider, err)
		return
	}
	s.setFlowCookie(w, flow.Binding, int(auth.FlowTTL.Seconds()))
	http.Redirect(w, r, flow.URL, http.StatusSeeOther) //nolint:gosec // the configured provider's URL; next is stored, not sent
}

// flowCookie is the name of the cookie that binds an e-ID or single
// sign-on login to the browser that started it, so that nobody can make
// someone else's browser finish their login (login CSRF). Behind TLS it
// carries the __Host- prefix, like the session cookie.
func (s *Server) flowCookie() string { return s.hostCookie("sprang_flow") }

// setFlowCookie sets the flow cookie to value for maxAge seconds; a
// negative maxAge clears it. It is HttpOnly and SameSite=Lax, so the
// provider's redirect back (a top-level GET) carries it.
func (s *Server) setFlowCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // Secure whenever served over TLS (cfg.Secure); plain http only for local use
		Name: s.flowCookie(), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

// finishFlow finishes the login of o from the callback r in the browser
// holding the flow cookie. Once the flow was found (used, whatever the
// outcome) the cookie is cleared; a callback naming no flow of this
// browser — a forged one — leaves it for the real callback.
func (s *Server) finishFlow(w http.ResponseWriter, r *http.Request, o *auth.OIDC) (auth.Claims, error) {
	binding := ""
	if c, err := r.Cookie(s.flowCookie()); err == nil {
		binding = c.Value
	}
	claims, err := o.Finish(r.Context(), r.URL.Query(), binding)
	if binding != "" && sprang.ErrorMessage(err) != auth.MsgOIDCExpired {
		s.setFlowCookie(w, "", -1)
	}
	return claims, err
}

// handleEIDCallback finishes the e-ID login the broker sends back.
func (s *Server) handleEIDCallback(w http.ResponseWriter, r *http.Request) {
	if s.logins.eid == nil {
		s.fail(w, r, errNoPage)
		return
	}
	claims, err := s.finishFlow(w, r, s.logins.eid)
	if err != nil {
		s.loginRefused(w, r, auth.ProviderEID, err)
		return
	}
	l, err := auth.EIDLoginFromClaims(claims, s.cfg.ResidentOIDC.PNRClaim, s.cfg.ResidentOIDC.ACRValues, s.db.Now())
	if err != nil {
		s.loginRefused(w, r, auth.ProviderEID, err)
		return
	}
	login, err := s.auth.LoginEID(r.Context(), l, auth.MethodEID, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSessionCookie(w, login.Token)
	http.Redirect(w, r, safeNext(claims.ReturnTo), http.StatusSeeOther)
}

// loginFailedPage is the friendly page of a refused e-ID or single
// sign-on login: what happened, a way to try again and the other ways in.
type loginFailedPage struct {
	Text  string // what happened, translated
	Retry string // the URL that starts the login again
	Post  bool   // whether Retry is started with a POST form
	Staff bool   // a staff login: the other ways are on the staff page
	Email bool   // whether the e-mail login is on, to offer it instead
}

// loginRefused audits a refused OIDC login and shows the friendly page.
// Faults of ours or of an unreachable provider are logged once here.
func (s *Server) loginRefused(w http.ResponseWriter, r *http.Request, provider string, err error) {
	err = s.auth.RefuseLogin(r.Context(), provider, err)
	kind := sprang.ErrorKind(err)
	if kind == sprang.Internal {
		s.log.ErrorContext(r.Context(), "login failed", "provider", provider, "error", err.Error())
	}
	msg := sprang.ErrorMessage(err)
	if msg == "" || kind == sprang.Internal && msg != auth.MsgOIDCUnavailable {
		msg = auth.MsgOIDCFailed
	}
	s.allowEIDForm(w)
	v := s.view(r)
	text := v.T(msg)
	if kind == sprang.TooMany {
		text = errorText(v, err)
		setRetryAfter(w, err)
	}
	p := loginFailedPage{Text: text, Retry: "/logga-in/eid", Post: true, Email: s.logins.email != nil}
	if provider == auth.ProviderSSO {
		p = loginFailedPage{Text: text, Retry: "/logga-in/sso", Staff: true}
	}
	v.Title = v.T("oidc.failed.title")
	s.renderStatus(w, r, statusOf(kind), "login_resident_failed", v.with(p))
}

// allowEIDForm lets this page's forms lead to the e-ID broker: browsers
// apply the page's CSP form-action to the redirect that follows a form's
// POST, so the broker's origin is added to it for pages with the e-ID
// button.
func (s *Server) allowEIDForm(w http.ResponseWriter) {
	if s.logins.eid == nil {
		return
	}
	u, err := url.Parse(s.cfg.ResidentOIDC.Issuer)
	if err != nil || u.Host == "" {
		return
	}
	origin := u.Scheme + "://" + u.Host
	h := w.Header()
	h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"),
		"form-action 'self'", "form-action 'self' "+origin, 1))
}
