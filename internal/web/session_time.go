package web

import (
	"net/http"
	"net/url"
	"time"

	"sprang"
	"sprang/internal/i18n"
)

// The idle limit of a session and the page that makes it longer (WCAG
// 2.2.1 Timing Adjustable, "adjust"). Without scripts the platform cannot
// warn before a session ends, so every page of a logged-in person says
// how long it lasts unused (IdleNotice, in the layout) and links to
// /mer-tid, where one button gives this session auth.LongerIdle — ten
// times the configured limit, within the absolute lifetime — for as long
// as it lives.

// moreTimePath is the page where a logged-in person chooses more time.
const moreTimePath = "/mer-tid"

// sessionTimePage is what the more-time page shows.
type sessionTimePage struct {
	Idle      string // the session's idle limit now, in words
	Longer    string // the limit the button gives, in words
	Absolute  string // the absolute lifetime of a session, in words
	CanExtend bool   // a longer limit than the configured one exists
	Chosen    bool   // this session has the longer limit already
	Next      string // the local page to go back to
}

// handleSessionTime shows the session's idle limit and the choice of a
// longer one. Without a login it sends the browser to log in first.
func (s *Server) handleSessionTime(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	sess := sessionOf(r.Context())
	if sess == nil {
		s.loginForMoreTime(w, r, next)
		return
	}
	v := s.view(r)
	v.Title = v.T("session_time.title")
	longer := s.auth.LongerIdle()
	s.render(w, r, "session_time", v.with(sessionTimePage{
		Idle: durationText(v, sess.Idle), Longer: durationText(v, longer),
		Absolute: durationText(v, s.auth.SessionAbsolute()), CanExtend: longer > s.auth.SessionIdle(),
		Chosen: sess.IdleChosen, Next: next,
	}))
}

// handleSessionTimePost gives the request's session the longer idle limit
// (audited by auth.ExtendSession) and shows the page again, which then
// tells the new limit. A session that ended meanwhile, or none, sends the
// browser to log in, and back here after.
func (s *Server) handleSessionTimePost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "next")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := safeNext(form["next"])
	sess := sessionOf(r.Context())
	if sess == nil {
		s.loginForMoreTime(w, r, next)
		return
	}
	_, err = s.auth.ExtendSession(r.Context(), sess.TokenHash)
	switch {
	case sprang.ErrorKind(err) == sprang.NotFound: // ended since the request began
		s.clearSessionCookie(w)
		s.loginForMoreTime(w, r, next)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, moreTimeURL(next), http.StatusSeeOther)
}

// loginForMoreTime sends a browser without a login to the login page
// (residents' logins, which links to the staff login), which returns it
// to the more-time page and from there to next.
func (s *Server) loginForMoreTime(w http.ResponseWriter, r *http.Request, next string) {
	http.Redirect(w, r, "/logga-in/invanare?next="+url.QueryEscape(moreTimeURL(next)), http.StatusSeeOther) //nolint:gosec // G710: our own login page; next is checked local and escaped
}

// moreTimeURL returns the more-time page's URL that leads back to next, a
// local path from safeNext.
func moreTimeURL(next string) string {
	if next == "/" {
		return moreTimePath
	}
	return moreTimePath + "?next=" + url.QueryEscape(next)
}

// IdleNotice returns the layout's line on how long the session lasts
// unused ("Du loggas ut efter 30 minuter utan aktivitet."), or "" when
// nobody is logged in or on the more-time page itself, which says more.
func (v *view) IdleNotice() string {
	if v.Session == nil || v.Session.Idle <= 0 || v.Path == moreTimePath {
		return ""
	}
	return v.T("session_time.notice", durationText(v, v.Session.Idle))
}

// durationText writes d in words in the view's language: "30 minuter",
// "5 timmar", "1 hour and 30 minutes"; under a minute, in seconds. Parts
// smaller than the largest unit's next are dropped (a limit is never
// overstated).
func durationText(v *view, d time.Duration) string {
	if d < time.Minute {
		return unitText(v, "seconds", int64(d/time.Second))
	}
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return unitText(v, "minutes", m)
	case m == 0:
		return unitText(v, "hours", h)
	}
	return v.T("session_time.and", unitText(v, "hours", h), unitText(v, "minutes", m))
}

// unitText writes n of unit (seconds, minutes, hours) in words, with the
// singular for 1.
func unitText(v *view, unit string, n int64) string {
	form := "other"
	if n == 1 {
		form = "one"
	}
	return v.T("session_time."+unit+"."+form, i18n.Number(v.Lang, n))
}
