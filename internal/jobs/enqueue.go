package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"sprang/internal/store"
)

// EnqueueOpts tunes one enqueued job. The zero value runs it as soon as
// possible with its kind's attempts.
type EnqueueOpts struct {
	// ScheduledAt delays the job until then; zero means now.
	ScheduledAt time.Time
	// MaxAttempts overrides the kind's; 0 keeps it.
	MaxAttempts int
}

// insertOptsLocked returns River's insert options for a job of kind,
// filling in the kind's maximum attempts. r.mu must be held.
func (r *Runner) insertOptsLocked(kind string, o EnqueueOpts) *river.InsertOpts {
	n := o.MaxAttempts
	if n == 0 {
		n = r.kinds[kind].MaxAttempts
	}
	return &river.InsertOpts{MaxAttempts: n, ScheduledAt: o.ScheduledAt}
}

func (r *Runner) insertOpts(kind string, o EnqueueOpts) *river.InsertOpts {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.insertOptsLocked(kind, o)
}

// Enqueue stores a job and returns its id. The job runs on whichever
// process fetches it first. On SQLite never call it while holding a store
// transaction (it waits for the single write connection): use InTx then.
func (r *Runner) Enqueue(ctx context.Context, args Args, opts EnqueueOpts) (int64, error) {
	c, err := r.riverClient()
	if err != nil {
		return 0, err
	}
	res, err := c.Insert(ctx, args, r.insertOpts(args.Kind(), opts))
	if err != nil {
		return 0, fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}

// EnqueueTx stores a job inside tx, a write transaction of the runner's
// store.DB: the job exists only if tx commits. It returns the job's id.
func (r *Runner) EnqueueTx(ctx context.Context, tx *sql.Tx, args Args, opts EnqueueOpts) (int64, error) {
	c, err := r.riverClient()
	if err != nil {
		return 0, err
	}
	res, err := c.InsertTx(ctx, tx, args, r.insertOpts(args.Kind(), opts))
	if err != nil {
		return 0, fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}

// InTx returns a store.TxFunc that enqueues the job in the transaction of
// the store write it is passed to, so that the change and its follow-up
// work commit together.
func (r *Runner) InTx(args Args, opts EnqueueOpts) store.TxFunc {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := r.EnqueueTx(ctx, tx, args, opts)
		return err
	}
}
