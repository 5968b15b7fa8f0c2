package datastore

import (
	"time"

	"context"
	"fmt"

	"sprang"
	"sprang/internal/jobs"
	"sprang/internal/opendata"
)

// LoadArgs are the arguments of a "datastore_load" job: the upload to load
// and the steward's type overrides (field name → type). They hold no
// personal data: column names of open data.
type LoadArgs struct {
	UploadID  int64                          `json:"upload_id"`
	Overrides map[string]opendata.ColumnType `json:"overrides,omitempty"`
}

// Kind names the job.
func (LoadArgs) Kind() string { return "datastore_load" }

// loadAttempts is how often a load is tried. A file that is no table fails
// for good at once; a fault of ours (the database away) is retried.
const loadAttempts = 3

// loadTimeout is how long one load may take: a 1,000,000-row file loads in
// a few seconds, so this leaves room for files a hundred times larger.
const loadTimeout = 30 * time.Minute

// Register registers the "datastore_load" job kind on r; Enqueue uses r
// from then on. It fails like jobs.Register (registered twice, or the
// runner already started).
func (l *Loader) Register(r *jobs.Runner) error {
	if err := jobs.Register(r, l.work, jobs.KindOptions{MaxAttempts: loadAttempts, Timeout: loadTimeout}); err != nil {
		return err
	}
	l.mu.Lock()
	l.runner = r
	l.mu.Unlock()
	return nil
}

// work runs one attempt of a load job. A load is idempotent (it replaces
// the upload's table), so a retry after a crash halfway is safe. Errors no
// retry can fix — the file is no table, the upload or its file is gone —
// end the job at once.
func (l *Loader) work(ctx context.Context, job jobs.Job[LoadArgs]) error {
	_, err := l.Load(ctx, job.Args.UploadID, job.Args.Overrides)
	switch sprang.ErrorKind(err) {
	case "":
		return nil
	case sprang.Invalid, sprang.NotFound:
		return jobs.Permanent(err)
	}
	return err
}

// Enqueue marks the upload LoadPending and schedules its load: as a job
// when a runner is registered, or by running Load before it returns
// otherwise. Overrides are checked first against the columns of the
// upload's earlier load, if any: an unknown field or type is an Invalid
// error (an *opendata.QueryError with Param "overrides" as its cause) and
// nothing changes. NotFound when there is no such upload.
func (l *Loader) Enqueue(ctx context.Context, uploadID int64, overrides map[string]opendata.ColumnType) error {
	up, err := l.db.UploadByID(ctx, uploadID)
	if err != nil {
		return fmt.Errorf("enqueue load of upload %d: %w", uploadID, err)
	}
	if err := checkOverrides(up.Columns, overrides); err != nil {
		return err
	}
	if err := l.db.SetLoadState(ctx, uploadID, opendata.LoadPending, 0, ""); err != nil {
		return fmt.Errorf("enqueue load of upload %d: %w", uploadID, err)
	}
	l.mu.Lock()
	r := l.runner
	l.mu.Unlock()
	if r == nil {
		_, err := l.Load(ctx, uploadID, overrides)
		return err
	}
	if _, err := r.Enqueue(ctx, LoadArgs{UploadID: uploadID, Overrides: overrides}, jobs.EnqueueOpts{}); err != nil {
		l.fail(ctx, uploadID, err)
		return fmt.Errorf("enqueue load of upload %d: %w", uploadID, err)
	}
	return nil
}
