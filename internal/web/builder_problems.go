package web

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/eservice"
)

// builderProblem is one problem of a spec as the builder lists it: where
// it is (a place in the interface's language, the name of the page or
// question in the author's words, and the field), what to do, and the
// link to the field to put it right. Path is the place in an export file,
// for problems of an import.
type builderProblem struct {
	URL     string
	Where   string
	Name    unitName
	Field   string
	Message string
	Path    string
}

// builderProblemList is what the "b-problems" component draws.
type builderProblemList struct {
	Title    string
	Problems []builderProblem
	Alert    bool
}

// BuilderProblems wraps problems for the "b-problems" component under the
// translation of titleKey.
func (v *view) BuilderProblems(titleKey string, problems []builderProblem, alert bool) builderProblemList {
	return builderProblemList{Title: v.T(titleKey), Problems: problems, Alert: alert}
}

// builderPlace is where a Validate path points in the builder: the page of
// the builder (Area: "facts", "statuses", "pages", "page", "question"),
// the indexes it needs, and the form field there.
type builderPlace struct {
	Area              string
	Page, Q, Inner, S int
	Field             string
}

// builderPlaceOf reads a Validate path such as "form.pages.0.questions.2.label"
// or "privacy.purpose.sv". It never fails: a path it does not know points
// at the service's facts.
func builderPlaceOf(path string) builderPlace {
	seg := strings.Split(path, ".")
	pl := builderPlace{Area: "facts", Page: -1, Q: -1, Inner: -1, S: -1}
	switch seg[0] {
	case "statuses":
		pl.Area = "statuses"
		if len(seg) > 1 {
			pl.S = builderAtoi(seg[1], -1)
			pl.Field = builderStatusField(pl.S, seg[2:])
		}
		return pl
	case "form":
		return builderFormPlace(seg[1:], pl)
	}
	pl.Field = builderFactField(seg)
	return pl
}

// builderFormPlace reads the part of a path below "form".
func builderFormPlace(seg []string, pl builderPlace) builderPlace {
	pl.Area = "pages"
	if len(seg) < 2 || seg[0] != "pages" {
		pl.Field = "new_title_sv"
		return pl
	}
	pl.Page = builderAtoi(seg[1], -1)
	if pl.Page < 0 {
		return pl
	}
	pl.Area = "page"
	rest := seg[2:]
	if len(rest) >= 2 && rest[0] == "questions" && builderIsIndex(rest[1]) {
		pl.Area = "question"
		pl.Q = builderAtoi(rest[1], -1)
		rest = rest[2:]
		if len(rest) >= 2 && rest[0] == "questions" && builderIsIndex(rest[1]) {
			pl.Inner = builderAtoi(rest[1], -1)
			rest = rest[2:]
		}
		pl.Field = builderQuestionField(rest)
		return pl
	}
	pl.Field = builderPageField(rest)
	return pl
}

// builderIsIndex reports whether s is a decimal index.
func builderIsIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// builderAtoi returns s as a number, or def when it is none.
func builderAtoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return def
	}
	return n
}

// builderTextField returns the field of an author's text: name_sv or name_en.
func builderTextField(name string, rest []string) string {
	if len(rest) > 0 && rest[0] == "en" {
		return name + "_en"
	}
	return name + "_sv"
}

// builderFactField returns the field of the facts form a path points at.
func builderFactField(seg []string) string {
	joined := strings.Join(seg, "_")
	for _, f := range builderFactFields {
		if f == joined {
			return f
		}
	}
	for n := len(seg); n > 0; n-- {
		base := strings.Join(seg[:n], "_")
		for _, f := range builderFactFields {
			if f == base+"_sv" || f == base {
				return builderTextFieldOr(f, base, seg[n:])
			}
		}
		for _, f := range builderFactFields {
			if strings.HasPrefix(f, base+"_") {
				return f
			}
		}
	}
	return builderFactFields[0]
}

// builderTextFieldOr returns the English field of base when rest asks for it and
// the form has one, and f otherwise.
func builderTextFieldOr(f, base string, rest []string) string {
	if len(rest) > 0 && rest[0] == "en" && slices.Contains(builderFactFields, base+"_en") {
		return base + "_en"
	}
	return f
}

// builderPageField returns the field of the page form a path below a page
// points at.
func builderPageField(rest []string) string {
	if len(rest) == 0 {
		return "title_sv"
	}
	switch rest[0] {
	case "id":
		return "id"
	case "title":
		return builderTextField("title", rest[1:])
	case "show_if":
		return builderCondField(rest[1:])
	}
	return "new_label"
}

// builderCondField returns the condition row field a path below show_if points
// at.
func builderCondField(rest []string) string {
	i := 0
	if len(rest) > 0 {
		i = min(builderAtoi(rest[0], 0), builderMaxConditions-1)
	}
	if len(rest) > 1 {
		switch rest[1] {
		case "values":
			return builderCondPrefix(i) + "values"
		case "not":
			return builderCondPrefix(i) + "not"
		}
	}
	return builderCondPrefix(i) + "question"
}

// builderQuestionField returns the field of the question editor a path below a
// question points at.
func builderQuestionField(rest []string) string {
	if len(rest) == 0 {
		return "label_sv"
	}
	switch rest[0] {
	case "label", "hint", "pattern_message":
		return builderTextField(rest[0], rest[1:])
	case "id", "type", "required", "personal", "display", "min_length", "max_length", "min", "max", "pattern", "max_repeat":
		return rest[0]
	case "options":
		return "options"
	case "file":
		if len(rest) > 1 && rest[1] == "max_bytes" {
			return "file_max_mb"
		}
		return "file_types"
	case "questions":
		return "new_label"
	case "show_if":
		return builderCondField(rest[1:])
	}
	return "label_sv"
}

// builderStatusField returns the field of the status form a path below status i
// points at.
func builderStatusField(i int, rest []string) string {
	if i < 0 {
		return "status_0_label_sv"
	}
	p := "status_" + strconv.Itoa(i) + "_"
	if len(rest) == 0 {
		return p + "label_sv"
	}
	switch rest[0] {
	case "label":
		return p + builderTextField("label", rest[1:])
	case "kind", "next":
		return p + rest[0]
	}
	return p + "label_sv"
}

// builderProblems lists the problems of err (Spec.Validate's) in the order of
// the builder's pages, each with a link to its field in service id's
// builder; nil when err is nil.
func (s *Server) builderProblems(v *view, id int64, spec eservice.Spec, err error) []builderProblem {
	fields := sprang.ErrorFields(err)
	if err != nil && len(fields) == 0 {
		return []builderProblem{{URL: builderURL(id, "uppgifter"), Where: v.T("builder.where.service"), Message: builderMessage(v, sprang.ErrorMessage(err))}}
	}
	paths := make([]string, 0, len(fields))
	for p := range fields {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, builderComparePaths)
	out := make([]builderProblem, 0, len(paths))
	for _, p := range paths {
		pl := builderPlaceOf(p)
		bp := builderDescribe(v, spec, pl)
		bp.URL = builderPlaceURL(id, spec, pl)
		bp.Message = builderMessage(v, fields[p])
		out = append(out, bp)
	}
	return out
}

// builderPathRank orders the first elements of paths as the builder's pages
// come: the facts, then the form, then the statuses.
func builderPathRank(first string) int {
	switch first {
	case "form":
		return 2
	case "statuses":
		return 3
	}
	if i := slices.Index(builderFactFields, builderFactField([]string{first})); i >= 0 {
		return 1
	}
	return 0
}

// builderComparePaths orders paths by area, then element by element, indexes by
// number.
func builderComparePaths(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	if c := cmp.Compare(builderPathRank(as[0]), builderPathRank(bs[0])); c != 0 {
		return c
	}
	if as[0] != "form" && as[0] != "statuses" {
		fa := slices.Index(builderFactFields, builderFactField(as))
		fb := slices.Index(builderFactFields, builderFactField(bs))
		if c := cmp.Compare(fa, fb); c != 0 {
			return c
		}
	}
	for i := 0; i < len(as) && i < len(bs); i++ {
		na, ea := strconv.Atoi(as[i])
		nb, eb := strconv.Atoi(bs[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

// builderPlaceURL returns the link to the field of place pl in service id's
// builder: the page with ?fel=1 (which shows the problems inline) and the
// field as fragment.
func builderPlaceURL(id int64, spec eservice.Spec, pl builderPlace) string {
	var u string
	switch pl.Area {
	case "statuses":
		u = builderURL(id, "statusar")
	case "pages":
		u = builderURL(id, "sidor")
	case "page", "question":
		if pl.Page >= len(spec.Form.Pages) {
			u = builderURL(id, "sidor")
			break
		}
		p := spec.Form.Pages[pl.Page]
		u = builderURL(id, "sidor", p.ID)
		if pl.Area == "question" && pl.Q < len(p.Questions) {
			q := p.Questions[pl.Q]
			u = builderURL(id, "sidor", p.ID, "fragor", q.ID)
			if pl.Inner >= 0 && pl.Inner < len(q.Questions) {
				u = builderURL(id, "sidor", p.ID, "fragor", q.ID, "fragor", q.Questions[pl.Inner].ID)
			}
		}
	default:
		u = builderURL(id, "uppgifter")
	}
	return u + "?fel=1#" + pl.Field
}

// builderDescribe says where place pl is, in words: the area, the page or
// question by number and name (from spec, when it has them), and the
// field.
func builderDescribe(v *view, spec eservice.Spec, pl builderPlace) builderProblem {
	var bp builderProblem
	switch pl.Area {
	case "facts":
		bp.Where = v.T("builder.where.facts")
		bp.Field = v.T("builder.f." + pl.Field)
	case "statuses":
		bp.Where = v.T("builder.where.statuses")
		if pl.S >= 0 {
			bp.Where = v.T("builder.where.status", pl.S+1)
			if pl.S < len(spec.Statuses) {
				bp.Name = v.BuilderText(spec.Statuses[pl.S].Label)
			}
			bp.Field = v.T("builder.s." + strings.TrimPrefix(pl.Field, "status_"+strconv.Itoa(pl.S)+"_"))
		}
	case "pages":
		bp.Where = v.T("builder.where.pages")
	case "page":
		bp.Where = v.T("builder.where.page", pl.Page+1)
		if pl.Page < len(spec.Form.Pages) {
			bp.Name = v.BuilderText(spec.Form.Pages[pl.Page].Title)
		}
		bp.Field = builderFieldLabel(v, pl.Field)
	case "question":
		bp.Where = v.T("builder.where.question", pl.Page+1, pl.Q+1)
		if pl.Inner >= 0 {
			bp.Where = v.T("builder.where.inner", pl.Page+1, pl.Q+1, pl.Inner+1)
		}
		if q, ok := builderQuestionAt(spec, pl); ok {
			bp.Name = v.BuilderShort(q.Label)
		}
		bp.Field = builderFieldLabel(v, pl.Field)
	}
	return bp
}

// builderFieldLabel names a field of the page or question editor.
func builderFieldLabel(v *view, field string) string {
	if field == "new_label" {
		return ""
	}
	if strings.HasPrefix(field, "cond_") {
		n := builderAtoi(strings.Split(field, "_")[1], 0)
		return v.T("builder.where.condition", n+1)
	}
	return v.T("builder.q." + field)
}

// builderQuestionAt returns the question at place pl of spec.
func builderQuestionAt(spec eservice.Spec, pl builderPlace) (eservice.Question, bool) {
	if pl.Page < 0 || pl.Page >= len(spec.Form.Pages) {
		return eservice.Question{}, false
	}
	qs := spec.Form.Pages[pl.Page].Questions
	if pl.Q < 0 || pl.Q >= len(qs) {
		return eservice.Question{}, false
	}
	q := qs[pl.Q]
	if pl.Inner < 0 {
		return q, true
	}
	if pl.Inner >= len(q.Questions) {
		return eservice.Question{}, false
	}
	return q.Questions[pl.Inner], true
}

// builderProblemsAt returns, of the problems of err, those on the builder page
// at (an area with its indexes; Field unused) as field → message text,
// for showing them inline.
func builderProblemsAt(v *view, err error, at builderPlace) map[string]string {
	out := map[string]string{}
	for p, key := range sprang.ErrorFields(err) {
		pl := builderPlaceOf(p)
		if pl.Area != at.Area || pl.Page != at.Page || pl.Q != at.Q || pl.Inner != at.Inner || (at.Area == "statuses") != (pl.Area == "statuses") {
			continue
		}
		if _, ok := out[pl.Field]; !ok {
			out[pl.Field] = builderMessage(v, key)
		}
	}
	return out
}

// builderImportProblems lists the problems of Import's error err for the
// file data: a problem of the file itself (its syntax, an unknown field),
// or the service's problems, each with its place in the file and, where
// the file could be read, the page or question by name.
func builderImportProblems(v *view, err error, data []byte) []builderProblem {
	fields := sprang.ErrorFields(err)
	if key, ok := fields["file"]; ok || len(fields) == 0 {
		if !ok {
			key = sprang.ErrorMessage(err)
		}
		return []builderProblem{{Where: v.T("builder.where.file"), Message: builderMessage(v, key, eservice.MessageArgs(err)...)}}
	}
	var spec eservice.Spec
	_ = json.Unmarshal(data, &spec) // only for naming pages and questions; may fail
	paths := make([]string, 0, len(fields))
	for p := range fields {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, builderComparePaths)
	out := make([]builderProblem, 0, len(paths))
	for _, p := range paths {
		bp := builderDescribe(v, spec, builderPlaceOf(p))
		bp.Message = builderMessage(v, fields[p])
		bp.Path = v.T("builder.where.in_file", p)
		out = append(out, bp)
	}
	return out
}
