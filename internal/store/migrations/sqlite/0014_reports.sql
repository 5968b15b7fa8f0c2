-- The yearly follow-up report (issue 5): the narratives being written for
-- a year, and the issued versions of each year's report.

-- The draft narratives of a year's report (followup.Narratives as JSON),
-- with who saved them last and when. One row per year.
CREATE TABLE followup_report_drafts (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    narratives  TEXT NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMP NOT NULL,
    updated_by  INTEGER REFERENCES users(id)
);

-- An issued version of a year's report: the whole report frozen as JSON
-- (followup.Report), numbered 1, 2, 3 … per year. issued_by_name is the
-- username at the time, so the version says who issued it however the
-- account changes.
CREATE TABLE followup_report_versions (
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version         INTEGER NOT NULL CHECK (version >= 1),
    issued_at       TIMESTAMP NOT NULL,
    issued_by       INTEGER REFERENCES users(id),
    issued_by_name  TEXT NOT NULL DEFAULT '',
    snapshot        TEXT NOT NULL,
    PRIMARY KEY (year, version)
);

-- An issued version is never changed nor removed: the store has no path
-- for it, and these triggers refuse it from anywhere else.
CREATE TRIGGER followup_report_versions_no_update BEFORE UPDATE ON followup_report_versions
BEGIN SELECT RAISE(ABORT, 'followup_report_versions: an issued report is never changed'); END;
CREATE TRIGGER followup_report_versions_no_delete BEFORE DELETE ON followup_report_versions
BEGIN SELECT RAISE(ABORT, 'followup_report_versions: an issued report is never removed'); END;
