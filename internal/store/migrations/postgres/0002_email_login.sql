-- E-mail login: a pending code is found through the hash of a random flow
-- id held in a short-lived cookie, and the address itself is kept sealed
-- (encrypted) until the code or link is used, so the resident can be
-- created with it. Rows are removed a day after they expire.
ALTER TABLE email_codes ADD COLUMN flow_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE email_codes ADD COLUMN email_enc BYTEA;
CREATE INDEX email_codes_flow ON email_codes(flow_hash);
