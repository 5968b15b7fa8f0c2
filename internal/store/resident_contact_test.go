package store_test

import (
	"bytes"
	"testing"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/eservice"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

var contactAddress = store.PostalAddress{Street: "Räksmörgåsvägen 3", Postcode: "89133", City: "Örnsköldsvik"}

// TestResidentContactSavedSealed: no preferences read as the zero value;
// saved ones read back, with the addresses sealed in the database.
func TestResidentContactSavedSealed(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		c, err := f.db.ResidentContact(ctx, f.resident.ID)
		if err != nil || c != (store.Contact{}) {
			t.Fatalf("before saving: %+v, %v; want the zero value", c, err)
		}
		want := store.Contact{Channel: store.ContactLetter, Email: "Anna.Post@Example.se", Address: contactAddress}
		if err := f.db.SaveResidentContact(ctx, f.resident.ID, want); err != nil {
			t.Fatal(err)
		}
		got, err := f.db.ResidentContact(ctx, f.resident.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Channel != store.ContactLetter || got.Email != "anna.post@example.se" || got.Address != contactAddress || got.UpdatedAt.IsZero() {
			t.Errorf("read back %+v", got)
		}
		if l := got.Address.Lines(); len(l) != 2 || l[1] != "891 33 Örnsköldsvik" {
			t.Errorf("lines %q", l)
		}
		var email, address []byte
		err = rawDB(t, f.db).QueryRowContext(ctx, errandsRebind(f.db, `SELECT email_enc, address_enc FROM resident_contact WHERE resident_id = ?`),
			f.resident.ID).Scan(&email, &address)
		if err != nil {
			t.Fatal(err)
		}
		for _, plain := range []string{"anna.post", "Räksmörgås", "Örnsköldsvik", "89133"} {
			if bytes.Contains(email, []byte(plain)) || bytes.Contains(address, []byte(plain)) {
				t.Errorf("%q stored in clear", plain)
			}
		}
	})
}

// TestResidentContactRefused: what SaveResidentContact refuses, and with
// which kind and field.
func TestResidentContactRefused(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		for _, tc := range []struct {
			name     string
			resident int64
			c        store.Contact
			kind     sprang.Kind
			field    string
		}{
			{"no channel", f.resident.ID, store.Contact{Email: "a@example.se"}, sprang.Invalid, "channel"},
			{"unknown channel", f.resident.ID, store.Contact{Channel: "duva", Email: "a@example.se"}, sprang.Invalid, "channel"},
			{"e-mail without address", f.resident.ID, store.Contact{Channel: store.ContactEmail}, sprang.Invalid, "email"},
			{"bad e-mail", f.resident.ID, store.Contact{Channel: store.ContactEmail, Email: "ingen-snabel-a.example.se"}, sprang.Invalid, "email"},
			{"letter without address", f.resident.ID, store.Contact{Channel: store.ContactLetter}, sprang.Invalid, "street"},
			{"letter without city", f.resident.ID, store.Contact{Channel: store.ContactLetter,
				Address: store.PostalAddress{Street: "Storgatan 1", Postcode: "89133"}}, sprang.Invalid, "street"},
			{"unknown resident", 999999, store.Contact{Channel: store.ContactEmail, Email: "a@example.se"}, sprang.NotFound, ""},
		} {
			err := f.db.SaveResidentContact(t.Context(), tc.resident, tc.c)
			if sprang.ErrorKind(err) != tc.kind {
				t.Errorf("%s: %v, want kind %s", tc.name, err, tc.kind)
				continue
			}
			if tc.field != "" && sprang.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: fields %v, want one on %s", tc.name, sprang.ErrorFields(err), tc.field)
			}
		}
	})
}

// TestResidentContactLetters: choosing letters sets by_letter on the
// resident's open errands (not closed ones, not other residents'), so a
// message from staff queues a letter; choosing e-mail again clears it.
func TestResidentContactLetters(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		open := f.submit(t, digital(f.service, f.resident.ID))
		closed := f.submit(t, digital(f.service, f.resident.ID))
		f.change(t, store.ErrandChange{ErrandID: closed.ID, ByUserID: f.officer.ID, Status: "avslutat"})
		theirs := f.submit(t, digital(f.service, f.stranger.ID))
		if err := f.db.SaveResidentContact(ctx, f.resident.ID, store.Contact{Channel: store.ContactLetter, Address: contactAddress}); err != nil {
			t.Fatal(err)
		}
		byLetter := func(id int64) bool {
			e, err := f.db.ReadErrand(ctx, id, f.staffReader())
			if err != nil {
				t.Fatal(err)
			}
			return e.ByLetter
		}
		if !byLetter(open.ID) || byLetter(closed.ID) || byLetter(theirs.ID) {
			t.Errorf("by letter: open %v, closed %v, another's %v; want true, false, false", byLetter(open.ID), byLetter(closed.ID), byLetter(theirs.ID))
		}
		f.change(t, store.ErrandChange{ErrandID: open.ID, ByUserID: f.officer.ID, Message: "Hej!"})
		letters, err := f.db.LetterQueue(ctx, []int64{f.unit})
		if err != nil || len(letters) != 1 || letters[0].ErrandID != open.ID || letters[0].EventKind != eservice.EventMessage {
			t.Errorf("letter queue %+v, %v; want the message to the open errand", letters, err)
		}
		if err := f.db.SaveResidentContact(ctx, f.resident.ID, store.Contact{Channel: store.ContactEmail, Email: "anna@example.se"}); err != nil {
			t.Fatal(err)
		}
		if byLetter(open.ID) {
			t.Error("choosing e-mail again left letters on")
		}
		if err := f.db.SetResidentByLetter(ctx, f.resident.ID, true); err != nil || !byLetter(open.ID) {
			t.Errorf("SetResidentByLetter: %v", err)
		}
	})
}

// TestReadResidentContactAudited: staff read the postal address only with
// a reason, and the read shows among the resident's personal data reads.
func TestReadResidentContactAudited(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		if err := f.db.SaveResidentContact(ctx, f.resident.ID, store.Contact{Channel: store.ContactLetter, Address: contactAddress}); err != nil {
			t.Fatal(err)
		}
		by := store.Reader{ActorKind: audit.Staff, ActorID: f.officer.ID, ActorName: f.officer.Username}
		if _, err := f.db.ReadResidentContact(ctx, f.resident.ID, by); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("without a reason: %v, want Invalid", err)
		}
		by.Reason = "Brev i ärende SOC 2026/00001"
		c, err := f.db.ReadResidentContact(ctx, f.resident.ID, by)
		if err != nil || c.Address != contactAddress {
			t.Fatalf("read %+v, %v", c, err)
		}
		reads, err := f.db.AuditPersonalDataReads(ctx, f.resident.ID)
		if err != nil || len(reads) != 1 || reads[0].ObjectType != "resident_contact" || reads[0].Reason != by.Reason || reads[0].ActorID != f.officer.ID {
			t.Errorf("reads %+v, %v", reads, err)
		}
	})
}

// TestRekeyResidentContacts: after a key rotation the contact rows are
// resealed onto the new key, once.
func TestRekeyResidentContacts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, raw *store.DB) {
		ctx := t.Context()
		oldKey, newKey := "the old key, long enough for the box 0001", "the new key, long enough for the box 0002"
		before := raw.WithBox(mustBox(t, oldKey))
		r, err := before.FindOrCreateResidentByEmail(ctx, "anna@example.se")
		if err != nil {
			t.Fatal(err)
		}
		if err := before.SaveResidentContact(ctx, r.ID, store.Contact{Channel: store.ContactLetter, Email: "anna@example.se", Address: contactAddress}); err != nil {
			t.Fatal(err)
		}
		rotated, err := secret.NewBox(newKey, oldKey)
		if err != nil {
			t.Fatal(err)
		}
		after := raw.WithBox(rotated)
		if n, err := after.RekeyResidentContacts(ctx); err != nil || n != 1 {
			t.Fatalf("rekey: %d, %v; want 1", n, err)
		}
		if n, err := after.RekeyResidentContacts(ctx); err != nil || n != 0 {
			t.Errorf("second rekey: %d, %v; want 0", n, err)
		}
		c, err := raw.WithBox(mustBox(t, newKey)).ResidentContact(ctx, r.ID) // the new key alone opens it
		if err != nil || c.Address != contactAddress || c.Email != "anna@example.se" {
			t.Errorf("after rekey: %+v, %v", c, err)
		}
	})
}
