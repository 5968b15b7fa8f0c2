package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/jobs"
)

// JobQueue is what the job list needs of the job queue; *jobs.Runner
// satisfies it.
type JobQueue interface {
	List(ctx context.Context, f jobs.JobFilter) ([]jobs.Summary, error)
	Counts(ctx context.Context) (map[string]int, error)
	Retry(ctx context.Context, id int64) error
	Cancel(ctx context.Context, id int64) error
}

// The audit actions of the job list.
const (
	auditJobRetried   audit.Action = "job.retried"
	auditJobCancelled audit.Action = "job.cancelled"
)

// jobsPageSize is how many jobs the job list shows at a time.
const jobsPageSize = 50

// jobsOf returns the job queue of d: d.Jobs, or else a runner that is
// never started, which can still list, retry and cancel the jobs the
// running nodes work (nil without a database).
func jobsOf(d Deps, log *slog.Logger) JobQueue {
	if d.Jobs != nil {
		return d.Jobs
	}
	if d.DB == nil {
		return nil
	}
	return jobs.New(d.DB, log, jobs.Config{})
}

// jobCount is one row of the counts table.
type jobCount struct {
	State string
	Count int64
}

// jobsPage is the job list: counts per state, the chosen state, one page
// of jobs and whether the user may retry and cancel them.
type jobsPage struct {
	Counts   []jobCount
	States   []string
	State    string
	Jobs     []jobs.Summary
	Older    string // URL of the next page of older jobs, or ""
	Newest   string // URL of the first page, when not on it
	Manage   bool
	Done     string // "retry" or "cancel" after a post, for the notice
	DoneID   int64
	Redirect string // where the retry and cancel forms return to
}

func (s *Server) handleJobs(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requirePlatform(r, identity.ViewJobs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	p := jobsPage{States: jobs.States, State: q.Get("status"), Manage: mayManageJobs(acc)}
	if p.State != "" && !slices.Contains(jobs.States, p.State) {
		p.State = ""
	}
	if err := s.loadJobs(r, &p, q); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	v.Title = v.T("jobs.title")
	s.render(w, r, "jobs", v.with(p))
}

// loadJobs fills p with the counts and the page of jobs that q asks for.
func (s *Server) loadJobs(r *http.Request, p *jobsPage, q url.Values) error {
	counts, err := s.jobs.Counts(r.Context())
	if err != nil {
		return err
	}
	for _, st := range jobs.States {
		p.Counts = append(p.Counts, jobCount{State: st, Count: int64(counts[st])})
	}
	after, _ := strconv.ParseInt(q.Get("efter"), 10, 64)
	list, err := s.jobs.List(r.Context(), jobs.JobFilter{State: p.State, Limit: jobsPageSize + 1, After: max(after, 0)})
	if err != nil {
		return err
	}
	p.Redirect = jobsURL(p.State, after)
	if len(list) > jobsPageSize {
		list = list[:jobsPageSize]
		p.Older = jobsURL(p.State, list[len(list)-1].ID)
	}
	if after > 0 {
		p.Newest = jobsURL(p.State, 0)
	}
	p.Jobs = list
	if d := q.Get("gjort"); d == "retry" || d == "cancel" {
		p.Done = d
		p.DoneID, _ = strconv.ParseInt(q.Get("jobb"), 10, 64)
	}
	return nil
}

// jobsURL returns the job list's URL for state and paging cursor.
func jobsURL(state string, after int64) string {
	q := url.Values{}
	if state != "" {
		q.Set("status", state)
	}
	if after > 0 {
		q.Set("efter", strconv.FormatInt(after, 10))
	}
	if len(q) == 0 {
		return "/personal/jobb"
	}
	return "/personal/jobb?" + q.Encode()
}

// mayManageJobs reports whether the user may retry and cancel jobs: an
// administrator of the whole group (ManageUsers on the group root), since
// running a job again can repeat what it does, such as sending mail.
func mayManageJobs(acc *access) bool {
	return acc.Can(identity.ViewJobs, 0) && acc.Can(identity.ManageUsers, 0)
}

func (s *Server) handleJobRetry(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, "retry", auditJobRetried, s.jobs.Retry)
}

func (s *Server) handleJobCancel(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, "cancel", auditJobCancelled, s.jobs.Cancel)
}

// jobAction applies op to the job named by {id}, records it in the audit
// log and redirects back to the list the form was on.
func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, name string, a audit.Action, op func(context.Context, int64) error) {
	form, err := postedForm(w, r, "tillbaka")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	acc, err := s.requirePlatform(r, identity.ViewJobs)
	if err == nil && !mayManageJobs(acc) {
		err = errForbidden
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, errNoPage)
		return
	}
	if err := op(r.Context(), id); err != nil {
		if sprang.ErrorKind(err) == sprang.NotFound {
			err = sprang.Errorf(sprang.NotFound, "jobs.not_found")
		}
		s.fail(w, r, err)
		return
	}
	if err := s.appendAudit(r, acc, audit.Entry{Action: a, ObjectType: "job", ObjectID: strconv.FormatInt(id, 10)}); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, withDone(jobsBack(form["tillbaka"]), name, id), http.StatusSeeOther)
}

// jobsBack returns back when it is a job list URL, else the job list.
func jobsBack(back string) string {
	u, err := url.Parse(back)
	if err != nil || u.Path != "/personal/jobb" || u.Host != "" || u.Scheme != "" {
		return "/personal/jobb"
	}
	q := u.Query()
	after, _ := strconv.ParseInt(q.Get("efter"), 10, 64)
	return jobsURL(q.Get("status"), after)
}

// withDone adds the notice parameters of a finished action to a job list
// URL.
func withDone(u, name string, id int64) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "gjort=" + name + "&jobb=" + strconv.FormatInt(id, 10)
}

// CanRetry reports whether the list offers to retry a job in state: one
// that failed, was cancelled or waits for its next attempt.
func (jobsPage) CanRetry(state string) bool {
	return state == "discarded" || state == "cancelled" || state == "retryable"
}

// CanCancel reports whether the list offers to cancel a job in state: one
// that has not reached a final state.
func (jobsPage) CanCancel(state string) bool {
	switch state {
	case "pending", "scheduled", "available", "running", "retryable":
		return true
	}
	return false
}
