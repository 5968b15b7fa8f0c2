package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"sprang"
)

// orphanFile is a file row nobody owns, for sorting.
type orphanFile struct {
	key     string
	created time.Time
	id      int64
}

// OrphanFiles returns the blob keys of at most limit file rows that belong
// to nothing and were uploaded before olderThan, oldest first: files never
// attached to an errand or event (a message upload left behind), and files
// of drafts that expired before olderThan or were submitted (a submission
// moves its draft's files to the errand, so what stays was never part of
// it). Files of errands are retention's (ApplyRetention). It returns
// Invalid for a limit below 1.
func (db *DB) OrphanFiles(ctx context.Context, olderThan time.Time, limit int) ([]string, error) {
	if limit < 1 {
		return nil, sprang.Errorf(sprang.Invalid, "orphan files: limit must be at least 1")
	}
	olderThan = olderThan.UTC()
	var all []orphanFile
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`SELECT blob_key, created_at, id FROM errand_files
			WHERE errand_id IS NULL AND draft_id IS NULL AND created_at < ? ORDER BY created_at, id LIMIT ?`,
			[]any{olderThan, limit}},
		{`SELECT f.blob_key, f.created_at, f.id FROM errand_files f JOIN eservice_drafts d ON d.id = f.draft_id
			WHERE f.errand_id IS NULL AND f.created_at < ? AND (d.expires_at < ? OR d.submitted_at IS NOT NULL)
			ORDER BY f.created_at, f.id LIMIT ?`,
			[]any{olderThan, olderThan, limit}},
	} {
		fs, err := db.scanOrphans(ctx, q.query, q.args...)
		if err != nil {
			return nil, fmt.Errorf("orphan files: %w", err)
		}
		all = append(all, fs...)
	}
	slices.SortFunc(all, func(a, b orphanFile) int {
		return cmp.Or(a.created.Compare(b.created), cmp.Compare(a.id, b.id))
	})
	keys := make([]string, 0, min(len(all), limit))
	for _, f := range all[:min(len(all), limit)] {
		keys = append(keys, f.key)
	}
	return keys, nil
}

// scanOrphans runs query and reads its rows of key, created_at and id.
func (db *DB) scanOrphans(ctx context.Context, query string, args ...any) ([]orphanFile, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []orphanFile
	for rows.Next() {
		var f orphanFile
		if err := rows.Scan(&f.key, &f.created, &f.id); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// DeleteOrphanFileRows deletes, in one transaction, the rows of those of
// keys that OrphanFiles(olderThan) would still return — a file attached
// or a draft submitted since is left alone — and queues their blob keys in
// blob_deletions for the contents to be deleted (PendingBlobDeletions). It
// returns the keys whose rows it deleted.
func (db *DB) DeleteOrphanFileRows(ctx context.Context, keys []string, olderThan time.Time) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	olderThan = olderThan.UTC()
	var deleted []string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		deleted = deleted[:0]
		for _, k := range keys {
			got, err := collectKeys(tx.QueryContext(ctx, db.rebind(`DELETE FROM errand_files
				WHERE blob_key = ? AND errand_id IS NULL AND created_at < ? AND (draft_id IS NULL OR EXISTS (
					SELECT 1 FROM eservice_drafts d WHERE d.id = errand_files.draft_id
					AND (d.expires_at < ? OR d.submitted_at IS NOT NULL)))
				RETURNING blob_key`), k, olderThan, olderThan))
			if err != nil {
				return err
			}
			deleted = append(deleted, got...)
		}
		return db.queueBlobDeletionsTx(ctx, tx, deleted, db.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("delete orphan files: %w", err)
	}
	return deleted, nil
}

// QueueBlobDeletions queues blob keys whose file rows are gone for their
// contents to be deleted from blob storage by the retention job. Use it in
// place of deleting blobs directly after a row was deleted, so a failing
// bucket never leaves a blob no row names. Keys queued already stay
// queued once.
func (db *DB) QueueBlobDeletions(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	err := db.tx(ctx, func(tx *sql.Tx) error { return db.queueBlobDeletionsTx(ctx, tx, keys, db.Now()) })
	if err != nil {
		return fmt.Errorf("queue blob deletions: %w", err)
	}
	return nil
}

// queueBlobDeletionsTx queues keys in blob_deletions inside tx.
func (db *DB) queueBlobDeletionsTx(ctx context.Context, tx *sql.Tx, keys []string, at time.Time) error {
	at = at.UTC().Truncate(time.Microsecond)
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO blob_deletions (blob_key, queued_at) VALUES (?, ?)
			ON CONFLICT (blob_key) DO NOTHING`), k, at); err != nil {
			return fmt.Errorf("queue blob deletion: %w", err)
		}
	}
	return nil
}

// PendingBlobDeletions returns at most limit queued blob keys, queued
// longest ago first. A key that a file row still names is never returned
// (its content is still in use). It returns Invalid for a limit below 1.
func (db *DB) PendingBlobDeletions(ctx context.Context, limit int) ([]string, error) {
	if limit < 1 {
		return nil, sprang.Errorf(sprang.Invalid, "pending blob deletions: limit must be at least 1")
	}
	keys, err := collectKeys(db.query(ctx, `SELECT b.blob_key FROM blob_deletions b
		WHERE NOT EXISTS (SELECT 1 FROM errand_files f WHERE f.blob_key = b.blob_key)
		ORDER BY b.queued_at, b.blob_key LIMIT ?`, limit))
	if err != nil {
		return nil, fmt.Errorf("pending blob deletions: %w", err)
	}
	return keys, nil
}

// ClearBlobDeletions removes keys from the queue once their blobs are
// deleted. Keys not queued are ignored.
func (db *DB) ClearBlobDeletions(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM blob_deletions WHERE blob_key = ?`), k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("clear blob deletions: %w", err)
	}
	return nil
}
