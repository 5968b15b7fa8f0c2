package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/store"
)

// Mina sidor: the resident's own pages. Every page needs a resident's
// session (others are sent to the resident login, which returns them
// here); nothing personal is ever in a URL, only ids the store checks
// against the session's resident.

// myPagesPath is the start page of Mina sidor.
const myPagesPath = "/mina-sidor"

// myDone are the notices the start page knows after an action
// (post/redirect/get), by the value of its "gjort" parameter.
var myDone = []string{"utkast-borttaget"}

// residentOrLogin returns the resident of the request's session. Without
// one it sends the browser to the resident login, which brings it back to
// the page asked for (the start page after a form), and returns 0.
func (s *Server) residentOrLogin(w http.ResponseWriter, r *http.Request) int64 {
	if rid := sessionOf(r.Context()).residentID(); rid != 0 {
		return rid
	}
	next := myPagesPath
	if r.Method == http.MethodGet {
		next = safeNext(r.URL.RequestURI())
	}
	http.Redirect(w, r, "/logga-in/invanare?next="+url.QueryEscape(next), http.StatusSeeOther) //nolint:gosec // G710: our own login page; next is checked local and escaped
	return 0
}

// myStartPage is what the start page of Mina sidor shows.
type myStartPage struct {
	Errands []myErrandRow
	Drafts  []myDraftRow
	Contact store.ContactChannel // the channel chosen, or ""
	Done    string
}

// myErrandRow is one of the resident's errands in the start page's table.
type myErrandRow struct {
	URL       string
	Reference string
	Service   unitName
	Status    unitName
	Kind      eservice.StatusKind
	Submitted time.Time
	Expected  string // the message key of what is expected of the resident now
}

// myDraftRow is one of the resident's drafts: where to continue it and
// where to delete it.
type myDraftRow struct {
	ID       int64
	Service  unitName
	Updated  time.Time
	Expires  time.Time
	Continue string
	Delete   string
}

// handleMyPages shows the resident's errands, drafts and the links to the
// other pages of Mina sidor.
func (s *Server) handleMyPages(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	v := s.view(r)
	p := myStartPage{}
	var err error
	if p.Errands, err = s.myErrandRows(r.Context(), v, rid); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Drafts, err = s.myDraftRows(r.Context(), v, rid); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.db.ResidentContact(r.Context(), rid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Contact = c.Channel
	if d := r.URL.Query().Get("gjort"); slices.Contains(myDone, d) {
		p.Done = d
	}
	v.Title = v.T("mypages.title")
	s.render(w, r, "mypages", v.with(p))
}

// myErrandRows returns the resident's errands, newest first.
func (s *Server) myErrandRows(ctx context.Context, v *view, rid int64) ([]myErrandRow, error) {
	errands, err := s.db.ResidentErrands(ctx, rid)
	if err != nil {
		return nil, err
	}
	out := make([]myErrandRow, 0, len(errands))
	for _, e := range errands {
		out = append(out, myErrandRow{URL: myErrandURL(e.ID), Reference: e.Reference, Service: caseText(v, e.ServiceName),
			Status: caseText(v, e.StatusLabel), Kind: e.StatusKind, Submitted: e.SubmittedAt, Expected: myExpected(e.StatusKind)})
	}
	return out, nil
}

// myExpected returns the message key of what a resident is expected to
// do with an errand in a status of kind k.
func myExpected(k eservice.StatusKind) string {
	switch k {
	case eservice.KindWaiting:
		return "mypages.expected.complete"
	case eservice.KindDecided:
		return "mypages.expected.decision"
	case eservice.KindClosed:
		return "mypages.expected.closed"
	}
	return "mypages.expected.wait"
}

// myErrandURL returns the path of the resident's page of errand id.
func myErrandURL(id int64) string { return myPagesPath + "/arenden/" + strconv.FormatInt(id, 10) }

// myDraftRows returns the resident's open drafts, most recently changed
// first, with the link that continues each where the resident left it.
func (s *Server) myDraftRows(ctx context.Context, v *view, rid int64) ([]myDraftRow, error) {
	drafts, err := s.db.ResidentDrafts(ctx, rid)
	if err != nil {
		return nil, err
	}
	out := make([]myDraftRow, 0, len(drafts))
	for _, d := range drafts {
		svc, err := s.db.FindService(ctx, d.ServiceID)
		if err != nil {
			return nil, err
		}
		spec, err := s.db.FindServiceVersion(ctx, d.ServiceID, d.Version)
		if err != nil {
			return nil, err
		}
		id := strconv.FormatInt(d.ID, 10)
		row := myDraftRow{ID: d.ID, Service: caseText(v, spec.Title), Updated: d.UpdatedAt, Expires: d.ExpiresAt,
			Continue: "/e-tjanster/" + svc.Slug + "/" + id + "/granska",
			Delete:   myPagesPath + "/utkast/" + id + "/ta-bort"}
		if d.Page >= 0 && d.Page < len(spec.Form.Pages) {
			row.Continue = "/e-tjanster/" + svc.Slug + "/" + id + "/steg/" + spec.Form.Pages[d.Page].ID
		}
		out = append(out, row)
	}
	return out, nil
}

// handleMyDraftDelete deletes one of the resident's drafts and the files
// uploaded to it, and returns to the start page. A draft that is not the
// resident's (or no longer open) is a 404.
func (s *Server) handleMyDraftDelete(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	keys, err := s.db.DeleteDraft(r.Context(), id, store.DraftOwner{ResidentID: rid})
	if sprang.ErrorKind(err) == sprang.NotFound {
		err = errNoPage
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.deleteBlobs(r.Context(), keys)
	http.Redirect(w, r, myPagesPath+"?gjort=utkast-borttaget", http.StatusSeeOther)
}

// deleteBlobs deletes the contents of files whose rows are gone: the
// keys are queued first (store.QueueBlobDeletions), so a failing bucket
// never leaves content that no row names, then deleted at once where the
// file store answers; what fails stays queued for the retention job. The
// rows are gone either way, so a failure here is logged, not shown.
func (s *Server) deleteBlobs(ctx context.Context, keys []string) {
	if len(keys) == 0 {
		return
	}
	if err := s.db.QueueBlobDeletions(ctx, keys); err != nil {
		s.log.ErrorContext(ctx, "queue deletion of draft files", "error", err.Error())
		return
	}
	if s.files == nil {
		return
	}
	var done []string
	for _, k := range keys {
		if err := s.files.Delete(ctx, k); err != nil {
			s.log.WarnContext(ctx, "delete draft file", "error", err.Error())
			continue
		}
		done = append(done, k)
	}
	if err := s.db.ClearBlobDeletions(ctx, done); err != nil {
		s.log.WarnContext(ctx, "clear deleted draft files", "error", err.Error())
	}
}

// MySize formats a file size in whole kilobytes (at least 1), with the
// language's thousands separator.
func (v *view) MySize(n int64) string {
	return v.T("mypages.file_size", i18n.Number(v.Lang, max((n+1023)/1024, 1)))
}
