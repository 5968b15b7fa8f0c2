package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// inboxPageSize is how many errands the inbox shows at a time.
const inboxPageSize = 50

// inboxFields are the inbox filter's query parameters, in form order.
// Their values are ids and codes, never personal data: the URL is logged.
var inboxFields = []string{"enhet", "tjanst", "status", "tilldelad", "visa", "forsenat", "kanal", "sok", "ordning"}

// The values of the inbox's choice filters.
const (
	inboxMine       = "jag"         // tilldelad: assigned to me
	inboxUnassigned = "ingen"       // tilldelad: nobody
	inboxAll        = "alla"        // visa: closed errands too
	inboxNewest     = "nyast"       // ordning: newest first
	inboxDue        = "forfallodag" // ordning: earliest due first
)

// inboxPage is the case officer's inbox: the filter form's choices, one
// page of errands, how many match, and the paging links.
type inboxPage struct {
	Units    []identity.Node // the units where the user may view errands
	Services []caseOption
	Statuses []caseOption
	Channels []eservice.Channel
	Rows     []inboxRow
	Count    int64
	Next     string // URL of the next page, or ""
	First    string // URL of the first page when not on it, or ""
	Back     string // this page's URL, for the forms on it to return to
	Done     string // "assigned" after "Tilldela mig"
}

// caseOption is one choice of a select: its value and its label (with
// the label's language when it falls back to Swedish).
type caseOption struct {
	Value string
	Label unitName
}

// inboxRow is one errand in the inbox, ready to show.
type inboxRow struct {
	store.InboxRow
	Service  unitName
	Status   unitName
	Assignee string // the assignee's display name, or ""
	AssignMe bool   // offer "Tilldela mig"
}

// handleInbox shows the errands of the units where the user may view
// errands, filtered, sorted and paged as the query asks.
func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewErrands)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	v := s.view(r)
	v.Title = v.T("case.inbox.title")
	v.Form = map[string]string{}
	for _, f := range inboxFields {
		v.Form[f] = strings.TrimSpace(q.Get(f))
	}
	p, err := s.loadInbox(r.Context(), acc, v, q.Get("efter"))
	for k, val := range v.Form { // shown again in the form: unreadable bytes become U+FFFD
		v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
	}
	status := http.StatusOK
	if sprang.ErrorKind(err) == sprang.Invalid {
		showErrors(v, err, inboxFields...)
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	if d := q.Get("gjort"); d == "assigned" {
		p.Done = d
	}
	s.renderStatus(w, r, status, "inbox", v.with(p).impersonal()) // references, services, statuses; no answers
}

// loadInbox fills the inbox page for the filter in v.Form and the paging
// cursor after. A filter the form cannot have sent gives an Invalid
// error (with the choices still filled in, so the form can be shown).
func (s *Server) loadInbox(ctx context.Context, acc *access, v *view, after string) (inboxPage, error) {
	units := identity.UnitsWhere(acc.User.Principal(), identity.ViewErrands, acc.Tree)
	p := inboxPage{Channels: eservice.Channels(), Back: inboxURL(v.Form, "")}
	for _, n := range acc.Tree.Walk() {
		if slices.Contains(units, n.ID) {
			p.Units = append(p.Units, n)
		}
	}
	services, err := s.db.ListServices(ctx, units)
	if err != nil {
		return p, err
	}
	p.Services, p.Statuses = caseServiceOptions(v, services, v.Form["tjanst"])
	f, err := inboxFilter(v.Form, acc, units, p)
	if err != nil {
		return p, err
	}
	f.Now, f.After, f.Limit = s.db.Now(), after, inboxPageSize
	rows, next, err := s.db.Inbox(ctx, f)
	if sprang.ErrorMessage(err) == store.MsgInboxCursor { // a cursor tampered with: the first page
		f.After, after = "", ""
		rows, next, err = s.db.Inbox(ctx, f)
	}
	if err != nil {
		return p, err
	}
	count, err := s.db.CountInbox(ctx, f)
	if err != nil {
		return p, err
	}
	p.Count = int64(count)
	if next != "" {
		p.Next = inboxURL(v.Form, next)
	}
	if after != "" {
		p.First = inboxURL(v.Form, "")
		p.Back = inboxURL(v.Form, after)
	}
	names, err := s.staffNames(ctx)
	if err != nil {
		return p, err
	}
	p.Rows = inboxRows(v, acc, rows, names)
	return p, nil
}

// caseServiceOptions returns the service choices of the filter and the
// status choices: those of the chosen service, or of every service
// (each status id once, with the first service's label).
func caseServiceOptions(v *view, services []store.Service, chosen string) (svc, statuses []caseOption) {
	seen := map[string]bool{}
	for _, sv := range services {
		id := strconv.FormatInt(sv.ID, 10)
		svc = append(svc, caseOption{Value: id, Label: caseText(v, sv.Spec.Title)})
		if chosen != "" && chosen != id {
			continue
		}
		for _, st := range sv.Spec.Statuses {
			if !seen[st.ID] {
				seen[st.ID] = true
				statuses = append(statuses, caseOption{Value: st.ID, Label: caseText(v, st.Label)})
			}
		}
	}
	return svc, statuses
}

// inboxFilter turns the filter form into a store filter over units (the
// units the user may view). Each value must be one the form offers; a
// search is at most 40 characters.
func inboxFilter(form map[string]string, acc *access, units []int64, p inboxPage) (store.InboxFilter, error) {
	f := store.InboxFilter{UnitIDs: units, Open: form["visa"] != inboxAll, Overdue: form["forsenat"] != "",
		Status: form["status"], Channel: eservice.Channel(form["kanal"]), Search: form["sok"]}
	bad := map[string]string{}
	if err := unreadableFields(form); err != nil {
		return f, err
	}
	if u := form["enhet"]; u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || !slices.Contains(units, id) {
			bad["enhet"] = "case.inbox.filter.unit_invalid"
		} else {
			f.UnitIDs = caseSubtree(acc.Tree, id, units)
		}
	}
	if sv := form["tjanst"]; sv != "" {
		if !caseHasOption(p.Services, sv) {
			bad["tjanst"] = "case.inbox.filter.service_invalid"
		}
		f.ServiceID, _ = strconv.ParseInt(sv, 10, 64)
	}
	if f.Status != "" && !caseHasOption(p.Statuses, f.Status) {
		bad["status"] = "case.inbox.filter.status_invalid"
	}
	switch form["tilldelad"] {
	case "":
	case inboxMine:
		f.AssigneeID = acc.User.ID
	case inboxUnassigned:
		f.AssigneeID = -1
	default:
		bad["tilldelad"] = "case.inbox.filter.assignee_invalid"
	}
	if v := form["visa"]; v != "" && v != inboxAll {
		bad["visa"] = "case.inbox.filter.show_invalid"
	}
	if f.Channel != "" && !slices.Contains(eservice.Channels(), f.Channel) {
		bad["kanal"] = "case.inbox.filter.channel_invalid"
	}
	switch form["ordning"] {
	case "":
		f.Sort = "submitted"
	case inboxNewest:
		f.Sort = "-submitted"
	case inboxDue:
		f.Sort = "due"
	default:
		bad["ordning"] = "case.inbox.filter.sort_invalid"
	}
	if utf8.RuneCountInString(f.Search) > 40 {
		bad["sok"] = "case.inbox.filter.search_too_long"
	}
	return f, sprang.FieldErrors(bad)
}

// caseSubtree returns the units of allowed that lie in the subtree of unit id.
func caseSubtree(t *identity.Tree, id int64, allowed []int64) []int64 {
	var out []int64
	for _, u := range t.Subtree(id) {
		if slices.Contains(allowed, u) {
			out = append(out, u)
		}
	}
	return out
}

func caseHasOption(opts []caseOption, value string) bool {
	return slices.ContainsFunc(opts, func(o caseOption) bool { return o.Value == value })
}

// inboxRows makes the store's rows ready to show: labels in the page's
// language, the assignee's name, and whether to offer "Tilldela mig" (to
// a user who may handle the errand, when it is open and not theirs).
func inboxRows(v *view, acc *access, rows []store.InboxRow, names map[int64]string) []inboxRow {
	out := make([]inboxRow, len(rows))
	for i, row := range rows {
		out[i] = inboxRow{InboxRow: row, Service: caseText(v, row.ServiceName), Status: caseText(v, row.StatusLabel),
			Assignee: names[row.AssigneeID],
			AssignMe: row.AssigneeID != acc.User.ID && row.StatusKind != eservice.KindClosed && acc.Can(identity.HandleErrands, row.UnitID)}
	}
	return out
}

// inboxURL returns the inbox's URL for the filter in form and the paging
// cursor after ("" for the first page).
func inboxURL(form map[string]string, after string) string {
	q := url.Values{}
	for _, f := range inboxFields {
		if form[f] != "" {
			q.Set(f, form[f])
		}
	}
	if after != "" {
		q.Set("efter", after)
	}
	if len(q) == 0 {
		return "/personal/arenden"
	}
	return "/personal/arenden?" + q.Encode()
}

// inboxBack returns back when it is an inbox URL, else the inbox: where
// "Tilldela mig" returns to.
func inboxBack(back string) string {
	u, err := url.Parse(back)
	if err != nil || u.Path != "/personal/arenden" || u.Host != "" || u.Scheme != "" || u.User != nil {
		return "/personal/arenden"
	}
	q := u.Query()
	form := map[string]string{}
	for _, f := range inboxFields {
		form[f] = q.Get(f)
	}
	return inboxURL(form, q.Get("efter"))
}

// staffNames returns every staff user's display name by id, for showing
// who handles and who did what.
func (s *Server) staffNames(ctx context.Context) (map[int64]string, error) {
	users, err := s.auth.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = u.DisplayName
	}
	return out, nil
}

// caseText returns an author's text in the page's language, marked as
// Swedish when it falls back to the Swedish text on an English page (WCAG
// 3.1.2); the "unit-name" component renders it.
func caseText(v *view, t eservice.Text) unitName {
	n := unitName{Text: t.In(string(v.Lang))}
	if v.Lang != i18n.Swedish && n.Text == t.SV && t.EN != t.SV {
		n.Lang = string(i18n.Swedish)
	}
	return n
}

// caseLinks are the staff start page's links to case handling.
var caseLinks = []staffLink{
	{"/personal/arenden", "case.staff_link.inbox", identity.ViewErrands},
	{"/personal/brev", "case.staff_link.letters", identity.HandleErrands},
}

// CaseLinks returns the staff start page's links to case handling that
// the user's roles allow somewhere: the inbox (ViewErrands) and the letter
// queue (HandleErrands). The page knows the user's grants in units that
// exist, which is all identity.CanAnywhere asks of the tree.
func (p staffPage) CaseLinks() []staffLink {
	var units []identity.Unit
	seen := map[int64]bool{}
	for _, g := range p.Grants {
		if !seen[g.Unit.ID] {
			seen[g.Unit.ID] = true
			u := g.Unit
			u.ParentID = 0
			units = append(units, u)
		}
	}
	t, err := identity.BuildTree(units)
	if err != nil {
		return nil
	}
	var out []staffLink
	for _, l := range caseLinks {
		if identity.CanAnywhere(p.User.Principal(), l.Action, t) {
			out = append(out, l)
		}
	}
	return out
}
