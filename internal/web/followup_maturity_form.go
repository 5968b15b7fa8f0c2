package web

import (
	"errors"
	"net/http"
	"strconv"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The form of one unit's maturity assessment of a year
// (/personal/mognad/{unit}/{year}): the year's questions in the two
// dimensions, each answered 0–4 or "don't know" with radio buttons.

// maturityForm is what the assessment page shows.
type maturityForm struct {
	Unit       unitName
	Slug       string
	Year       int
	MayAssess  bool
	Dimensions []maturityDimension
	Scale      []maturityChoice // the scale's values and names, for the key
	Saved      *maturityScoreView
	Done       bool
}

// maturityDimension is one dimension's questions.
type maturityDimension struct {
	Name      string
	Questions []maturityQuestionView
}

// maturityQuestionView is one question with its choices.
type maturityQuestionView struct {
	Key     string
	Text    unitName
	Choices []maturityChoice
	Error   string
}

// maturityChoice is one value of the scale.
type maturityChoice struct {
	Value   string
	Label   string
	Checked bool
}

// maturityScoreView is a saved assessment's score, formatted.
type maturityScoreView struct {
	Capability, Heritage, Total, At string
}

// maturityScale returns the answer scale's values (4 down to 0, then
// "don't know") with their names.
func maturityScale(v *view) []maturityChoice {
	var out []maturityChoice
	for a := followup.AnswerMax; a >= followup.AnswerMin; a-- {
		out = append(out, maturityChoice{Value: strconv.Itoa(a), Label: strconv.Itoa(a) + " " + v.T("followup.maturity.scale."+strconv.Itoa(a))})
	}
	return append(out, maturityChoice{Value: strconv.Itoa(followup.DontKnow), Label: v.T("followup.maturity.scale.dontknow")})
}

func (s *Server) handleMaturityAssessment(w http.ResponseWriter, r *http.Request) {
	acc, unit, year, err := s.maturityTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.db.MaturityAssessment(r.Context(), unit.ID, year)
	if err != nil && sprang.ErrorKind(err) != sprang.NotFound {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	s.renderMaturityForm(w, r, v, http.StatusOK, acc, unit, year, a)
}

func (s *Server) handleMaturityAssessmentPost(w http.ResponseWriter, r *http.Request) {
	acc, unit, year, err := s.maturityTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !mayAssess(acc, unit.ID) {
		s.fail(w, r, errMaturityForbidden)
		return
	}
	qs, _, err := s.db.MaturityQuestions(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := make([]string, 0, len(qs))
	for _, q := range qs {
		names = append(names, q.Key)
	}
	form, err := postedForm(w, r, names...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := followup.MaturityAssessment{UnitID: unit.ID, Year: year, Answers: parseMaturityAnswers(form)}
	_, err = s.db.SaveMaturityAssessment(r.Context(), a, acc.User.ID)
	v := s.view(r).impersonal()
	var e *sprang.Error
	if errors.As(err, &e) && e.Kind == sprang.Invalid {
		v.Errors = maturityErrors(v, qs, e.Fields)
		s.renderMaturityForm(w, r, v, http.StatusUnprocessableEntity, acc, unit, year, a)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, maturityPath+"/"+unit.Slug+"/"+strconv.Itoa(year)+"?klart=1", http.StatusSeeOther)
}

// parseMaturityAnswers reads the answers of a posted form: a field left
// out or not a whole number is no answer.
func parseMaturityAnswers(form map[string]string) map[string]int {
	out := map[string]int{}
	for k, val := range form {
		if n, err := strconv.Atoi(val); err == nil {
			out[k] = n
		}
	}
	return out
}

// maturityErrors returns the error summary of refused answers, in the
// questions' order, linking to each question's first choice.
func maturityErrors(v *view, qs []followup.MaturityQuestion, fields map[string]string) []fieldError {
	var out []fieldError
	for i, q := range qs {
		if msg, ok := fields[q.Key]; ok {
			out = append(out, fieldError{Field: "q-" + q.Key, Message: v.T(msg, i+1)})
		}
	}
	if msg, ok := fields["answers"]; ok && len(qs) > 0 {
		out = append(out, fieldError{Field: "q-" + qs[0].Key, Message: v.T(msg)})
	}
	return out
}

// maturityTarget returns the access, unit and year a maturity form's URL
// names: NotFound for an unknown unit or a year out of range.
func (s *Server) maturityTarget(r *http.Request) (*access, identity.Unit, int, error) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		return nil, identity.Unit{}, 0, err
	}
	unit, ok := maturityUnit(acc.Tree, r.PathValue("unit"))
	if !ok {
		return nil, identity.Unit{}, 0, errNoPage
	}
	year, err := s.maturityYear(r.PathValue("year"))
	return acc, unit, year, err
}

// renderMaturityForm renders the assessment form of unit and year with
// a's answers (stored or as posted) and v's errors.
func (s *Server) renderMaturityForm(w http.ResponseWriter, r *http.Request, v *view, status int, acc *access,
	unit identity.Unit, year int, a followup.MaturityAssessment) {
	qs, _, err := s.db.MaturityQuestions(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := maturityForm{Unit: v.UnitName(unit), Slug: unit.Slug, Year: year, MayAssess: mayAssess(acc, unit.ID),
		Scale: maturityScale(v), Done: r.URL.Query().Get("klart") == "1" && status == http.StatusOK}
	if !a.SubmittedAt.IsZero() && status == http.StatusOK {
		p.Saved = &maturityScoreView{Capability: percent(v, a.Score.Capability), Heritage: percent(v, a.Score.Heritage),
			Total: percent(v, a.Score.Total), At: i18n.Date(v.Lang, a.SubmittedAt)}
	}
	for _, d := range followup.Dimensions() {
		dim := maturityDimension{Name: v.T("followup.maturity.dim." + string(d))}
		for _, q := range qs {
			if q.Dimension == d {
				dim.Questions = append(dim.Questions, maturityQuestionOf(v, q, a.Answers))
			}
		}
		p.Dimensions = append(p.Dimensions, dim)
	}
	v.Title = v.T("followup.maturity.form.title", p.Unit.Text, year)
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "maturity_form", v.with(p))
}

// maturityQuestionOf returns question q with its choices, the answer
// checked, and its error from v.
func maturityQuestionOf(v *view, q followup.MaturityQuestion, answers map[string]int) maturityQuestionView {
	qv := maturityQuestionView{Key: q.Key, Text: textIn(v, q.Text), Error: v.FieldError("q-" + q.Key)}
	a, answered := answers[q.Key]
	for _, c := range maturityScale(v) {
		c.Checked = answered && c.Value == strconv.Itoa(a)
		qv.Choices = append(qv.Choices, c)
	}
	return qv
}

// textIn returns t in v's language, marked Swedish when it falls back.
func textIn(v *view, t followup.Text) unitName {
	n := unitName{Text: t.In(string(v.Lang))}
	if string(v.Lang) != "sv" && n.Text == t.SV {
		n.Lang = "sv"
	}
	return n
}
