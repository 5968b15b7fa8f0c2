-- The initiative portfolio (issue 5, section 4): digitalization
-- initiatives across the group (followup.Initiative) with their
-- participants, perspectives, Agenda 2030 goals, the indicators they
-- should move, the history of their status, realized benefits, the
-- supplier's sustainability criteria and the e-services and datasets they
-- produced.

-- An initiative. start_date and end_date are calendar dates written
-- YYYY-MM-DD, '' when not set. contact_email_enc is the contact's e-mail
-- address sealed by the store (personal data of staff, as users'
-- addresses are); NULL when none. supplier_name is '' when the initiative
-- buys no digital service; then supplier_org is '' too.
CREATE TABLE initiatives (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    owner_unit_id      INTEGER NOT NULL REFERENCES org_units(id),
    contact_name       TEXT NOT NULL DEFAULT '',
    contact_email_enc  BLOB,
    status             TEXT NOT NULL CHECK (status IN ('idea', 'prestudy', 'ongoing', 'introduced', 'closed', 'stopped')),
    start_date         TEXT NOT NULL DEFAULT '',
    end_date           TEXT NOT NULL DEFAULT '',
    budget_sek         REAL NOT NULL DEFAULT 0 CHECK (budget_sek >= 0),
    hypothesis         TEXT NOT NULL DEFAULT '',
    supplier_name      TEXT NOT NULL DEFAULT '',
    supplier_org       TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX initiatives_owner ON initiatives(owner_unit_id);

-- The other units that take part (never the owner).
CREATE TABLE initiative_participants (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    unit_id        INTEGER NOT NULL REFERENCES org_units(id),
    PRIMARY KEY (initiative_id, unit_id)
);
CREATE INDEX initiative_participants_unit ON initiative_participants(unit_id);

-- The policy perspectives an initiative serves.
CREATE TABLE initiative_perspectives (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    perspective    TEXT NOT NULL CHECK (perspective IN ('trygghet', 'kompetens', 'ledarskap', 'hallbarhet', 'innovation')),
    PRIMARY KEY (initiative_id, perspective)
);

-- The Agenda 2030 goals (1–17) an initiative is tagged with.
CREATE TABLE initiative_goals (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    goal           INTEGER NOT NULL CHECK (goal BETWEEN 1 AND 17),
    PRIMARY KEY (initiative_id, goal)
);

-- The keys of the indicators an initiative should move. Not a foreign
-- key: an indicator may be registered after the initiative names it.
CREATE TABLE initiative_indicators (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    indicator_key  TEXT NOT NULL,
    PRIMARY KEY (initiative_id, indicator_key)
);

-- Every status an initiative has had and since when: a row is added
-- whenever the status changes, so the follow-up can count initiatives by
-- status as they stood at the end of any period.
CREATE TABLE initiative_status_changes (
    id             INTEGER PRIMARY KEY,
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('idea', 'prestudy', 'ongoing', 'introduced', 'closed', 'stopped')),
    since          TIMESTAMP NOT NULL
);
CREATE INDEX initiative_status_changes_initiative ON initiative_status_changes(initiative_id, since);

-- Realized benefits (nyttorealisering), recorded over time: realized_on is
-- the date the benefit was seen (YYYY-MM-DD); value_sek kronor per year,
-- 0 when not valued; indicator_key '' when no indicator shows it.
CREATE TABLE initiative_benefits (
    id             INTEGER PRIMARY KEY,
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    realized_on    TEXT NOT NULL,
    description    TEXT NOT NULL,
    value_sek      REAL NOT NULL DEFAULT 0 CHECK (value_sek >= 0),
    indicator_key  TEXT NOT NULL DEFAULT '',
    recorded_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recorded_at    TIMESTAMP NOT NULL
);
CREATE INDEX initiative_benefits_initiative ON initiative_benefits(initiative_id, realized_on);
CREATE INDEX initiative_benefits_realized ON initiative_benefits(realized_on);

-- The assessment of the supplier against each sustainability criterion
-- (social: working conditions, working hours; ecological: environment).
CREATE TABLE initiative_criteria (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('social-working-conditions', 'social-working-hours', 'ecological-environment')),
    met            TEXT NOT NULL CHECK (met IN ('yes', 'no', 'partly')),
    evidence       TEXT NOT NULL,
    assessed_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    assessed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (initiative_id, kind)
);

-- The e-services and datasets an initiative produced.
CREATE TABLE initiative_services (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    service_id     INTEGER NOT NULL REFERENCES eservices(id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, service_id)
);
CREATE TABLE initiative_datasets (
    initiative_id  INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    dataset_id     TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, dataset_id)
);
