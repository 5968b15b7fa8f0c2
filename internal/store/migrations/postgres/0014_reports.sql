-- The yearly follow-up report (issue 5): the narratives being written for
-- a year, and the issued versions of each year's report.

-- The draft narratives of a year's report (followup.Narratives as JSON),
-- with who saved them last and when. One row per year.
CREATE TABLE followup_report_drafts (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    narratives  TEXT NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  BIGINT REFERENCES users(id)
);

-- An issued version of a year's report: the whole report frozen as JSON
-- (followup.Report), numbered 1, 2, 3 … per year. issued_by_name is the
-- username at the time, so the version says who issued it however the
-- account changes.
CREATE TABLE followup_report_versions (
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version         INTEGER NOT NULL CHECK (version >= 1),
    issued_at       TIMESTAMPTZ NOT NULL,
    issued_by       BIGINT REFERENCES users(id),
    issued_by_name  TEXT NOT NULL DEFAULT '',
    snapshot        TEXT NOT NULL,
    PRIMARY KEY (year, version)
);

-- An issued version is never changed nor removed: the store has no path
-- for it, and this trigger refuses it from anywhere else.
CREATE FUNCTION followup_report_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'followup_report_versions: an issued report is never changed or removed';
END;
$$;
CREATE TRIGGER followup_report_versions_frozen BEFORE UPDATE OR DELETE ON followup_report_versions
    FOR EACH ROW EXECUTE FUNCTION followup_report_versions_frozen();
