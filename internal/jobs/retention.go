package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/store"
)

// RetentionArgs are the arguments of the periodic retention job.
type RetentionArgs struct{}

// Kind names the retention job.
func (RetentionArgs) Kind() string { return "retention" }

// RetentionInterval is how often the retention job runs.
const RetentionInterval = time.Hour

// OrphanFileAge is how long an uploaded file that belongs to nothing (see
// store.DB.OrphanFiles) is kept before the retention job deletes it: a
// message upload not sent within a day, or a file of a draft that expired
// a day ago.
const OrphanFileAge = 24 * time.Hour

// Bounds of one run. A run does at most this much and leaves the rest to
// the next, and stops starting new work when its attempt's deadline is
// near, so it ends well within Config.JobTimeout.
const (
	retentionBatch     = 100
	retentionMaxPerRun = 2000
	retentionReserve   = 15 * time.Second
)

// Blobs deletes file contents from blob storage; *files.Store is one.
// Delete must treat a missing key as deleted.
type Blobs interface {
	Delete(ctx context.Context, key string) error
}

// RetentionReport counts what one run of the retention job did. It holds
// no personal data.
type RetentionReport struct {
	Anonymized   int // errands anonymized
	Deleted      int // errands deleted
	Skipped      int // due errands left alone after the re-check (a legal hold set meanwhile, …)
	OrphanFiles  int // rows of files nobody owned, deleted
	Blobs        int // file contents deleted from blob storage
	Failed       int // errands whose retention failed (retried next run)
	BlobFailures int // blobs that could not be deleted (kept queued, retried next run)
}

// Did reports whether the run changed anything or failed at anything.
func (r RetentionReport) Did() bool {
	return r != RetentionReport{}
}

// RegisterRetention registers the retention job on r, which applies each
// service's retention rule to closed errands and deletes uploaded files
// nobody owns (see RunRetention), and schedules it every
// RetentionInterval. The runner's database must have the platform's box
// (anonymizing reseals answers). It fails like Register.
func RegisterRetention(r *Runner, blobs Blobs) error {
	if blobs == nil {
		return errors.New("register retention: no blob storage")
	}
	work := func(ctx context.Context, _ Job[RetentionArgs]) error {
		_, err := RunRetention(ctx, r.db, blobs, r.log)
		return err
	}
	if err := Register(r, work, KindOptions{MaxAttempts: 3}); err != nil {
		return err
	}
	return r.Every(RetentionInterval, RetentionArgs{})
}

// RunRetention does one run of retention at db's clock:
//
//  1. Errands: every closed errand whose retention is due
//     (store.DB.DueForRetention) is anonymized or deleted by
//     store.DB.ApplyRetention, which re-checks it (a legal hold wins),
//     deletes the rows of its files and queues their blob keys, all in the
//     errand's one transaction.
//  2. Orphans: rows of files older than OrphanFileAge that belong to
//     nothing are deleted and their keys queued, in one transaction.
//  3. Blobs: each queued key's blob is deleted, and only then the key
//     leaves the queue.
//
// So personal content leaves the database in the transaction that decides
// it goes, a blob is never left without a row or queue entry naming it,
// and a blob that cannot be deleted is tried again next run. The run is
// logged and, when it did anything, recorded as retention.run in the audit
// log, in counts only. It returns the counts and an error when an errand or
// blob failed (the rest is still done) or the database failed.
func RunRetention(ctx context.Context, db *store.DB, blobs Blobs, log *slog.Logger) (RetentionReport, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := db.Now()
	var rep RetentionReport
	errs := []error{
		retainErrands(ctx, db, now, &rep),
		sweepOrphans(ctx, db, now, &rep),
		deleteBlobs(ctx, db, blobs, &rep),
	}
	if rep.Did() {
		log.InfoContext(ctx, "retention applied", "anonymized", rep.Anonymized, "deleted", rep.Deleted,
			"skipped", rep.Skipped, "orphan_files", rep.OrphanFiles, "blobs", rep.Blobs,
			"failed", rep.Failed, "blob_failures", rep.BlobFailures)
		_, err := db.AppendAudit(ctx, audit.Entry{ActorKind: audit.System, Action: audit.RetentionRun,
			ObjectType: "retention", Detail: rep.detail()})
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return rep, fmt.Errorf("retention: %w", err)
	}
	return rep, nil
}

// detail is the audit log's text of r.
func (r RetentionReport) detail() string {
	return fmt.Sprintf("anonymized %d, deleted %d, skipped %d, orphan files %d, blobs deleted %d, failed %d, blob failures %d",
		r.Anonymized, r.Deleted, r.Skipped, r.OrphanFiles, r.Blobs, r.Failed, r.BlobFailures)
}

// timeLeft reports whether ctx leaves room for more work.
func timeLeft(ctx context.Context) bool {
	if ctx.Err() != nil {
		return false
	}
	d, ok := ctx.Deadline()
	return !ok || time.Until(d) > retentionReserve
}

// retainErrands applies retention to the errands due at now, batch by
// batch, counting in rep. An errand that fails is counted, its error kept
// (it names the errand by id only), and passed over for the rest of the
// run, as is one the re-check left alone.
func retainErrands(ctx context.Context, db *store.DB, now time.Time, rep *RetentionReport) error {
	passed := map[int64]bool{} // failed or skipped this run: still due, not to be tried again
	var errs []error
	for done := 0; done < retentionMaxPerRun && timeLeft(ctx); {
		want := retentionBatch + len(passed)
		due, err := db.DueForRetention(ctx, now, want)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		tried := 0
		for _, c := range due {
			if passed[c.ErrandID] || !timeLeft(ctx) {
				continue
			}
			tried++
			res, err := db.ApplyRetention(ctx, c.ErrandID, now)
			switch {
			case err != nil:
				passed[c.ErrandID] = true
				rep.Failed++
				errs = append(errs, err)
			case res.Action == eservice.RetainAnonymize:
				rep.Anonymized++
			case res.Action == eservice.RetainDelete:
				rep.Deleted++
			default:
				passed[c.ErrandID] = true
				rep.Skipped++
			}
		}
		done += tried
		if tried == 0 || len(due) < want {
			break
		}
	}
	return errors.Join(errs...)
}

// sweepOrphans deletes the rows of files nobody owned for OrphanFileAge
// and queues their blobs, counting in rep.
func sweepOrphans(ctx context.Context, db *store.DB, now time.Time, rep *RetentionReport) error {
	cutoff := now.Add(-OrphanFileAge)
	for done := 0; done < retentionMaxPerRun && timeLeft(ctx); {
		keys, err := db.OrphanFiles(ctx, cutoff, retentionBatch)
		if err != nil {
			return err
		}
		gone, err := db.DeleteOrphanFileRows(ctx, keys, cutoff)
		if err != nil {
			return err
		}
		rep.OrphanFiles += len(gone)
		done += len(keys)
		if len(keys) < retentionBatch || len(gone) == 0 {
			return nil
		}
	}
	return nil
}

// deleteBlobs deletes the queued blobs and then their queue entries,
// counting in rep. A blob that cannot be deleted stays queued and is
// passed over for the rest of the run; the first such error is returned,
// after the rest were tried.
func deleteBlobs(ctx context.Context, db *store.DB, blobs Blobs, rep *RetentionReport) error {
	failed := map[string]bool{}
	var firstErr error
	for timeLeft(ctx) {
		want := retentionBatch + len(failed)
		keys, err := db.PendingBlobDeletions(ctx, want)
		if err != nil {
			return errors.Join(firstErr, err)
		}
		var gone []string
		for _, k := range keys {
			if failed[k] {
				continue
			}
			if err := blobs.Delete(ctx, k); err != nil {
				failed[k] = true
				rep.BlobFailures++
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			gone = append(gone, k)
		}
		if err := db.ClearBlobDeletions(ctx, gone); err != nil {
			return errors.Join(firstErr, err)
		}
		rep.Blobs += len(gone)
		if len(keys) < want || len(gone) == 0 { // all of a batch failed: the storage is likely down
			break
		}
	}
	return firstErr
}
