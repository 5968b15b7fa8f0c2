-- The digitalization policy, versioned (issue 5): every revision is kept
-- whole, as the JSON of its sections and goals (followup.Revision), with
-- its number (1, 2, 3, …), when it was made, by whom and why. The newest
-- revision is the policy in force. Revisions are append-only: a revision
-- is never changed or removed, so the history of who changed what, when
-- and why stays as it was written.
CREATE TABLE policy_revisions (
    number     INTEGER PRIMARY KEY CHECK (number >= 1),
    created_at TIMESTAMP NOT NULL,
    author_id  INTEGER NOT NULL REFERENCES users(id),
    reason     TEXT NOT NULL CHECK (reason <> ''),
    body       TEXT NOT NULL
);

CREATE TRIGGER policy_revisions_no_update BEFORE UPDATE ON policy_revisions
BEGIN SELECT RAISE(ABORT, 'policy_revisions is append-only'); END;
CREATE TRIGGER policy_revisions_no_delete BEFORE DELETE ON policy_revisions
BEGIN SELECT RAISE(ABORT, 'policy_revisions is append-only'); END;
