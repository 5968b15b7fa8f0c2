package web

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"sprang/internal/eservice"
)

// builderFileTypeNames are the short names of the media types a file
// question may accept, for the checkboxes.
var builderFileTypeNames = map[string]string{
	"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/heic": "HEIC",
	"text/plain": "text",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (docx)",
	"application/vnd.oasis.opendocument.text":                                 "OpenDocument (odt)",
}

// builderMiB is the number of bytes in the megabyte the builder shows
// file sizes in.
const builderMiB = 1 << 20

// builderQuestionOf locates the question named by the {page}, {q} and
// (for a question inside a group) {inner} of r's path, or errNoPage.
func builderQuestionOf(r *http.Request, spec eservice.Spec) (builderLoc, error) {
	pi, err := builderPageOf(r, spec)
	if err != nil {
		return builderLoc{}, err
	}
	find := func(qs []eservice.Question, id string) int {
		return slices.IndexFunc(qs, func(q eservice.Question) bool { return q.ID == id })
	}
	loc := builderLoc{Page: pi, Inner: -1}
	qs := spec.Form.Pages[pi].Questions
	if loc.Q = find(qs, r.PathValue("q")); loc.Q < 0 {
		return builderLoc{}, errNoPage
	}
	if inner := r.PathValue("inner"); inner != "" {
		if loc.Inner = find(qs[loc.Q].Questions, inner); loc.Inner < 0 {
			return builderLoc{}, errNoPage
		}
	}
	return loc, nil
}

// builderSiblings returns the list the question at loc is in: its page's
// questions, or its group's.
func builderSiblings(spec *eservice.Spec, loc builderLoc) *[]eservice.Question {
	qs := &spec.Form.Pages[loc.Page].Questions
	if loc.Inner >= 0 {
		return &(*qs)[loc.Q].Questions
	}
	return qs
}

// builderQuestionPtr returns the question at loc.
func builderQuestionPtr(spec *eservice.Spec, loc builderLoc) *eservice.Question {
	i := loc.Q
	if loc.Inner >= 0 {
		i = loc.Inner
	}
	return &(*builderSiblings(spec, loc))[i]
}

// builderQuestionURL returns the path of the editor of the question at
// loc of service id, with the further path elements.
func builderQuestionURL(id int64, spec eservice.Spec, loc builderLoc, elems ...string) string {
	p := spec.Form.Pages[loc.Page]
	path := []string{"sidor", p.ID, "fragor", p.Questions[loc.Q].ID}
	if loc.Inner >= 0 {
		path = append(path, "fragor", p.Questions[loc.Q].Questions[loc.Inner].ID)
	}
	return builderURL(id, append(path, elems...)...)
}

// builderQuestionValues returns the question editor's values for q.
func builderQuestionValues(q eservice.Question) url.Values {
	vals := url.Values{"id": {q.ID}, "type": {string(q.Type)}}
	builderSetText(vals, "label", q.Label)
	builderSetText(vals, "hint", q.Hint)
	builderSetFlag(vals, "required", q.Required)
	builderSetFlag(vals, "personal", q.Personal)
	vals.Set("options", formatOptionLines(q.Options))
	vals.Set("display", q.Display)
	vals.Set("min_length", builderFormatCount(q.MinLength))
	vals.Set("max_length", builderFormatCount(q.MaxLength))
	vals.Set("min", builderFormatDecimal(q.Min))
	vals.Set("max", builderFormatDecimal(q.Max))
	vals.Set("pattern", q.Pattern)
	builderSetText(vals, "pattern_message", q.PatternMessage)
	if q.File != nil {
		vals["file_types"] = slices.Clone(q.File.Types)
		mb := float64(q.File.MaxBytes) / builderMiB
		vals.Set("file_max_mb", builderFormatDecimal(&mb))
	}
	vals.Set("max_repeat", builderFormatCount(q.MaxRepeat))
	conditionRowValues(vals, q.ShowIf)
	return vals
}

// builderQuestionInput is what the question editor's parser needs besides
// the posted values: the question as saved, the questions a condition
// may refer to, whether it is inside a group, whether a condition without
// values is an error, and which ids are taken by other questions.
type builderQuestionInput struct {
	Base    eservice.Question
	Sources []builderCondSource
	InGroup bool
	Strict  bool
	Taken   func(string) bool
}

// builderQuestionFromForm reads the question editor: the common fields,
// the fields of the (possibly new) type, and the conditions. Settings
// that do not apply to the type are cleared; a group keeps its questions.
// It returns the question, the problems that stop it from being saved
// (field → message key) and the problems of the option lines; it never
// panics, whatever it is given.
func builderQuestionFromForm(in builderQuestionInput, vals url.Values) (eservice.Question, map[string]string, []builderOptionProblem) {
	q := in.Base
	errs := map[string]string{}
	t := eservice.QuestionType(builderTrim(vals, "type"))
	switch {
	case t == "":
		t = q.Type
	case !slices.Contains(eservice.QuestionTypes(), t) || (in.InGroup && t == eservice.TypeGroup):
		errs["type"] = "builder.type_invalid"
		t = q.Type
	}
	changed := t != q.Type
	q.Type = t
	q.Label = builderGetText(vals, "label")
	q.Hint = builderGetText(vals, "hint")
	q.Required = vals.Get("required") != "" && t != eservice.TypeInfo
	q.Personal = vals.Get("personal") != "" && t != eservice.TypeInfo && t != eservice.TypeGroup
	switch id := builderTrim(vals, "id"); {
	case id == "" || id == q.ID:
	case !builderIDPattern.MatchString(id):
		errs["id"] = "builder.id_invalid"
	case in.Taken != nil && in.Taken(id):
		errs["id"] = "builder.id_taken"
	default:
		q.ID = id
	}
	var probs []builderOptionProblem
	if !changed || builderSameFamily(in.Base.Type, t) {
		probs = builderReadTypeFields(&q, vals, errs)
	}
	builderClearOthers(&q, changed)
	conds, cerrs := parseConditionRows(vals, in.Sources, in.Strict)
	q.ShowIf = conds
	for k, v := range cerrs {
		errs[k] = v
	}
	return q, errs, probs
}

// builderSameFamily reports whether types a and b share their settings, so a
// change between them keeps what was typed: text and long text; choice
// and multichoice.
func builderSameFamily(a, b eservice.QuestionType) bool {
	family := func(t eservice.QuestionType) int {
		switch t {
		case eservice.TypeText, eservice.TypeLongText:
			return 1
		case eservice.TypeChoice, eservice.TypeMulti:
			return 2
		}
		return 0
	}
	return family(a) != 0 && family(a) == family(b)
}

// builderReadTypeFields reads the settings of q's type from vals.
func builderReadTypeFields(q *eservice.Question, vals url.Values, errs map[string]string) []builderOptionProblem {
	var probs []builderOptionProblem
	switch q.Type {
	case eservice.TypeChoice, eservice.TypeMulti:
		q.Options, probs = parseOptionLines(vals.Get("options"))
		if len(probs) > 0 {
			errs["options"] = "builder.options.invalid"
		}
		q.Display = builderTrim(vals, "display")
		if q.Type == eservice.TypeMulti {
			q.Min, q.Max = builderReadBound(vals, "min", true, errs), builderReadBound(vals, "max", true, errs)
		}
	case eservice.TypeText, eservice.TypeLongText:
		builderReadCount(&q.MinLength, vals, "min_length", errs)
		builderReadCount(&q.MaxLength, vals, "max_length", errs)
		q.Pattern = builderTrim(vals, "pattern")
		q.PatternMessage = builderGetText(vals, "pattern_message")
	case eservice.TypeNumber:
		q.Min, q.Max = builderReadBound(vals, "min", false, errs), builderReadBound(vals, "max", false, errs)
	case eservice.TypeFile:
		q.File = builderReadFileRule(vals, errs)
	case eservice.TypeGroup:
		builderReadCount(&q.MaxRepeat, vals, "max_repeat", errs)
	}
	return probs
}

// builderReadBound reads a lowest or highest value: a decimal number, or
// with whole set a whole number of choices.
func builderReadBound(vals url.Values, name string, whole bool, errs map[string]string) *float64 {
	if whole {
		s := builderTrim(vals, name)
		n, ok := builderCount(s, 1_000_000)
		if !ok {
			errs[name] = "builder.number_whole"
			return nil
		}
		if s == "" {
			return nil
		}
		f := float64(n)
		return &f
	}
	f, ok := builderDecimal(vals.Get(name))
	if !ok {
		errs[name] = "builder.number_decimal"
	}
	return f
}

// builderReadFileRule reads the accepted file types and the largest size
// in megabytes.
func builderReadFileRule(vals url.Values, errs map[string]string) *eservice.FileRule {
	rule := &eservice.FileRule{}
	for _, t := range eservice.FileTypes() {
		if slices.Contains(vals["file_types"], t) {
			rule.Types = append(rule.Types, t)
		}
	}
	mb, ok := builderDecimal(vals.Get("file_max_mb"))
	switch {
	case !ok || (mb != nil && (*mb < 0 || *mb > 1e6)):
		errs["file_max_mb"] = "builder.number_decimal"
	case mb != nil:
		rule.MaxBytes = int64(math.Round(*mb * builderMiB))
	}
	return rule
}

// builderClearOthers clears the settings that do not apply to q's type;
// a new file question gets the usual file rule, and a question whose type
// changed from a group loses the group's questions.
func builderClearOthers(q *eservice.Question, changed bool) {
	t := q.Type
	if t != eservice.TypeText && t != eservice.TypeLongText {
		q.MinLength, q.MaxLength, q.Pattern, q.PatternMessage = 0, 0, "", eservice.Text{}
	}
	if t != eservice.TypeChoice && t != eservice.TypeMulti {
		q.Options = nil
	}
	if t != eservice.TypeChoice {
		q.Display = ""
	}
	if t != eservice.TypeNumber && t != eservice.TypeMulti {
		q.Min, q.Max = nil, nil
	}
	if t == eservice.TypeMulti && changed {
		q.Min, q.Max = nil, nil
	}
	switch {
	case t != eservice.TypeFile:
		q.File = nil
	case q.File == nil:
		q.File = builderDefaultFileRule()
	}
	if t != eservice.TypeGroup {
		q.Questions, q.MaxRepeat = nil, 0
	}
}

// builderDefaultFileRule is the file rule a new file question starts
// with: PDF and pictures, at most 10 MB.
func builderDefaultFileRule() *eservice.FileRule {
	return &eservice.FileRule{Types: []string{"application/pdf", "image/jpeg", "image/png"}, MaxBytes: 10 * builderMiB}
}

// builderNewQuestion reads an add-question form (new_type, new_label) and
// returns the question with an id made from its label, and the problems.
func builderNewQuestion(f eservice.Form, vals url.Values, inGroup bool) (eservice.Question, map[string]string) {
	errs := map[string]string{}
	t := eservice.QuestionType(builderTrim(vals, "new_type"))
	if !slices.Contains(eservice.QuestionTypes(), t) || (inGroup && t == eservice.TypeGroup) {
		errs["new_type"] = "builder.type_invalid"
	}
	label := strings.TrimSpace(vals.Get("new_label"))
	if label == "" {
		errs["new_label"] = "builder.question.label_required"
	}
	q := eservice.Question{ID: builderID(label, "fraga", builderQuestionIDs(f, "")), Type: t, Label: eservice.Text{SV: label},
		Required: t != eservice.TypeInfo}
	builderClearOthers(&q, false)
	return q, errs
}

// builderQuestionEdit is the question editor.
type builderQuestionEdit struct {
	builderPage
	PageIndex int
	Page      eservice.Page
	Question  eservice.Question
	Group     *eservice.Question // the group the question is in, or nil
	Type      string             // the type's name
	Settings  []bSection
	Conds     []bSection
	NoSources bool
	Advanced  []bSection
	Inner     []builderQRow // a group's questions
	Add       []bSection    // the form to add one
	URL       string
	Back      string
}

func (s *Server) handleBuilderQuestion(w http.ResponseWriter, r *http.Request) {
	b, loc, err := s.builderLoadQuestion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	var errs map[string]string
	if builderShowProblems(r) {
		errs = builderProblemsAt(v, b.spec.Validate(), builderPlace{Area: "question", Page: loc.Page, Q: loc.Q, Inner: loc.Inner, S: -1})
	}
	s.renderBuilderQuestion(w, r, http.StatusOK, v, b, loc, builderQuestionValues(*builderQuestionPtr(&b.spec, loc)), errs)
}

// builderLoadQuestion loads the service for a change and locates the
// question of r's path.
func (s *Server) builderLoadQuestion(r *http.Request) (*builderCtx, builderLoc, error) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		return nil, builderLoc{}, err
	}
	loc, err := builderQuestionOf(r, b.spec)
	return b, loc, err
}

// builderSourcesAt returns the questions a condition of the question at
// loc may refer to.
func builderSourcesAt(spec eservice.Spec, loc builderLoc) []builderCondSource {
	return builderCondSources(builderSourcesBefore(spec.Form, loc))
}

func (s *Server) renderBuilderQuestion(w http.ResponseWriter, r *http.Request, status int, v *view, b *builderCtx, loc builderLoc, vals url.Values, errs map[string]string) {
	q := *builderQuestionPtr(&b.spec, loc)
	t := eservice.QuestionType(vals.Get("type"))
	if !slices.Contains(eservice.QuestionTypes(), t) {
		t = q.Type
	}
	sources := builderSourcesAt(b.spec, loc)
	f := newBForm(v, vals, errs)
	builderCommonFields(f, t)
	main := len(f.Sections)
	builderTypeFields(f, t)
	settings := len(f.Sections)
	f.conditions(vals, sources)
	conds := len(f.Sections)
	f.section("builder.advanced", "").advanced()
	f.text("id", "builder.q.id", "builder.h.question_id").Code = true
	f.choice("select", "type", "builder.q.type", "builder.h.type_change", builderTypeOptions(v, loc.Inner >= 0))
	adv := len(f.Sections)
	if q.Type == eservice.TypeGroup {
		f.section("builder.group.add", "builder.group.add_hint")
		f.choice("select", "new_type", "builder.q.type", "", builderTypeOptions(v, true))
		f.text("new_label", "builder.q.new_label", "builder.h.new_label")
	}
	f.summary()
	base := builderQuestionURL(b.svc.ID, b.spec, loc)
	pg := b.spec.Form.Pages[loc.Page]
	p := builderQuestionEdit{builderPage: s.builderPageData(r, b, f.Sections[:main]), PageIndex: loc.Page + 1, Page: pg,
		Question: q, Type: v.T("builder.type." + string(q.Type)), Settings: f.Sections[main:settings],
		Conds: f.Sections[settings:conds], NoSources: len(sources) == 0, Advanced: f.Sections[conds:adv], Add: f.Sections[adv:],
		URL: base, Back: builderURL(b.svc.ID, "sidor", pg.ID)}
	if loc.Inner >= 0 {
		g := pg.Questions[loc.Q]
		p.Group = &g
		p.Back = builderQuestionURL(b.svc.ID, b.spec, builderLoc{Page: loc.Page, Q: loc.Q, Inner: -1})
	}
	if q.Type == eservice.TypeGroup {
		p.Inner = builderQRows(v, b.spec.Form, q.Questions, base)
	}
	v.Title = v.T("builder.question.title", builderShorten(q.Label.In(string(v.Lang)), 80))
	s.renderStatus(w, r, status, "builder_question", v.impersonal().with(p))
}

// builderCommonFields adds the fields every question type has.
func builderCommonFields(f *bForm, t eservice.QuestionType) {
	if t == eservice.TypeInfo {
		f.area("label_sv", "builder.q.info_sv", "builder.h.info", 5)
		f.area("label_en", "builder.q.info_en", "builder.h.english", 5)
	} else {
		f.text("label_sv", "builder.q.label_sv", "builder.h.label")
		f.text("label_en", "builder.q.label_en", "builder.h.english")
	}
	f.area("hint_sv", "builder.q.hint_sv", "builder.h.hint", 2)
	f.area("hint_en", "builder.q.hint_en", "builder.h.english", 2)
	switch t {
	case eservice.TypeInfo:
	case eservice.TypeGroup:
		f.check("required", "builder.q.required_group", "")
	default:
		f.check("required", "builder.q.required", "")
		f.check("personal", "builder.q.personal", "builder.h.personal")
	}
}

// builderTypeFields adds the settings of question type t in a section of
// their own.
func builderTypeFields(f *bForm, t eservice.QuestionType) {
	switch t {
	case eservice.TypeChoice, eservice.TypeMulti:
		f.section("builder.settings.options", "")
		f.area("options", "builder.q.options", "builder.h.options", 8)
		if t == eservice.TypeChoice {
			f.choice("radios", "display", "builder.q.display", "", []bOption{
				{Value: "", Label: f.v.T("builder.display.radio"), Hint: f.v.T("builder.display.radio.hint")},
				{Value: "select", Label: f.v.T("builder.display.select"), Hint: f.v.T("builder.display.select.hint")}})
			break
		}
		f.number("min", "builder.q.min_choices", "builder.h.min_choices", "numeric")
		f.number("max", "builder.q.max_choices", "builder.h.max_choices", "numeric")
	case eservice.TypeText, eservice.TypeLongText:
		f.section("builder.settings.text", "")
		f.number("min_length", "builder.q.min_length", "builder.h.min_length", "numeric")
		f.number("max_length", "builder.q.max_length", builderOr(map[eservice.QuestionType]string{
			eservice.TypeText: "builder.h.max_length_text", eservice.TypeLongText: "builder.h.max_length_long"}[t], ""), "numeric")
		f.text("pattern", "builder.q.pattern", "builder.h.pattern").Code = true
		f.text("pattern_message_sv", "builder.q.pattern_message_sv", "builder.h.pattern_message")
		f.text("pattern_message_en", "builder.q.pattern_message_en", "builder.h.english")
	case eservice.TypeNumber:
		f.section("builder.settings.number", "")
		f.number("min", "builder.q.min", "builder.h.min", "decimal")
		f.number("max", "builder.q.max", "builder.h.max", "decimal")
	case eservice.TypeFile:
		f.section("builder.settings.file", "")
		var opts []bOption
		for _, mt := range eservice.FileTypes() {
			opts = append(opts, bOption{Value: mt, Label: builderFileTypeNames[mt], Hint: mt})
		}
		f.choice("checkboxes", "file_types", "builder.q.file_types", "builder.h.file_types", opts)
		f.number("file_max_mb", "builder.q.file_max_mb", "builder.h.file_max_mb", "decimal")
	case eservice.TypeGroup:
		f.section("builder.settings.group", "")
		f.number("max_repeat", "builder.q.max_repeat", "builder.h.max_repeat", "numeric")
	}
}

// handleBuilderQuestionPost saves the question editor. With
// action=choose (the "Välj fråga" button, and the Enter key, which
// presses a form's first button) a condition whose question has just been
// chosen is saved without values, and the editor shows that question's
// answers to tick: how the form works without JavaScript.
func (s *Server) handleBuilderQuestionPost(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "action")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, loc, err := s.builderLoadQuestion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	qp := builderQuestionPtr(&b.spec, loc)
	in := builderQuestionInput{Base: *qp, Sources: builderSourcesAt(b.spec, loc), InGroup: loc.Inner >= 0,
		Strict: form["action"] != "choose", Taken: builderQuestionIDs(b.spec.Form, qp.ID)}
	q, errs, probs := builderQuestionFromForm(in, r.PostForm)
	texts := builderTranslate(v, errs)
	if len(probs) > 0 {
		texts["options"] = builderOptionText(v, probs)
	}
	if len(errs) > 0 {
		s.renderBuilderQuestion(w, r, http.StatusUnprocessableEntity, v, b, loc, builderPosted(r.PostForm), texts)
		return
	}
	if q.ID != qp.ID {
		builderRenameRefs(&b.spec.Form, qp.ID, q.ID)
	}
	if q.Type != eservice.TypeChoice && q.Type != eservice.TypeMulti && q.Type != eservice.TypeYesNo {
		builderDropConditions(&b.spec.Form, []string{qp.ID, q.ID})
	}
	*builderQuestionPtr(&b.spec, loc) = q
	s.builderSaveAt(w, r, b, builderQuestionURL(b.svc.ID, b.spec, loc), "sparat", builderFragment(form["action"]))
}

// builderOptionText says the problems of option lines in one message:
// "Rad 3: …. Rad 5: …."
func builderOptionText(v *view, probs []builderOptionProblem) string {
	parts := make([]string, 0, len(probs))
	for _, p := range probs {
		parts = append(parts, v.T("builder.options.line", p.Line, v.T(p.Key)))
	}
	return strings.Join(parts, " ")
}

// handleBuilderQuestionAdd adds a question to a page, or to a group when
// the path names one, and goes on to its editor.
func (s *Server) handleBuilderQuestionAdd(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	var loc builderLoc
	var err error
	inGroup := r.PathValue("q") != ""
	if inGroup {
		loc, err = builderQuestionOf(r, b.spec)
		if err == nil && b.spec.Form.Pages[loc.Page].Questions[loc.Q].Type != eservice.TypeGroup {
			err = errNoPage
		}
	} else {
		loc.Page, err = builderPageOf(r, b.spec)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, errs := builderNewQuestion(b.spec.Form, r.PostForm, inGroup)
	v := s.view(r)
	if len(errs) > 0 && inGroup {
		vals := builderQuestionValues(b.spec.Form.Pages[loc.Page].Questions[loc.Q])
		vals.Set("new_type", r.PostForm.Get("new_type"))
		vals.Set("new_label", r.PostForm.Get("new_label"))
		s.renderBuilderQuestion(w, r, http.StatusUnprocessableEntity, v, b, builderLoc{Page: loc.Page, Q: loc.Q, Inner: -1}, vals, builderTranslate(v, errs))
		return
	}
	if len(errs) > 0 {
		vals := builderPageValues(b.spec.Form.Pages[loc.Page])
		vals.Set("new_type", r.PostForm.Get("new_type"))
		vals.Set("new_label", r.PostForm.Get("new_label"))
		s.renderBuilderPage(w, r, http.StatusUnprocessableEntity, v, b, loc.Page, vals, builderTranslate(v, errs))
		return
	}
	if inGroup {
		g := &b.spec.Form.Pages[loc.Page].Questions[loc.Q]
		g.Questions = append(g.Questions, q)
		loc.Inner = len(g.Questions) - 1
	} else {
		qs := &b.spec.Form.Pages[loc.Page].Questions
		*qs = append(*qs, q)
		loc.Q, loc.Inner = len(*qs)-1, -1
	}
	s.builderSave(w, r, b, builderQuestionURL(b.svc.ID, b.spec, loc), "tillagd")
}

// handleBuilderQuestionMove moves a question one step up or down (dir) on
// its page or in its group.
func (s *Server) handleBuilderQuestionMove(w http.ResponseWriter, r *http.Request) {
	form, err := postedForm(w, r, "dir")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, loc, err := s.builderLoadQuestion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	delta := map[string]int{"up": -1, "down": 1}[form["dir"]]
	if delta == 0 {
		s.fail(w, r, errBuilderAction)
		return
	}
	back := builderURL(b.svc.ID, "sidor", b.spec.Form.Pages[loc.Page].ID)
	i := loc.Q
	if loc.Inner >= 0 {
		back = builderQuestionURL(b.svc.ID, b.spec, builderLoc{Page: loc.Page, Q: loc.Q, Inner: -1})
		i = loc.Inner
	}
	qs := builderSiblings(&b.spec, loc)
	*qs = builderMove(*qs, i, delta)
	s.builderSave(w, r, b, back, "flyttad")
}

func (s *Server) handleBuilderQuestionDelete(w http.ResponseWriter, r *http.Request) {
	b, loc, err := s.builderLoadQuestion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := *builderQuestionPtr(&b.spec, loc)
	v := s.view(r)
	text := v.T("builder.question.delete_text")
	if q.Type == eservice.TypeGroup {
		text = v.T("builder.question.delete_group_text", len(q.Questions))
	}
	c := builderConfirm{Service: b.svc, Heading: v.T("builder.question.delete_heading"), Name: v.BuilderShort(q.Label), Text: text,
		Action: builderQuestionURL(b.svc.ID, b.spec, loc, "ta-bort"), Back: builderQuestionURL(b.svc.ID, b.spec, loc)}
	for _, u := range builderConditionUsers(b.spec.Form, builderIDsIn(q)) {
		c.Users = append(c.Users, v.BuilderShort(u))
	}
	v.Title = c.Heading
	s.render(w, r, "builder_confirm", v.impersonal().with(c))
}

// handleBuilderQuestionDeletePost deletes a question (a group with its
// questions) and the conditions that refer to it.
func (s *Server) handleBuilderQuestionDeletePost(w http.ResponseWriter, r *http.Request) {
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	b, loc, err := s.builderLoadQuestion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back := builderURL(b.svc.ID, "sidor", b.spec.Form.Pages[loc.Page].ID)
	i := loc.Q
	if loc.Inner >= 0 {
		back = builderQuestionURL(b.svc.ID, b.spec, builderLoc{Page: loc.Page, Q: loc.Q, Inner: -1})
		i = loc.Inner
	}
	ids := builderIDsIn(*builderQuestionPtr(&b.spec, loc))
	qs := builderSiblings(&b.spec, loc)
	*qs = slices.Delete(*qs, i, i+1)
	builderDropConditions(&b.spec.Form, ids)
	s.builderSave(w, r, b, back, "borttagen")
}
