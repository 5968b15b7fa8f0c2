-- E-services: services and their versions, the residents' catalogue with
-- its full-text index, use counts for "most used", and residents' drafts.

-- A service. The catalogue columns (title … keywords) copy the facts of the
-- spec the service shows: the published version, or the draft while it was
-- never published. Only services with a published version are in the
-- catalogue.
CREATE TABLE eservices (
    id                 INTEGER PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    unit_id            INTEGER NOT NULL REFERENCES org_units(id),
    published_version  INTEGER NOT NULL DEFAULT 0,
    draft_version      INTEGER NOT NULL DEFAULT 0,
    title_sv           TEXT NOT NULL DEFAULT '',
    title_en           TEXT NOT NULL DEFAULT '',
    summary_sv         TEXT NOT NULL DEFAULT '',
    summary_en         TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    keywords           TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX eservices_unit ON eservices(unit_id);
CREATE INDEX eservices_category ON eservices(category) WHERE published_version > 0;

-- The versions of a service. spec is the JSON of eservice.Spec; unit_id is
-- the owning unit the version was made for (not part of the JSON). A
-- published version is never changed again, except that it becomes
-- superseded when the next one is published.
CREATE TABLE eservice_versions (
    service_id    INTEGER NOT NULL REFERENCES eservices(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version > 0),
    state         TEXT NOT NULL CHECK (state IN ('draft', 'published', 'superseded')),
    unit_id       INTEGER NOT NULL REFERENCES org_units(id),
    spec          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER REFERENCES users(id),
    published_at  TIMESTAMP,
    published_by  INTEGER REFERENCES users(id),
    PRIMARY KEY (service_id, version)
);
CREATE UNIQUE INDEX eservice_versions_one_draft ON eservice_versions(service_id) WHERE state = 'draft';
CREATE UNIQUE INDEX eservice_versions_one_published ON eservice_versions(service_id) WHERE state = 'published';

-- Defence in depth behind the store's rules: a version that is no longer a
-- draft keeps its content; the only change it takes is published →
-- superseded.
CREATE TRIGGER eservice_versions_frozen BEFORE UPDATE ON eservice_versions
WHEN OLD.state <> 'draft' AND (
    NEW.spec IS NOT OLD.spec OR NEW.unit_id IS NOT OLD.unit_id
    OR NEW.service_id IS NOT OLD.service_id OR NEW.version IS NOT OLD.version
    OR NEW.published_at IS NOT OLD.published_at OR NEW.published_by IS NOT OLD.published_by
    OR NOT (NEW.state = OLD.state OR (OLD.state = 'published' AND NEW.state = 'superseded')))
BEGIN SELECT RAISE(ABORT, 'eservice_versions: a published version cannot be changed'); END;

-- Full-text index of the catalogue columns, rowid = eservices.id, kept in
-- step by the triggers below. The tokenizer keeps å, ä and ö (they are
-- letters of their own in Swedish, not a with diacritics).
CREATE VIRTUAL TABLE eservice_search USING fts5(
    title, summary, keywords, category,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER eservices_search_insert AFTER INSERT ON eservices
BEGIN
    INSERT INTO eservice_search (rowid, title, summary, keywords, category)
    VALUES (NEW.id, NEW.title_sv || ' ' || NEW.title_en, NEW.summary_sv || ' ' || NEW.summary_en,
            NEW.keywords, NEW.category);
END;
CREATE TRIGGER eservices_search_update
AFTER UPDATE OF title_sv, title_en, summary_sv, summary_en, keywords, category ON eservices
BEGIN
    DELETE FROM eservice_search WHERE rowid = OLD.id;
    INSERT INTO eservice_search (rowid, title, summary, keywords, category)
    VALUES (NEW.id, NEW.title_sv || ' ' || NEW.title_en, NEW.summary_sv || ' ' || NEW.summary_en,
            NEW.keywords, NEW.category);
END;
CREATE TRIGGER eservices_search_delete AFTER DELETE ON eservices
BEGIN
    DELETE FROM eservice_search WHERE rowid = OLD.id;
END;

-- Errands made per service and day, for "most used" in the catalogue.
-- Counted when an errand is submitted, by any channel (paper errands have
-- no draft, so drafts cannot be counted instead).
CREATE TABLE eservice_uses (
    service_id  INTEGER NOT NULL REFERENCES eservices(id) ON DELETE CASCADE,
    day         DATE NOT NULL,  -- 'YYYY-MM-DD', UTC
    n           INTEGER NOT NULL,
    PRIMARY KEY (service_id, day)
);

-- A resident's errand in progress, owned by a resident or by the browser
-- holding an anonymous token (token_hash is its SHA-256). answers_enc is
-- sealed; cleanup clears it when the draft expires and keeps the row for
-- statistics (started, the furthest page reached, submitted).
CREATE TABLE eservice_drafts (
    id            INTEGER PRIMARY KEY,
    service_id    INTEGER NOT NULL REFERENCES eservices(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    resident_id   INTEGER REFERENCES residents(id) ON DELETE CASCADE,
    token_hash    TEXT,
    answers_enc   BLOB,
    page          INTEGER NOT NULL DEFAULT 0,
    furthest      INTEGER NOT NULL DEFAULT 0,
    started_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    submitted_at  TIMESTAMP,
    errand_id     INTEGER  -- the errand it became; no foreign key: errands come in a later migration
);
CREATE INDEX eservice_drafts_resident ON eservice_drafts(resident_id) WHERE resident_id IS NOT NULL;
CREATE INDEX eservice_drafts_token ON eservice_drafts(token_hash) WHERE token_hash IS NOT NULL;
CREATE INDEX eservice_drafts_expires ON eservice_drafts(expires_at) WHERE answers_enc IS NOT NULL;
