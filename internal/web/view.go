package web

import (
	"net/http"

	"sprang/internal/i18n"
)

// view is what every template receives: the language and its translator,
// the page title, the logged-in person (if any), form state and the page's
// own data in Data.
type view struct {
	Lang    i18n.Lang
	Title   string
	Path    string // the request path, for the language switch and "current page" marks
	Session *Session
	Errors  []fieldError // the error summary, in form order
	Form    map[string]string
	Data    any
	cat     *i18n.Catalog
}

// fieldError is one entry of a form's error summary: the field's id (the
// summary links to it) and the message.
type fieldError struct {
	Field   string
	Message string
}

// view returns the view for r with language and session filled in.
func (s *Server) view(r *http.Request) *view {
	v := &view{Lang: langOf(r), Path: r.URL.Path, Session: sessionOf(r.Context()), cat: s.cat}
	return v
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
