package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/followup"
)

// The digitalization policy's revisions (table policy_revisions,
// migration 0010_policy): each revision is stored whole, its sections and
// goals as JSON beside its number, time, author and reason. A revision is
// only ever inserted; triggers refuse updates and deletes, so the history
// cannot be rewritten through the store or by mistake.

// MsgPolicyConflict is the message key of the Conflict error when another
// revision was saved after the one a change started from.
const MsgPolicyConflict = "followup.policy.e.conflict"

// policyBody is what a revision stores as JSON.
type policyBody struct {
	Sections []followup.Section `json:"sections"`
	Goals    []followup.Goal    `json:"goals"`
}

// policyColumns are the columns scanPolicy reads, without the body.
const policyColumns = `p.number, p.created_at, p.author_id, u.display_name, p.reason`

// SavePolicyRevision normalizes and validates rev and stores it as the
// next revision, made now by rev.AuthorID, with an audit entry in the
// same transaction; it returns the revision as stored (Number, At and
// AuthorName set). base is the number of the revision the change started
// from (0 for the first): when another revision was saved since, it
// returns a Conflict error (MsgPolicyConflict) and stores nothing. An
// invalid revision is an Invalid error with the fields of
// followup.Revision.Validate; an unknown author is Invalid too.
func (db *DB) SavePolicyRevision(ctx context.Context, rev followup.Revision, base int) (followup.Revision, error) {
	rev = rev.Normalize()
	if err := rev.Validate(); err != nil {
		return followup.Revision{}, err
	}
	body, err := json.Marshal(policyBody{Sections: rev.Sections, Goals: rev.Goals})
	if err != nil {
		return followup.Revision{}, fmt.Errorf("save policy revision: %w", err)
	}
	rev.At = db.Now().UTC().Truncate(time.Microsecond)
	err = db.tx(ctx, func(tx *sql.Tx) error {
		return db.insertPolicyTx(ctx, tx, &rev, base, string(body))
	})
	if isUniqueViolation(err) {
		err = &sprang.Error{Kind: sprang.Conflict, Message: MsgPolicyConflict, Cause: err}
	}
	if err != nil {
		return followup.Revision{}, fmt.Errorf("save policy revision: %w", err)
	}
	return rev, nil
}

// insertPolicyTx numbers rev, checks it follows base and its author
// exists, inserts it and logs it.
func (db *DB) insertPolicyTx(ctx context.Context, tx *sql.Tx, rev *followup.Revision, base int, body string) error {
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM policy_revisions`).Scan(&current); err != nil {
		return err
	}
	if current != base {
		return sprang.Errorf(sprang.Conflict, "%s", MsgPolicyConflict)
	}
	var username string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT username, display_name FROM users WHERE id = ?`), rev.AuthorID).
		Scan(&username, &rev.AuthorName)
	if errors.Is(err, sql.ErrNoRows) {
		return sprang.Errorf(sprang.Invalid, "policy author %d not found", rev.AuthorID)
	}
	if err != nil {
		return err
	}
	rev.Number = current + 1
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO policy_revisions (number, created_at, author_id, reason, body)
		VALUES (?, ?, ?, ?, ?)`), rev.Number, rev.At, rev.AuthorID, rev.Reason, body)
	if err != nil {
		return err
	}
	_, err = db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.Staff, ActorID: rev.AuthorID, ActorName: username,
		Action: audit.PolicyRevised, ObjectType: "policy", ObjectID: strconv.Itoa(rev.Number)})
	return err
}

// PolicyRevisions returns the history of the policy, newest first: every
// revision's number, time, author and reason, without sections or goals.
func (db *DB) PolicyRevisions(ctx context.Context) ([]followup.Revision, error) {
	rows, err := db.query(ctx, `SELECT `+policyColumns+` FROM policy_revisions p
		JOIN users u ON u.id = p.author_id ORDER BY p.number DESC`)
	if err != nil {
		return nil, fmt.Errorf("find policy revisions: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []followup.Revision
	for rows.Next() {
		var r followup.Revision
		if err := rows.Scan(&r.Number, &r.At, &r.AuthorID, &r.AuthorName, &r.Reason); err != nil {
			return nil, fmt.Errorf("find policy revisions: %w", err)
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find policy revisions: %w", err)
	}
	return out, nil
}

// PolicyRevision returns revision n whole; NotFound when there is none.
func (db *DB) PolicyRevision(ctx context.Context, n int) (followup.Revision, error) {
	return db.scanPolicy(db.queryRow(ctx, `SELECT `+policyColumns+`, p.body FROM policy_revisions p
		JOIN users u ON u.id = p.author_id WHERE p.number = ?`, n), "policy revision "+strconv.Itoa(n))
}

// CurrentPolicy returns the newest revision whole: the policy in force.
// NotFound when the policy has no revision yet.
func (db *DB) CurrentPolicy(ctx context.Context) (followup.Revision, error) {
	return db.scanPolicy(db.queryRow(ctx, `SELECT `+policyColumns+`, p.body FROM policy_revisions p
		JOIN users u ON u.id = p.author_id ORDER BY p.number DESC LIMIT 1`), "policy")
}

// scanPolicy reads one revision with its body from row.
func (db *DB) scanPolicy(row *sql.Row, what string) (followup.Revision, error) {
	var r followup.Revision
	var body string
	if err := row.Scan(&r.Number, &r.At, &r.AuthorID, &r.AuthorName, &r.Reason, &body); err != nil {
		return followup.Revision{}, notFound(err, what)
	}
	var b policyBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return followup.Revision{}, fmt.Errorf("read %s: %w", what, err)
	}
	r.At, r.Sections, r.Goals = r.At.UTC(), b.Sections, b.Goals
	return r, nil
}
