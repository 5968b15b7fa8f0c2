package notify

import (
	"context"
	"database/sql"
	"errors"

	"sprang/internal/jobs"
	"sprang/internal/store"
)

// Outbox enqueues jobs inside a store write, so that a job exists exactly
// when the write commits; *jobs.Runner is one.
type Outbox interface {
	InTx(args jobs.Args, opts jobs.EnqueueOpts) store.TxFunc
}

// ReceiptJob returns the work that store.SubmitErrand runs in its own
// transaction to enqueue the receipt mail of the errand it makes, in
// lang: the job exists exactly when the errand does.
func ReceiptJob(o Outbox, lang string) store.TxFunc {
	return func(ctx context.Context, tx *sql.Tx) error {
		e, ok := store.SubmittedErrand(ctx)
		if !ok {
			return errors.New("receipt job: not inside SubmitErrand")
		}
		return o.InTx(ReceiptArgs{ErrandID: e.ID, Lang: lang}, jobs.EnqueueOpts{})(ctx, tx)
	}
}
