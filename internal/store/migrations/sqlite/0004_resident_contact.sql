-- Residents' contact preferences (Mina sidor): how they want news of
-- their errands — by e-mail or by letter — the address notices are mailed
-- to, and the postal address letters are sent to.
--
-- Personal data is sealed (AES-GCM, bound to table, column and resident
-- id) in the *_enc columns: email_enc holds the address, address_enc the
-- JSON of street, postcode and city.
CREATE TABLE resident_contact (
    resident_id  INTEGER PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL CHECK (channel IN ('email', 'letter')),
    email_enc    BLOB,
    address_enc  BLOB,
    updated_at   TIMESTAMP NOT NULL
);
