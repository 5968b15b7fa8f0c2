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
	"sprang/internal/eservice"
)

// Message keys of refused changes, translated by the web layer.
const (
	MsgChangeOne        = "errand.change.one"          // exactly one thing must happen per change
	MsgChangeActor      = "errand.change.actor"        // a change is by a user or by the resident, not both or neither
	MsgChangeResident   = "errand.change.resident"     // a resident may only send messages and completions
	MsgErrandClosed     = "errand.closed"              // a closed errand takes no changes but a legal hold
	MsgStatusUnknown    = "errand.status.unknown"      // the status is not in the service's list
	MsgStatusRefused    = "errand.status.refused"      // the status list does not allow the move
	MsgStatusNoneOfKind = "errand.status.none_of_kind" // the list has no status of the kind the change needs
	MsgNotWaiting       = "errand.completion.not_waiting"
	MsgAssigneeUnknown  = "errand.assignee.unknown"
	MsgFileUnavailable  = "errand.file.unavailable" // not a loose file: unknown or attached elsewhere
	MsgFilesNotAllowed  = "errand.file.not_allowed" // files go with a message, request, completion, decision or note
)

// ErrandChange is one case-handling step. Exactly one of the fields that
// say what happens is set; the store applies it with an event in one
// transaction and refuses changes a closed errand cannot take.
type ErrandChange struct {
	ErrandID   int64
	ByUserID   int64 // staff, or 0 with ByResident
	ByResident int64 // the resident (messages and completions only)

	Status   string // move to this status (checked against the spec's list with CanMove)
	Assign   *int64 // set the assignee; 0 unassigns
	Note     string // an internal note
	Message  string // a message to or from the resident
	Request  string // ask for completion (komplettering): message + status of kind waiting
	Complete string // the resident's completion: message + status back to the open status
	Decision string // decide: the decision text + a status of kind decided
	Hold     *bool  // set or lift a legal hold

	Files []int64 // uploaded (loose) file ids to attach to the event
}

// kind returns the event kind c records, or "" unless exactly one thing
// happens.
func (c ErrandChange) kind() eservice.EventKind {
	var k eservice.EventKind
	n := 0
	for _, f := range []struct {
		set  bool
		kind eservice.EventKind
	}{
		{c.Status != "", eservice.EventStatus},
		{c.Assign != nil, eservice.EventAssigned},
		{c.Note != "", eservice.EventNote},
		{c.Message != "", eservice.EventMessage},
		{c.Request != "", eservice.EventCompletionRequest},
		{c.Complete != "", eservice.EventCompletion},
		{c.Decision != "", eservice.EventDecision},
		{c.Hold != nil, eservice.EventLegalHold},
	} {
		if f.set {
			n++
			k = f.kind
		}
	}
	if n != 1 {
		return ""
	}
	return k
}

// validate checks what ChangeErrand can check before reading the errand.
func (c ErrandChange) validate() (eservice.EventKind, error) {
	k := c.kind()
	switch {
	case k == "":
		return "", sprang.Errorf(sprang.Invalid, MsgChangeOne)
	case (c.ByUserID > 0) == (c.ByResident > 0) || c.ByUserID < 0 || c.ByResident < 0:
		return "", sprang.Errorf(sprang.Invalid, MsgChangeActor)
	case c.ByResident > 0 && k != eservice.EventMessage && k != eservice.EventCompletion:
		return "", sprang.Errorf(sprang.Forbidden, MsgChangeResident)
	case len(c.Files) > 0 && !carriesFiles(k):
		return "", sprang.Errorf(sprang.Invalid, MsgFilesNotAllowed)
	case c.Assign != nil && *c.Assign < 0:
		return "", sprang.Errorf(sprang.Invalid, MsgAssigneeUnknown)
	}
	return k, nil
}

// carriesFiles reports whether events of kind k may have attachments.
func carriesFiles(k eservice.EventKind) bool {
	switch k {
	case eservice.EventNote, eservice.EventMessage, eservice.EventCompletionRequest,
		eservice.EventCompletion, eservice.EventDecision:
		return true
	}
	return false
}

// internalKind reports whether events of kind k are hidden from the
// resident: notes, assignments, legal holds and retention. Residents see
// the submission, status changes, messages, completion requests and
// completions, decisions and letters.
func internalKind(k eservice.EventKind) bool {
	switch k {
	case eservice.EventNote, eservice.EventAssigned, eservice.EventLegalHold, eservice.EventRetention:
		return true
	}
	return false
}

// letterKind reports whether an event of kind k by staff is sent by post
// to a resident who asked for letters.
func letterKind(k eservice.EventKind) bool {
	return k == eservice.EventMessage || k == eservice.EventCompletionRequest || k == eservice.EventDecision
}

// errandState is what ChangeErrand reads of an errand, with its row locked.
type errandState struct {
	serviceID      int64
	version        int
	resident       int64
	status         string
	kind           eservice.StatusKind
	byLetter, hold bool
	decided        bool
}

// ChangeErrand applies c and returns the event it recorded, running the
// TxFuncs (notification jobs) in the same transaction. A request for
// completion moves the errand to the spec's first status of kind waiting
// (it stays when it waits already), a completion back to the first status
// of kind open, a decision to the first of kind decided and sets the
// decision time; any move to a status of kind closed sets the closing
// time. Every move must be allowed by the spec's status list. A staff
// message, completion request or decision on an errand whose resident asked
// for letters queues a letter; a change by staff is audited.
//
// It returns Invalid for a malformed change (not exactly one thing, an
// unknown status, assignee or file), Forbidden for a resident doing more
// than messages and completions, NotFound for an unknown errand or one that
// is not the resident's, and Conflict for a change the errand's state
// refuses: a closed errand takes nothing but a legal hold (MsgErrandClosed),
// and a move the status list does not allow (MsgStatusRefused).
func (db *DB) ChangeErrand(ctx context.Context, c ErrandChange, then ...TxFunc) (eservice.Event, error) {
	kind, err := c.validate()
	if err != nil {
		return eservice.Event{}, fmt.Errorf("change errand %d: %w", c.ErrandID, err)
	}
	var ev eservice.Event
	err = db.tx(ctx, func(tx *sql.Tx) error {
		st, err := db.lockErrandTx(ctx, tx, c.ErrandID)
		if err != nil {
			return err
		}
		if c.ByResident > 0 && st.resident != c.ByResident {
			return sprang.Errorf(sprang.NotFound, "errand not found")
		}
		if st.kind == eservice.KindClosed && kind != eservice.EventLegalHold {
			return sprang.Errorf(sprang.Conflict, MsgErrandClosed)
		}
		ev = eservice.Event{ErrandID: c.ErrandID, At: db.Now().Truncate(time.Microsecond), Kind: kind,
			ByUserID: c.ByUserID, ByResident: c.ByResident > 0, Internal: internalKind(kind)}
		if err := db.applyChangeTx(ctx, tx, c, st, &ev); err != nil {
			return err
		}
		if ev, err = db.insertEventTx(ctx, tx, ev); err != nil {
			return err
		}
		if err := db.attachFilesTx(ctx, tx, &ev, c.Files); err != nil {
			return err
		}
		if st.byLetter && c.ByUserID > 0 && letterKind(kind) {
			if err := db.queueLetterTx(ctx, tx, ev); err != nil {
				return err
			}
		}
		for _, f := range then {
			if err := f(ctx, tx); err != nil {
				return err
			}
		}
		return db.auditChangeTx(ctx, tx, c, st, ev)
	})
	if err != nil {
		if isForeignKeyViolation(err) {
			err = &sprang.Error{Kind: sprang.Invalid, Message: MsgAssigneeUnknown,
				Fields: map[string]string{"assignee": MsgAssigneeUnknown}, Cause: err}
		}
		return eservice.Event{}, fmt.Errorf("change errand %d: %w", c.ErrandID, err)
	}
	return ev, nil
}

// lockErrandTx reads the state of errand id and locks its row until tx
// ends: the no-op UPDATE takes PostgreSQL's row lock (SQLite's single
// writer serializes anyway), so two changes of one errand apply one after
// the other and each sees the other's status.
func (db *DB) lockErrandTx(ctx context.Context, tx *sql.Tx, id int64) (errandState, error) {
	var st errandState
	var resident sql.NullInt64
	var kind string
	var decided sql.NullTime
	err := tx.QueryRowContext(ctx, db.rebind(`UPDATE errands SET legal_hold = legal_hold WHERE id = ?
		RETURNING service_id, version, resident_id, status, status_kind, by_letter, legal_hold, decided_at`), id).
		Scan(&st.serviceID, &st.version, &resident, &st.status, &kind, &st.byLetter, &st.hold, &decided)
	if err != nil {
		return st, notFound(err, "errand")
	}
	st.resident, st.kind, st.decided = resident.Int64, eservice.StatusKind(kind), decided.Valid
	return st, nil
}

// applyChangeTx makes the change to the errand row and fills in the
// event's body and data.
func (db *DB) applyChangeTx(ctx context.Context, tx *sql.Tx, c ErrandChange, st errandState, ev *eservice.Event) error {
	switch ev.Kind {
	case eservice.EventAssigned:
		to := ""
		if *c.Assign != 0 {
			to = strconv.FormatInt(*c.Assign, 10)
		}
		ev.Data = map[string]string{"to": to}
		return db.setErrandTx(ctx, tx, c.ErrandID, `assignee_id = ?`, nullID(*c.Assign))
	case eservice.EventLegalHold:
		ev.Data = map[string]string{"on": strconv.FormatBool(*c.Hold)}
		return db.setErrandTx(ctx, tx, c.ErrandID, `legal_hold = ?`, *c.Hold)
	case eservice.EventNote:
		ev.Body = c.Note
		return nil
	case eservice.EventMessage:
		ev.Body = c.Message
		return nil
	}
	spec, err := db.errandSpecTx(ctx, tx, st.serviceID, st.version)
	if err != nil {
		return err
	}
	to, err := changeTarget(c, st, spec)
	if err != nil {
		return err
	}
	ev.Body = c.Request + c.Complete + c.Decision // exactly one of them, or none for a status change
	if to.ID == "" {                              // a repeated request while waiting: no move
		return nil
	}
	ev.Data = map[string]string{"from": st.status, "to": to.ID}
	return db.moveErrandTx(ctx, tx, c.ErrandID, to, ev.At)
}

// changeTarget returns the status change c moves to, checked against the
// status list; a zero Status when a completion request finds the errand
// waiting already.
func changeTarget(c ErrandChange, st errandState, spec eservice.Spec) (eservice.Status, error) {
	var to eservice.Status
	switch {
	case c.Status != "":
		s, ok := statusByID(spec, c.Status)
		if !ok {
			return to, &sprang.Error{Kind: sprang.Invalid, Message: MsgStatusUnknown, Fields: map[string]string{"status": MsgStatusUnknown}}
		}
		to = s
	case c.Request != "":
		if st.kind == eservice.KindWaiting {
			return to, nil
		}
		return firstOfKind(spec, eservice.KindWaiting, st.status)
	case c.Complete != "":
		if st.kind != eservice.KindWaiting {
			return to, sprang.Errorf(sprang.Conflict, MsgNotWaiting)
		}
		return firstOfKind(spec, eservice.KindOpen, st.status)
	case c.Decision != "":
		return firstOfKind(spec, eservice.KindDecided, st.status)
	}
	if !canMove(spec, st.status, to.ID) {
		return eservice.Status{}, sprang.Errorf(sprang.Conflict, MsgStatusRefused)
	}
	return to, nil
}

// firstOfKind returns the first status of kind k, if the list allows
// moving there from from.
func firstOfKind(spec eservice.Spec, k eservice.StatusKind, from string) (eservice.Status, error) {
	s, ok := firstStatus(spec, k)
	if !ok {
		return s, sprang.Errorf(sprang.Conflict, MsgStatusNoneOfKind)
	}
	if !canMove(spec, from, s.ID) {
		return eservice.Status{}, sprang.Errorf(sprang.Conflict, MsgStatusRefused)
	}
	return s, nil
}

// statusByID returns the status with id in spec's list.
func statusByID(spec eservice.Spec, id string) (eservice.Status, bool) {
	for _, s := range spec.Statuses {
		if s.ID == id {
			return s, true
		}
	}
	return eservice.Status{}, false
}

// canMove reports whether the status list allows from → to.
func canMove(spec eservice.Spec, from, to string) bool {
	return spec.CanMove(from, to)
}

// moveErrandTx sets the status of errand id to s, with the decision time
// when s is of kind decided (the first time) and the closing time when it
// is of kind closed.
func (db *DB) moveErrandTx(ctx context.Context, tx *sql.Tx, id int64, s eservice.Status, at time.Time) error {
	var decided, closed any
	if s.Kind == eservice.KindDecided {
		decided = at
	}
	if s.Kind == eservice.KindClosed {
		closed = at
	}
	return db.setErrandTx(ctx, tx, id, `status = ?, status_kind = ?, decided_at = COALESCE(decided_at, ?), closed_at = ?`,
		s.ID, string(s.Kind), decided, closed)
}

// setErrandTx runs UPDATE errands SET set WHERE id = id.
func (db *DB) setErrandTx(ctx context.Context, tx *sql.Tx, id int64, set string, args ...any) error {
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE errands SET `+set+` WHERE id = ?`), append(args, id)...); err != nil {
		return fmt.Errorf("update errand: %w", err)
	}
	return nil
}

// errandSpecTx returns the spec of a service version (any state).
func (db *DB) errandSpecTx(ctx context.Context, tx *sql.Tx, serviceID int64, version int) (eservice.Spec, error) {
	var raw string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT spec FROM eservice_versions WHERE service_id = ? AND version = ?`),
		serviceID, version).Scan(&raw)
	if err != nil {
		return eservice.Spec{}, notFound(err, "service version")
	}
	var spec eservice.Spec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		return eservice.Spec{}, fmt.Errorf("decode spec of service %d version %d: %w", serviceID, version, err)
	}
	return spec, nil
}

// auditChangeTx records a change by staff in the audit log; the
// resident's own messages and completions are in the errand's history.
func (db *DB) auditChangeTx(ctx context.Context, tx *sql.Tx, c ErrandChange, st errandState, ev eservice.Event) error {
	if c.ByUserID == 0 {
		return nil
	}
	detail := string(ev.Kind)
	if ev.Data["to"] != "" || ev.Kind == eservice.EventAssigned {
		detail += " " + ev.Data["from"] + "→" + ev.Data["to"]
	}
	if ev.Kind == eservice.EventLegalHold {
		detail += " " + ev.Data["on"]
	}
	_, err := db.AppendAuditTx(ctx, tx, audit.Entry{ActorKind: audit.Staff, ActorID: c.ByUserID,
		ActorName: db.usernameTx(ctx, tx, c.ByUserID), Action: audit.ErrandChanged, ObjectType: "errand",
		ObjectID: strconv.FormatInt(c.ErrandID, 10), ResidentID: st.resident, Detail: detail})
	return err
}

// eventAD binds an event's sealed body to its row.
func eventAD(id int64) string { return "errand_events.body_enc:" + strconv.FormatInt(id, 10) }

// insertEventTx stores ev (its body sealed) and returns it with its id.
func (db *DB) insertEventTx(ctx context.Context, tx *sql.Tx, ev eservice.Event) (eservice.Event, error) {
	data := ev.Data
	if data == nil {
		data = map[string]string{}
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return ev, fmt.Errorf("encode event data: %w", err)
	}
	err = tx.QueryRowContext(ctx, db.rebind(`INSERT INTO errand_events
		(errand_id, at, kind, by_user_id, by_resident, data, internal) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		ev.ErrandID, ev.At, string(ev.Kind), nullID(ev.ByUserID), ev.ByResident, string(raw), ev.Internal).Scan(&ev.ID)
	if err != nil {
		return ev, fmt.Errorf("insert %s event: %w", ev.Kind, err)
	}
	if ev.Body == "" {
		return ev, nil
	}
	body, err := db.seal(ev.Body, eventAD(ev.ID))
	if err != nil {
		return ev, err
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE errand_events SET body_enc = ? WHERE id = ?`), body, ev.ID); err != nil {
		return ev, fmt.Errorf("store %s event body: %w", ev.Kind, err)
	}
	return ev, nil
}

// ErrandHistory returns the events of errand id, oldest first, bodies
// decrypted and attachments listed. With forResident, internal events
// (notes, assignments, legal holds, retention) are left out. NotFound when
// there is no such errand.
func (db *DB) ErrandHistory(ctx context.Context, id int64, forResident bool) ([]eservice.Event, error) {
	q := `SELECT id, at, kind, by_user_id, by_resident, body_enc, data, internal FROM errand_events WHERE errand_id = ?`
	if forResident {
		q += ` AND internal = FALSE`
	}
	rows, err := db.query(ctx, q+` ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("errand %d history: %w", id, err)
	}
	events, err := db.scanEvents(rows, id)
	if err != nil {
		return nil, fmt.Errorf("errand %d history: %w", id, err)
	}
	if len(events) == 0 { // every errand has its submitted event
		return nil, sprang.Errorf(sprang.NotFound, "errand not found")
	}
	if err := db.addEventFiles(ctx, id, events); err != nil {
		return nil, fmt.Errorf("errand %d history: %w", id, err)
	}
	return events, nil
}

// scanEvents reads and closes rows of errand_events.
func (db *DB) scanEvents(rows *sql.Rows, errandID int64) ([]eservice.Event, error) {
	defer func() { _ = rows.Close() }()
	var out []eservice.Event
	for rows.Next() {
		ev := eservice.Event{ErrandID: errandID}
		var by sql.NullInt64
		var body []byte
		var kind, data string
		if err := rows.Scan(&ev.ID, &ev.At, &kind, &by, &ev.ByResident, &body, &data, &ev.Internal); err != nil {
			return nil, err
		}
		ev.At, ev.Kind, ev.ByUserID = ev.At.UTC(), eservice.EventKind(kind), by.Int64
		if err := json.Unmarshal([]byte(data), &ev.Data); err != nil {
			return nil, fmt.Errorf("decode event %d data: %w", ev.ID, err)
		}
		var err error
		if ev.Body, err = db.open(body, eventAD(ev.ID)); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// addEventFiles lists the attachments of errand id's events in events.
func (db *DB) addEventFiles(ctx context.Context, id int64, events []eservice.Event) error {
	rows, err := db.query(ctx, `SELECT `+fileColumns+`, event_id FROM errand_files
		WHERE errand_id = ? AND event_id IS NOT NULL ORDER BY id`, id)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	at := make(map[int64]int, len(events))
	for i, ev := range events {
		at[ev.ID] = i
	}
	for rows.Next() {
		var event int64
		f, err := db.scanFile(rows, &event)
		if err != nil {
			return err
		}
		if i, ok := at[event]; ok {
			events[i].Files = append(events[i].Files, f)
		}
	}
	return rows.Err()
}

// attachFilesTx attaches the loose files ids to event ev and lists them
// on it. A file that is unknown, on a draft or on an errand already is
// refused (Invalid).
func (db *DB) attachFilesTx(ctx context.Context, tx *sql.Tx, ev *eservice.Event, ids []int64) error {
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE errand_files SET errand_id = ?, event_id = ?
			WHERE id = ? AND errand_id IS NULL AND draft_id IS NULL AND event_id IS NULL`), ev.ErrandID, ev.ID, id)
		if err != nil {
			return fmt.Errorf("attach file %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, &sprang.Error{Kind: sprang.Invalid, Message: MsgFileUnavailable,
				Fields: map[string]string{"files": MsgFileUnavailable}})
		}
		f, _, err := db.findFileWith(ctx, tx.QueryRowContext, id)
		if err != nil {
			return err
		}
		ev.Files = append(ev.Files, f)
	}
	return nil
}
