package web

import (
	"net/http"
	"strings"

	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// view is what every template receives: the language and its translator,
// the page title, the logged-in person (if any), form state and the page's
// own data in Data.
type view struct {
	Lang    i18n.Lang
	Title   string
	Path    string // the request path, for "current page" marks
	Pattern string // the route pattern without its method, e.g. /personal/anvandare/{id}
	Session *Session
	Errors  []fieldError // the error summary, in form order
	Form    map[string]string
	Data    any
	query   string // the raw query string, for the language switch
	cat     *i18n.Catalog

	// noPersonalData marks a page that shows no personal data (figures,
	// references, service facts), so it may be compressed whatever its
	// query string; see mayCompress. Handlers set it with impersonal.
	noPersonalData bool
}

// impersonal marks v's page as showing no personal data and returns v.
func (v *view) impersonal() *view {
	v.noPersonalData = true
	return v
}

// fieldError is one entry of a form's error summary: the field's id (the
// summary links to it) and the message.
type fieldError struct {
	Field   string
	Message string
}

// view returns the view for r with language and session filled in.
func (s *Server) view(r *http.Request) *view {
	v := &view{Lang: langOf(r), Path: r.URL.Path, Pattern: routePattern(r), query: r.URL.RawQuery,
		Session: sessionOf(r.Context()), cat: s.cat}
	return v
}

// routePattern returns the pattern of the route that matched r, without
// its method ("GET /x" gives "/x"), or "" when none did.
func routePattern(r *http.Request) string {
	p := r.Pattern
	if i := strings.IndexByte(p, ' '); i >= 0 {
		p = p[i+1:]
	}
	return p
}

// secretPaths are the path prefixes of URLs that carry a secret: the
// e-mail login link (a login token in the path) and the OpenID Connect
// callbacks (code and state in the query). Their URLs are never repeated
// in links, where they could end up in logs, histories or Referer headers.
var secretPaths = []string{"/logga-in/epost/lank/", "/logga-in/eid/callback", "/logga-in/sso/callback"}

// secretPrefix returns the prefix of secretPaths that path starts with, or
// "" when the path carries no secret.
func secretPrefix(path string) string {
	for _, p := range secretPaths {
		if strings.HasPrefix(path, p) {
			return p
		}
	}
	return ""
}

// Next returns where the language switch returns to: the path and query
// of the page, or "/" for a page whose URL carries a secret. The template
// escapes it.
func (v *view) Next() string {
	if secretPrefix(v.Path) != "" {
		return "/"
	}
	if v.query != "" {
		return v.Path + "?" + v.query
	}
	return v.Path
}

// ReportPage returns the page the footer's "report a problem" link names:
// the path without query, or, for a page whose URL carries a secret, its
// route pattern (such as /logga-in/epost/lank/{token}), so the secret
// never appears in the link.
func (v *view) ReportPage() string {
	p := secretPrefix(v.Path)
	switch {
	case p == "":
		return v.Path
	case v.Pattern != "" && v.Pattern != "/":
		return v.Pattern
	}
	return p
}

// with returns v with Data set, for chaining.
func (v *view) with(data any) *view {
	v.Data = data
	return v
}

// T translates key into the view's language.
func (v *view) T(key string, args ...any) string { return v.cat.T(v.Lang, key, args...) }

// OtherLangs returns the languages the switch offers: all but the current.
func (v *view) OtherLangs() []i18n.Lang {
	var out []i18n.Lang
	for _, l := range i18n.Langs {
		if l != v.Lang {
			out = append(out, l)
		}
	}
	return out
}

// LangName returns the name of l in l itself, for the language switch.
func (v *view) LangName(l i18n.Lang) string { return v.cat.T(l, "lang.name") }

// FieldError returns the message for field, or "".
func (v *view) FieldError(field string) string {
	for _, e := range v.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Value returns the submitted value of field, for re-rendering a form.
func (v *view) Value(field string) string { return v.Form[field] }

// unitName is a unit's name as a page shows it: the text, and the language
// of the text when it is not the page's (a unit without an English name
// shows its Swedish one on English pages), for a lang attribute.
type unitName struct {
	Text string
	Lang string // "" when the name is in the page's language
}

// UnitName returns u's name in the view's language, falling back to the
// Swedish name, and marks the fallback as Swedish (WCAG 3.1.2).
func (v *view) UnitName(u identity.Unit) unitName {
	n := unitName{Text: u.Name(string(v.Lang))}
	if v.Lang != i18n.Swedish && n.Text == u.NameSV {
		n.Lang = string(i18n.Swedish)
	}
	return n
}

// RecordLang returns the language of the technical records the audit log
// keeps as the platform wrote them (details, object types, system actors'
// names): "en" on pages in another language, so a screen reader reads
// them as English (WCAG 3.1.2), and "" on English pages. Reasons are not
// among them: staff write those, in Swedish.
func (v *view) RecordLang() string {
	if v.Lang == i18n.English {
		return ""
	}
	return string(i18n.English)
}

// pager is what the "pager" component renders: the paging links under a
// list, in a nav named Label. It renders nothing when there are no links.
type pager struct {
	Label string
	Links []pagerLink
}

// pagerLink is one link of a pager: its URL, text and rel attribute (may
// be "").
type pagerLink struct {
	URL, Text, Rel string
}

// Pager builds the "pager" component's data: a nav labelled with the
// translation of labelKey and the links that have a URL, in order.
func (v *view) Pager(labelKey string, links ...pagerLink) pager {
	p := pager{Label: v.T(labelKey)}
	for _, l := range links {
		if l.URL != "" {
			p.Links = append(p.Links, l)
		}
	}
	return p
}

// PagerLink builds a pager link to url ("" when there is no such page)
// with the translation of textKey as its text and rel as its rel attribute.
func (v *view) PagerLink(url, textKey, rel string) pagerLink {
	return pagerLink{URL: url, Text: v.T(textKey), Rel: rel}
}

// HasValues reports whether the submitted form has any non-empty value, so
// that a collapsed filter opens when a filter is in use.
func (v *view) HasValues() bool {
	for _, val := range v.Form {
		if val != "" {
			return true
		}
	}
	return false
}
