package web

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

var fivePostcodeDigits = regexp.MustCompile(`^[0-9]{5}$`)

// FuzzReadMyContact: whatever a browser posts to the contact form,
// readMyContact either refuses it with an Invalid error that has a
// message for at least one of the form's fields, or returns preferences
// the store accepts: a known channel, a valid address for e-mail, a
// complete address with a five-digit postcode for letters.
func FuzzReadMyContact(f *testing.F) {
	cat := i18n.MustLoad()
	now := func() time.Time { return time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) }
	f.Add("email", "tolvan@example.se", "", "", "")
	f.Add("letter", "", "Storgatan 1", "891 33", "Örnsköldsvik")
	f.Add("letter", "x@y", "Storgatan 1", "8913", "")
	f.Add("brevduva", "\x00", "\xff", "123 45", " ")
	f.Fuzz(func(t *testing.T, channel, email, street, postcode, city string) {
		v := &view{Lang: i18n.Swedish, cat: cat}
		form := map[string]string{myChannel: channel, myEmail: email, myStreet: street, myPostcode: postcode, myCity: city}
		c, err := readMyContact(v, form, now)
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid || len(sprang.ErrorFields(err)) == 0 {
				t.Fatalf("refusal %v without a field", err)
			}
			for field, msg := range sprang.ErrorFields(err) {
				if strings.TrimSpace(msg) == "" || !strings.Contains(strings.Join(myContactFields, " "), field) {
					t.Fatalf("field error %q: %q", field, msg)
				}
			}
			return
		}
		switch c.Channel {
		case store.ContactEmail:
			if !identity.ValidEmail(c.Email) {
				t.Fatalf("e-mail accepted with address %q", c.Email)
			}
		case store.ContactLetter:
			if !c.Address.Complete() {
				t.Fatalf("letters accepted with address %+v", c.Address)
			}
		default:
			t.Fatalf("channel %q accepted", c.Channel)
		}
		if !c.Address.IsZero() && (!c.Address.Complete() || !fivePostcodeDigits.MatchString(c.Address.Postcode)) {
			t.Fatalf("address %+v accepted", c.Address)
		}
		if c.Email != "" && !identity.ValidEmail(c.Email) {
			t.Fatalf("e-mail %q accepted", c.Email)
		}
	})
}
