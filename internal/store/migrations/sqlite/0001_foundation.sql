-- Foundation: organization units, staff users and roles, residents,
-- sessions, login throttling, one-time e-mail codes, API tokens,
-- OIDC login flows, settings and the audit log.

CREATE TABLE org_units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES org_units(id),
    kind        TEXT NOT NULL CHECK (kind IN ('group', 'forvaltning', 'bolag', 'avdelning')),
    slug        TEXT NOT NULL UNIQUE,
    name_sv     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    org_number  TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    CHECK ((kind = 'group') = (parent_id IS NULL))
);
CREATE INDEX org_units_parent ON org_units(parent_id);
-- One group, at the root; every other unit has a parent.
CREATE UNIQUE INDEX org_units_one_group ON org_units(kind) WHERE kind = 'group';

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    email_enc        BLOB,
    password_hash    TEXT NOT NULL DEFAULT '',
    totp_secret_enc  BLOB,
    totp_enabled     BOOLEAN NOT NULL DEFAULT FALSE,
    oidc_issuer      TEXT NOT NULL DEFAULT '',
    oidc_subject     TEXT NOT NULL DEFAULT '',
    disabled         BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins    INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_oidc ON users(oidc_issuer, oidc_subject) WHERE oidc_subject <> '';

CREATE TABLE user_roles (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES org_units(id),
    role       TEXT NOT NULL CHECK (role IN ('administrator', 'handlaggare', 'etjanst', 'datavard', 'utveckling', 'lasare')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, unit_id, role)
);
CREATE INDEX user_roles_unit ON user_roles(unit_id);

CREATE TABLE residents (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('eid', 'email')),
    lookup_hash    TEXT NOT NULL UNIQUE,
    pnr_enc        BLOB,
    email_enc      BLOB,
    name_enc       BLOB,
    loa            TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    last_login_at  TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER REFERENCES users(id) ON DELETE CASCADE,
    resident_id   INTEGER REFERENCES residents(id) ON DELETE CASCADE,
    pending_totp  BOOLEAN NOT NULL DEFAULT FALSE,
    loa           TEXT NOT NULL DEFAULT '',
    method        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_resident ON sessions(resident_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY,
    key_hash   TEXT NOT NULL,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(key_hash, at);

-- Failures in a row and the lock of usernames that name no account, keyed
-- by a keyed hash of the username, so that unknown names lock like known
-- ones (users.failed_logins, users.locked_until) and answers do not tell
-- them apart.
CREATE TABLE login_locks (
    key_hash       TEXT PRIMARY KEY,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TIMESTAMP,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE email_codes (
    id          INTEGER PRIMARY KEY,
    email_hash  TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    link_hash   TEXT NOT NULL UNIQUE,
    flow_hash   TEXT NOT NULL,
    email_enc   BLOB,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX email_codes_email ON email_codes(email_hash);
CREATE INDEX email_codes_flow ON email_codes(flow_hash);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    last_used_at  TIMESTAMP,
    revoked_at    TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE auth_flows (
    state_hash     TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    code_verifier  TEXT NOT NULL,
    nonce          TEXT NOT NULL,
    browser_hash   TEXT NOT NULL DEFAULT '',  -- hash of the cookie that binds the flow to the browser that started it
    return_to      TEXT NOT NULL DEFAULT '/',
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,  -- assigned by the chain: previous id + 1
    at           TIMESTAMP NOT NULL,
    actor_kind   TEXT NOT NULL,
    actor_id     INTEGER,
    actor_name   TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL DEFAULT '',
    object_id    TEXT NOT NULL DEFAULT '',
    resident_id  INTEGER,
    reason       TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_resident ON audit_log(resident_id);
CREATE INDEX audit_log_actor ON audit_log(actor_kind, actor_id);

-- The audit log is append-only. Someone with direct database access can
-- still drop these triggers; the hash chain is what makes that evident, and
-- the settings row 'audit.head' (the last id and hash, written on every
-- append) makes deleting entries at the tail evident too.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
