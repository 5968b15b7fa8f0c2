package web

import (
	"slices"
	"strconv"
	"strings"

	"sprang/internal/eservice"
)

// questionView is one question as the "question" template component
// renders it. Field names are the answers' (see eservice.Answers); ids
// are the names with dots made dashes, so every id on the page is unique
// and a plain fragment.
type questionView struct {
	Type         string
	Name         string // the field name
	ID           string // the id of the input (for radios and checkboxes: of the first)
	Label        string
	Hint         string
	Condition    string // "Svara bara om …" for a question whose condition is on the same page
	Required     bool
	Error        string
	ErrorPrefix  string
	Value        string
	InputType    string // text, email, tel, date
	Inputmode    string
	Autocomplete string
	Width        string // a CSS modifier for short inputs, or ""
	Options      []optionView
	Select       bool           // a choice shown as a select
	Parts        []questionView // address: street, postcode, city
	Instances    []groupInstance
	Add          string // group: the add button's action value, "" at the maximum
	AddLabel     string
	File         *uploadedFile
	Accept       string // file: the accept attribute
	Paragraphs   []string
	Optional     string // "(frivilligt)" after the label of an optional question
	DescribedBy  string // the ids of the hint, condition and error, for aria-describedby
	Texts        *questionTexts
}

// questionTexts are the fixed texts of the question controls, translated
// once per page.
type questionTexts struct {
	Remove, RemoveFile, Uploaded, Replace, Choose string
}

// optionView is one radio, checkbox or select option.
type optionView struct {
	ID, Value, Label string
	Checked          bool
}

// groupInstance is one instance of a group question.
type groupInstance struct {
	ID        string
	Legend    string
	Questions []questionView
	Remove    string // the remove button's action value
	RemoveFor string // the remove button's accessible name
}

// uploadedFile is a file already uploaded for a file question.
type uploadedFile struct {
	Name   string
	Size   string
	Remove string // the remove button's action value
}

// yesNo are the values of a yes/no question.
var yesNo = []string{"yes", "no"}

// htmlID returns the element id of field name: dots become dashes. Ids
// and option values never hold dots and question ids never dashes, so
// ids stay unique.
func htmlID(name string) string { return strings.ReplaceAll(name, ".", "-") }

// questionsBuilder builds the question views of one page.
type questionsBuilder struct {
	v      *view
	form   eservice.Form
	page   eservice.Page
	values eservice.Answers    // what the inputs show
	seen   eservice.Answers    // the answers conditions are evaluated on
	errors map[string]string   // field → message
	files  map[string]fileInfo // file field → the uploaded file
	labels map[string]string   // field → the question's name in the error summary; filled by build
	prefix string              // the label of the group instance being built, or ""
	texts  *questionTexts
}

// fileInfo is what a page shows of an uploaded file.
type fileInfo struct {
	Name string
	Size int64
}

// build returns the views of the page's shown questions.
func (b *questionsBuilder) build() []questionView {
	b.labels = map[string]string{}
	b.texts = &questionTexts{Remove: b.v.T("fill.group.remove"), RemoveFile: b.v.T("fill.file.remove"),
		Uploaded: b.v.T("fill.file.uploaded"), Replace: b.v.T("fill.file.replace"), Choose: b.v.T("fill.select.choose")}
	var out []questionView
	for _, q := range b.page.Questions {
		if b.shown(q) {
			out = append(out, b.question(q, q.ID))
		}
	}
	return out
}

// shown reports whether q is on the page: visible for the answers so far,
// or depending on a question of this same page (without scripts the page
// cannot reveal it when that one is answered, so it is shown with its
// condition written out, and ReadPage drops its answer if the condition
// does not hold).
func (b *questionsBuilder) shown(q eservice.Question) bool {
	return b.form.QuestionVisible(q, b.seen) || b.samePage(q)
}

// samePage reports whether one of q's conditions is on a question of
// this page.
func (b *questionsBuilder) samePage(q eservice.Question) bool {
	for _, c := range q.ShowIf {
		for _, pq := range b.page.Questions {
			if pq.ID == c.Question {
				return true
			}
		}
	}
	return false
}

// lang returns the page's language code.
func (b *questionsBuilder) lang() string { return string(b.v.Lang) }

// question builds the view of q under field name.
func (b *questionsBuilder) question(q eservice.Question, name string) (qv questionView) {
	qv = questionView{Type: string(q.Type), Name: name, ID: htmlID(name), Label: q.Label.In(b.lang()),
		Hint: q.Hint.In(b.lang()), Required: q.Required, Error: b.errors[name], ErrorPrefix: b.v.T("form.error_prefix"),
		Texts: b.texts}
	defer qv.describe()
	if !q.Required && q.Type != eservice.TypeInfo {
		qv.Optional = b.v.T("fill.optional")
	}
	b.labels[name] = b.prefix + qv.Label
	if qv.Hint == "" && b.v.cat.Has(b.v.Lang, "fill.hint."+qv.Type) {
		qv.Hint = b.v.T("fill.hint." + qv.Type)
	}
	if b.samePage(q) {
		qv.Condition = conditionText(b.v, b.form, q.ShowIf)
	}
	switch q.Type {
	case eservice.TypeInfo:
		qv.Paragraphs = paragraphs(q.Label.In(b.lang()))
	case eservice.TypeAddress:
		qv.Parts = b.addressParts(name)
		for _, p := range qv.Parts {
			b.labels[p.Name] = b.prefix + qv.Label + ", " + p.Label
		}
	case eservice.TypeChoice, eservice.TypeMulti, eservice.TypeYesNo:
		qv.Options, qv.Select = b.options(q, name), q.Type == eservice.TypeChoice && q.Display == "select"
	case eservice.TypeGroup:
		b.group(&qv, q)
	case eservice.TypeFile:
		b.file(&qv, q, name)
	default:
		qv.Value = b.values.Get(name)
		qv.InputType, qv.Inputmode, qv.Autocomplete, qv.Width = inputOf(q.Type)
	}
	return qv
}

// describe sets DescribedBy from the notes the question shows.
func (q *questionView) describe() {
	var ids []string
	if q.Hint != "" {
		ids = append(ids, q.ID+"-hint")
	}
	if q.Condition != "" {
		ids = append(ids, q.ID+"-condition")
	}
	if q.Error != "" {
		ids = append(ids, q.ID+"-error")
	}
	q.DescribedBy = strings.Join(ids, " ")
}

// inputOf returns the input type, inputmode, autocomplete token and width
// modifier of a typed question.
func inputOf(t eservice.QuestionType) (typ, mode, autocomplete, width string) {
	switch t {
	case eservice.TypeNumber:
		return "text", "decimal", "", "input--width-10"
	case eservice.TypeDate:
		return "date", "", "", "input--width-10"
	case eservice.TypeEmail:
		return "email", "", "email", ""
	case eservice.TypePhone:
		return "tel", "", "tel", "input--width-20"
	case eservice.TypePersonnummer, eservice.TypeOrgNumber:
		return "text", "numeric", "", "input--width-20"
	}
	return "text", "", "", ""
}

// addressParts builds the three inputs of an address question.
func (b *questionsBuilder) addressParts(name string) []questionView {
	auto := map[string]string{"street": "street-address", "postcode": "postal-code", "city": "address-level2"}
	out := make([]questionView, 0, len(addressParts))
	for _, p := range addressParts {
		f := name + "." + p
		pv := questionView{Type: "text", Name: f, ID: htmlID(f), Label: b.v.T("fill.address." + p), Value: b.values.Get(f),
			Error: b.errors[f], ErrorPrefix: b.v.T("form.error_prefix"), InputType: "text", Autocomplete: auto[p], Texts: b.texts}
		if p == "postcode" {
			pv.Inputmode, pv.Width = "numeric", "input--width-10"
		}
		pv.describe()
		out = append(out, pv)
	}
	return out
}

// options builds the radios, checkboxes or select options of q.
func (b *questionsBuilder) options(q eservice.Question, name string) []optionView {
	chosen := b.values[name]
	var out []optionView
	add := func(value, label string) {
		id := htmlID(name)
		if len(out) > 0 {
			id += "-" + value
		}
		out = append(out, optionView{ID: id, Value: value, Label: label, Checked: slices.Contains(chosen, value)})
	}
	if q.Type == eservice.TypeYesNo {
		add(yesNo[0], b.v.T("fill.yes"))
		add(yesNo[1], b.v.T("fill.no"))
		return out
	}
	for _, o := range q.Options {
		add(o.Value, o.Label.In(b.lang()))
	}
	return out
}

// group builds the instances of group q with their add and remove
// buttons.
func (b *questionsBuilder) group(qv *questionView, q eservice.Question) {
	n := groupCount(b.values, q)
	label := q.Label.In(b.lang())
	for i := range n {
		inst := groupInstance{ID: htmlID(q.ID + "." + strconv.Itoa(i)), Legend: label + " " + strconv.Itoa(i+1), Remove: "remove:" + q.ID + ":" + strconv.Itoa(i),
			RemoveFor: b.v.T("fill.group.remove_for", label+" "+strconv.Itoa(i+1))}
		b.prefix = inst.Legend + ", "
		for _, iq := range q.Questions {
			if b.shown(iq) {
				inst.Questions = append(inst.Questions, b.question(iq, instanceField(q.ID, i, iq.ID)))
			}
		}
		b.prefix = ""
		qv.Instances = append(qv.Instances, inst)
	}
	if n < maxRepeat(q) {
		qv.Add = "add:" + q.ID
	}
	qv.AddLabel = b.v.T("fill.group.add")
	if n == 0 {
		qv.AddLabel = b.v.T("fill.group.add_first")
	}
}

// file builds the upload of file question q under field name: the file
// already uploaded, or the input.
func (b *questionsBuilder) file(qv *questionView, q eservice.Question, name string) {
	if f, ok := b.files[name]; ok {
		qv.File = &uploadedFile{Name: f.Name, Size: sizeText(b.v, f.Size), Remove: "remove-file:" + name}
	}
	if q.File != nil {
		qv.Accept = strings.Join(q.File.Types, ",")
	}
}

// sizeText returns a file size in kB or MB, in the view's language.
func sizeText(v *view, n int64) string {
	if n < 1<<20 {
		return v.T("fill.file.kb", max(1, n>>10))
	}
	return v.T("fill.file.mb", strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", v.T("fill.decimal"), 1))
}

// paragraphs splits a text into paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// conditionText writes conditions out for a person: "Svara bara om du
// svarade Ja på frågan ”Har du barn?”." — one sentence per condition.
func conditionText(v *view, form eservice.Form, cs []eservice.Condition) string {
	lang := string(v.Lang)
	var parts []string
	for _, c := range cs {
		q, ok := form.Question(c.Question)
		if !ok {
			continue
		}
		values := make([]string, 0, len(c.Values))
		for _, val := range c.Values {
			values = append(values, optionLabel(v, q, val))
		}
		key := "fill.condition"
		if c.Not {
			key = "fill.condition_not"
		}
		parts = append(parts, v.T(key, strings.Join(values, v.T("fill.or")), q.Label.In(lang)))
	}
	return strings.Join(parts, " ")
}

// optionLabel returns the label of value among q's options, yes and no,
// or value itself.
func optionLabel(v *view, q eservice.Question, value string) string {
	if q.Type == eservice.TypeYesNo {
		switch value {
		case yesNo[0]:
			return v.T("fill.yes")
		case yesNo[1]:
			return v.T("fill.no")
		}
	}
	for _, o := range q.Options {
		if o.Value == value {
			return o.Label.In(string(v.Lang))
		}
	}
	return value
}
