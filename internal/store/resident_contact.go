package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
)

// ContactChannel is how a resident wants news of their errands.
type ContactChannel string

// The contact channels.
const (
	ContactEmail  ContactChannel = "email"  // a notice by e-mail; the news is read on Mina sidor
	ContactLetter ContactChannel = "letter" // the message or decision itself, by post
)

// Message keys of refused contact preferences, translated by the web layer.
const (
	MsgContactChannel = "mypages.contact.channel.invalid"  // neither e-mail nor letter
	MsgContactEmail   = "mypages.contact.email.required"   // e-mail chosen without a valid address
	MsgContactAddress = "mypages.contact.address.required" // letters chosen without a complete address
)

// Contact is a resident's contact preferences: the channel they chose,
// the address notices are mailed to and the postal address letters go to.
// The zero value means the resident has chosen nothing. The addresses are
// sealed at rest.
type Contact struct {
	Channel   ContactChannel
	Email     string        // may be empty with letters
	Address   PostalAddress // required with letters, may be given with e-mail
	UpdatedAt time.Time     // zero when nothing is stored
}

// PostalAddress is a Swedish postal address, checked by the caller (see
// eservice's address question); the store only requires that a letter's
// address has all three parts.
type PostalAddress struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode"` // five digits
	City     string `json:"city"`
}

// IsZero reports whether no part of the address is given.
func (a PostalAddress) IsZero() bool { return a == PostalAddress{} }

// Complete reports whether every part of the address is given.
func (a PostalAddress) Complete() bool {
	return strings.TrimSpace(a.Street) != "" && strings.TrimSpace(a.Postcode) != "" && strings.TrimSpace(a.City) != ""
}

// Lines returns the address as it is written on an envelope: the street,
// then postcode ("NNN NN") and city. No address gives no lines.
func (a PostalAddress) Lines() []string {
	if a.IsZero() {
		return nil
	}
	pc := a.Postcode
	if len(pc) == 5 {
		pc = pc[:3] + " " + pc[3:]
	}
	return []string{a.Street, strings.TrimSpace(pc + " " + a.City)}
}

// contactAD binds a sealed column of resident_contact to its resident.
func contactAD(column string, residentID int64) string {
	return "resident_contact." + column + ":" + strconv.FormatInt(residentID, 10)
}

// validate checks c as SaveResidentContact stores it.
func (c Contact) validate() error {
	switch {
	case c.Channel != ContactEmail && c.Channel != ContactLetter:
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgContactChannel, Fields: map[string]string{"channel": MsgContactChannel}}
	case (c.Channel == ContactEmail || c.Email != "") && !identity.ValidEmail(c.Email):
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgContactEmail, Fields: map[string]string{"email": MsgContactEmail}}
	case c.Channel == ContactLetter && !c.Address.Complete():
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgContactAddress, Fields: map[string]string{"street": MsgContactAddress}}
	}
	return nil
}

// ResidentContact returns the contact preferences of resident residentID,
// decrypted, or the zero Contact when they have stored none. It does not
// audit: it is for the resident's own session and for the platform's
// notices (see ReadResidentContact for staff).
func (db *DB) ResidentContact(ctx context.Context, residentID int64) (Contact, error) {
	var c Contact
	var channel string
	var email, address []byte
	err := db.queryRow(ctx, `SELECT channel, email_enc, address_enc, updated_at FROM resident_contact WHERE resident_id = ?`,
		residentID).Scan(&channel, &email, &address, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Contact{}, nil
	}
	if err != nil {
		return Contact{}, fmt.Errorf("resident contact %d: %w", residentID, err)
	}
	c.Channel, c.UpdatedAt = ContactChannel(channel), c.UpdatedAt.UTC()
	if err := db.openContact(&c, residentID, email, address); err != nil {
		return Contact{}, fmt.Errorf("resident contact %d: %w", residentID, err)
	}
	return c, nil
}

// openContact decrypts the sealed columns into c.
func (db *DB) openContact(c *Contact, residentID int64, email, address []byte) error {
	var err error
	if c.Email, err = db.open(email, contactAD("email_enc", residentID)); err != nil {
		return err
	}
	a, err := db.open(address, contactAD("address_enc", residentID))
	if err != nil || a == "" {
		return err
	}
	if err := json.Unmarshal([]byte(a), &c.Address); err != nil {
		return fmt.Errorf("decode address: %w", err)
	}
	return nil
}

// ReadResidentContact returns the contact preferences of resident
// residentID, like ResidentContact, after recording the read in the audit
// log as personaldata.read of object "resident_contact" with by's reason
// (it shows on the resident's "who read my data" page). Staff read a
// resident's postal address only through it, to post a letter. It returns
// Invalid when the reason is missing.
func (db *DB) ReadResidentContact(ctx context.Context, residentID int64, by Reader) (Contact, error) {
	_, err := db.AppendAudit(ctx, audit.Entry{ActorKind: by.ActorKind, ActorID: by.ActorID, ActorName: by.ActorName,
		Action: audit.PersonalDataRead, ObjectType: "resident_contact", ObjectID: strconv.FormatInt(residentID, 10),
		ResidentID: residentID, Reason: by.Reason})
	if err != nil {
		return Contact{}, fmt.Errorf("read resident contact %d: %w", residentID, err)
	}
	return db.ResidentContact(ctx, residentID)
}

// SaveResidentContact stores c as the contact preferences of resident
// residentID (the e-mail address lowercased, both addresses sealed) and,
// in the same transaction, sets by_letter on their errands that are not
// closed to whether c asks for letters (see SetResidentByLetter). It
// returns Invalid for an unknown channel, e-mail chosen without a valid
// address, an invalid address given, or letters without a complete postal
// address; NotFound for an unknown resident.
func (db *DB) SaveResidentContact(ctx context.Context, residentID int64, c Contact) error {
	c.Email = identity.NormalizeEmail(c.Email)
	if err := c.validate(); err != nil {
		return fmt.Errorf("save resident contact: %w", err)
	}
	email, err := db.seal(c.Email, contactAD("email_enc", residentID))
	if err != nil {
		return fmt.Errorf("save resident contact: %w", err)
	}
	var address []byte
	if !c.Address.IsZero() {
		b, err := json.Marshal(c.Address)
		if err != nil {
			return fmt.Errorf("save resident contact: encode address: %w", err)
		}
		if address, err = db.seal(string(b), contactAD("address_enc", residentID)); err != nil {
			return fmt.Errorf("save resident contact: %w", err)
		}
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO resident_contact (resident_id, channel, email_enc, address_enc, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (resident_id) DO UPDATE SET channel = excluded.channel, email_enc = excluded.email_enc,
				address_enc = excluded.address_enc, updated_at = excluded.updated_at`),
			residentID, string(c.Channel), email, address, db.Now().Truncate(time.Microsecond))
		if err != nil {
			return err
		}
		return db.setResidentByLetterTx(ctx, tx, residentID, c.Channel == ContactLetter)
	})
	if isForeignKeyViolation(err) {
		err = &sprang.Error{Kind: sprang.NotFound, Message: "resident not found", Cause: err}
	}
	if err != nil {
		return fmt.Errorf("save resident contact: %w", err)
	}
	return nil
}

// SetResidentByLetter sets by_letter on every errand of resident
// residentID that is not closed, so that messages, requests for more
// information and decisions in them are queued as letters (on) or not
// (off). Closed errands keep the choice they were closed with.
func (db *DB) SetResidentByLetter(ctx context.Context, residentID int64, on bool) error {
	err := db.tx(ctx, func(tx *sql.Tx) error { return db.setResidentByLetterTx(ctx, tx, residentID, on) })
	if err != nil {
		return fmt.Errorf("set resident %d by letter: %w", residentID, err)
	}
	return nil
}

func (db *DB) setResidentByLetterTx(ctx context.Context, tx *sql.Tx, residentID int64, on bool) error {
	_, err := tx.ExecContext(ctx, db.rebind(`UPDATE errands SET by_letter = ?
		WHERE resident_id = ? AND closed_at IS NULL AND by_letter <> ?`), on, residentID, on)
	return err
}

// RekeyResidentContacts reseals every resident's contact preferences onto
// the box's current key after a key rotation (see Rekey) and returns how
// many it rewrote; rows already on the current key are left alone, so it
// can run again after a partial run.
func (db *DB) RekeyResidentContacts(ctx context.Context) (int, error) {
	if db.box == nil {
		return 0, errNoBox()
	}
	ids, err := db.ids(ctx, `SELECT resident_id FROM resident_contact ORDER BY resident_id`)
	if err != nil {
		return 0, fmt.Errorf("rekey resident contacts: %w", err)
	}
	n := 0
	for _, id := range ids {
		done, err := db.rekeyContact(ctx, id)
		if err != nil {
			return n, fmt.Errorf("rekey resident contact %d: %w", id, err)
		}
		if done {
			n++
		}
	}
	return n, nil
}

// rekeyContact reseals one resident's contact columns under the current
// key, reporting whether anything changed.
func (db *DB) rekeyContact(ctx context.Context, id int64) (bool, error) {
	changed := false
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var email, address []byte
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT email_enc, address_enc FROM resident_contact WHERE resident_id = ?`), id).
			Scan(&email, &address)
		if err != nil {
			if errNoRowsOrNil(err) {
				return nil // deleted meanwhile
			}
			return err
		}
		if !db.needsReseal(email) && !db.needsReseal(address) {
			return nil
		}
		cols := [2][]byte{email, address}
		for i, name := range []string{"email_enc", "address_enc"} {
			plain, err := db.open(cols[i], contactAD(name, id))
			if err != nil {
				return err
			}
			if cols[i], err = db.seal(plain, contactAD(name, id)); err != nil {
				return err
			}
		}
		changed = true
		_, err = tx.ExecContext(ctx, db.rebind(`UPDATE resident_contact SET email_enc = ?, address_enc = ? WHERE resident_id = ?`),
			cols[0], cols[1], id)
		return err
	})
	return changed, err
}
