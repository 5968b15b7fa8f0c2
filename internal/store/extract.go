package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/identity"
)

// Extract is everything the platform holds about one resident, for their
// register extract (registerutdrag, GDPR art. 15), decrypted. It is built
// by ResidentExtract from every table that holds a resident's personal
// data (see extractTables; a test compares that list with the schema).
type Extract struct {
	Resident identity.Resident // identity: personnummer, names, e-mail, level of assurance, times
	Contact  Contact           // contact preferences; zero when none are stored
	Sessions []ExtractSession  // logins that have not ended, newest first
	Errands  []ExtractErrand   // newest first
	Drafts   []ExtractDraft    // every draft, newest first; submitted and expired ones without answers
	Audit    []audit.Entry     // every audit entry about the resident or by them, newest first
}

// ExtractSession is one login of the resident that has not ended: when it
// started, was last used and ends at the latest, and how they logged in.
// The session token is never part of it.
type ExtractSession struct {
	Method     string
	LoA        string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// ExtractErrand is one of the resident's errands with what they may see
// of it: its answers, the history without internal notes, its files and
// the letters posted to them.
type ExtractErrand struct {
	Errand  eservice.Errand
	Spec    eservice.Spec    // the version of the service it was made with
	History []eservice.Event // oldest first, internal events left out, attachments listed
	Files   []eservice.File  // the files of the answers and of the events shown
	Letters []Letter
}

// ExtractDraft is one of the resident's drafts, with the files uploaded to
// it.
type ExtractDraft struct {
	Draft       Draft
	Spec        eservice.Spec // the version of the service it is for
	SubmittedAt time.Time     // zero unless it was submitted (its answers are then in the errand)
	Files       []eservice.File
}

// extractTables names every table ResidentExtract reads a resident's data
// from, with what it holds. extractExempt names the tables with personal
// columns it leaves out on purpose, with why. TestExtractCoversSchema
// fails when the schema has a table with a resident_id column or a sealed
// (*_enc) column that is in neither list, so a new table of personal data
// cannot be left out of the extract silently.
var (
	extractTables = map[string]string{
		"residents":        "identity: personnummer, names, e-mail address, level of assurance",
		"resident_contact": "contact preferences: channel, e-mail address, postal address",
		"sessions":         "logins that have not ended (never the token)",
		"errands":          "errands: answers, receipt address, status, times",
		"errand_events":    "the history of errands, internal events left out",
		"errand_files":     "the names, types and sizes of files of errands and drafts",
		"letters":          "letters posted about errands",
		"eservice_drafts":  "drafts and their answers",
		"audit_log":        "who read the resident's data, logins, extracts",
	}
	extractExempt = map[string]string{
		"users":                  "staff accounts, not residents",
		"email_codes":            "one-time login codes that live for minutes; the address is only the lookup key the resident typed",
		"competence_assessments": "staff's own competence self-assessments, not residents'; each person sees theirs on the competence page",
		"competence_tallies":     "sealed sums of competence levels per unit and role group; no person's answers",
		"initiatives":            "the staff contact of a digitalization initiative, not a resident",
	}
)

// ResidentExtract returns everything the platform holds about resident
// residentID, decrypted, after recording the extract in the audit log as
// resident.extract by the resident with format ("html", "pdf", "json") as
// its detail. It returns NotFound for an unknown resident (the attempt is
// audited too).
func (db *DB) ResidentExtract(ctx context.Context, residentID int64, format string) (Extract, error) {
	_, err := db.AppendAudit(ctx, audit.Entry{ActorKind: audit.Resident, ActorID: residentID, Action: audit.ResidentExtract,
		ObjectType: "resident", ObjectID: strconv.FormatInt(residentID, 10), ResidentID: residentID, Detail: format})
	if err != nil {
		return Extract{}, fmt.Errorf("resident extract: %w", err)
	}
	var x Extract
	if x.Resident, err = db.FindResidentByID(ctx, residentID); err != nil {
		return Extract{}, fmt.Errorf("resident extract: %w", err)
	}
	if x.Contact, err = db.ResidentContact(ctx, residentID); err != nil {
		return Extract{}, fmt.Errorf("resident extract: %w", err)
	}
	for _, step := range []func(context.Context, *Extract) error{db.extractSessions, db.extractErrands, db.extractDrafts, db.extractAudit} {
		if err := step(ctx, &x); err != nil {
			return Extract{}, fmt.Errorf("resident extract: %w", err)
		}
	}
	return x, nil
}

// extractSessions adds the resident's sessions that have not ended.
func (db *DB) extractSessions(ctx context.Context, x *Extract) error {
	rows, err := db.query(ctx, `SELECT method, loa, created_at, last_seen_at, expires_at FROM sessions
		WHERE resident_id = ? AND expires_at > ? ORDER BY created_at DESC`, x.Resident.ID, db.Now())
	if err != nil {
		return fmt.Errorf("sessions: %w", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var s ExtractSession
		if err := rows.Scan(&s.Method, &s.LoA, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt); err != nil {
			return fmt.Errorf("sessions: %w", err)
		}
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
		x.Sessions = append(x.Sessions, s)
	}
	return rows.Err()
}

// extractErrands adds the resident's errands with their history, files
// and letters.
func (db *DB) extractErrands(ctx context.Context, x *Extract) error {
	ids, err := db.idsOf(ctx, `SELECT id FROM errands WHERE resident_id = ? ORDER BY submitted_at DESC, id DESC`, x.Resident.ID)
	if err != nil {
		return fmt.Errorf("errands: %w", err)
	}
	specs := specCache{}
	for _, id := range ids {
		var xe ExtractErrand
		if xe.Errand, err = db.findErrand(ctx, id); err != nil {
			return err
		}
		if xe.Spec, err = specs.get(ctx, db, xe.Errand.ServiceID, xe.Errand.Version); err != nil {
			return err
		}
		if xe.History, err = db.ErrandHistory(ctx, id, true); err != nil {
			return err
		}
		if xe.Files, err = db.extractFiles(ctx, `f.errand_id = ? AND (f.event_id IS NULL OR v.internal = FALSE)`, id); err != nil {
			return fmt.Errorf("files of errand %d: %w", id, err)
		}
		if xe.Letters, err = db.errandLetters(ctx, id); err != nil {
			return fmt.Errorf("letters of errand %d: %w", id, err)
		}
		x.Errands = append(x.Errands, xe)
	}
	return nil
}

// extractDrafts adds every draft of the resident: open ones with their
// answers, submitted and expired ones with what is left of them.
func (db *DB) extractDrafts(ctx context.Context, x *Extract) error {
	rows, err := db.query(ctx, `SELECT `+draftColumns+`, submitted_at FROM eservice_drafts
		WHERE resident_id = ? ORDER BY updated_at DESC, id DESC`, x.Resident.ID)
	if err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	var drafts []ExtractDraft
	for rows.Next() {
		var xd ExtractDraft
		var submitted sql.NullTime
		if xd.Draft, err = db.scanDraft(extraScan{rows, &submitted}); err != nil {
			_ = rows.Close()
			return fmt.Errorf("drafts: %w", err)
		}
		if submitted.Valid {
			xd.SubmittedAt = submitted.Time.UTC()
		}
		drafts = append(drafts, xd)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("drafts: %w", err)
	}
	specs := specCache{}
	for i := range drafts {
		d := &drafts[i]
		if d.Spec, err = specs.get(ctx, db, d.Draft.ServiceID, d.Draft.Version); err != nil {
			return err
		}
		if d.Files, err = db.extractFiles(ctx, `f.draft_id = ?`, d.Draft.ID); err != nil {
			return fmt.Errorf("files of draft %d: %w", d.Draft.ID, err)
		}
	}
	x.Drafts = drafts
	return nil
}

// extractAudit adds every audit entry about the resident (their resident
// id) or by them (a resident actor with their id), newest first.
func (db *DB) extractAudit(ctx context.Context, x *Extract) error {
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log
		WHERE resident_id = ? OR (actor_kind = ? AND actor_id = ?) ORDER BY id DESC`,
		x.Resident.ID, string(audit.Resident), x.Resident.ID)
	if err != nil {
		return fmt.Errorf("audit entries: %w", err)
	}
	for e, err := range scanAuditRows(rows) {
		if err != nil {
			return fmt.Errorf("audit entries: %w", err)
		}
		x.Audit = append(x.Audit, e)
	}
	return nil
}

// extractFiles returns the files of errand_files f (left joined with the
// event v it is attached to) that match cond with arg, in upload order.
func (db *DB) extractFiles(ctx context.Context, cond string, arg int64) ([]eservice.File, error) {
	rows, err := db.query(ctx, `SELECT f.id, f.name_enc, f.media_type, f.size, f.blob_key, f.created_at
		FROM errand_files f LEFT JOIN errand_events v ON v.id = f.event_id WHERE `+cond+` ORDER BY f.id`, arg)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []eservice.File
	for rows.Next() {
		var at time.Time
		f, err := db.scanFile(rows, &at)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// errandLetters returns the letters of errand id, oldest first.
func (db *DB) errandLetters(ctx context.Context, id int64) ([]Letter, error) {
	rows, err := db.query(ctx, `SELECT `+letterColumns+letterFrom+` WHERE l.errand_id = ? ORDER BY l.created_at, l.id`, id)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []Letter
	for rows.Next() {
		l, err := scanLetter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// idsOf returns the ids query selects with args.
func (db *DB) idsOf(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// specCache reads each service version once.
type specCache map[[2]int64]eservice.Spec

func (c specCache) get(ctx context.Context, db *DB, service int64, version int) (eservice.Spec, error) {
	k := [2]int64{service, int64(version)}
	if s, ok := c[k]; ok {
		return s, nil
	}
	s, err := db.FindServiceVersion(ctx, service, version)
	if err != nil {
		return eservice.Spec{}, err
	}
	c[k] = s
	return s, nil
}

// extraScan scans a row into the destinations of the scanner it wraps and
// then into extra, for scan functions that read a fixed set of columns.
type extraScan struct {
	rows  *sql.Rows
	extra any
}

func (e extraScan) Scan(dest ...any) error { return e.rows.Scan(append(dest, e.extra)...) }
