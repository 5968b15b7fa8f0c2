package web

import (
	"context"
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// caseMaxText is the longest note, message, request or decision text, in
// characters.
const caseMaxText = 20_000

// caseMaxUpload is the largest attachment to a message or a decision.
const caseMaxUpload = eservice.MaxFileBytes

// caseAccept lists the attachment types, for the inputs' accept attribute
// and the upload rule; the content decides, not the name.
const caseAccept = "application/pdf,image/jpeg,image/png"

// caseRule is the rule attachments to messages and decisions are checked
// against: PDF, JPEG or PNG up to caseMaxUpload. A decision takes PDF only.
var (
	caseRule    = eservice.FileRule{Types: strings.Split(caseAccept, ","), MaxBytes: caseMaxUpload}
	caseRulePDF = eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: caseMaxUpload}
)

// errCaseClosed is the error for a change of a closed errand.
var errCaseClosed = sprang.Errorf(sprang.Conflict, "case.errand.closed_refuses")

// caseStep is one case-handling form: its fields (the first is where an
// error without a field of its own is shown), its attachment field and
// rule, how it turns into a store.ErrandChange, and the event the
// resident is told of.
type caseStep struct {
	fields []string
	file   string // the attachment field, or ""
	rule   eservice.FileRule
	build  func(c *caseCtx) (store.ErrandChange, error)
	notify eservice.EventKind // the resident is told of this event; "" for none
}

// caseCtx is what a step's build sees: the user's access, the errand as
// it is now, its service version and the posted form.
type caseCtx struct {
	ca   *caseAccess
	e    eservice.Errand
	spec eservice.Spec
	form map[string]string
}

// caseSteps are the case-handling forms by the last segment of their URL.
var caseSteps = map[string]caseStep{
	"tilldela":      {fields: []string{"tilldela", "tillbaka"}, build: buildAssign},
	"status":        {fields: []string{"status"}, build: buildStatus},
	"anteckning":    {fields: []string{"anteckning"}, build: buildNote},
	"meddelande":    {fields: []string{"meddelande", "meddelande_fil"}, file: "meddelande_fil", rule: caseRule, build: buildMessage, notify: eservice.EventMessage},
	"komplettering": {fields: []string{"komplettering"}, build: buildRequest, notify: eservice.EventCompletionRequest},
	"beslut":        {fields: []string{"beslut", "beslut_fil"}, file: "beslut_fil", rule: caseRulePDF, build: buildDecision, notify: eservice.EventDecision},
	"avsluta":       {fields: []string{"avsluta"}, build: buildClose},
	"bevarande":     {fields: []string{"bevarande_skal", "bevarande"}, build: buildHold},
}

// handleErrandStep applies one case-handling form to the errand named by
// {id} and redirects back to its page (post/redirect/get), or to the inbox
// a "Tilldela mig" came from. Every step needs HandleErrands in the
// errand's unit; a closed errand takes only the legal hold. A problem
// re-renders the page with the error summary.
func (s *Server) handleErrandStep(name string) http.HandlerFunc {
	step := caseSteps[name]
	return func(w http.ResponseWriter, r *http.Request) {
		form, files, err := caseForm(w, r, step)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		ca, err := s.errandHandler(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		err = s.applyStep(r, ca, name, step, form, files)
		switch sprang.ErrorKind(err) {
		case "":
		case sprang.Invalid, sprang.Conflict:
			fields := step.fields
			if errors.Is(err, errCaseClosed) {
				fields = []string{"handlaggning"} // the forms are gone: point at the section
			}
			s.renderErrand(w, r, statusOf(sprang.ErrorKind(err)), form, err, fields)
			return
		default:
			s.fail(w, r, err)
			return
		}
		to := "/personal/arenden/" + strconv.FormatInt(ca.ErrandID, 10) + "?gjort=" + name
		if name == "tilldela" && form["tillbaka"] != "" {
			to = caseWithDone(inboxBack(form["tillbaka"]), "assigned")
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// applyStep reads the errand as it is, builds the change, stores the
// attachment and applies the change with the resident's notification.
func (s *Server) applyStep(r *http.Request, ca *caseAccess, name string, step caseStep, form map[string]string, files *multipart.Form) error {
	ctx := r.Context()
	e, spec, err := s.readErrand(ctx, ca)
	if err != nil {
		return err
	}
	if caseClosed(e, spec) && name != "bevarande" {
		return errCaseClosed
	}
	c, err := step.build(&caseCtx{ca: ca, e: e, spec: spec, form: form})
	if err != nil {
		return err
	}
	c.ErrandID, c.ByUserID = e.ID, ca.User.ID
	if c.Assign != nil && *c.Assign != 0 && *c.Assign != ca.User.ID {
		if err := s.checkAssignee(ctx, ca, *c.Assign); err != nil {
			return err
		}
	}
	if step.file != "" {
		id, err := s.caseAttachment(ctx, langOf(r), files, step.file, step.rule)
		if err != nil {
			return err
		}
		if id != 0 {
			c.Files = []int64{id}
		}
	}
	var then []store.TxFunc
	if step.notify != "" {
		then = s.caseNotify(e, step.notify)
	}
	reason := c.Note
	if c.Hold != nil {
		c.Note = "" // the store records one thing per change: the reason goes to the audit log
	}
	if _, err := s.db.ChangeErrand(ctx, c, then...); err != nil {
		return caseStoreError(err, step)
	}
	if c.Hold != nil {
		return s.appendAudit(r, ca.access, audit.Entry{Action: audit.ErrandChanged, ObjectType: "errand",
			ObjectID: strconv.FormatInt(e.ID, 10), ResidentID: e.ResidentID, Reason: reason,
			Detail: "legal_hold reason " + strconv.FormatBool(*c.Hold)})
	}
	return nil
}

// caseStoreError turns the store's refusals of a change into errors the
// errand page shows against the step's first field.
func caseStoreError(err error, step caseStep) error {
	switch sprang.ErrorMessage(err) {
	case store.MsgErrandClosed:
		return errCaseClosed
	case store.MsgStatusRefused, store.MsgStatusNoneOfKind, store.MsgStatusUnknown:
		return caseFieldError(step.fields[0], "case.errand.status.not_allowed")
	case store.MsgAssigneeUnknown:
		return caseFieldError(step.fields[0], "case.errand.assign.invalid")
	}
	return err
}

// buildAssign assigns the errand to the user ("jag"), to a colleague who
// may handle errands in its unit (their id), or to nobody ("").
func buildAssign(c *caseCtx) (store.ErrandChange, error) {
	var to int64
	switch v := c.form["tilldela"]; v {
	case "":
	case "jag":
		to = c.ca.User.ID
	default:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return store.ErrandChange{}, caseFieldError("tilldela", "case.errand.assign.invalid")
		}
		to = id
	}
	return store.ErrandChange{Assign: &to}, nil
}

// checkAssignee returns an Invalid error unless the user with id is an
// active colleague who may handle errands in the errand's unit.
func (s *Server) checkAssignee(ctx context.Context, ca *caseAccess, id int64) error {
	u, err := s.auth.User(ctx, id)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && (u.Disabled ||
		!identity.Can(u.Principal(), identity.HandleErrands, ca.UnitID, ca.Tree))) {
		return caseFieldError("tilldela", "case.errand.assign.invalid")
	}
	return err
}

// buildStatus moves the errand to a received or open status the status
// list allows from the current one.
func buildStatus(c *caseCtx) (store.ErrandChange, error) {
	to := c.form["status"]
	st, ok := c.spec.Status(to)
	if !ok || to == c.e.Status || !c.spec.CanMove(c.e.Status, to) ||
		(st.Kind != eservice.KindReceived && st.Kind != eservice.KindOpen) {
		return store.ErrandChange{}, caseFieldError("status", "case.errand.status.not_allowed")
	}
	return store.ErrandChange{Status: to}, nil
}

func buildNote(c *caseCtx) (store.ErrandChange, error) {
	text, err := caseRequiredText(c.form, "anteckning")
	return store.ErrandChange{Note: text}, err
}

func buildMessage(c *caseCtx) (store.ErrandChange, error) {
	text, err := caseRequiredText(c.form, "meddelande")
	return store.ErrandChange{Message: text}, err
}

// buildRequest asks the resident for more information, which moves the
// errand to a waiting status: the status list must allow one.
func buildRequest(c *caseCtx) (store.ErrandChange, error) {
	text, err := caseRequiredText(c.form, "komplettering")
	if err != nil {
		return store.ErrandChange{}, err
	}
	if _, ok := caseReachable(c.spec, c.e.Status, eservice.KindWaiting); !ok {
		return store.ErrandChange{}, caseFieldError("komplettering", "case.errand.request.not_allowed")
	}
	return store.ErrandChange{Request: text}, nil
}

// buildDecision records the decision, which moves the errand to a decided
// status: the status list must allow one.
func buildDecision(c *caseCtx) (store.ErrandChange, error) {
	text, err := caseRequiredText(c.form, "beslut")
	if err != nil {
		return store.ErrandChange{}, err
	}
	if _, ok := caseReachable(c.spec, c.e.Status, eservice.KindDecided); !ok {
		return store.ErrandChange{}, caseFieldError("beslut", "case.errand.decision.not_allowed")
	}
	return store.ErrandChange{Decision: text}, nil
}

// buildClose moves the errand to the first closed status the status list
// allows from the current one.
func buildClose(c *caseCtx) (store.ErrandChange, error) {
	st, ok := caseReachable(c.spec, c.e.Status, eservice.KindClosed)
	if !ok {
		return store.ErrandChange{}, caseFieldError("avsluta", "case.errand.close.not_allowed")
	}
	return store.ErrandChange{Status: st.ID}, nil
}

// buildHold sets ("pa") or lifts ("av") a legal hold, with the reason as
// the event's note.
func buildHold(c *caseCtx) (store.ErrandChange, error) {
	on := c.form["bevarande"] == "pa"
	if !on && c.form["bevarande"] != "av" {
		return store.ErrandChange{}, caseFieldError("bevarande", "case.errand.hold.invalid")
	}
	if on == c.e.LegalHold {
		return store.ErrandChange{}, caseFieldError("bevarande_skal", "case.errand.hold.unchanged")
	}
	reason, err := caseRequiredText(c.form, "bevarande_skal")
	if err != nil {
		return store.ErrandChange{}, err
	}
	return store.ErrandChange{Hold: &on, Note: reason}, nil // applyStep moves the reason to the audit log
}

// caseRequiredText returns the trimmed text of field, which is required and at
// most caseMaxText characters.
func caseRequiredText(form map[string]string, field string) (string, error) {
	text := strings.TrimSpace(strings.ReplaceAll(form[field], "\r\n", "\n"))
	switch {
	case text == "":
		return "", caseFieldError(field, "case.errand."+field+".required")
	case utf8.RuneCountInString(text) > caseMaxText:
		return "", caseFieldError(field, "case.errand.too_long")
	}
	return text, nil
}

// caseFieldError is an Invalid error with message key for field.
func caseFieldError(field, key string) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{field: key}}
}

// caseForm parses a posted case-handling form: url-encoded, or multipart
// for the forms with an attachment, whose file parts are kept in memory
// (an attachment is never written unencrypted to a temporary file). It
// returns the step's fields and the multipart form (nil otherwise).
func caseForm(w http.ResponseWriter, r *http.Request, step caseStep) (map[string]string, *multipart.Form, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if step.file == "" || mt != "multipart/form-data" {
		form, err := postedForm(w, r, step.fields...)
		return form, nil, err
	}
	limit := int64(caseMaxUpload + maxFormBytes)
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
	form := make(map[string]string, len(step.fields))
	for _, n := range step.fields {
		if vs := r.MultipartForm.Value[n]; len(vs) > 0 {
			form[n] = vs[0]
		}
	}
	return form, r.MultipartForm, nil
}

// caseAttachment stores the file posted in field (when one was chosen)
// encrypted in the file store, checked against rule, and returns its id;
// 0 when no file was chosen. A file the rule refuses gives an Invalid
// error on field whose message (in lang) says how to fix it.
func (s *Server) caseAttachment(ctx context.Context, lang i18n.Lang, mf *multipart.Form, field string, rule eservice.FileRule) (int64, error) {
	if mf == nil || len(mf.File[field]) == 0 {
		return 0, nil
	}
	fh := mf.File[field][0]
	if fh.Filename == "" && fh.Size == 0 {
		return 0, nil
	}
	f, err := fh.Open()
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	stored, err := s.putCaseFile(ctx, fh.Filename, f, rule)
	if text, ok := files.Explain(s.cat, lang, err); ok {
		return 0, caseFieldError(field, text)
	}
	if err != nil {
		return 0, err
	}
	return s.db.SaveFile(ctx, stored, 0, "")
}

// caseWithDone adds the notice parameter of a finished action to a URL.
func caseWithDone(u, done string) string {
	if strings.Contains(u, "?") {
		return u + "&gjort=" + done
	}
	return u + "?gjort=" + done
}
