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

// IssueReport freezes r as the next version of the report of r.Year
// (1 for the first), issued now by the staff user byUserID, and records
// it in the audit log in the same transaction. It returns the version as
// stored; Invalid for a year out of range. Two issues of the same year at
// once get different numbers (the second is retried once on a clash).
func (db *DB) IssueReport(ctx context.Context, r followup.Report, byUserID int64) (ReportVersion, error) {
	if !followup.ValidReportYear(r.Year) {
		return ReportVersion{}, invalidYear(r.Year)
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
	if err != nil {
		return ReportVersion{}, fmt.Errorf("issue report %d: %w", r.Year, err)
	}
	v.Report = r
	return v, nil
}

// issueReportOnce inserts raw as the next version of year's report.
func (db *DB) issueReportOnce(ctx context.Context, year int, raw []byte, byUserID int64) (ReportVersion, error) {
	v := ReportVersion{Year: year, IssuedAt: db.Now().Truncate(time.Microsecond), IssuedBy: byUserID}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COALESCE(MAX(version), 0) + 1 FROM followup_report_versions WHERE year = ?`),
			year).Scan(&v.Version); err != nil {
			return err
		}
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
