package store_test

import (
	"testing"

	"sprang/internal/store"
)

// TestSubmitFollowsLetterChoice: an errand submitted after the resident
// chose letters on Mina sidor gets its news by post; one submitted by a
// resident who chose e-mail, or by someone else, does not.
func TestSubmitFollowsLetterChoice(t *testing.T) {
	t.Parallel()
	eachErrand(t, func(t *testing.T, f errandFixture) {
		ctx := t.Context()
		if err := f.db.SaveResidentContact(ctx, f.resident.ID, store.Contact{Channel: store.ContactLetter, Address: contactAddress}); err != nil {
			t.Fatal(err)
		}
		if err := f.db.SaveResidentContact(ctx, f.stranger.ID, store.Contact{Channel: store.ContactEmail, Email: "bertil@example.se"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name     string
			resident int64
			want     bool
		}{
			{"chose letters", f.resident.ID, true},
			{"chose e-mail", f.stranger.ID, false},
			{"anonymous", 0, false},
		} {
			e := f.submit(t, digital(f.service, c.resident))
			got, err := f.db.ReadErrand(ctx, e.ID, f.staffReader())
			if err != nil {
				t.Fatal(err)
			}
			if got.ByLetter != c.want || e.ByLetter != c.want {
				t.Errorf("%s: by letter stored %v, returned %v; want %v", c.name, got.ByLetter, e.ByLetter, c.want)
			}
		}
	})
}
