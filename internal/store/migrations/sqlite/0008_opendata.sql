-- Open data: the catalogue's datasets, their distributions and the
-- versions of uploaded files, and the API call counter.

-- A dataset with its DCAT-AP-SE metadata (opendata.Dataset). id is a random
-- UUID. The list fields (keywords, keywords_en, themes, hvd_categories) are
-- JSON arrays of text, read with the row; themes are also kept one per row
-- in dataset_themes, in the same transaction, for the search's filter and
-- facet counts. high_value is "hvd_categories is not empty", kept for the
-- same reason.
--
-- The search_* columns are written by the store from the metadata: the
-- titles, the keywords and the descriptions of both languages, in NFC and
-- lower case, so that a search is a case-insensitive substring match (with
-- å, ä and ö) that reads the same on both engines. title_key_sv and
-- title_key_en are collation keys of the title in Swedish and in English
-- (the English title, or the Swedish one when there is none): the bytes
-- sort as the titles sort in that language ("Å" before "Ä" before "Ö",
-- after "Z", in Swedish).
CREATE TABLE datasets (
    id               TEXT PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    unit_id          INTEGER NOT NULL REFERENCES org_units(id),
    state            TEXT NOT NULL CHECK (state IN ('draft', 'published', 'withdrawn')),
    title_sv         TEXT NOT NULL DEFAULT '',
    title_en         TEXT NOT NULL DEFAULT '',
    description_sv   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    contact_name     TEXT NOT NULL DEFAULT '',
    contact_email    TEXT NOT NULL DEFAULT '',
    keywords         TEXT NOT NULL DEFAULT '[]',
    keywords_en      TEXT NOT NULL DEFAULT '[]',
    themes           TEXT NOT NULL DEFAULT '[]',
    licence          TEXT NOT NULL DEFAULT '',
    access_rights    TEXT NOT NULL DEFAULT '',
    frequency        TEXT NOT NULL DEFAULT '',
    temporal_start   TEXT NOT NULL DEFAULT '',
    temporal_end     TEXT NOT NULL DEFAULT '',
    spatial          TEXT NOT NULL DEFAULT '',
    landing_page     TEXT NOT NULL DEFAULT '',
    hvd_categories   TEXT NOT NULL DEFAULT '[]',
    high_value       BOOLEAN NOT NULL DEFAULT FALSE,
    generated        BOOLEAN NOT NULL DEFAULT FALSE,
    method           TEXT NOT NULL DEFAULT '',
    search_title     TEXT NOT NULL DEFAULT '',
    search_keywords  TEXT NOT NULL DEFAULT '',
    search_body      TEXT NOT NULL DEFAULT '',
    title_key_sv     BLOB NOT NULL DEFAULT X'',
    title_key_en     BLOB NOT NULL DEFAULT X'',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    published_at     TIMESTAMP
);
CREATE INDEX datasets_unit ON datasets(unit_id, state);
-- The orders of the search: modified, created, and title in Swedish and
-- English.
CREATE INDEX datasets_state_updated ON datasets(state, updated_at);
CREATE INDEX datasets_state_created ON datasets(state, created_at);
CREATE INDEX datasets_state_title_sv ON datasets(state, title_key_sv);
CREATE INDEX datasets_state_title_en ON datasets(state, title_key_en);

-- The themes of a dataset, one row each (a copy of datasets.themes).
CREATE TABLE dataset_themes (
    dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    theme       TEXT NOT NULL,
    PRIMARY KEY (dataset_id, theme)
);
CREATE INDEX dataset_themes_theme ON dataset_themes(theme, dataset_id);

-- A distribution of a dataset (opendata.Distribution): an uploaded file
-- or a link. For a file, format … version describe its newest upload.
CREATE TABLE distributions (
    id              TEXT PRIMARY KEY,
    dataset_id      TEXT NOT NULL REFERENCES datasets(id),
    kind            TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    title_sv        TEXT NOT NULL DEFAULT '',
    title_en        TEXT NOT NULL DEFAULT '',
    description_sv  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    format          TEXT NOT NULL DEFAULT '',
    media_type      TEXT NOT NULL DEFAULT '',
    byte_size       INTEGER NOT NULL DEFAULT 0,
    checksum        TEXT NOT NULL DEFAULT '',
    licence         TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX distributions_dataset ON distributions(dataset_id, position);
CREATE INDEX distributions_format ON distributions(format, dataset_id);

-- One version of a file distribution (opendata.Upload); its datastore
-- table is named after id. The datastore's loader writes load_state,
-- loaded_rows, load_message, columns_json (a JSON array of
-- opendata.Column) and quality_json (opendata.Quality, NULL until loaded).
CREATE TABLE uploads (
    id               INTEGER PRIMARY KEY,
    distribution_id  TEXT NOT NULL REFERENCES distributions(id),
    version          INTEGER NOT NULL CHECK (version > 0),
    file_name        TEXT NOT NULL DEFAULT '',
    blob_key         TEXT NOT NULL,
    media_type       TEXT NOT NULL DEFAULT '',
    byte_size        BIGINT NOT NULL DEFAULT 0,
    checksum         TEXT NOT NULL DEFAULT '',
    load_state       TEXT NOT NULL DEFAULT 'none'
                     CHECK (load_state IN ('none', 'pending', 'loading', 'loaded', 'failed')),
    loaded_rows      BIGINT NOT NULL DEFAULT 0,
    load_message     TEXT NOT NULL DEFAULT '',
    columns_json     TEXT NOT NULL DEFAULT '[]',
    quality_json     TEXT,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (distribution_id, version)
);
-- Loads not finished, for the loader to pick up again after a restart.
CREATE INDEX uploads_unloaded ON uploads(load_state) WHERE load_state IN ('pending', 'loading');

-- Defence in depth: an upload is a version of the data, kept as it was
-- uploaded. Only what the loader reports about it changes.
CREATE TRIGGER uploads_frozen BEFORE UPDATE ON uploads
WHEN NEW.distribution_id IS NOT OLD.distribution_id OR NEW.version IS NOT OLD.version
    OR NEW.file_name IS NOT OLD.file_name OR NEW.blob_key IS NOT OLD.blob_key
    OR NEW.media_type IS NOT OLD.media_type OR NEW.byte_size IS NOT OLD.byte_size
    OR NEW.checksum IS NOT OLD.checksum OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'uploads: an uploaded version cannot be changed'); END;

-- API calls counted per day (UTC, 'YYYY-MM-DD') and action, for the
-- follow-up of the open data portal's use.
CREATE TABLE api_calls (
    day     TEXT NOT NULL,
    action  TEXT NOT NULL,
    calls   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, action)
);
