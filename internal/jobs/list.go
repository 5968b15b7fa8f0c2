package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"sprang"
)

// States are the job states, in the order a job passes through them:
// pending, scheduled and available wait; running runs; retryable failed
// and waits for its next attempt; completed, cancelled and discarded
// (failed for good) are final.
var States = []string{
	"pending", "scheduled", "available", "running", "retryable",
	"completed", "cancelled", "discarded",
}

// Summary is a job as the admin page and the metrics see it.
type Summary struct {
	ID          int64
	Kind        string
	State       string
	Attempt     int
	MaxAttempts int
	Errors      int    // failed attempts so far
	LastError   string // the latest failure, shortened; "" when none
	Args        string // the arguments as JSON, shortened
	CreatedAt   time.Time
	ScheduledAt time.Time
	AttemptedAt time.Time // zero until first run
	FinalizedAt time.Time // zero until final
}

// JobFilter selects jobs for List. Zero fields do not filter.
type JobFilter struct {
	State string // one of States
	Kind  string
	Limit int   // 0 means 50; at most 500
	After int64 // only jobs with a smaller id (the next page)
}

// List limits.
const (
	defaultListLimit = 50
	maxListLimit     = 500
	maxArgsRunes     = 200
	maxErrorRunes    = 500
)

// List returns jobs matching f, newest first. It returns an Invalid error
// for an unknown state.
func (r *Runner) List(ctx context.Context, f JobFilter) ([]Summary, error) {
	p, err := listParams(f)
	if err != nil {
		return nil, err
	}
	c, err := r.riverClient()
	if err != nil {
		return nil, err
	}
	res, err := c.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]Summary, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		out = append(out, summarize(j))
	}
	return out, nil
}

func listParams(f JobFilter) (*river.JobListParams, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultListLimit
	}
	p := river.NewJobListParams().OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(min(limit, maxListLimit))
	if f.State != "" {
		if !slices.Contains(States, f.State) {
			return nil, sprang.Errorf(sprang.Invalid, "unknown job state")
		}
		p = p.States(rivertype.JobState(f.State))
	}
	if f.Kind != "" {
		p = p.Kinds(f.Kind)
	}
	if f.After > 0 {
		p = p.After(river.JobListCursorFromJob(&rivertype.JobRow{ID: f.After}))
	}
	return p, nil
}

func summarize(j *rivertype.JobRow) Summary {
	s := Summary{
		ID: j.ID, Kind: j.Kind, State: string(j.State),
		Attempt: j.Attempt, MaxAttempts: j.MaxAttempts, Errors: len(j.Errors),
		Args:      shorten(compactJSON(j.EncodedArgs), maxArgsRunes),
		CreatedAt: j.CreatedAt.UTC(), ScheduledAt: j.ScheduledAt.UTC(),
	}
	if n := len(j.Errors); n > 0 {
		s.LastError = shorten(j.Errors[n-1].Error, maxErrorRunes)
	}
	if j.AttemptedAt != nil {
		s.AttemptedAt = j.AttemptedAt.UTC()
	}
	if j.FinalizedAt != nil {
		s.FinalizedAt = j.FinalizedAt.UTC()
	}
	return s
}

// compactJSON returns b without insignificant spaces (PostgreSQL's jsonb
// adds some), or b as it is when it is not valid JSON.
func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}

// shorten cuts s to at most n runes, marking a cut with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Counts returns the number of jobs in each of States (zero included).
func (r *Runner) Counts(ctx context.Context) (map[string]int, error) {
	got, err := r.db.JobCounts(ctx)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(States))
	for _, s := range States {
		counts[s] = got[s]
	}
	return counts, nil
}

// Retry makes a job run again as soon as possible, also one that was
// discarded, cancelled or completed (granting it one more attempt when it
// has used them all). A running job is left alone. It returns NotFound for
// an unknown id.
func (r *Runner) Retry(ctx context.Context, id int64) error {
	c, err := r.riverClient()
	if err != nil {
		return err
	}
	if _, err := c.JobRetry(ctx, id); err != nil {
		return jobError("retry", id, err)
	}
	return nil
}

// Cancel stops a job from running again; a running job is cancelled when
// its attempt ends (its worker's context is cancelled if it runs in this
// process). Final jobs are left alone. It returns NotFound for an unknown
// id.
func (r *Runner) Cancel(ctx context.Context, id int64) error {
	c, err := r.riverClient()
	if err != nil {
		return err
	}
	if _, err := c.JobCancel(ctx, id); err != nil {
		return jobError("cancel", id, err)
	}
	return nil
}

func jobError(op string, id int64, err error) error {
	if errors.Is(err, rivertype.ErrNotFound) {
		return sprang.Errorf(sprang.NotFound, "job not found")
	}
	return fmt.Errorf("%s job %d: %w", op, id, err)
}
