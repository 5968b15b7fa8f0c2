package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/secret"
)

// Draft is a resident's errand in progress: the answers given so far. It
// belongs to a logged-in resident (ResidentID) or to the browser holding
// an anonymous token. Drafts also feed the statistics: started, the step
// reached, submitted.
type Draft struct {
	ID         int64
	ResidentID int64 // 0 for anonymous
	ServiceID  int64
	Version    int
	Answers    eservice.Answers // encrypted at rest
	Page       int              // the page the resident is on (index into Form.Pages)
	Furthest   int              // the furthest page reached
	StartedAt  time.Time
	UpdatedAt  time.Time
	ExpiresAt  time.Time // anonymous drafts expire; a resident's keep for 30 days after the last change
}

// DraftOwner identifies who may see a draft: a resident, or the anonymous
// token held in a cookie.
type DraftOwner struct {
	ResidentID int64
	Token      string
}

// How long a draft lives after its last change.
const (
	AnonymousDraftTTL = 24 * time.Hour
	ResidentDraftTTL  = 30 * 24 * time.Hour
)

// ttl returns how long o's drafts live after a change.
func (o DraftOwner) ttl() time.Duration {
	if o.ResidentID != 0 {
		return ResidentDraftTTL
	}
	return AnonymousDraftTTL
}

// where returns the condition restricting eservice_drafts to o's drafts
// and its argument: a resident's by id, an anonymous one by the SHA-256 of
// the token. ok is false when o names nobody.
func (o DraftOwner) where() (cond string, arg any, ok bool) {
	switch {
	case o.ResidentID != 0:
		return `resident_id = ?`, o.ResidentID, true
	case o.Token != "":
		return `resident_id IS NULL AND token_hash = ?`, secret.HashToken(o.Token), true
	}
	return "", nil, false
}

// errNoDraft is the NotFound of a draft that is not there for its owner.
func errNoDraft() error { return sprang.Errorf(sprang.NotFound, "draft not found") }

// draftAnswersAD binds sealed draft answers to their row.
func draftAnswersAD(id int64) string {
	return "eservice_drafts.answers_enc:" + strconv.FormatInt(id, 10)
}

// sealAnswers encrypts the answers of draft id; no answers are stored as NULL.
func (db *DB) sealAnswers(a eservice.Answers, id int64) ([]byte, error) {
	if len(a) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	return db.seal(string(b), draftAnswersAD(id))
}

// openAnswers decrypts what sealAnswers made; NULL gives empty answers.
func (db *DB) openAnswers(sealed []byte, id int64) (eservice.Answers, error) {
	s, err := db.open(sealed, draftAnswersAD(id))
	if err != nil || s == "" {
		return eservice.Answers{}, err
	}
	var a eservice.Answers
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return nil, fmt.Errorf("decode answers of draft %d: %w", id, err)
	}
	return a, nil
}

// draftColumns are the columns scanDraft reads, in order.
const draftColumns = `id, resident_id, service_id, version, answers_enc, page, furthest, started_at, updated_at, expires_at`

// scanDraft reads a row of draftColumns and decrypts its answers.
func (db *DB) scanDraft(s scanner) (Draft, error) {
	var d Draft
	var resident sql.NullInt64
	var sealed []byte
	if err := s.Scan(&d.ID, &resident, &d.ServiceID, &d.Version, &sealed, &d.Page, &d.Furthest,
		&d.StartedAt, &d.UpdatedAt, &d.ExpiresAt); err != nil {
		return Draft{}, err
	}
	d.ResidentID = resident.Int64
	d.StartedAt, d.UpdatedAt, d.ExpiresAt = d.StartedAt.UTC(), d.UpdatedAt.UTC(), d.ExpiresAt.UTC()
	var err error
	d.Answers, err = db.openAnswers(sealed, d.ID)
	return d, err
}

// StartDraft stores a new draft of d's service and version with d's
// answers and page, owned by owner, and returns it with its id and times:
// it expires AnonymousDraftTTL or, for a resident, ResidentDraftTTL after
// its last change. It returns Invalid when owner names nobody and NotFound
// for an unknown service or resident.
func (db *DB) StartDraft(ctx context.Context, d Draft, owner DraftOwner) (Draft, error) {
	_, _, ok := owner.where()
	if !ok {
		return Draft{}, sprang.Errorf(sprang.Invalid, "a draft needs a resident or a token")
	}
	now := db.Now().Truncate(time.Microsecond) // as PostgreSQL keeps it
	d.ResidentID, d.StartedAt, d.UpdatedAt, d.ExpiresAt = owner.ResidentID, now, now, now.Add(owner.ttl())
	d.Furthest = max(d.Furthest, d.Page)
	var token any
	if owner.ResidentID == 0 {
		token = secret.HashToken(owner.Token)
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, db.rebind(`INSERT INTO eservice_drafts
			(service_id, version, resident_id, token_hash, page, furthest, started_at, updated_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			d.ServiceID, d.Version, nullID(owner.ResidentID), token, d.Page, d.Furthest, now, now, d.ExpiresAt).Scan(&d.ID); err != nil {
			return err
		}
		// The answers are bound to the row id, known only now.
		sealed, err := db.sealAnswers(d.Answers, d.ID)
		if err != nil || sealed == nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE eservice_drafts SET answers_enc = ? WHERE id = ?`), sealed, d.ID)
		return err
	})
	if isForeignKeyViolation(err) {
		err = sprang.Errorf(sprang.NotFound, "service or resident not found")
	}
	if err != nil {
		return Draft{}, fmt.Errorf("start draft: %w", err)
	}
	if d.Answers == nil {
		d.Answers = eservice.Answers{}
	}
	return d, nil
}

// FindDraft returns draft id if owner owns it and it is neither submitted
// nor expired; NotFound otherwise, so guessed ids reveal nothing.
func (db *DB) FindDraft(ctx context.Context, id int64, owner DraftOwner) (Draft, error) {
	cond, arg, ok := owner.where()
	if !ok {
		return Draft{}, errNoDraft()
	}
	d, err := db.scanDraft(db.queryRow(ctx, `SELECT `+draftColumns+` FROM eservice_drafts
		WHERE id = ? AND `+cond+` AND submitted_at IS NULL AND expires_at > ?`, id, arg, db.Now()))
	if err != nil {
		return Draft{}, notFound(err, "draft")
	}
	return d, nil
}

// UpdateDraft stores d's answers, page and furthest page (owner checked)
// and moves its expiry to a full lifetime from now. The furthest page
// never goes back: it is the largest of the stored one, d.Furthest and
// d.Page. NotFound when FindDraft would not find the draft.
func (db *DB) UpdateDraft(ctx context.Context, d Draft, owner DraftOwner) error {
	cond, arg, ok := owner.where()
	if !ok {
		return errNoDraft()
	}
	sealed, err := db.sealAnswers(d.Answers, d.ID)
	if err != nil {
		return fmt.Errorf("update draft: %w", err)
	}
	now := db.Now()
	furthest := max(d.Furthest, d.Page)
	res, err := db.exec(ctx, `UPDATE eservice_drafts SET answers_enc = ?, page = ?,
			furthest = CASE WHEN furthest > ? THEN furthest ELSE ? END, updated_at = ?, expires_at = ?
		WHERE id = ? AND `+cond+` AND submitted_at IS NULL AND expires_at > ?`,
		sealed, d.Page, furthest, furthest, now, now.Add(owner.ttl()), d.ID, arg, now)
	if err != nil {
		return fmt.Errorf("update draft: %w", err)
	}
	if err := mustAffect(res, "draft"); err != nil {
		return fmt.Errorf("update draft: %w", err)
	}
	return nil
}

// ResidentDrafts returns the open drafts of a resident (neither submitted
// nor expired), the most recently changed first.
func (db *DB) ResidentDrafts(ctx context.Context, residentID int64) ([]Draft, error) {
	rows, err := db.query(ctx, `SELECT `+draftColumns+` FROM eservice_drafts
		WHERE resident_id = ? AND submitted_at IS NULL AND expires_at > ?
		ORDER BY updated_at DESC, id DESC`, residentID, db.Now())
	if err != nil {
		return nil, fmt.Errorf("resident drafts: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []Draft
	for rows.Next() {
		d, err := db.scanDraft(rows)
		if err != nil {
			return nil, fmt.Errorf("resident drafts: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resident drafts: %w", err)
	}
	return out, nil
}

// DeleteDraft deletes the draft (owner checked, as FindDraft) and its
// uploaded files' rows, returning the blob keys of those files for the
// caller to delete. NotFound when FindDraft would not find the draft.
func (db *DB) DeleteDraft(ctx context.Context, id int64, owner DraftOwner) ([]string, error) {
	cond, arg, ok := owner.where()
	if !ok {
		return nil, errNoDraft()
	}
	var keys []string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM eservice_drafts
			WHERE id = ? AND `+cond+` AND submitted_at IS NULL AND expires_at > ?`), id, arg, db.Now()).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errNoDraft()
		}
		var err error
		if keys, err = db.deleteDraftFilesTx(ctx, tx, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`DELETE FROM eservice_drafts WHERE id = ?`), id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("delete draft: %w", err)
	}
	return keys, nil
}
