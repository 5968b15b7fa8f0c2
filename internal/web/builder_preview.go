package web

import (
	"net/http"
	"strconv"
	"strings"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// builderPreviewQ is one question of the preview: its control as a
// resident sees it, disabled (nothing can be filled in or sent), with its
// condition written out.
type builderPreviewQ struct {
	Kind       string // "input", "textarea", "radios", "select", "checkboxes", "address", "file", "info", "group"
	ID         string
	Label      unitName
	Hint       unitName
	Optional   string // " (valfri)" for a question that may be left unanswered
	Cond       string
	InputType  string
	Options    []bOption
	Parts      []builderPreviewQ // address: street, postcode, town
	Inner      []builderPreviewQ // group: its questions, once
	Paragraphs []string          // info: the text by paragraph
	Note       string            // accepted files, or how many times a group repeats
}

// builderPreviewPage is one page of the preview.
type builderPreviewPage struct {
	Index     int
	Title     unitName
	Cond      string
	Questions []builderPreviewQ
}

// builderPreview is the preview of the spec being edited.
type builderPreview struct {
	Service store.Service
	Spec    eservice.Spec
	Title   unitName
	Pages   []builderPreviewPage
	Draft   bool
}

func (s *Server) handleBuilderPreview(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := builderPreview{Service: b.svc, Spec: b.spec, Title: v.BuilderText(b.spec.Title), Draft: b.svc.Draft > 0}
	for i, pg := range b.spec.Form.Pages {
		pp := builderPreviewPage{Index: i + 1, Title: v.BuilderText(pg.Title), Cond: builderCondText(v, b.spec.Form, pg.ShowIf)}
		for _, q := range pg.Questions {
			pp.Questions = append(pp.Questions, builderPreviewOf(v, b.spec.Form, q))
		}
		p.Pages = append(p.Pages, pp)
	}
	v.Title = v.T("builder.preview.title", b.spec.Title.In(string(v.Lang)))
	s.render(w, r, "builder_preview", v.impersonal().with(p))
}

// builderPreviewOf returns the preview of question q.
func builderPreviewOf(v *view, f eservice.Form, q eservice.Question) builderPreviewQ {
	pq := builderPreviewQ{ID: "pv-" + q.ID, Label: v.BuilderText(q.Label), Hint: v.BuilderText(q.Hint),
		Cond: builderCondText(v, f, q.ShowIf)}
	if !q.Required && q.Type != eservice.TypeInfo && q.Type != eservice.TypeGroup {
		pq.Optional = v.T("builder.preview.optional")
	}
	options := func(opts []eservice.Option) {
		for i, o := range opts {
			name := v.BuilderText(o.Label)
			pq.Options = append(pq.Options, bOption{ID: pq.ID + "-" + strconv.Itoa(i), Value: o.Value, Label: name.Text, Lang: name.Lang})
		}
	}
	switch q.Type {
	case eservice.TypeLongText:
		pq.Kind = "textarea"
	case eservice.TypeChoice:
		pq.Kind = "radios"
		if q.Display == "select" {
			pq.Kind = "select"
		}
		options(q.Options)
	case eservice.TypeMulti:
		pq.Kind = "checkboxes"
		options(q.Options)
	case eservice.TypeYesNo:
		pq.Kind = "radios"
		options(builderYesNoIn(v))
	case eservice.TypeAddress:
		pq.Kind = "address"
		for _, part := range []string{"street", "postcode", "city"} {
			pq.Parts = append(pq.Parts, builderPreviewQ{Kind: "input", ID: pq.ID + "-" + part, InputType: "text",
				Label: unitName{Text: v.T("builder.preview.address." + part)}})
		}
	case eservice.TypeFile:
		pq.Kind = "file"
		if q.File != nil {
			var names []string
			for _, t := range q.File.Types {
				names = append(names, builderOr(builderFileTypeNames[t], t))
			}
			pq.Note = v.T("builder.preview.file", strings.Join(names, ", "), builderFormatMB(q.File.MaxBytes))
		}
	case eservice.TypeInfo:
		pq.Kind = "info"
		for _, para := range strings.Split(pq.Label.Text, "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				pq.Paragraphs = append(pq.Paragraphs, para)
			}
		}
	case eservice.TypeGroup:
		pq.Kind = "group"
		for _, in := range q.Questions {
			inner := builderPreviewOf(v, f, in)
			inner.ID = pq.ID + "-" + in.ID
			pq.Inner = append(pq.Inner, inner)
		}
		pq.Note = v.T("builder.preview.repeat", builderOr(builderFormatCount(q.MaxRepeat), "10"))
	default:
		pq.Kind, pq.InputType = "input", builderInputType(q.Type)
	}
	return pq
}

// builderYesNoIn returns the yes and no options in the page's language.
func builderYesNoIn(v *view) []eservice.Option {
	yes, no := v.T("builder.yes"), v.T("builder.no")
	return []eservice.Option{{Value: "yes", Label: eservice.Text{SV: yes, EN: yes}},
		{Value: "no", Label: eservice.Text{SV: no, EN: no}}}
}

// builderInputType returns the input type of a one-line question type.
func builderInputType(t eservice.QuestionType) string {
	switch t {
	case eservice.TypeEmail:
		return "email"
	case eservice.TypePhone:
		return "tel"
	case eservice.TypeDate:
		return "date"
	}
	return "text"
}

// builderFormatMB writes a size in bytes as megabytes, e.g. "10" or "2.5".
func builderFormatMB(n int64) string {
	mb := float64(n) / builderMiB
	return builderFormatDecimal(&mb)
}
