package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"sprang/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// views holds every page in one template set, parsed once at start: the
// shared components once, and per page its content and a copy of the
// small layout that calls it. One set instead of a set per page keeps the
// components' parse trees (and html/template's escaped copies of them)
// once in memory rather than once per page.
type views struct {
	set   *template.Template
	pages map[string]string // page name → the name of its layout template
}

// parseViews parses templates/components/*.html once and, for each
// templates/pages/*.html, the page's "content" (renamed "content:<page>")
// and the layout (templates/layout.html) calling it as "layout:<page>".
func parseViews(a *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset":    a.url,
		"date":     func(l i18n.Lang, t time.Time) string { return i18n.Date(l, t) },
		"datetime": i18n.DateTime,
		"number":   func(l i18n.Lang, n int64) string { return i18n.Number(l, n) },
		"join":     strings.Join,
		"field":    field,
	}
	set, err := template.New("views").Funcs(funcs).ParseFS(templateFS, "templates/components/*.html")
	if err != nil {
		return nil, err
	}
	layout, err := fs.ReadFile(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{set: set, pages: map[string]string{}}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if err := v.addPage(p, name, string(layout)); err != nil {
			return nil, fmt.Errorf("parse %s: %w", p, err)
		}
	}
	return v, nil
}

// addPage parses the page file p as name into the set.
func (v *views) addPage(p, name, layout string) error {
	const define, call = `{{define "content"}}`, `{{template "content" .}}`
	b, err := fs.ReadFile(templateFS, p)
	if err != nil {
		return err
	}
	page := string(b)
	if strings.Count(page, define) != 1 || strings.Count(layout, call) != 1 {
		return fmt.Errorf("a page must define \"content\" once and the layout call it once")
	}
	content := "content:" + name
	if _, err := v.set.New("page:" + name).Parse(strings.Replace(page, define, `{{define "`+content+`"}}`, 1)); err != nil {
		return err
	}
	if _, err := v.set.New("layout:" + name).Parse(strings.Replace(layout, call, `{{template "`+content+`" .}}`, 1)); err != nil {
		return err
	}
	v.pages[name] = "layout:" + name
	return nil
}

// render writes page with status 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page string, v *view) {
	s.renderStatus(w, r, http.StatusOK, page, v)
}

// renderStatus executes page into a buffer first, so that a template error
// becomes a clean 500 page instead of half a page.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, page string, v *view) {
	body, err := s.execute(page, v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "render template", "page", page, "error", err.Error())
		if page != "error" {
			s.renderStatus(w, r, http.StatusInternalServerError, "error", v.with(errorPage{Status: 500, Heading: v.T("error.500.heading"), Message: v.T("error.500.text"), RequestID: requestID(r.Context())}))
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, status, v, body)
}

// execute renders page with v into a new byte slice.
func (s *Server) execute(page string, v *view) ([]byte, error) {
	layout, ok := s.views.pages[page]
	if !ok {
		return nil, fmt.Errorf("unknown template %q", page)
	}
	var buf bytes.Buffer
	buf.Grow(8 << 10)
	if err := s.views.set.ExecuteTemplate(&buf, layout, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeHTML writes a rendered page for r, compressed when r's client
// accepts it and compression cannot leak what the page shows (see
// mayCompress: a logged-in person's page counts as personal unless its
// handler marked it impersonal).
func writeHTML(w http.ResponseWriter, r *http.Request, status int, v *view, body []byte) {
	if !mayCompress(r, status, v.Session != nil && !v.noPersonalData) {
		writeEncoded(w, status, v.Lang, body, false)
		return
	}
	enc, gz := encodePage(r, body)
	writeEncoded(w, status, v.Lang, enc, gz)
}

// formField is what the "field" template component renders: one labelled
// input with its hint and error message.
type formField struct {
	Name, Label, Hint, Type, Autocomplete, Inputmode string
	Value, Error, ErrorPrefix                        string
	Required                                         bool
}

// field builds a formField for the input name from the view: label and hint
// are message keys (hint may be ""), typ the input type and autocomplete its
// autocomplete token (may be "").
func field(v *view, name, labelKey, hintKey, typ, autocomplete string) formField {
	f := formField{Name: name, Label: v.T(labelKey), Type: typ, Autocomplete: autocomplete,
		Value: v.Value(name), Error: v.FieldError(name), ErrorPrefix: v.T("form.error_prefix")}
	if hintKey != "" {
		f.Hint = v.T(hintKey)
	}
	if typ == "password" {
		f.Value = ""
	}
	return f
}
