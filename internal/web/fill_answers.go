package web

import (
	"context"
	"strconv"

	"sprang/internal/eservice"
)

// answerList is what the "answers" template component renders: a
// GOV.UK-style summary list of answers, with change links on the check
// page and download links for files where the page offers them.
type answerList struct {
	Rows       []answerRow
	Change     string // the change links' text
	Unanswered string // shown for an empty answer
}

// answerRow is one answer of an answerList.
type answerRow struct {
	Label  string
	Value  string   // one line of text, or the file's name
	Values []string // several values (multiple choice), shown as a list
	Change string   // the change link's URL, or ""
	File   string   // the file's download URL, or ""
}

// AnswerList builds the "answers" component's data from rows (see
// eservice.Form.Rows) in the view's language, read-only. names gives the
// names of uploaded files by id (see Server.fileNames); with fileBase set,
// a file links to fileBase followed by its id. The case officer's errand
// page calls it from its template:
//
//	{{template "answers" ($.AnswerList .Data.Rows .Data.FileNames "/personal/arenden/12/filer/")}}
func (v *view) AnswerList(rows []eservice.Row, names map[int64]string, fileBase string) answerList {
	return answersOf(v, rows, names, func(r eservice.Row) (string, string) {
		if fileBase != "" && r.FileID != 0 {
			return "", fileBase + strconv.FormatInt(r.FileID, 10)
		}
		return "", ""
	})
}

// answersOf builds an answerList; links returns each row's change and
// file URLs ("" for none).
func answersOf(v *view, rows []eservice.Row, names map[int64]string, links func(eservice.Row) (change, file string)) answerList {
	lang := string(v.Lang)
	out := answerList{Change: v.T("fill.check.change"), Unanswered: v.T("fill.check.unanswered")}
	for _, r := range rows {
		ar := answerRow{Label: rowLabel(r, lang), Value: r.Value}
		if len(r.Values) > 1 {
			ar.Values = r.Values
		}
		if r.FileID != 0 {
			ar.Value = names[r.FileID]
			if ar.Value == "" {
				ar.Value = v.T("fill.file.unnamed")
			}
		}
		ar.Change, ar.File = links(r)
		out.Rows = append(out.Rows, ar)
	}
	return out
}

// rowLabel returns a row's label, after its group and instance number for
// rows inside a group: "Barn 2, Namn".
func rowLabel(r eservice.Row, lang string) string {
	if r.Instance > 0 {
		return r.Group.In(lang) + " " + strconv.Itoa(r.Instance) + ", " + r.Label.In(lang)
	}
	return r.Label.In(lang)
}

// fileNames returns the names of the files the rows refer to, by id. A
// file that cannot be read is left out (its row says it has no name).
func (s *Server) fileNames(ctx context.Context, rows []eservice.Row) map[int64]string {
	out := map[int64]string{}
	for _, r := range rows {
		if r.FileID == 0 {
			continue
		}
		if f, _, err := s.db.FindFile(ctx, r.FileID); err == nil {
			out[r.FileID] = f.Name
		}
	}
	return out
}
