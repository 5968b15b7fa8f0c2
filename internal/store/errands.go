package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
)

// Message keys of errand errors, translated by the web layer.
const (
	MsgErrandChannel       = "errand.channel.invalid"     // an unknown channel
	MsgErrandRegisteredBy  = "errand.registered_by"       // a channel other than digital needs the case officer
	MsgErrandUnpublished   = "errand.service.unpublished" // the version is a draft
	MsgErrandNoReceived    = "errand.status.no_received"  // the spec has no received status
	MsgErrandDraftUsed     = "errand.draft.submitted"     // the draft was submitted already
	MsgErrandDraftMismatch = "errand.draft.mismatch"      // the draft is of another service or version
	MsgErrandUnknownParty  = "errand.party.unknown"       // the resident or user does not exist
	MsgErrandReader        = "errand.reader.invalid"      // ReadErrand needs exactly one reader
	MsgErrandNumberTaken   = "errand.diary_number.taken"  // the unit's series collides with numbers already given
)

// NewErrand is what SubmitErrand needs to make an errand.
type NewErrand struct {
	ServiceID  int64
	Version    int
	Channel    eservice.Channel
	ResidentID int64 // 0 for anonymous, or registered for someone without an account
	Answers    eservice.Answers
	Email      string // receipt address, may be empty
	ByLetter   bool   // the resident wants letters by post (see LetterQueue)
	ByUserID   int64  // the case officer who registered it (channels other than digital)
	DraftID    int64  // the draft it came from (its files move to the errand); 0 for none
	Owner      DraftOwner
}

// errandColumns are the columns scanErrand reads, in order.
const errandColumns = `id, reference, diary_number, service_id, version, unit_id, channel,
	resident_id, status, assignee_id, answers_enc, email_enc, by_letter, legal_hold, anonymized,
	submitted_at, due_at, decided_at, closed_at`

// Sealed columns of errands are bound to the row id.
func errandAD(column string, id int64) string {
	return "errands." + column + ":" + strconv.FormatInt(id, 10)
}

// maxReferenceTries bounds the retries on a reference that is taken: with
// 8 characters from 30 the chance of a collision is negligible, so more
// than a few means the random source is broken.
const maxReferenceTries = 8

// SubmitErrand makes an errand in one transaction: a unique reference
// (drawn from rnd, drawn again when taken), the next diary number of the
// owning unit's series for the year, status the service's received status,
// due time from its target days, the "submitted" event, the draft marked
// submitted (its answers cleared, its files moved to the errand), and the
// TxFuncs (the receipt mail job), which find the new errand with
// SubmittedErrand. The answers and e-mail address are
// sealed. It returns the errand; Invalid for a bad channel or a missing
// case officer, NotFound for an unknown service version or a draft Owner
// does not own, Conflict for a draft version of the service or a draft
// submitted already.
func (db *DB) SubmitErrand(ctx context.Context, n NewErrand, rnd io.Reader, then ...TxFunc) (eservice.Errand, error) {
	if err := n.validate(); err != nil {
		return eservice.Errand{}, fmt.Errorf("submit errand: %w", err)
	}
	if db.box == nil && (len(n.Answers) > 0 || n.Email != "") {
		return eservice.Errand{}, fmt.Errorf("submit errand: %w", errNoBox())
	}
	e := eservice.Errand{ServiceID: n.ServiceID, Version: n.Version, Channel: n.Channel,
		ResidentID: n.ResidentID, Email: n.Email, ByLetter: n.ByLetter,
		SubmittedAt: db.Now().Truncate(time.Microsecond)}
	if len(n.Answers) > 0 {
		e.Answers = n.Answers.Clone()
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		spec, unitID, err := db.submittableSpecTx(ctx, tx, n.ServiceID, n.Version)
		if err != nil {
			return err
		}
		received, ok := firstStatus(spec, eservice.KindReceived)
		if !ok {
			return sprang.Errorf(sprang.Conflict, MsgErrandNoReceived)
		}
		e.UnitID, e.Status = unitID, received.ID
		if e.ByLetter, err = db.wantsLettersTx(ctx, tx, n); err != nil {
			return err
		}
		e.DueAt = e.SubmittedAt.In(diaryZone).AddDate(0, 0, spec.TargetDays).UTC()
		if err := db.insertErrandTx(ctx, tx, &e, received.Kind, n.ByUserID, rnd); err != nil {
			return err
		}
		if n.DraftID != 0 {
			if err := db.claimDraftTx(ctx, tx, n, e.ID, e.SubmittedAt); err != nil {
				return err
			}
		}
		_, err = db.insertEventTx(ctx, tx, eservice.Event{ErrandID: e.ID, At: e.SubmittedAt,
			Kind: eservice.EventSubmitted, ByUserID: n.ByUserID,
			ByResident: n.ResidentID != 0 && n.Channel == eservice.ChannelDigital,
			Data:       map[string]string{"channel": string(n.Channel)}})
		if err != nil {
			return err
		}
		// The rows every submission of a service or unit updates — the use
		// count and the diary series — come last, so that on PostgreSQL
		// their row locks are held only until the commit that follows.
		if err := db.countServiceUseTx(ctx, tx, n.ServiceID, e.SubmittedAt); err != nil {
			return err
		}
		if e.DiaryNumber, err = db.nextDiaryNumberTx(ctx, tx, e.UnitID, e.SubmittedAt); err != nil {
			return err
		}
		if err := db.completeErrandTx(ctx, tx, e); err != nil {
			return err
		}
		tctx := withSubmitted(ctx, e) // the TxFuncs learn the new errand
		for _, f := range then {
			if err := f(tctx, tx); err != nil {
				return err
			}
		}
		if n.ByUserID == 0 {
			return nil
		}
		_, err = db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.Staff, ActorID: n.ByUserID,
			ActorName: db.usernameTx(ctx, tx, n.ByUserID), Action: audit.ErrandRegistered,
			ObjectType: "errand", ObjectID: strconv.FormatInt(e.ID, 10), ResidentID: n.ResidentID,
			Detail: string(n.Channel) + " " + e.DiaryNumber})
		return err
	})
	if err != nil {
		if isForeignKeyViolation(err) {
			err = &sprang.Error{Kind: sprang.Invalid, Message: MsgErrandUnknownParty, Cause: err}
		}
		return eservice.Errand{}, fmt.Errorf("submit errand: %w", err)
	}
	return e, nil
}

// validate checks what SubmitErrand can check before the transaction.
func (n NewErrand) validate() error {
	known := false
	for _, c := range eservice.Channels() {
		known = known || c == n.Channel
	}
	switch {
	case !known:
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgErrandChannel, Fields: map[string]string{"channel": MsgErrandChannel}}
	case n.Channel != eservice.ChannelDigital && n.ByUserID <= 0:
		return sprang.Errorf(sprang.Invalid, MsgErrandRegisteredBy)
	case n.ResidentID < 0 || n.ByUserID < 0 || n.DraftID < 0:
		return sprang.Errorf(sprang.Invalid, MsgErrandUnknownParty)
	case n.DraftID != 0 && n.Owner.ResidentID != 0 && n.Owner.ResidentID != n.ResidentID:
		return sprang.Errorf(sprang.Invalid, MsgErrandDraftMismatch)
	}
	return nil
}

// insertErrandTx inserts e (ID and Reference set on return) under a
// provisional diary number, "~" and its reference, which
// completeErrandTx replaces in the same transaction. A reference that is
// taken is drawn again; ON CONFLICT keeps the transaction alive on
// PostgreSQL without a savepoint.
func (db *DB) insertErrandTx(ctx context.Context, tx *sql.Tx, e *eservice.Errand, kind eservice.StatusKind, byUser int64, rnd io.Reader) error {
	for range maxReferenceTries {
		ref, err := eservice.NewReference(rnd)
		if err != nil {
			return fmt.Errorf("draw reference: %w", err)
		}
		err = tx.QueryRowContext(ctx, db.rebind(`INSERT INTO errands
			(reference, diary_number, service_id, version, unit_id, channel, resident_id, status, status_kind,
			 by_letter, submitted_at, due_at, registered_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (reference) DO NOTHING RETURNING id`),
			ref, "~"+ref, e.ServiceID, e.Version, e.UnitID, string(e.Channel), nullID(e.ResidentID),
			e.Status, string(kind), e.ByLetter, e.SubmittedAt, e.DueAt, nullID(byUser)).Scan(&e.ID)
		if err == nil {
			e.Reference = ref
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) { // no row: the reference is taken
			return err
		}
	}
	return fmt.Errorf("draw reference: %d references in a row were taken", maxReferenceTries)
}

// completeErrandTx stores e's diary number and its answers and e-mail
// address, sealed for its row, in one statement. A diary number that is
// taken (only possible if a unit's series was tampered with) is Conflict.
func (db *DB) completeErrandTx(ctx context.Context, tx *sql.Tx, e eservice.Errand) error {
	var answers []byte
	if len(e.Answers) > 0 {
		b, err := json.Marshal(e.Answers)
		if err != nil {
			return fmt.Errorf("encode answers: %w", err)
		}
		if answers, err = db.seal(string(b), errandAD("answers_enc", e.ID)); err != nil {
			return err
		}
	}
	email, err := db.seal(e.Email, errandAD("email_enc", e.ID))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.rebind(`UPDATE errands SET diary_number = ?, answers_enc = ?, email_enc = ? WHERE id = ?`),
		e.DiaryNumber, answers, email, e.ID)
	if isUniqueViolation(err) {
		return &sprang.Error{Kind: sprang.Conflict, Message: MsgErrandNumberTaken, Cause: err}
	}
	return err
}

// claimDraftTx marks n's draft submitted as errand errandID, clears its
// answers and moves its files to the errand. The draft must belong to
// n.Owner and not have expired (NotFound otherwise, as for no draft at
// all), be of the same service version and not be submitted yet.
func (db *DB) claimDraftTx(ctx context.Context, tx *sql.Tx, n NewErrand, errandID int64, at time.Time) error {
	cond, arg, ok := n.Owner.where()
	if !ok {
		return errNoDraft()
	}
	// One statement in the usual case; only a refusal looks closer.
	res, err := tx.ExecContext(ctx, db.rebind(`UPDATE eservice_drafts SET submitted_at = ?, errand_id = ?, answers_enc = NULL, updated_at = ?
		WHERE id = ? AND `+cond+` AND expires_at > ? AND submitted_at IS NULL AND service_id = ? AND version = ?`),
		at, errandID, at, n.DraftID, arg, at, n.ServiceID, n.Version)
	if err != nil {
		return fmt.Errorf("mark draft submitted: %w", err)
	}
	if k, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("mark draft submitted: %w", err)
	} else if k != 1 {
		return db.draftRefusalTx(ctx, tx, n, cond, arg, at)
	}
	return db.moveDraftFilesTx(ctx, tx, n, errandID)
}

// draftRefusalTx says why n's draft could not be claimed: NotFound when
// its owner has no such live draft, Conflict when it was submitted
// already, Invalid when it is of another service version.
func (db *DB) draftRefusalTx(ctx context.Context, tx *sql.Tx, n NewErrand, cond string, arg any, at time.Time) error {
	var submitted sql.NullTime
	var service int64
	var version int
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT submitted_at, service_id, version
		FROM eservice_drafts WHERE id = ? AND `+cond+` AND expires_at > ?`), n.DraftID, arg, at).Scan(&submitted, &service, &version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return errNoDraft()
	case err != nil:
		return fmt.Errorf("find draft: %w", err)
	case submitted.Valid:
		return sprang.Errorf(sprang.Conflict, MsgErrandDraftUsed)
	case service != n.ServiceID || version != n.Version:
		return sprang.Errorf(sprang.Invalid, MsgErrandDraftMismatch)
	}
	return sprang.Errorf(sprang.Conflict, MsgErrandDraftUsed)
}

// moveDraftFilesTx moves to the errand the files of the draft that its
// answers point to: a file answer holds the file's id under the field
// the file was uploaded for. Files the resident removed or replaced stay
// with the submitted draft, which the retention job's orphan sweep
// deletes: the case officer never sees what the resident took back.
func (db *DB) moveDraftFilesTx(ctx context.Context, tx *sql.Tx, n NewErrand, errandID int64) error {
	var conds []string
	args := []any{errandID, n.DraftID}
	for field, values := range n.Answers {
		for _, v := range values {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
				conds = append(conds, `(id = ? AND question = ?)`)
				args = append(args, id, field)
			}
		}
	}
	if len(conds) == 0 {
		return nil // no answer can name a file
	}
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE errand_files SET errand_id = ?, draft_id = NULL
		WHERE draft_id = ? AND errand_id IS NULL AND (`+strings.Join(conds, ` OR `)+`)`), args...)
	if err != nil {
		return fmt.Errorf("move draft files: %w", err)
	}
	return nil
}

// submittableSpecTx returns the spec of a published (or superseded)
// version and the unit owning the service.
func (db *DB) submittableSpecTx(ctx context.Context, tx *sql.Tx, serviceID int64, version int) (eservice.Spec, int64, error) {
	var state, raw string
	var unitID int64
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT v.state, v.spec, s.unit_id FROM eservice_versions v
		JOIN eservices s ON s.id = v.service_id WHERE v.service_id = ? AND v.version = ?`),
		serviceID, version).Scan(&state, &raw, &unitID)
	if err != nil {
		return eservice.Spec{}, 0, notFound(err, "service version")
	}
	if state == "draft" {
		return eservice.Spec{}, 0, sprang.Errorf(sprang.Conflict, MsgErrandUnpublished)
	}
	spec, err := db.decodeSpec(raw, unitID)
	if err != nil {
		return eservice.Spec{}, 0, fmt.Errorf("service %d version %d: %w", serviceID, version, err)
	}
	return spec, unitID, nil
}

// firstStatus returns the first status of spec's list with kind k.
func firstStatus(spec eservice.Spec, k eservice.StatusKind) (eservice.Status, bool) {
	for _, s := range spec.Statuses {
		if s.Kind == k {
			return s, true
		}
	}
	return eservice.Status{}, false
}

// usernameTx returns the username of user id for an audit entry, or ""
// when it cannot be read (the entry is still written, with the id).
func (db *DB) usernameTx(ctx context.Context, tx *sql.Tx, id int64) string {
	var name string
	_ = tx.QueryRowContext(ctx, db.rebind(`SELECT username FROM users WHERE id = ?`), id).Scan(&name)
	return name
}

// ErrandReader says who reads an errand and why, for the audit log:
// exactly one of a staff user (UserID, UserName), the resident it belongs
// to (ResidentID), or the platform itself (System, e.g. a job sending a
// notice).
type ErrandReader struct {
	UserID     int64
	UserName   string
	ResidentID int64
	System     bool
	// Reason is recorded for staff and system reads; empty means
	// "Handläggning av ärende <diary number> (<unit>)".
	Reason string
}

// ReadErrand returns errand id with its answers and e-mail address
// decrypted, and writes the read to the audit log first. A staff or system
// read is recorded as personaldata.read of object "errand" with the
// errand's resident and a reason naming the errand and its unit, so it
// shows on the resident's "who read my data" page; a resident's read of
// their own errand as errand.read. A resident gets NotFound for errands
// that are not theirs (the attempt is audited); staff access is checked by
// the caller before (by unit, see FindErrandUnit). It returns Invalid when
// by names no reader or several.
func (db *DB) ReadErrand(ctx context.Context, id int64, by ErrandReader) (eservice.Errand, error) {
	entry, allowed, err := db.errandReadEntry(ctx, id, by)
	if err != nil {
		return eservice.Errand{}, fmt.Errorf("read errand %d: %w", id, err)
	}
	if _, err := db.AppendAudit(ctx, entry); err != nil {
		return eservice.Errand{}, fmt.Errorf("read errand %d: %w", id, err)
	}
	if !allowed {
		return eservice.Errand{}, sprang.Errorf(sprang.NotFound, "errand not found")
	}
	e, err := db.findErrand(ctx, id)
	if err != nil {
		return eservice.Errand{}, fmt.Errorf("read errand %d: %w", id, err)
	}
	return e, nil
}

// errandReadEntry returns the audit entry of by reading errand id, and
// whether the read may go on (false: it ends in NotFound, audited).
func (db *DB) errandReadEntry(ctx context.Context, id int64, by ErrandReader) (audit.Entry, bool, error) {
	readers := 0
	for _, set := range []bool{by.UserID != 0, by.ResidentID != 0, by.System} {
		if set {
			readers++
		}
	}
	if readers != 1 || by.UserID < 0 || by.ResidentID < 0 {
		return audit.Entry{}, false, sprang.Errorf(sprang.Invalid, MsgErrandReader)
	}
	var resident sql.NullInt64
	var diary, unit string
	err := db.queryRow(ctx, `SELECT e.resident_id, e.diary_number, u.name_sv FROM errands e
		JOIN org_units u ON u.id = e.unit_id WHERE e.id = ?`, id).Scan(&resident, &diary, &unit)
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return audit.Entry{}, false, err
	}
	e := audit.Entry{ObjectType: "errand", ObjectID: strconv.FormatInt(id, 10)}
	if by.ResidentID != 0 {
		e.ActorKind, e.ActorID, e.Action, e.ResidentID = audit.Resident, by.ResidentID, audit.ErrandRead, by.ResidentID
		if !found || resident.Int64 != by.ResidentID {
			e.ResidentID, e.Detail = 0, "refused: not the resident's errand"
			return e, false, nil
		}
		return e, true, nil
	}
	e.ActorKind, e.ActorID, e.ActorName, e.Action = audit.Staff, by.UserID, by.UserName, audit.PersonalDataRead
	if by.System {
		e.ActorKind = audit.System
	}
	e.ResidentID, e.Reason = resident.Int64, by.Reason
	switch {
	case !found:
		e.Detail = "not found"
		if e.Reason == "" {
			e.Reason = "Handläggning av ärende " + e.ObjectID
		}
	case e.Reason == "":
		e.Reason = "Handläggning av ärende " + diary + " (" + unit + ")"
	}
	return e, found, nil
}

// findErrand returns errand id decrypted, or NotFound. It does not audit.
func (db *DB) findErrand(ctx context.Context, id int64) (eservice.Errand, error) {
	e, answers, email, err := scanErrand(db.queryRow(ctx, `SELECT `+errandColumns+` FROM errands WHERE id = ?`, id))
	if err != nil {
		return eservice.Errand{}, notFound(err, "errand")
	}
	if err := db.openErrand(&e, answers, email); err != nil {
		return eservice.Errand{}, err
	}
	return e, nil
}

// scanErrand reads a row selected with errandColumns, leaving the sealed
// columns to openErrand.
func scanErrand(s scanner) (eservice.Errand, []byte, []byte, error) {
	var e eservice.Errand
	var resident, assignee sql.NullInt64
	var decided, closed sql.NullTime
	var channel string
	var answers, email []byte
	err := s.Scan(&e.ID, &e.Reference, &e.DiaryNumber, &e.ServiceID, &e.Version, &e.UnitID, &channel,
		&resident, &e.Status, &assignee, &answers, &email, &e.ByLetter, &e.LegalHold, &e.Anonymized,
		&e.SubmittedAt, &e.DueAt, &decided, &closed)
	if err != nil {
		return eservice.Errand{}, nil, nil, err
	}
	e.Channel, e.ResidentID, e.AssigneeID = eservice.Channel(channel), resident.Int64, assignee.Int64
	e.SubmittedAt, e.DueAt = e.SubmittedAt.UTC(), e.DueAt.UTC()
	if decided.Valid {
		e.DecidedAt = decided.Time.UTC()
	}
	if closed.Valid {
		e.ClosedAt = closed.Time.UTC()
	}
	return e, answers, email, nil
}

// openErrand decrypts the sealed columns into e.
func (db *DB) openErrand(e *eservice.Errand, answers, email []byte) error {
	a, err := db.open(answers, errandAD("answers_enc", e.ID))
	if err != nil {
		return err
	}
	if a != "" {
		if err := json.Unmarshal([]byte(a), &e.Answers); err != nil {
			return fmt.Errorf("decode answers of errand %d: %w", e.ID, err)
		}
	}
	e.Email, err = db.open(email, errandAD("email_enc", e.ID))
	return err
}

// FindErrandUnit returns the owning unit of errand id, to check access
// before reading. NotFound when there is none.
func (db *DB) FindErrandUnit(ctx context.Context, id int64) (int64, error) {
	var unit int64
	if err := db.queryRow(ctx, `SELECT unit_id FROM errands WHERE id = ?`, id).Scan(&unit); err != nil {
		return 0, notFound(err, "errand")
	}
	return unit, nil
}

// FindErrandByReference returns the id of the errand with reference ref,
// as a resident may type it (see eservice.ParseReference), for the
// resident's receipt page (owner checked by ReadErrand). NotFound when
// there is none or ref cannot be a reference.
func (db *DB) FindErrandByReference(ctx context.Context, ref string) (int64, error) {
	ref, err := eservice.ParseReference(ref)
	if err != nil {
		return 0, sprang.Errorf(sprang.NotFound, "errand not found")
	}
	var id int64
	if err := db.queryRow(ctx, `SELECT id FROM errands WHERE reference = ?`, ref).Scan(&id); err != nil {
		return 0, notFound(err, "errand")
	}
	return id, nil
}

// wantsLettersTx reports whether the errand's news goes by post: asked for
// in n, or chosen by its resident on Mina sidor (resident_contact).
func (db *DB) wantsLettersTx(ctx context.Context, tx *sql.Tx, n NewErrand) (bool, error) {
	if n.ByLetter || n.ResidentID == 0 {
		return n.ByLetter, nil
	}
	var channel string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT channel FROM resident_contact WHERE resident_id = ?`), n.ResidentID).Scan(&channel)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read contact choice: %w", err)
	}
	return channel == string(ContactLetter), nil
}
