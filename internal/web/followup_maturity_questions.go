package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/followup"
)

// The questions of a year's maturity assessment (/personal/mognad/fragor
// ?ar=YYYY), set by whoever may manage the follow-up of the whole group
// (mayManageMaturity: the questions hold for every unit).
// A year without its own questions starts from the latest earlier year's
// (or the built-in ones); saving makes them the year's own. Once a unit
// has answered, the year's questions are locked. Each question is a row
// of the form: dimension, Swedish and English text; a row with both texts
// empty is left out, which is how a question is removed, and a few empty
// rows at the end add new ones.

// maturityBlankRows is how many empty rows the form offers for new
// questions.
const maturityBlankRows = 3

// maturityQuestionsPage is what the questions page shows.
type maturityQuestionsPage struct {
	Year   int
	Years  []int // the years to choose from
	Own    bool  // the year has its own questions
	Locked bool  // units have answered: no changes
	Rows   []maturityQuestionRow
	Done   bool
}

// maturityQuestionRow is one row of the form.
type maturityQuestionRow struct {
	Index                            int
	Key, Dimension, SV, EN           string
	DimensionError, SVError, ENError string
}

func (s *Server) handleMaturityQuestions(w http.ResponseWriter, r *http.Request) {
	if _, err := s.requireMaturityManager(r); err != nil {
		s.fail(w, r, err)
		return
	}
	year := s.thisYear()
	if q := r.URL.Query().Get("ar"); q != "" {
		var err error
		if year, err = s.maturityYear(q); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	qs, own, err := s.db.MaturityQuestions(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r).impersonal()
	rows := make([]maturityQuestionRow, 0, len(qs)+maturityBlankRows)
	for i, q := range qs {
		rows = append(rows, maturityQuestionRow{Index: i, Key: q.Key, Dimension: string(q.Dimension), SV: q.Text.SV, EN: q.Text.EN})
	}
	s.renderMaturityQuestions(w, r, v, http.StatusOK, year, own, rows)
}

func (s *Server) handleMaturityQuestionsPost(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireMaturityManager(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := postedForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := s.maturityYear(r.PostForm.Get("ar"))
	if err != nil {
		s.fail(w, r, sprang.Errorf(sprang.Invalid, "form.invalid"))
		return
	}
	rows := postedQuestionRows(r)
	qs, kept := questionsOf(rows)
	err = s.db.SaveMaturityQuestions(r.Context(), year, qs, acc.User.ID)
	var e *sprang.Error
	if errors.As(err, &e) && e.Kind == sprang.Invalid {
		v := s.view(r).impersonal()
		v.Errors = questionErrors(v, rows, kept, e.Fields)
		s.renderMaturityQuestions(w, r, v, http.StatusUnprocessableEntity, year, false, rows)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, maturityPath+"/fragor?ar="+strconv.Itoa(year)+"&klart=1", http.StatusSeeOther)
}

// requireMaturityManager returns the access of the request's staff user
// when they may set the questions (mayManageMaturity), and Forbidden
// (Unauthenticated for anonymous requests) otherwise.
func (s *Server) requireMaturityManager(r *http.Request) (*access, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, err
	}
	if !mayManageMaturity(acc) {
		return nil, errMaturityForbidden
	}
	return acc, nil
}

// postedQuestionRows reads the rows of the posted form, at most
// MaxMaturityQuestions plus the blank rows.
func postedQuestionRows(r *http.Request) []maturityQuestionRow {
	var rows []maturityQuestionRow
	for i := range followup.MaxMaturityQuestions + maturityBlankRows {
		p := "q" + strconv.Itoa(i)
		if _, ok := r.PostForm[p+"-sv"]; !ok {
			break
		}
		rows = append(rows, maturityQuestionRow{Index: i, Key: r.PostForm.Get(p + "-key"), Dimension: r.PostForm.Get(p + "-dimension"),
			SV: strings.TrimSpace(r.PostForm.Get(p + "-sv")), EN: strings.TrimSpace(r.PostForm.Get(p + "-en"))})
	}
	return rows
}

// questionsOf returns the questions of the rows that have a text, with a
// new key for a new row, and the row index of each.
func questionsOf(rows []maturityQuestionRow) ([]followup.MaturityQuestion, []int) {
	taken := map[string]bool{}
	for _, row := range rows {
		taken[row.Key] = true
	}
	var qs []followup.MaturityQuestion
	var kept []int
	for i, row := range rows {
		if row.SV == "" && row.EN == "" {
			continue
		}
		key := row.Key
		if key == "" {
			for n := len(rows); key == "" || taken[key]; n++ {
				key = "fraga-" + strconv.Itoa(n)
			}
			taken[key] = true
		}
		qs = append(qs, followup.MaturityQuestion{Key: key, Dimension: followup.Dimension(row.Dimension),
			Text: followup.Text{SV: row.SV, EN: row.EN}})
		kept = append(kept, i)
	}
	return qs, kept
}

// questionErrors puts the refused fields on their rows and returns the
// error summary, in form order.
func questionErrors(v *view, rows []maturityQuestionRow, kept []int, fields map[string]string) []fieldError {
	var out []fieldError
	for k, i := range kept {
		p := "q" + strconv.Itoa(k)
		row := &rows[i]
		field := "q" + strconv.Itoa(i)
		for _, f := range []struct {
			suffix string
			dst    *string
		}{{"-dimension", &row.DimensionError}, {"-key", &row.SVError}, {"-sv", &row.SVError}, {"-en", &row.ENError}} {
			if msg, ok := fields[p+f.suffix]; ok {
				*f.dst = v.T(msg)
				id := field + f.suffix
				if f.suffix == "-key" {
					id = field + "-sv"
				}
				out = append(out, fieldError{Field: id, Message: v.T(msg) + " (" + v.T("followup.maturity.q.number", i+1) + ")"})
			}
		}
	}
	if msg, ok := fields["questions"]; ok {
		out = append(out, fieldError{Field: "q0-sv", Message: v.T(msg)})
	}
	return out
}

// renderMaturityQuestions renders the questions form of year with rows
// and blank rows after them.
func (s *Server) renderMaturityQuestions(w http.ResponseWriter, r *http.Request, v *view, status int, year int, own bool, rows []maturityQuestionRow) {
	locked, err := s.maturityLocked(r, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !locked {
		rows = padBlankRows(rows)
	}
	p := maturityQuestionsPage{Year: year, Own: own, Locked: locked, Rows: rows,
		Done: status == http.StatusOK && r.URL.Query().Get("klart") == "1"}
	for y := s.thisYear() + 1; y >= s.thisYear()-4; y-- {
		p.Years = append(p.Years, y)
	}
	v.Title = v.T("followup.maturity.questions.title", year)
	w.Header().Set("Cache-Control", "no-store")
	s.renderStatus(w, r, status, "maturity_questions", v.with(p))
}

// maturityLocked reports whether units have answered year.
func (s *Server) maturityLocked(r *http.Request, year int) (bool, error) {
	scores, err := s.db.MaturityHistory(r.Context())
	for _, sc := range scores {
		if sc.Year == year {
			return true, err
		}
	}
	return false, err
}

// padBlankRows returns rows with empty rows at the end, so that there are
// maturityBlankRows empty ones, within the form's limit.
func padBlankRows(rows []maturityQuestionRow) []maturityQuestionRow {
	blank := 0
	for i := len(rows) - 1; i >= 0 && rows[i].SV == "" && rows[i].EN == ""; i-- {
		blank++
	}
	for ; blank < maturityBlankRows && len(rows) < followup.MaxMaturityQuestions+maturityBlankRows; blank++ {
		rows = append(rows, maturityQuestionRow{Index: len(rows), Dimension: string(followup.Capability)})
	}
	return rows
}

// Number is the row's number as the form shows it, from 1.
func (r maturityQuestionRow) Number() int { return r.Index + 1 }
