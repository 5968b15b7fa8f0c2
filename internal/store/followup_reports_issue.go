package store

import (
	"bytes"
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

// ErrReportUnchanged is returned (wrapped) by IssueReport when the report
// is the same as the latest version issued of its year, apart from when
// it was built: issuing it would only add an identical version (a
// double-click, or an issue without any change since the last).
var ErrReportUnchanged = &sprang.Error{Kind: sprang.Conflict, Message: "followup.report.msg.unchanged"}

// IssueReport freezes r as the next version of the report of r.Year
// (1 for the first), issued now by the staff user byUserID, and records
// it in the audit log in the same transaction. It returns the version as
// stored. It refuses (Invalid) a year out of range and a year that has
// not ended (followup.YearEnded at db.Now()), and returns the latest
// version with ErrReportUnchanged when r is the same as that version.
// Two issues of the same year at once get different numbers (the second
// is retried once on a clash, and then finds the first's version: a
// double-click issues one version).
func (db *DB) IssueReport(ctx context.Context, r followup.Report, byUserID int64) (ReportVersion, error) {
	if !followup.ValidReportYear(r.Year) {
		return ReportVersion{}, invalidYear(r.Year)
	}
	if !followup.YearEnded(r.Year, db.Now()) {
		return ReportVersion{}, &sprang.Error{Kind: sprang.Invalid, Message: "followup.report.msg.not_ended",
			Cause: fmt.Errorf("year %d has not ended", r.Year)}
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return ReportVersion{}, fmt.Errorf("issue report %d: %w", r.Year, err)
	}
	var v ReportVersion
	for attempt := 0; ; attempt++ {
		v, err = db.issueReportOnce(ctx, r.Year, raw, byUserID)
		if !isUniqueViolation(err) || attempt > 0 {
			break
		}
	}
	if errors.Is(err, ErrReportUnchanged) {
		return v, fmt.Errorf("issue report %d: %w", r.Year, err)
	}
	if err != nil {
		return ReportVersion{}, fmt.Errorf("issue report %d: %w", r.Year, err)
	}
	v.Report = r
	return v, nil
}

// issueReportOnce inserts raw as the next version of year's report,
// unless it is the same as the latest (ErrReportUnchanged, with that
// version's number and time).
func (db *DB) issueReportOnce(ctx context.Context, year int, raw []byte, byUserID int64) (ReportVersion, error) {
	v := ReportVersion{Year: year, IssuedAt: db.Now().Truncate(time.Microsecond), IssuedBy: byUserID}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		latest, same, err := db.sameAsLatestTx(ctx, tx, year, raw)
		if err != nil {
			return err
		}
		if same {
			v = latest
			return ErrReportUnchanged
		}
		v.Version = latest.Version + 1
		if byUserID != 0 {
			v.IssuedByName = db.usernameTx(ctx, tx, byUserID)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO followup_report_versions
			(year, version, issued_at, issued_by, issued_by_name, snapshot) VALUES (?, ?, ?, ?, ?, ?)`),
			year, v.Version, v.IssuedAt, nullID(byUserID), v.IssuedByName, string(raw)); err != nil {
			return err
		}
		return db.reportAuditTx(ctx, tx, byUserID, audit.FollowUpReportIssued, year, "version "+strconv.Itoa(v.Version))
	})
	return v, err
}

// sameAsLatestTx returns the latest issued version of year (Version 0
// when none) and whether raw is the same report, apart from BuiltAt.
func (db *DB) sameAsLatestTx(ctx context.Context, tx *sql.Tx, year int, raw []byte) (ReportVersion, bool, error) {
	latest := ReportVersion{Year: year}
	var by sql.NullInt64
	var snapshot string
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT version, issued_at, issued_by, issued_by_name, snapshot
		FROM followup_report_versions WHERE year = ? ORDER BY version DESC LIMIT 1`), year).
		Scan(&latest.Version, &latest.IssuedAt, &by, &latest.IssuedByName, &snapshot)
	if errors.Is(err, sql.ErrNoRows) {
		return latest, false, nil
	}
	if err != nil {
		return latest, false, err
	}
	latest.IssuedAt, latest.IssuedBy = latest.IssuedAt.UTC(), by.Int64
	return latest, sameReport([]byte(snapshot), raw), nil
}

// sameReport reports whether the reports a and b (as JSON) are the same
// apart from when they were built. Both are read and written again, so
// that only their content is compared; one that does not read is not
// the same.
func sameReport(a, b []byte) bool {
	norm := func(raw []byte) ([]byte, bool) {
		var r followup.Report
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, false
		}
		r.BuiltAt = time.Time{}
		out, err := json.Marshal(r)
		return out, err == nil
	}
	na, okA := norm(a)
	nb, okB := norm(b)
	return okA && okB && bytes.Equal(na, nb)
}

// ReportVersions returns the issued versions of year's report, newest
// first, without their reports.
func (db *DB) ReportVersions(ctx context.Context, year int) ([]ReportVersion, error) {
	rows, err := db.query(ctx, `SELECT year, version, issued_at, issued_by, issued_by_name
		FROM followup_report_versions WHERE year = ? ORDER BY version DESC`, year)
	if err != nil {
		return nil, fmt.Errorf("find report versions %d: %w", year, err)
	}
	defer func() { _ = rows.Close() }()
	var out []ReportVersion
	for rows.Next() {
		var v ReportVersion
		var by sql.NullInt64
		if err := rows.Scan(&v.Year, &v.Version, &v.IssuedAt, &by, &v.IssuedByName); err != nil {
			return nil, fmt.Errorf("find report versions %d: %w", year, err)
		}
		v.IssuedAt, v.IssuedBy = v.IssuedAt.UTC(), by.Int64
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find report versions %d: %w", year, err)
	}
	return out, nil
}

// ReportVersion returns version of year's report with its frozen report;
// version 0 means the latest. NotFound when there is no such version.
func (db *DB) ReportVersion(ctx context.Context, year, version int) (ReportVersion, error) {
	q := `SELECT year, version, issued_at, issued_by, issued_by_name, snapshot FROM followup_report_versions
		WHERE year = ? AND version = ?`
	args := []any{year, version}
	if version == 0 {
		q = `SELECT year, version, issued_at, issued_by, issued_by_name, snapshot FROM followup_report_versions
		WHERE year = ? ORDER BY version DESC LIMIT 1`
		args = args[:1]
	}
	var v ReportVersion
	var by sql.NullInt64
	var raw string
	err := db.queryRow(ctx, q, args...).Scan(&v.Year, &v.Version, &v.IssuedAt, &by, &v.IssuedByName, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return ReportVersion{}, sprang.Errorf(sprang.NotFound, "report %d version %d not found", year, version)
	}
	if err != nil {
		return ReportVersion{}, fmt.Errorf("find report %d version %d: %w", year, version, err)
	}
	if err := json.Unmarshal([]byte(raw), &v.Report); err != nil {
		return ReportVersion{}, fmt.Errorf("read report %d version %d: %w", year, v.Version, err)
	}
	v.IssuedAt, v.IssuedBy = v.IssuedAt.UTC(), by.Int64
	return v, nil
}

// IssuedYears returns the years with an issued report, newest first.
func (db *DB) IssuedYears(ctx context.Context) ([]IssuedYear, error) {
	rows, err := db.query(ctx, `SELECT v.year, v.version, v.issued_at FROM followup_report_versions v
		WHERE v.version = (SELECT MAX(w.version) FROM followup_report_versions w WHERE w.year = v.year)
		ORDER BY v.year DESC`)
	if err != nil {
		return nil, fmt.Errorf("find issued reports: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []IssuedYear
	for rows.Next() {
		var y IssuedYear
		if err := rows.Scan(&y.Year, &y.Latest, &y.IssuedAt); err != nil {
			return nil, fmt.Errorf("find issued reports: %w", err)
		}
		y.IssuedAt = y.IssuedAt.UTC()
		out = append(out, y)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find issued reports: %w", err)
	}
	return out, nil
}
