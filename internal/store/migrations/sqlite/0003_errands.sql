-- Errands (ärenden): what residents submit through an e-service or case
-- officers register from another channel, their history (events), their
-- files, the diary series that numbers them per unit and year, and the
-- queue of letters to post to residents who asked for letters.
--
-- Personal data is sealed (AES-GCM, bound to table, column and row id) in
-- the *_enc columns; everything else here is free of personal data.

-- The registration code of a unit's diary numbers ("SBF 2026/00042"). Empty
-- means derived from the slug; the first errand of a unit fixes the code
-- it used here, so a later slug change never changes a series.
ALTER TABLE org_units ADD COLUMN diary_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX org_units_diary_code ON org_units(diary_code) WHERE diary_code <> '';

-- The last diary number handed out per unit and year, allocated with an
-- upsert inside the submitting transaction.
CREATE TABLE diary_series (
    unit_id   INTEGER NOT NULL REFERENCES org_units(id),
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year)
);

CREATE TABLE errands (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,
    diary_number   TEXT NOT NULL UNIQUE,
    service_id     INTEGER NOT NULL REFERENCES eservices(id),
    version        INTEGER NOT NULL,
    unit_id        INTEGER NOT NULL REFERENCES org_units(id),
    channel        TEXT NOT NULL CHECK (channel IN ('digital', 'paper', 'phone', 'visit', 'letter')),
    resident_id    INTEGER REFERENCES residents(id),
    status         TEXT NOT NULL,
    status_kind    TEXT NOT NULL CHECK (status_kind IN ('received', 'open', 'waiting', 'decided', 'closed')),
    assignee_id    INTEGER REFERENCES users(id),
    answers_enc    BLOB,
    email_enc      BLOB,
    by_letter      BOOLEAN NOT NULL DEFAULT FALSE,
    legal_hold     BOOLEAN NOT NULL DEFAULT FALSE,
    anonymized     BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at   TIMESTAMP NOT NULL,
    due_at         TIMESTAMP NOT NULL,
    decided_at     TIMESTAMP,
    closed_at      TIMESTAMP,
    registered_by  INTEGER REFERENCES users(id)
);
-- The inbox pages by keyset within one unit at a time, so every filter has
-- an index that starts with unit_id and ends with the sort key and id.
-- Open errands (the working set; closed ones pile up over the years) have
-- partial indexes of their own. Without statistics SQLite's planner does
-- not prefer a partial index for being small, so these name closed_at
-- (always NULL in them) as a second column: "unit_id = ? AND closed_at IS
-- NULL" then matches two columns and wins over the full indexes, and the
-- inbox writes its other filters so that they cannot use an index when it
-- asks for open errands (see inboxConds).
CREATE INDEX errands_unit_submitted ON errands(unit_id, submitted_at, id);
CREATE INDEX errands_unit_due ON errands(unit_id, due_at, id);
CREATE INDEX errands_unit_open ON errands(unit_id, closed_at, submitted_at, id) WHERE closed_at IS NULL;
CREATE INDEX errands_unit_open_due ON errands(unit_id, closed_at, due_at, id) WHERE closed_at IS NULL;
CREATE INDEX errands_unit_status ON errands(unit_id, status, submitted_at, id);
CREATE INDEX errands_unit_assignee ON errands(unit_id, assignee_id, submitted_at, id);
CREATE INDEX errands_unit_service ON errands(unit_id, service_id, submitted_at, id);
CREATE INDEX errands_unit_channel ON errands(unit_id, channel, submitted_at, id);
CREATE INDEX errands_service ON errands(service_id, submitted_at);
CREATE INDEX errands_resident ON errands(resident_id, submitted_at);
CREATE INDEX errands_assignee ON errands(assignee_id);

CREATE TABLE errand_events (
    id           INTEGER PRIMARY KEY,
    errand_id    INTEGER NOT NULL REFERENCES errands(id) ON DELETE CASCADE,
    at           TIMESTAMP NOT NULL,
    kind         TEXT NOT NULL,
    by_user_id   INTEGER REFERENCES users(id),
    by_resident  BOOLEAN NOT NULL DEFAULT FALSE,
    body_enc     BLOB,
    data         TEXT NOT NULL DEFAULT '{}',  -- JSON object of strings, no personal data
    internal     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX errand_events_errand ON errand_events(errand_id, at, id);

-- A file is on a draft (draft_id, question), on an errand (errand_id, and
-- event_id for a message's attachment), or loose between its upload and
-- being attached.
CREATE TABLE errand_files (
    id          INTEGER PRIMARY KEY,
    errand_id   INTEGER REFERENCES errands(id) ON DELETE CASCADE,
    draft_id    INTEGER REFERENCES eservice_drafts(id) ON DELETE CASCADE,
    event_id    INTEGER REFERENCES errand_events(id) ON DELETE CASCADE,
    question    TEXT NOT NULL DEFAULT '',
    name_enc    BLOB,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    blob_key    TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX errand_files_errand ON errand_files(errand_id);
CREATE INDEX errand_files_draft ON errand_files(draft_id);
CREATE INDEX errand_files_event ON errand_files(event_id);
CREATE INDEX errand_files_loose ON errand_files(created_at) WHERE errand_id IS NULL AND draft_id IS NULL;

-- Letters to post to residents who asked for letters, one per message,
-- completion request or decision.
CREATE TABLE letters (
    id          INTEGER PRIMARY KEY,
    errand_id   INTEGER NOT NULL REFERENCES errands(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES errand_events(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    printed_at  TIMESTAMP,
    printed_by  INTEGER REFERENCES users(id)
);
CREATE INDEX letters_errand ON letters(errand_id);
CREATE INDEX letters_unprinted ON letters(created_at, id) WHERE printed_at IS NULL;
