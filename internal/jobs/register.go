package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Args are a job's arguments, stored as JSON. Kind names the job type; it
// must be stable across releases, because stored jobs are matched to
// workers by it. Use value types (not pointers) and exported fields only,
// and never put personal data in them: args are shown on the admin page.
type Args interface {
	Kind() string
}

// Job is one attempt at a job, as handed to its worker.
type Job[A Args] struct {
	ID          int64
	Attempt     int // 1 on the first run
	MaxAttempts int
	Args        A
}

// KindOptions tunes one kind of job.
type KindOptions struct {
	// MaxAttempts is how often a job of this kind is tried before it is
	// discarded; 0 means Config.MaxAttempts.
	MaxAttempts int
	// Timeout is how long one attempt may run before its context is
	// cancelled; 0 means River's default (one minute).
	Timeout time.Duration
}

// worker runs one kind's work with the kind's timeout.
type worker[A Args] struct {
	river.WorkerDefaults[A]
	work    func(ctx context.Context, job Job[A]) error
	timeout time.Duration
}

// Work runs one attempt.
func (w *worker[A]) Work(ctx context.Context, j *river.Job[A]) error {
	return w.work(ctx, Job[A]{ID: j.ID, Attempt: j.Attempt, MaxAttempts: j.MaxAttempts, Args: j.Args})
}

// Timeout is the kind's timeout (0: the client's default).
func (w *worker[A]) Timeout(*river.Job[A]) time.Duration { return w.timeout }

// Register makes work run the jobs of A's kind. It must be called before
// the runner is first used, once per kind. work returns nil when done; an
// error is recorded with the attempt and retried with backoff (see
// Permanent for errors that retrying cannot fix). Errors are shown to
// administrators: they must not carry personal data.
func Register[A Args](r *Runner, work func(ctx context.Context, job Job[A]) error, opts KindOptions) error {
	var zero A
	kind := zero.Kind()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		return errClosed
	}
	if _, dup := r.kinds[kind]; dup {
		return fmt.Errorf("register job kind %q: registered twice", kind)
	}
	w := &worker[A]{work: work, timeout: opts.Timeout}
	if err := river.AddWorkerSafely[A](r.workers, w); err != nil {
		return fmt.Errorf("register job kind %q: %w", kind, err)
	}
	r.kinds[kind] = opts
	return nil
}

// Permanent wraps err so that the job fails for good: it is cancelled at
// once instead of being retried. Use it for errors no retry can fix.
func Permanent(err error) error {
	return river.JobCancel(err)
}

// Every enqueues a job with args every interval (and once when a process
// becomes leader), on one process of the cluster only. It must be called
// before the runner is first used; args' kind must be registered by then.
func (r *Runner) Every(interval time.Duration, args Args) error {
	if interval <= 0 {
		return fmt.Errorf("periodic job %q: interval must be positive", args.Kind())
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		return errClosed
	}
	opts := r.insertOptsLocked(args.Kind(), EnqueueOpts{})
	r.periodic = append(r.periodic, river.NewPeriodicJob(
		river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { o := *opts; return args, &o },
		&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: true},
	))
	return nil
}
