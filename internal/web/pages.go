package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sprang/internal/i18n"
)

func (s *Server) handleHealthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// handleReadyz answers 200 when the database answers within two seconds.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "error", err.Error())
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// perspective is one of the policy's five perspectives on the home page,
// with the places in the platform that serve it.
type perspective struct {
	Key   string
	Links []link
}

type link struct {
	Href string
	Key  string
}

// perspectives lists the policy's perspectives; later capabilities add
// their links here.
var perspectives = []perspective{
	{Key: "trygghet", Links: []link{{"/tillganglighet", "nav.accessibility"}, {"/logga-in", "nav.login"}}},
	{Key: "kompetens", Links: nil},
	{Key: "ledarskap", Links: nil},
	{Key: "hallbarhet", Links: nil},
	{Key: "innovation", Links: nil},
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	s.renderPublic(w, r, "home", func(v *view) {
		v.Title = v.T("home.title")
		v.Data = perspectives
	})
}

func (s *Server) handleAccessibility(w http.ResponseWriter, r *http.Request) {
	s.renderPublic(w, r, "accessibility", func(v *view) { v.Title = v.T("a11y.title") })
}

func (s *Server) handleReportProblem(w http.ResponseWriter, r *http.Request) {
	v := s.view(r)
	v.Title = v.T("a11y.report.title")
	s.render(w, r, "report", v.with(r.URL.Query().Get("sida")))
}

// handleLanguage sets the UI language cookie and returns to the page the
// switch was on. It only changes a display preference, so a GET is safe.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang := i18n.ParseLang(r.PathValue("lang"))
	// G124: Secure follows the configuration (on behind TLS); the cookie
	// only holds a display preference.
	http.SetCookie(w, &http.Cookie{ //nolint:gosec // see above
		Name: "lang", Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther) //nolint:gosec // G710: safeNext allows only local paths
}

// safeNext returns next when it is a local path (so redirects cannot be
// used to send people to other sites), otherwise "/".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return u.RequestURI()
}
