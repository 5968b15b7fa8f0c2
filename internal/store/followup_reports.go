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

// The yearly follow-up report: the narratives being written for a year
// (a draft, one per year, saved over) and the issued versions of a
// year's report, each the whole report frozen as JSON. Issued versions
// are only ever inserted: the store has no path to change or remove one,
// and the database refuses it (triggers in 0014_reports).

// reportObject is the audit object type of a year's report.
const reportObject = "followup_report"

// ReportDraft is the draft of a year's report: its narratives and who
// saved them last. A year nobody wrote for has empty narratives and a
// zero UpdatedAt.
type ReportDraft struct {
	Year          int
	Narratives    followup.Narratives
	UpdatedAt     time.Time
	UpdatedBy     int64
	UpdatedByName string
}

// ReportVersion is an issued version of a year's report. Report is the
// frozen report; it is empty in the lists of ReportVersions.
type ReportVersion struct {
	Year         int
	Version      int
	IssuedAt     time.Time
	IssuedBy     int64
	IssuedByName string
	Report       followup.Report
}

// IssuedYear is a year with an issued report: its latest version and
// when that was issued.
type IssuedYear struct {
	Year     int
	Latest   int
	IssuedAt time.Time
}

// invalidYear is the error for a year outside followup.ValidReportYear.
func invalidYear(year int) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: "followup.report.msg.year",
		Fields: map[string]string{"year": "followup.report.msg.year"}, Cause: fmt.Errorf("year %d", year)}
}

// ReportDraft returns the draft of year's report.
func (db *DB) ReportDraft(ctx context.Context, year int) (ReportDraft, error) {
	d := ReportDraft{Year: year}
	if !followup.ValidReportYear(year) {
		return d, invalidYear(year)
	}
	var raw string
	var by sql.NullInt64
	var name sql.NullString
	err := db.queryRow(ctx, `SELECT d.narratives, d.updated_at, d.updated_by, u.username
		FROM followup_report_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.year = ?`, year).
		Scan(&raw, &d.UpdatedAt, &by, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("find report draft %d: %w", year, err)
	}
	if err := json.Unmarshal([]byte(raw), &d.Narratives); err != nil {
		return d, fmt.Errorf("read report draft %d: %w", year, err)
	}
	d.UpdatedAt, d.UpdatedBy, d.UpdatedByName = d.UpdatedAt.UTC(), by.Int64, name.String
	return d, nil
}

// SaveReportDraft stores n (normalized) as the narratives of year's
// draft, recording who saved them in the audit log in the same
// transaction. It returns Invalid, with a message key per field, for
// narratives that followup.Narratives.Validate refuses or a year out of
// range; nothing is stored then.
func (db *DB) SaveReportDraft(ctx context.Context, year int, n followup.Narratives, byUserID int64) (ReportDraft, error) {
	if !followup.ValidReportYear(year) {
		return ReportDraft{}, invalidYear(year)
	}
	if bad := n.Validate(); bad != nil {
		return ReportDraft{}, &sprang.Error{Kind: sprang.Invalid, Message: "followup.report.msg.invalid", Fields: bad}
	}
	n = n.Normalized()
	raw, err := json.Marshal(n)
	if err != nil {
		return ReportDraft{}, fmt.Errorf("save report draft %d: %w", year, err)
	}
	now := db.Now().Truncate(time.Microsecond)
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO followup_report_drafts (year, narratives, updated_at, updated_by)
			VALUES (?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET narratives = excluded.narratives,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`), year, string(raw), now, nullID(byUserID)); err != nil {
			return err
		}
		return db.reportAuditTx(ctx, tx, byUserID, audit.FollowUpReportSaved, year, "")
	})
	if err != nil {
		return ReportDraft{}, fmt.Errorf("save report draft %d: %w", year, err)
	}
	return db.ReportDraft(ctx, year)
}

// reportAuditTx appends the audit entry of action on year's report by the
// staff user byUserID (the system when 0).
func (db *DB) reportAuditTx(ctx context.Context, tx *sql.Tx, byUserID int64, action audit.Action, year int, detail string) error {
	e := audit.Entry{ActorKind: audit.System, ActorName: "system", Action: action, ObjectType: reportObject,
		ObjectID: strconv.Itoa(year), Detail: detail}
	if byUserID != 0 {
		e.ActorKind, e.ActorID, e.ActorName = audit.Staff, byUserID, db.usernameTx(ctx, tx, byUserID)
	}
	_, err := db.AppendAuditTx(ctx, tx, e)
	return err
}
