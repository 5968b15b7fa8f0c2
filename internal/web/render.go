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

// views holds one parsed template set per page: the layout, the shared
// components and the page itself. They are parsed once, at start.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses templates/layout.html and templates/components/*.html
// together with each templates/pages/*.html.
func parseViews(a *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset":    a.url,
		"date":     func(l i18n.Lang, t time.Time) string { return i18n.Date(l, t) },
		"datetime": i18n.DateTime,
		"number":   func(l i18n.Lang, n int64) string { return i18n.Number(l, n) },
		"join":     strings.Join,
		"field":    field,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/components/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, p := range pages {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, p)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", p, err)
		}
		v.pages[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	return v, nil
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
	t, ok := s.views.pages[page]
	if !ok {
		return nil, fmt.Errorf("unknown template %q", page)
	}
	var buf bytes.Buffer
	buf.Grow(8 << 10)
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
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
