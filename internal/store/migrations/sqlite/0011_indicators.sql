-- Follow-up indicators (issue 5): the registry of indicators with their
-- targets per year, the values entered by hand or imported from Kolada,
-- and the platform's own page views per day for its page weight and
-- CO₂e. Computed indicators store no values: they are read live.

-- An indicator. key is its stable identity (used in URLs and the open
-- dataset); owner_unit_id the unit that enters its manual values;
-- computation the key of its computation (source 'computed'); kolada_kpi
-- Kolada's KPI id (source 'kolada', or any indicator that takes Kolada's
-- figures); margin the at-risk margin as a share of the target (0: the
-- default); sort_order its place within its perspective.
CREATE TABLE indicators (
    key            TEXT PRIMARY KEY,
    perspective    TEXT NOT NULL CHECK (perspective IN ('trygghet', 'kompetens', 'ledarskap', 'hallbarhet', 'innovation')),
    owner_unit_id  INTEGER NOT NULL REFERENCES org_units(id),
    name_sv        TEXT NOT NULL,
    name_en        TEXT NOT NULL DEFAULT '',
    method_sv      TEXT NOT NULL DEFAULT '',
    method_en      TEXT NOT NULL DEFAULT '',
    measure        TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    source         TEXT NOT NULL CHECK (source IN ('computed', 'manual', 'kolada')),
    computation    TEXT NOT NULL DEFAULT '',
    kolada_kpi     TEXT NOT NULL DEFAULT '',
    public         BOOLEAN NOT NULL DEFAULT FALSE,
    margin         REAL NOT NULL DEFAULT 0 CHECK (margin >= 0 AND margin <= 1),
    sort_order     INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX indicators_kolada ON indicators(kolada_kpi) WHERE kolada_kpi <> '';

-- An indicator's target for a year, for the group and every unit alike.
CREATE TABLE indicator_targets (
    indicator_key  TEXT NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    value          REAL NOT NULL,
    PRIMARY KEY (indicator_key, year)
);

-- A value entered by hand or imported, one per indicator, unit (0: the
-- group as a whole, so no foreign key) and period ('2025' or '2025-03');
-- a new one replaces the old. entered_by is NULL for the platform itself
-- (an import by the demo).
CREATE TABLE indicator_values (
    indicator_key  TEXT NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
    unit_id        INTEGER NOT NULL,
    period         TEXT NOT NULL,
    value          REAL NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    comment        TEXT NOT NULL DEFAULT '',
    entered_by     INTEGER REFERENCES users(id),
    entered_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (indicator_key, unit_id, period)
);

-- The platform's HTML page views per day (Swedish time, 'YYYY-MM-DD') and
-- the bytes sent for pages and their static files, as sent. Every node
-- adds its own counts every few minutes.
CREATE TABLE page_views (
    day    TEXT PRIMARY KEY,
    views  BIGINT NOT NULL DEFAULT 0,
    bytes  BIGINT NOT NULL DEFAULT 0
);
