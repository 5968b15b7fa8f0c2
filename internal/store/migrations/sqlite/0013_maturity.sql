-- Maturity and competence self-assessments (issue 5, section 5).

-- The questions of a year's maturity assessment (followup.MaturityQuestion),
-- in order. A year without rows uses the latest earlier year's questions,
-- or the built-in defaults; they are copied into the year when it is
-- configured or first answered, so a year's answers always refer to its
-- own rows.
CREATE TABLE maturity_questions (
    year       INTEGER NOT NULL,
    qkey       TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    dimension  TEXT NOT NULL CHECK (dimension IN ('capability', 'heritage')),
    text_sv    TEXT NOT NULL,
    text_en    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, qkey)
);

-- One unit's maturity assessment of a year: the answers as a JSON object
-- (question key → 0–4, or -1 for "don't know") and the scores they gave
-- when saved (percentages). Unit-level facts, not personal data.
CREATE TABLE maturity_assessments (
    unit_id      INTEGER NOT NULL REFERENCES org_units(id),
    year         INTEGER NOT NULL,
    answers      TEXT NOT NULL,
    capability   REAL NOT NULL,
    heritage     REAL NOT NULL,
    total        REAL NOT NULL,
    submitted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    submitted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (unit_id, year)
);
CREATE INDEX maturity_assessments_year ON maturity_assessments(year);

-- One person's DigComp self-assessment of a year: personal data, so the
-- unit, role group and levels are sealed together in answers_enc (bound
-- to the user and year). Only its owner reads it back.
CREATE TABLE competence_assessments (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    answers_enc  BLOB NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, year)
);

-- The running aggregate of one cell (year, unit, role group): respondents
-- and the sum of their levels per competence, as sealed JSON, updated in
-- the transaction that saves a person's assessment. Aggregates read these
-- few rows instead of every person's answers.
CREATE TABLE competence_tallies (
    year        INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES org_units(id),
    role_group  TEXT NOT NULL CHECK (role_group IN ('medarbetare', 'chef', 'fortroendevald')),
    tally_enc   BLOB NOT NULL,
    PRIMARY KEY (year, unit_id, role_group)
);
