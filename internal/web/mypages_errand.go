package web

import (
	"context"
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// myReplyMaxText is the longest reply, in characters.
const myReplyMaxText = 20_000

// myReplyAccept lists the types of a reply's attachment, for the input's
// accept attribute and the upload rule; the content decides, not the name.
const myReplyAccept = "application/pdf,image/jpeg,image/png"

// myReplyRule is what a reply's attachment is checked against: PDF, JPEG
// or PNG of at most 10 MB.
var myReplyRule = eservice.FileRule{Types: strings.Split(myReplyAccept, ","), MaxBytes: 10 << 20}

// The fields of the reply form: the text and the attachment.
const (
	myReplyText = "meddelande"
	myReplyFile = "bilaga"
)

// myErrandDone are the notices the errand page knows after a reply.
var myErrandDone = []string{"skickat", "kompletterat"}

// myErrandPage is the resident's page of one of their errands.
type myErrandPage struct {
	Errand   eservice.Errand
	Service  unitName
	Unit     unitName
	Status   unitName
	Waiting  bool // more information is asked for: the reply is a completion
	Closed   bool // no replies any more
	Decision *myEvent
	History  []myEvent
	Answers  answerList
	Reply    string // the form's action
	Accept   string
	MaxMB    int64
	Done     string
}

// myEvent is one entry of the history the resident sees.
type myEvent struct {
	eservice.Event
	Who      unitName // the unit for staff, "" for the resident and the platform
	From, To unitName // status changes
	Files    []myFile
}

// myFile is an attachment the resident may download.
type myFile struct {
	URL  string
	Name string
	Size int64
}

// handleMyErrand shows one of the resident's errands. Another resident's
// errand, or one that does not exist, is the same 404.
func (s *Server) handleMyErrand(w http.ResponseWriter, r *http.Request) {
	s.renderMyErrand(w, r, http.StatusOK, nil, nil)
}

// renderMyErrand renders the errand page with status, and the posted
// reply with its error after a refused reply.
func (s *Server) renderMyErrand(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p, err := s.loadMyErrand(r.Context(), v, rid, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d := r.URL.Query().Get("gjort"); formErr == nil && slices.Contains(myErrandDone, d) {
		p.Done = d
	}
	v.Title = v.T("mypages.errand.title", p.Errand.Reference)
	v.Form = form
	if formErr != nil {
		showErrors(v, formErr, myReplyText, myReplyFile)
	}
	s.renderStatus(w, r, status, "mypages_errand", v.with(p))
}

// readMyErrand reads errand id as resident rid (the store audits it) and
// the service version it was made with. An errand that is not theirs is
// errNoPage.
func (s *Server) readMyErrand(ctx context.Context, rid, id int64) (eservice.Errand, eservice.Spec, error) {
	e, err := s.db.ReadErrand(ctx, id, store.ErrandReader{ResidentID: rid})
	if sprang.ErrorKind(err) == sprang.NotFound {
		return e, eservice.Spec{}, errNoPage
	}
	if err != nil {
		return e, eservice.Spec{}, err
	}
	spec, err := s.db.FindServiceVersion(ctx, e.ServiceID, e.Version)
	return e, spec, err
}

// loadMyErrand builds the errand page: the errand, the history the
// resident may see (no internal notes), the answers and the files.
func (s *Server) loadMyErrand(ctx context.Context, v *view, rid, id int64) (*myErrandPage, error) {
	e, spec, err := s.readMyErrand(ctx, rid, id)
	if err != nil {
		return nil, err
	}
	events, err := s.db.ErrandHistory(ctx, id, true)
	if err != nil {
		return nil, err
	}
	tree, err := s.auth.Tree(ctx)
	if err != nil {
		return nil, err
	}
	p := &myErrandPage{Errand: e, Service: caseText(v, spec.Title), Status: caseStatusLabel(v, spec, e.Status),
		Closed: caseClosed(e, spec), Reply: myErrandURL(id) + "/svar", Accept: myReplyAccept, MaxMB: myReplyRule.MaxBytes >> 20}
	if st, ok := spec.Status(e.Status); ok {
		p.Waiting = st.Kind == eservice.KindWaiting
	}
	if u, ok := tree.Unit(e.UnitID); ok {
		p.Unit = v.UnitName(u)
	}
	for _, ev := range events {
		p.History = append(p.History, myEventOf(v, spec, p.Unit, ev))
	}
	for i := len(p.History) - 1; i >= 0; i-- {
		if p.History[i].Kind == eservice.EventDecision {
			p.Decision = &p.History[i]
			break
		}
	}
	rows := spec.Form.Rows(e.Answers, string(v.Lang))
	p.Answers = v.AnswerList(rows, s.fileNames(ctx, rows), myErrandURL(id)+"/filer/")
	return p, nil
}

// myEventOf makes a history entry ready to show.
func myEventOf(v *view, spec eservice.Spec, unit unitName, ev eservice.Event) myEvent {
	m := myEvent{Event: ev}
	if ev.ByUserID != 0 {
		m.Who = unit
	}
	if ev.Kind == eservice.EventStatus || ev.Data["to"] != "" {
		m.From, m.To = caseStatusLabel(v, spec, ev.Data["from"]), caseStatusLabel(v, spec, ev.Data["to"])
	}
	for _, f := range ev.Files {
		m.Files = append(m.Files, myFile{URL: myErrandURL(ev.ErrandID) + "/filer/" + strconv.FormatInt(f.ID, 10), Name: f.Name, Size: f.Size})
	}
	return m
}

// handleMyErrandReply stores the resident's reply to their errand: a
// message, or — while the errand waits for more information — a
// completion, which moves it back to handling. An attachment is stored
// encrypted first. A problem re-renders the page with the error summary.
func (s *Server) handleMyErrandReply(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, mf, err := myReplyForm(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	done, err := s.applyMyReply(r, rid, id, form, mf)
	switch sprang.ErrorKind(err) {
	case "":
		http.Redirect(w, r, myErrandURL(id)+"?gjort="+done+"#historik", http.StatusSeeOther)
	case sprang.Invalid, sprang.Conflict:
		s.renderMyErrand(w, r, statusOf(sprang.ErrorKind(err)), form, err)
	default:
		s.fail(w, r, err)
	}
}

// applyMyReply checks the reply, stores its attachment and records it,
// returning the notice to show: "kompletterat" for a completion,
// "skickat" for a message.
func (s *Server) applyMyReply(r *http.Request, rid, id int64, form map[string]string, mf *multipart.Form) (string, error) {
	ctx := r.Context()
	e, spec, err := s.readMyErrand(ctx, rid, id)
	if err != nil {
		return "", err
	}
	if caseClosed(e, spec) {
		return "", myFieldError(myReplyText, "mypages.errand.reply.closed", sprang.Conflict)
	}
	text := strings.TrimSpace(strings.ReplaceAll(form[myReplyText], "\r\n", "\n"))
	switch {
	case text == "":
		return "", myFieldError(myReplyText, "mypages.errand.reply.required", sprang.Invalid)
	case utf8.RuneCountInString(text) > myReplyMaxText:
		return "", myFieldError(myReplyText, "mypages.errand.reply.too_long", sprang.Invalid)
	}
	c := store.ErrandChange{ErrandID: id, ByResident: rid, Message: text}
	done := "skickat"
	if st, ok := spec.Status(e.Status); ok && st.Kind == eservice.KindWaiting {
		c.Message, c.Complete, done = "", text, "kompletterat"
	}
	file, err := s.caseAttachment(ctx, langOf(r), mf, myReplyFile, myReplyRule)
	if err != nil {
		return "", err
	}
	if file != 0 {
		c.Files = []int64{file}
	}
	if _, err := s.db.ChangeErrand(ctx, c); err != nil {
		switch sprang.ErrorMessage(err) {
		case store.MsgErrandClosed:
			return "", myFieldError(myReplyText, "mypages.errand.reply.closed", sprang.Conflict)
		case store.MsgNotWaiting, store.MsgStatusRefused, store.MsgStatusNoneOfKind:
			return "", myFieldError(myReplyText, "mypages.errand.reply.changed", sprang.Conflict)
		}
		return "", err
	}
	return done, nil
}

// myFieldError is an error of kind k with message key for field.
func myFieldError(field, key string, k sprang.Kind) error {
	return &sprang.Error{Kind: k, Message: key, Fields: map[string]string{field: key}}
}

// myReplyForm parses the posted reply: multipart with its file part kept
// in memory (an attachment is never written unencrypted to a temporary
// file), or url-encoded without one.
func myReplyForm(w http.ResponseWriter, r *http.Request) (map[string]string, *multipart.Form, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		form, err := postedForm(w, r, myReplyText)
		return form, nil, err
	}
	limit := myReplyRule.MaxBytes + maxFormBytes
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(limit); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, nil, errTooLarge
		}
		return nil, nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	if !validUTF8(r.MultipartForm.Value) {
		return nil, nil, errUnreadable
	}
	form := map[string]string{}
	if vs := r.MultipartForm.Value[myReplyText]; len(vs) > 0 {
		form[myReplyText] = vs[0]
	}
	return form, r.MultipartForm, nil
}

// handleMyErrandFile sends an attachment of the resident's errand: a file
// of their answers or of an entry of the history they see. Any other file
// — another errand's, an internal note's — is the same 404. The errand is
// read through the store (audited), and the file is always a download
// with the type detected at upload.
func (s *Server) handleMyErrandFile(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fileID, err := pathID(r, "file")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.myErrandFile(r.Context(), rid, id, fileID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.readCaseFile(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", caseMediaType(f.MediaType))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": caseFileName(f.Name, f.MediaType)}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(data)
}

// myErrandFile returns file fileID when resident rid may download it from
// errand id: it is a file of the errand's answers or of an event of the
// history the resident sees. errNoPage otherwise.
func (s *Server) myErrandFile(ctx context.Context, rid, id, fileID int64) (eservice.File, error) {
	e, spec, err := s.readMyErrand(ctx, rid, id)
	if err != nil {
		return eservice.File{}, err
	}
	events, err := s.db.ErrandHistory(ctx, id, true)
	if err != nil {
		return eservice.File{}, err
	}
	for _, ev := range events {
		for _, f := range ev.Files {
			if f.ID == fileID {
				return f, nil
			}
		}
	}
	for _, row := range spec.Form.Rows(e.Answers, "sv") {
		if row.FileID != fileID {
			continue
		}
		f, owner, err := s.db.FindFile(ctx, fileID)
		if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && owner != id) {
			return eservice.File{}, errNoPage
		}
		return f, err
	}
	return eservice.File{}, errNoPage
}
