package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// errandPage is the case officer's page of one errand: its facts, the
// resident's answers and attachments, its whole history, and the
// case-handling forms the user may use.
type errandPage struct {
	Errand     eservice.Errand
	Service    unitName
	Unit       identity.Unit
	Status     unitName
	Assignee   string // display name, or ""
	Overdue    bool
	LeadDays   int  // whole days from submission to decision
	Decided    bool // LeadDays is set
	Closed     bool
	Rows       []eservice.Row
	FileNames  map[int64]string // the names of the answers' attachments, by id
	History    []caseEvent
	Handle     bool             // the user may handle it: the forms are shown
	Moves      []caseOption     // the statuses the status form offers
	Colleagues []caseOption     // who it may be assigned to
	CanRequest bool             // a waiting status is reachable
	CanDecide  bool             // a decided status is reachable
	CanClose   bool             // a closed status is reachable
	Done       string           // the action just done, for the notice
	spec       eservice.Spec    // the service version the errand was made with
	names      map[int64]string // staff display names by id
}

// caseEvent is one entry of the history, ready to show.
type caseEvent struct {
	eservice.Event
	Who      string   // the staff user's display name, or ""
	From, To unitName // status events: the statuses' labels
	Assigned string   // assignment events: the new assignee's name, or "" when unassigned
	HoldOn   bool     // legal hold events: set (or lifted)
}

// caseActions are the notices the errand page knows after an action
// (post/redirect/get): the action names of the routes.
var caseActions = []string{"tilldela", "status", "anteckning", "meddelande", "komplettering", "beslut", "avsluta", "bevarande"}

// handleErrand shows the errand named by {id}. Reading it is audited (by
// store.ReadErrand); users who may not see it get the same 404 as for an
// errand that does not exist.
func (s *Server) handleErrand(w http.ResponseWriter, r *http.Request) {
	s.renderErrand(w, r, http.StatusOK, nil, nil, nil)
}

// renderErrand renders the errand page with status, the posted form of a
// failed action and its error (shown in the summary against fields).
func (s *Server) renderErrand(w http.ResponseWriter, r *http.Request, status int, form map[string]string, formErr error, fields []string) {
	ca, err := s.errandAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p, err := s.loadErrand(r.Context(), ca, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d := r.URL.Query().Get("gjort"); formErr == nil && slices.Contains(caseActions, d) {
		p.Done = d
	}
	v.Title = v.T("case.errand.title", p.Errand.DiaryNumber)
	v.Form = form
	if formErr != nil {
		showErrors(v, formErr, fields...)
	}
	s.renderStatus(w, r, status, "errand", v.with(p))
}

// loadErrand reads the errand (audited), its service version, history and
// attachments, and works out which actions the page offers.
func (s *Server) loadErrand(ctx context.Context, ca *caseAccess, v *view) (*errandPage, error) {
	e, spec, err := s.readErrand(ctx, ca)
	if err != nil {
		return nil, err
	}
	events, err := s.db.ErrandHistory(ctx, e.ID, false)
	if err != nil {
		return nil, err
	}
	users, err := s.auth.Users(ctx)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	p := &errandPage{Errand: e, spec: spec, Service: caseText(v, spec.Title), Handle: ca.Handle,
		Overdue: e.Overdue(now), Closed: caseClosed(e, spec), names: map[int64]string{}}
	p.Unit, _ = ca.Tree.Unit(e.UnitID)
	for _, u := range users {
		p.names[u.ID] = u.DisplayName
		if !u.Disabled && identity.Can(u.Principal(), identity.HandleErrands, e.UnitID, ca.Tree) {
			p.Colleagues = append(p.Colleagues, caseOption{Value: strconv.FormatInt(u.ID, 10), Label: unitName{Text: u.DisplayName}})
		}
	}
	slices.SortStableFunc(p.Colleagues, func(a, b caseOption) int { return i18n.Compare(a.Label.Text, b.Label.Text) })
	p.Assignee = p.names[e.AssigneeID]
	p.Status = caseStatusLabel(v, spec, e.Status)
	if d, ok := e.LeadTime(); ok {
		p.Decided, p.LeadDays = true, int(d/(24*time.Hour))
	}
	p.Rows = spec.Form.Rows(e.Answers, string(v.Lang))
	if p.FileNames, err = s.answerFiles(ctx, e.ID, p.Rows); err != nil {
		return nil, err
	}
	for _, ev := range events {
		p.History = append(p.History, p.event(v, ev))
	}
	p.offer(v)
	return p, nil
}

// readErrand reads the errand of ca (audited) and the version of the
// service it was made with.
func (s *Server) readErrand(ctx context.Context, ca *caseAccess) (eservice.Errand, eservice.Spec, error) {
	e, err := s.db.ReadErrand(ctx, ca.ErrandID, ca.reader())
	if sprang.ErrorKind(err) == sprang.NotFound {
		return e, eservice.Spec{}, errNoErrand
	}
	if err != nil {
		return e, eservice.Spec{}, err
	}
	spec, err := s.db.FindServiceVersion(ctx, e.ServiceID, e.Version)
	return e, spec, err
}

// answerFiles returns the names, by id, of the files the answers in rows
// refer to that belong to errand id.
func (s *Server) answerFiles(ctx context.Context, id int64, rows []eservice.Row) (map[int64]string, error) {
	out := map[int64]string{}
	for _, row := range rows {
		if row.FileID == 0 {
			continue
		}
		f, owner, err := s.db.FindFile(ctx, row.FileID)
		if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && owner != id) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[f.ID] = f.Name
	}
	return out, nil
}

// event makes a history entry ready to show.
func (p *errandPage) event(v *view, ev eservice.Event) caseEvent {
	c := caseEvent{Event: ev, Who: p.names[ev.ByUserID]}
	switch ev.Kind {
	case eservice.EventStatus:
		c.From, c.To = caseStatusLabel(v, p.spec, ev.Data["from"]), caseStatusLabel(v, p.spec, ev.Data["to"])
	case eservice.EventAssigned:
		if id, err := strconv.ParseInt(ev.Data["to"], 10, 64); err == nil {
			c.Assigned = p.names[id]
		}
	case eservice.EventLegalHold:
		c.HoldOn = ev.Data["on"] == "true" || ev.Data["on"] == "1" || ev.Data["on"] == "on"
	}
	return c
}

// offer works out which actions the page offers: none on a closed errand
// (the legal hold form aside, which the template always shows to those
// who may handle), and of the status moves only those the service's
// status list allows from the current status to a received or open
// status (waiting, decided and closed have their own forms).
func (p *errandPage) offer(v *view) {
	if !p.Handle || p.Closed {
		return
	}
	from := p.Errand.Status
	for _, st := range p.spec.Statuses {
		if (st.Kind == eservice.KindReceived || st.Kind == eservice.KindOpen) && p.spec.CanMove(from, st.ID) {
			p.Moves = append(p.Moves, caseOption{Value: st.ID, Label: caseText(v, st.Label)})
		}
	}
	_, p.CanRequest = caseReachable(p.spec, from, eservice.KindWaiting)
	_, p.CanDecide = caseReachable(p.spec, from, eservice.KindDecided)
	_, p.CanClose = caseReachable(p.spec, from, eservice.KindClosed)
}

// caseReachable returns the first status of kind that spec lets an
// errand move to from status from.
func caseReachable(spec eservice.Spec, from string, kind eservice.StatusKind) (eservice.Status, bool) {
	for _, st := range spec.Statuses {
		if st.Kind == kind && spec.CanMove(from, st.ID) {
			return st, true
		}
	}
	return eservice.Status{}, false
}

// caseClosed reports whether errand e is closed: it has a closing time or
// is in a status of kind closed.
func caseClosed(e eservice.Errand, spec eservice.Spec) bool {
	if !e.ClosedAt.IsZero() {
		return true
	}
	st, ok := spec.Status(e.Status)
	return ok && st.Kind == eservice.KindClosed
}

// caseStatusLabel returns the label of status id in spec, or the id
// itself when the list has no such status.
func caseStatusLabel(v *view, spec eservice.Spec, id string) unitName {
	if st, ok := spec.Status(id); ok {
		return caseText(v, st.Label)
	}
	return unitName{Text: id}
}

// CaseArea builds the "case-textarea" data of the errand page's text
// boxes: a formField for the textarea name with its label and hint keys
// (hint may be ""), the posted value and its error.
func (v *view) CaseArea(name, labelKey, hintKey string) formField {
	f := field(v, name, labelKey, hintKey, "textarea", "off")
	f.Required = true
	return f
}

// CaseLabel returns an author's text in the view's language (see caseText).
func (v *view) CaseLabel(t eservice.Text) unitName { return caseText(v, t) }

// CaseSize formats a file size in whole kilobytes (at least 1), with the
// language's thousands separator.
func (v *view) CaseSize(n int64) string {
	return v.T("case.errand.file_size", i18n.Number(v.Lang, max((n+1023)/1024, 1)))
}
