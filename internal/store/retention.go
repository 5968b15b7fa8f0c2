package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
)

// Retention (gallring) of closed errands.
//
// The rule of an errand is the Retention of the service version it was
// made with, read from that version's spec when the job asks what is due
// (DueForRetention groups the waiting errands by version, so it reads each
// spec once) and again inside ApplyRetention's transaction. Nothing is
// copied onto the errand: a spec never changes once published, and the
// partial index errands_retention (migration 0005) keeps the search to
// the closed errands still waiting for retention.
//
// File contents are deleted through the queue blob_deletions: the rows of
// the files go in the same transaction that queues their blob keys, and a
// key leaves the queue only after its blob is gone (ClearBlobDeletions).
// So the database never shows personal content after the transaction, and
// a blob is never left in storage without a row that names it.

// Reasons ApplyRetention gives for doing nothing (RetentionResult.Skipped).
const (
	RetentionSkipGone       = "gone"       // no such errand (deleted meanwhile)
	RetentionSkipOpen       = "open"       // the errand is not closed
	RetentionSkipHold       = "legal_hold" // a legal hold stops retention
	RetentionSkipAnonymized = "anonymized" // done already
	RetentionSkipNotDue     = "not_due"    // the months have not passed
	RetentionSkipNoRule     = "no_rule"    // the version's spec has no valid rule
)

// RetentionCandidate is a closed errand whose retention is due: not
// anonymized, no legal hold, and its service version's Retention.Months
// passed since it was closed.
type RetentionCandidate struct {
	ErrandID    int64
	ServiceID   int64
	Version     int
	DiaryNumber string
	ClosedAt    time.Time
	Rule        eservice.Retention
}

// RetentionResult is what ApplyRetention did to one errand: Action is ""
// and Skipped says why when it did nothing. BlobKeys are the blob keys of
// the files whose rows it deleted, queued in blob_deletions.
type RetentionResult struct {
	ErrandID    int64
	DiaryNumber string
	Action      eservice.RetentionAction
	Skipped     string
	BlobKeys    []string
}

// RetentionCutoff returns the latest closing time at which an errand is
// due for a rule of months at now: the same wall-clock time months
// calendar months earlier in Swedish time (time.AddDate, so 31 March less
// one month is 3 March). An errand closed at or before it is due.
func RetentionCutoff(now time.Time, months int) time.Time {
	return now.In(diaryZone).AddDate(0, -months, 0).UTC()
}

// validRule reports whether r is a rule retention may act on: 1–1200
// months and a known action. Anything else is never acted on.
func validRule(r eservice.Retention) bool {
	return r.Months >= 1 && r.Months <= 1200 &&
		(r.Action == eservice.RetainAnonymize || r.Action == eservice.RetainDelete)
}

// retentionWaiting is the condition of the partial index errands_retention,
// word for word, so that the planner uses it.
const retentionWaiting = `closed_at IS NOT NULL AND anonymized = FALSE AND legal_hold = FALSE`

// DueForRetention returns at most limit errands whose retention is due at
// now, those closed longest ago first. Versions whose spec has no valid
// rule are passed over. It returns Invalid for a limit below 1 and an
// error naming the version when a spec cannot be read.
func (db *DB) DueForRetention(ctx context.Context, now time.Time, limit int) ([]RetentionCandidate, error) {
	if limit < 1 {
		return nil, sprang.Errorf(sprang.Invalid, "due for retention: limit must be at least 1")
	}
	versions, err := db.retentionVersions(ctx)
	if err != nil {
		return nil, fmt.Errorf("due for retention: %w", err)
	}
	var out []RetentionCandidate
	for _, v := range versions {
		spec, err := db.FindServiceVersion(ctx, v.service, v.version)
		if err != nil {
			return nil, fmt.Errorf("due for retention: service %d version %d: %w", v.service, v.version, err)
		}
		if !validRule(spec.Retention) {
			continue
		}
		cs, err := db.dueOfVersion(ctx, v, spec.Retention, RetentionCutoff(now, spec.Retention.Months), limit)
		if err != nil {
			return nil, fmt.Errorf("due for retention: service %d version %d: %w", v.service, v.version, err)
		}
		out = append(out, cs...)
	}
	slices.SortFunc(out, func(a, b RetentionCandidate) int {
		return cmp.Or(a.ClosedAt.Compare(b.ClosedAt), cmp.Compare(a.ErrandID, b.ErrandID))
	})
	return out[:min(len(out), limit)], nil
}

// serviceVersion names one version of a service.
type serviceVersion struct {
	service int64
	version int
}

// retentionVersions returns the service versions with errands waiting for
// retention.
func (db *DB) retentionVersions(ctx context.Context) ([]serviceVersion, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT service_id, version FROM errands WHERE `+retentionWaiting+
		` ORDER BY service_id, version`)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []serviceVersion
	for rows.Next() {
		var v serviceVersion
		if err := rows.Scan(&v.service, &v.version); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// dueOfVersion returns at most limit errands of version v closed at or
// before cutoff and waiting for retention.
func (db *DB) dueOfVersion(ctx context.Context, v serviceVersion, rule eservice.Retention, cutoff time.Time, limit int) ([]RetentionCandidate, error) {
	rows, err := db.query(ctx, `SELECT id, diary_number, closed_at FROM errands
		WHERE service_id = ? AND version = ? AND `+retentionWaiting+` AND closed_at <= ?
		ORDER BY closed_at, id LIMIT ?`, v.service, v.version, cutoff, limit)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []RetentionCandidate
	for rows.Next() {
		c := RetentionCandidate{ServiceID: v.service, Version: v.version, Rule: rule}
		if err := rows.Scan(&c.ErrandID, &c.DiaryNumber, &c.ClosedAt); err != nil {
			return nil, err
		}
		c.ClosedAt = c.ClosedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// retentionState is what ApplyRetention reads of an errand, row locked.
type retentionState struct {
	service    int64
	version    int
	diary      string
	closed     sql.NullTime
	hold, anon bool
	answers    []byte
}

// ApplyRetention applies the retention rule of errand id's service version
// at now, in one transaction that first locks the errand and checks again
// that it is closed, not anonymized, not under a legal hold (a hold set
// meanwhile wins) and due; when any of that no longer holds it does
// nothing and says why in Skipped.
//
// Anonymize keeps what statistics need (service, unit, channel, status,
// dates, the events' kinds, times and data) and removes the rest: the
// answers become Form.Anonymize of them (resealed), the e-mail address and
// the resident are cleared, every event body (messages, notes, decisions)
// is cleared, unprinted letters and the rows of all files are deleted, the
// drafts it came from lose their owner, and a retention event is added.
// Delete deletes the errand with its events, letters and file rows. Both
// queue the files' blob keys in blob_deletions and write an
// errand.retention audit entry by the system naming the errand, its diary
// number, the service and what was done, nothing personal.
//
// It returns an error when the errand cannot be read or changed (then
// nothing is changed), e.g. Internal on a DB without a box.
func (db *DB) ApplyRetention(ctx context.Context, id int64, now time.Time) (RetentionResult, error) {
	res := RetentionResult{ErrandID: id}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res = RetentionResult{ErrandID: id} // a retried function starts over
		st, err := db.lockRetentionTx(ctx, tx, id)
		if errors.Is(err, sql.ErrNoRows) {
			res.Skipped = RetentionSkipGone
			return nil
		}
		if err != nil {
			return err
		}
		res.DiaryNumber = st.diary
		spec, err := db.findVersionTx(ctx, tx, st.service, st.version)
		if err != nil {
			return err
		}
		if res.Skipped = retentionSkip(st, spec.Retention, now); res.Skipped != "" {
			return nil
		}
		res.Action = spec.Retention.Action
		if res.Action == eservice.RetainDelete {
			res.BlobKeys, err = db.deleteErrandTx(ctx, tx, id)
		} else {
			res.BlobKeys, err = db.anonymizeErrandTx(ctx, tx, id, st, spec.Form, now)
		}
		if err != nil {
			return err
		}
		if err := db.queueBlobDeletionsTx(ctx, tx, res.BlobKeys, now); err != nil {
			return err
		}
		_, err = db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.System, Action: audit.ErrandRetention,
			ObjectType: "errand", ObjectID: strconv.FormatInt(id, 10),
			Detail: fmt.Sprintf("%s %s, service %s version %d, %d files", res.Action, st.diary, spec.Slug, st.version, len(res.BlobKeys))})
		return err
	})
	if err != nil {
		return RetentionResult{ErrandID: id}, fmt.Errorf("apply retention to errand %d: %w", id, err)
	}
	return res, nil
}

// retentionSkip returns why retention must not touch an errand in state st
// under rule at now, or "" when it is due.
func retentionSkip(st retentionState, rule eservice.Retention, now time.Time) string {
	switch {
	case st.anon:
		return RetentionSkipAnonymized
	case !st.closed.Valid:
		return RetentionSkipOpen
	case st.hold:
		return RetentionSkipHold
	case !validRule(rule):
		return RetentionSkipNoRule
	case st.closed.Time.After(RetentionCutoff(now, rule.Months)):
		return RetentionSkipNotDue
	}
	return ""
}

// lockRetentionTx reads the state of errand id and locks its row until tx
// ends (the no-op UPDATE takes PostgreSQL's row lock, as lockErrandTx), so
// a legal hold set at the same time is either seen here or waits for this
// transaction. It returns sql.ErrNoRows for no such errand.
func (db *DB) lockRetentionTx(ctx context.Context, tx *sql.Tx, id int64) (retentionState, error) {
	var st retentionState
	err := tx.QueryRowContext(ctx, db.rebind(`UPDATE errands SET legal_hold = legal_hold WHERE id = ?
		RETURNING service_id, version, diary_number, closed_at, legal_hold, anonymized, answers_enc`), id).
		Scan(&st.service, &st.version, &st.diary, &st.closed, &st.hold, &st.anon, &st.answers)
	if err != nil {
		return st, err
	}
	st.closed.Time = st.closed.Time.UTC()
	return st, nil
}

// anonymizeErrandTx anonymizes errand id (see ApplyRetention) and returns
// the blob keys of the files whose rows it deleted.
func (db *DB) anonymizeErrandTx(ctx context.Context, tx *sql.Tx, id int64, st retentionState, form eservice.Form, now time.Time) ([]string, error) {
	kept, err := db.anonymizedAnswers(id, st.answers, form)
	if err != nil {
		return nil, err
	}
	steps := []struct {
		what, query string
		args        []any
	}{
		{"errand", `UPDATE errands SET answers_enc = ?, email_enc = NULL, resident_id = NULL, anonymized = TRUE WHERE id = ?`, []any{kept, id}},
		{"event bodies", `UPDATE errand_events SET body_enc = NULL WHERE errand_id = ? AND body_enc IS NOT NULL`, []any{id}},
		{"unprinted letters", `DELETE FROM letters WHERE errand_id = ? AND printed_at IS NULL`, []any{id}},
		{"drafts", `UPDATE eservice_drafts SET resident_id = NULL, token_hash = NULL, answers_enc = NULL WHERE errand_id = ?`, []any{id}},
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, db.rebind(s.query), s.args...); err != nil {
			return nil, fmt.Errorf("anonymize %s: %w", s.what, err)
		}
	}
	keys, err := db.deleteErrandFilesTx(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	_, err = db.insertEventTx(ctx, tx, eservice.Event{ErrandID: id, At: now.UTC().Truncate(time.Microsecond),
		Kind: eservice.EventRetention, Internal: true,
		Data: map[string]string{"action": string(eservice.RetainAnonymize), "files": strconv.Itoa(len(keys))}})
	return keys, err
}

// anonymizedAnswers returns the sealed answers of errand id that form's
// Anonymize keeps of sealed, or nil when none are kept.
func (db *DB) anonymizedAnswers(id int64, sealed []byte, form eservice.Form) ([]byte, error) {
	raw, err := db.open(sealed, errandAD("answers_enc", id))
	if err != nil || raw == "" {
		return nil, err
	}
	var a eservice.Answers
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		return nil, fmt.Errorf("decode answers of errand %d: %w", id, err)
	}
	kept := form.Anonymize(a)
	if len(kept) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(kept)
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	return db.seal(string(b), errandAD("answers_enc", id))
}

// deleteErrandTx deletes errand id with its events, letters and files
// (the foreign keys cascade) and returns the blob keys of its files. The
// drafts it came from keep their statistics but lose the errand and their
// owner.
func (db *DB) deleteErrandTx(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	keys, err := db.deleteErrandFilesTx(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservice_drafts SET errand_id = NULL, resident_id = NULL,
		token_hash = NULL, answers_enc = NULL WHERE errand_id = ?`), id); err != nil {
		return nil, fmt.Errorf("detach drafts: %w", err)
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM errands WHERE id = ?`), id); err != nil {
		return nil, fmt.Errorf("delete errand: %w", err)
	}
	return keys, nil
}

// deleteErrandFilesTx deletes the rows of errand id's files and returns
// their blob keys.
func (db *DB) deleteErrandFilesTx(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	keys, err := collectKeys(tx.QueryContext(ctx, db.rebind(`DELETE FROM errand_files WHERE errand_id = ? RETURNING blob_key`), id))
	if err != nil {
		return nil, fmt.Errorf("delete errand files: %w", err)
	}
	return keys, nil
}

// collectKeys reads and closes rows of one text column.
func collectKeys(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}
