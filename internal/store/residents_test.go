package store_test

import (
	"bytes"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func mustPnr(t *testing.T, s string) identity.Personnummer {
	t.Helper()
	p, err := identity.ParsePersonnummer(s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// rawResidentRow returns every column of a residents row as stored, as text.
func rawResidentRow(t *testing.T, db *store.DB, id int64) [][]byte {
	t.Helper()
	var cols [9][]byte
	ptrs := make([]any, len(cols))
	for i := range cols {
		ptrs[i] = &cols[i]
	}
	err := rawDB(t, db).QueryRowContext(t.Context(), `SELECT CAST(id AS TEXT), kind, lookup_hash, pnr_enc, email_enc, name_enc, loa,
		CAST(created_at AS TEXT), CAST(last_login_at AS TEXT) FROM residents WHERE id = `+strconv.FormatInt(id, 10)).Scan(ptrs...)
	if err != nil {
		t.Fatal(err)
	}
	return cols[:]
}

func TestResidentByEIDIsEncrypted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		pnr := mustPnr(t, "19121212-1212")
		r, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: pnr, GivenName: "Tolvan", FamilyName: "Tolvansson", LoA: identity.LoA3})
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Kind != identity.ResidentEID || r.Personnummer != pnr || r.Name() != "Tolvan Tolvansson" || r.LoA != identity.LoA3 || r.LastLoginAt.IsZero() {
			t.Fatalf("resident = %+v", r)
		}
		for i, col := range rawResidentRow(t, db, r.ID) {
			for _, clear := range []string{"191212121212", "1212121212", "121212-1212", "19121212", "Tolvan"} {
				if bytes.Contains(col, []byte(clear)) {
					t.Errorf("column %d of the residents row holds %q in clear", i, clear)
				}
			}
		}
		again, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: pnr, LoA: identity.LoA2})
		if err != nil || again.ID != r.ID || again.Name() != "Tolvan Tolvansson" || again.LoA != identity.LoA2 {
			t.Errorf("second login = %+v, %v; want same resident, names kept, new LoA", again, err)
		}
		renamed, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: pnr, GivenName: "Tolva", FamilyName: "Tolvansson", LoA: identity.LoA3})
		if err != nil || renamed.ID != r.ID || renamed.GivenName != "Tolva" {
			t.Errorf("login with a new name = %+v, %v", renamed, err)
		}
		byPnr, err := db.ResidentIDByPersonnummer(t.Context(), pnr)
		if err != nil || byPnr != r.ID {
			t.Errorf("ResidentIDByPersonnummer = %d, %v", byPnr, err)
		}
		if _, err := db.ResidentIDByPersonnummer(t.Context(), mustPnr(t, "811228-9874")); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown personnummer: %v", err)
		}
		other := mustPnr(t, "701063-2391")
		s, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: other, LoA: identity.LoA3})
		if err != nil || s.ID == r.ID || s.Personnummer != other || s.Name() != "" {
			t.Errorf("samordningsnummer resident = %+v, %v", s, err)
		}
	})
}

func TestResidentByEmail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		r, err := db.FindOrCreateResidentByEmail(t.Context(), " Visitor@Example.COM ")
		if err != nil || r.Kind != identity.ResidentEmail || r.Email != "visitor@example.com" || r.LoA != identity.LoA1 || r.Personnummer != "" {
			t.Fatalf("resident = %+v, %v", r, err)
		}
		for i, col := range rawResidentRow(t, db, r.ID) {
			if bytes.Contains(bytes.ToLower(col), []byte("example.com")) {
				t.Errorf("column %d holds the e-mail address in clear", i)
			}
		}
		again, err := db.FindOrCreateResidentByEmail(t.Context(), "visitor@example.com")
		if err != nil || again.ID != r.ID || !again.LastLoginAt.After(r.LastLoginAt.Add(-time.Second)) {
			t.Errorf("second login = %+v, %v", again, err)
		}
		if _, err := db.FindOrCreateResidentByEmail(t.Context(), "not an address"); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("bad address: %v", err)
		}
		if h1, _ := db.EmailLookup("Visitor@example.com"); h1 == "" || h1 != mustLookup(t, db, "visitor@example.com") {
			t.Error("EmailLookup does not normalize")
		}
		got, err := db.FindResidentByID(t.Context(), r.ID)
		if err != nil || got.Email != r.Email || got.ID != r.ID {
			t.Errorf("FindResidentByID = %+v, %v", got, err)
		}
		if _, err := db.FindResidentByID(t.Context(), 999); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown resident: %v", err)
		}
	})
}

func mustLookup(t *testing.T, db *store.DB, email string) string {
	t.Helper()
	h, err := db.EmailLookup(email)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestResidentFirstLoginRace logs the same new resident in from several
// goroutines at once: there must be exactly one resident afterwards.
func TestResidentFirstLoginRace(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		pnr := mustPnr(t, "19121212-1212")
		ids := make([]int64, 8)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				r, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: pnr, LoA: identity.LoA3})
				if err != nil {
					t.Error(err)
				}
				ids[i] = r.ID
			})
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("parallel first logins made several residents: %v", ids)
			}
		}
	})
}

func TestResidentsNeedTheRightKey(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if _, err := db.FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: mustPnr(t, "19121212-1212")}); sprang.ErrorKind(err) != sprang.Internal {
			t.Errorf("without a box: %v", err)
		}
		r, err := boxed(t, db).FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{Personnummer: mustPnr(t, "19121212-1212"), GivenName: "T"})
		if err != nil {
			t.Fatal(err)
		}
		other, _ := secret.NewBox("another-key-for-the-test-0123456789abcdef")
		if _, err := db.WithBox(other).FindResidentByID(t.Context(), r.ID); !errors.Is(err, secret.ErrDecrypt) {
			t.Errorf("read with the wrong key: %v", err)
		}
		if _, err := boxed(t, db).FindOrCreateResidentByEID(t.Context(), identity.EIDLogin{}); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("empty personnummer: %v", err)
		}
	})
}
