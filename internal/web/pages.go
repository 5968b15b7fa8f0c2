package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sprang/internal/config"
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
	{Key: "trygghet", Links: []link{{"/tillganglighet", "nav.accessibility"}, {"/logga-in/invanare", "nav.login"}}},
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

// reportPage is the page for reporting an accessibility problem: the page
// the visitor came from (when it is a local path) and where to report.
type reportPage struct {
	From      string // the page the footer link named, or ""
	Email     string
	Phone     string // as people dial it in Sweden
	PhoneHref string // the tel: URI of Phone
}

func (s *Server) handleReportProblem(w http.ResponseWriter, r *http.Request) {
	v := s.view(r)
	v.Title = v.T("a11y.report.title")
	p := reportPage{Email: cmp.Or(s.cfg.A11yEmail, config.DefaultA11yEmail), Phone: cmp.Or(s.cfg.A11yPhone, config.DefaultA11yPhone)}
	p.PhoneHref = telURI(p.Phone)
	p.From, _ = localPath(r.URL.Query().Get("sida"))
	s.render(w, r, "report", v.with(p))
}

// telURI returns the tel: URI (without the scheme) of a Swedish phone
// number as people write it: digits only, the leading trunk 0 replaced by
// +46, so "08-46 500 400" gives "+46846500400".
func telURI(phone string) string {
	var b strings.Builder
	for _, c := range phone {
		if c >= '0' && c <= '9' || c == '+' && b.Len() == 0 {
			b.WriteRune(c)
		}
	}
	n := b.String()
	if strings.HasPrefix(n, "0") && !strings.HasPrefix(n, "00") {
		return "+46" + n[1:]
	}
	return n
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
	u, ok := localURL(next)
	if !ok {
		return "/"
	}
	return u.RequestURI()
}

// localPath returns the path of p, without query, and true when p is a
// local path; "" and false otherwise.
func localPath(p string) (string, bool) {
	u, ok := localURL(p)
	if !ok {
		return "", false
	}
	return u.Path, true
}

// localURL parses s when it is a path on this site: it starts with one
// slash (not "//" or "/\\", which browsers read as another host) and has
// no scheme or host — also after decoding and re-encoding, since
// "/%2F%2Fevil.example" decodes to a path that starts with "//" and
// RequestURI may write it back unescaped.
func localURL(s string) (*url.URL, bool) {
	if !oneSlash(s) {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host != "" || u.Scheme != "" || !oneSlash(u.Path) || !oneSlash(u.RequestURI()) {
		return nil, false
	}
	return u, true
}

// oneSlash reports whether s starts with "/" and not with "//" or "/\\".
func oneSlash(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") && !strings.HasPrefix(s, "/\\")
}
