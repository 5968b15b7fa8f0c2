package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// The builder's forms are many and long, so they are described in Go as
// sections of fields and drawn by one set of templates
// (components/builder.html): every field gets the same label, hint, error
// and ARIA markup, and the error summary lists the fields in the order
// they are drawn.

// bField is one field of a builder form.
type bField struct {
	Kind        string // "text", "textarea", "checkbox", "radios", "select", "checkboxes", "file"
	Name        string // the name, and the id of the control (the first one for radios and checkboxes)
	Label       string
	Hint        string
	Error       string
	ErrorPrefix string
	Value       string    // text, textarea, select
	Checked     bool      // checkbox
	Options     []bOption // radios, select, checkboxes
	Width       string    // "10" for a short input, "" for full width
	Inputmode   string
	Rows        int  // textarea
	Code        bool // the value is code (ids, patterns): no spell checking
	Lang        string
}

// bOption is one choice of a radios, select or checkboxes field.
type bOption struct {
	ID       string // the control's id
	Value    string
	Label    string
	Hint     string
	Lang     string // the language of Label when it is not the page's
	Selected bool
}

// bSection is a group of fields under a legend; an advanced section is
// folded away under its legend.
type bSection struct {
	Legend   string
	Hint     string
	Fields   []bField
	Advanced bool
	Open     bool // an advanced section with an error is unfolded
}

// bForm builds the sections of one form from its values and its errors
// (field name → message text, already translated).
type bForm struct {
	v        *view
	vals     url.Values
	errs     map[string]string
	Sections []bSection
}

// newBForm starts a form over vals with the errors errs.
func newBForm(v *view, vals url.Values, errs map[string]string) *bForm {
	if vals == nil {
		vals = url.Values{}
	}
	return &bForm{v: v, vals: vals, errs: errs}
}

// section starts a section under the translation of legendKey; hintKey
// may be "".
func (f *bForm) section(legendKey, hintKey string) *bForm {
	s := bSection{Legend: f.v.T(legendKey)}
	if hintKey != "" {
		s.Hint = f.v.T(hintKey)
	}
	f.Sections = append(f.Sections, s)
	return f
}

// advanced marks the current section as advanced.
func (f *bForm) advanced() *bForm {
	f.Sections[len(f.Sections)-1].Advanced = true
	return f
}

// add appends fd to the current section (starting an untitled one when
// there is none), filling in its value and error.
func (f *bForm) add(fd bField) *bField {
	if len(f.Sections) == 0 {
		f.Sections = append(f.Sections, bSection{})
	}
	fd.Error = f.errs[fd.Name]
	fd.ErrorPrefix = f.v.T("form.error_prefix")
	if fd.Lang == "" && (fd.Kind == "text" || fd.Kind == "textarea") {
		fd.Lang = builderFieldLang(f.v.Lang, fd.Name)
	}
	if fd.Kind == "checkbox" {
		fd.Checked = f.vals.Get(fd.Name) != ""
	} else {
		fd.Value = f.vals.Get(fd.Name)
	}
	for i := range fd.Options {
		o := &fd.Options[i]
		o.ID = fd.Name
		if i > 0 {
			o.ID = fd.Name + "-" + strconv.Itoa(i)
		}
		switch fd.Kind {
		case "checkboxes":
			o.Selected = slices.Contains(f.vals[fd.Name], o.Value)
		default:
			o.Selected = fd.Value == o.Value
		}
	}
	s := &f.Sections[len(f.Sections)-1]
	if fd.Error != "" && s.Advanced {
		s.Open = true
	}
	s.Fields = append(s.Fields, fd)
	return &s.Fields[len(s.Fields)-1]
}

// hint translates hintKey, or gives "" for "".
func (f *bForm) hint(hintKey string) string {
	if hintKey == "" {
		return ""
	}
	return f.v.T(hintKey)
}

// text adds a one-line text field.
func (f *bForm) text(name, labelKey, hintKey string) *bField {
	return f.add(bField{Kind: "text", Name: name, Label: f.v.T(labelKey), Hint: f.hint(hintKey)})
}

// number adds a short field for a number.
func (f *bForm) number(name, labelKey, hintKey, inputmode string) *bField {
	return f.add(bField{Kind: "text", Name: name, Label: f.v.T(labelKey), Hint: f.hint(hintKey), Width: "10", Inputmode: inputmode})
}

// area adds a text area of rows lines.
func (f *bForm) area(name, labelKey, hintKey string, rows int) *bField {
	return f.add(bField{Kind: "textarea", Name: name, Label: f.v.T(labelKey), Hint: f.hint(hintKey), Rows: rows})
}

// check adds one checkbox.
func (f *bForm) check(name, labelKey, hintKey string) *bField {
	return f.add(bField{Kind: "checkbox", Name: name, Label: f.v.T(labelKey), Hint: f.hint(hintKey)})
}

// choice adds radios, a select or checkboxes (kind) with the options.
func (f *bForm) choice(kind, name, labelKey, hintKey string, opts []bOption) *bField {
	return f.add(bField{Kind: kind, Name: name, Label: f.v.T(labelKey), Hint: f.hint(hintKey), Options: opts})
}

// summary fills the view's error summary from the fields in the order
// they are drawn; errors of fields not on the form come first, as given
// in extra order.
func (f *bForm) summary(extra ...string) {
	for _, name := range extra {
		if msg := f.errs[name]; msg != "" {
			f.v.Errors = append(f.v.Errors, fieldError{Field: name, Message: msg})
		}
	}
	for _, s := range f.Sections {
		for _, fd := range s.Fields {
			if fd.Error != "" {
				f.v.Errors = append(f.v.Errors, fieldError{Field: fd.Name, Message: fd.Error})
			}
		}
	}
}

// builderTranslate turns field name → message key into field name → text.
func builderTranslate(v *view, keys map[string]string) map[string]string {
	out := make(map[string]string, len(keys))
	for k, key := range keys {
		out[k] = builderMessage(v, key)
	}
	return out
}

// builderMessage translates a message key of the builder, the store or
// the e-service domain, with args for its placeholders; a text that is
// not a key is shown as it is.
func builderMessage(v *view, key string, args ...any) string {
	if v.cat.Has(v.Lang, key) {
		return v.T(key, args...)
	}
	if t, ok := eservice.Messages()[key]; ok {
		s := t.In(string(v.Lang))
		if len(args) > 0 {
			s = fmt.Sprintf(s, args...)
		}
		return s
	}
	return messageText(v, key)
}

// builderTrim returns the value of name in vals with its ends trimmed.
func builderTrim(vals url.Values, name string) string { return strings.TrimSpace(vals.Get(name)) }

// builderNav is the builder's menu of one service's parts, with a note
// on the version being edited.
type builderNav struct {
	Label     string
	Links     []pagerLink // Rel holds "page" for the current part
	Published int
	Draft     int
	Note      string // which version a change goes to
}

// BuilderNav returns the menu of service svc's builder pages with current
// (the part's last path element, "" for the overview) marked.
func (v *view) BuilderNav(svc store.Service, current string) builderNav {
	n := builderNav{Label: v.T("builder.nav.label"), Published: svc.Published, Draft: svc.Draft}
	for _, part := range []string{"", "uppgifter", "sidor", "statusar", "forhandsgranska"} {
		u := builderURL(svc.ID)
		if part != "" {
			u = builderURL(svc.ID, part)
		}
		l := pagerLink{URL: u, Text: v.T("builder.nav." + builderOr(part, "oversikt"))}
		if part == current {
			l.Rel = "page"
		}
		n.Links = append(n.Links, l)
	}
	switch {
	case svc.Published == 0:
		n.Note = v.T("builder.note.unpublished")
	case svc.Draft == 0:
		n.Note = v.T("builder.note.published", svc.Published)
	default:
		n.Note = v.T("builder.note.draft", svc.Draft, svc.Published)
	}
	return n
}

// builderConds is what the "b-conditions" component draws.
type builderConds struct {
	Legend, Hint, None, Choose string
	Rows                       []bSection
}

// BuilderConds wraps condition rows for the "b-conditions" component;
// none says there is no earlier question to depend on.
func (v *view) BuilderConds(rows []bSection, none bool) builderConds {
	c := builderConds{Legend: v.T("builder.cond.heading"), Hint: v.T("builder.cond.hint"), Choose: v.T("builder.cond.choose"), Rows: rows}
	if none {
		c.None = v.T("builder.cond.no_sources")
	}
	return c
}

// builderQList is what the "b-qlist" component draws.
type builderQList struct {
	Rows                                []builderQRow
	Required, ShownIf, Up, Down, Delete string
}

// BuilderQList wraps question rows for the "b-qlist" component.
func (v *view) BuilderQList(rows []builderQRow) builderQList {
	return builderQList{Rows: rows, Required: v.T("builder.required"), ShownIf: v.T("builder.cond.shown_if_short"),
		Up: v.T("builder.move.up"), Down: v.T("builder.move.down"), Delete: v.T("builder.delete")}
}
