package store_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestClaimLoginAttemptParallel shows that parallel attempts, each
// recorded before it is checked, let at most the limit through.
func TestClaimLoginAttemptParallel(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		const limit, tries = 3, 12
		since := db.Now().Add(-time.Hour)
		var mu sync.Mutex
		var wg sync.WaitGroup
		allowed := 0
		for range tries {
			wg.Go(func() {
				a, err := db.ClaimLoginAttempt(ctx, "k", limit, since)
				if err != nil {
					t.Error(err)
					return
				}
				if a.Allowed {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		// Contention may refuse more than needed, never allow more.
		if allowed > limit {
			t.Fatalf("%d of %d parallel attempts allowed, want at most %d", allowed, tries, limit)
		}
		if w, err := db.CountLoginAttempts(ctx, "k", since); err != nil || w.Count != allowed {
			t.Fatalf("refused attempts stayed counted: %+v %v, want %d", w, err, allowed)
		}
		for allowed < limit+1 {
			a, err := db.ClaimLoginAttempt(ctx, "k", limit, since)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Allowed {
				break
			}
			allowed++
		}
		if allowed != limit {
			t.Fatalf("%d attempts allowed in all, want %d", allowed, limit)
		}
	})
}

// TestForgetLoginAttempt shows that a forgotten attempt frees its place.
func TestForgetLoginAttempt(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		since := db.Now().Add(-time.Hour)
		a, err := db.ClaimLoginAttempt(ctx, "k", 1, since)
		if err != nil || !a.Allowed || a.Window.Count != 1 {
			t.Fatalf("first attempt: %+v %v", a, err)
		}
		if err := db.ForgetLoginAttempt(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if a, err := db.ClaimLoginAttempt(ctx, "k", 1, since); err != nil || !a.Allowed {
			t.Fatalf("attempt after forgetting: %+v %v", a, err)
		}
		if a, err := db.ClaimLoginAttempt(ctx, "k", 1, since); err != nil || a.Allowed {
			t.Fatalf("attempt over the limit: %+v %v", a, err)
		}
	})
}

// TestLoginFailuresWhileLocked shows that failures on a locked account
// (or unknown username) are not counted and report the standing lock,
// for known and unknown names alike, and that parallel failures lock
// exactly once.
func TestLoginFailuresWhileLocked(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db = boxed(t, db)
		u, err := db.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna"})
		if err != nil {
			t.Fatal(err)
		}
		record := map[string]func() (store.LoginFailure, error){
			"known":   func() (store.LoginFailure, error) { return db.RecordLoginFailure(ctx, u.ID, 3, time.Minute) },
			"unknown": func() (store.LoginFailure, error) { return db.RecordUnknownLoginFailure(ctx, "nobody", 3, time.Minute) },
		}
		for name, rec := range record {
			var mu sync.Mutex
			var wg sync.WaitGroup
			var got []store.LoginFailure
			for range 10 {
				wg.Go(func() {
					f, err := rec()
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					got = append(got, f)
					mu.Unlock()
				})
			}
			wg.Wait()
			open, newly, locked := 0, 0, 0
			for _, f := range got {
				switch {
				case f.NewlyLocked:
					newly++
				case !f.LockedUntil.IsZero():
					locked++
				default:
					open++
				}
			}
			if open != 2 || newly != 1 || locked != 7 {
				t.Errorf("%s: %d counted, %d locking, %d refused as locked; want 2, 1, 7", name, open, newly, locked)
			}
		}
		if _, err := db.RecordUnknownLoginFailure(ctx, "someone", 3, time.Minute); err != nil {
			t.Fatal(err)
		}
	})
}

// TestLinkUserOIDCOnlyOnce shows that an account linked to one identity
// cannot be relinked to another.
func TestLinkUserOIDCOnlyOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db = boxed(t, db)
		u, err := db.CreateUser(ctx, identity.NewUser{Username: "anna", DisplayName: "Anna"})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, subject string
			want          sprang.Kind
		}{
			{"empty subject", "", sprang.Invalid},
			{"first", "sub-1", ""},
			{"relink", "sub-2", sprang.Conflict},
			{"same again", "sub-1", sprang.Conflict},
		}
		for _, tt := range tests {
			if err := db.LinkUserOIDC(ctx, u.ID, "https://idp", tt.subject); sprang.ErrorKind(err) != tt.want {
				t.Errorf("%s: %v, want kind %q", tt.name, err, tt.want)
			}
		}
		if got, _ := db.FindUserByID(ctx, u.ID); got.OIDCSubject != "sub-1" {
			t.Errorf("subject = %q", got.OIDCSubject)
		}
	})
}

// TestCreateStaffAccount shows that an account, its password, grants and
// audit entries are stored together or not at all.
func TestCreateStaffAccount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db = boxed(t, db)
		org := testOrg(t, db)
		hash := secret.HashPasswordWith("hemligt lösenord", secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
		entries := func(id int64) []audit.Entry {
			return []audit.Entry{{ActorKind: audit.System, ActorName: "test", Action: audit.UserCreated, ObjectType: "user", ObjectID: strconv.FormatInt(id, 10), Detail: "created"}}
		}
		tests := []struct {
			name  string
			grant identity.Grant
			want  sprang.Kind
		}{
			{"unknown unit", identity.Grant{UnitID: 424242, Role: identity.RoleLasare}, sprang.NotFound},
			{"unknown role", identity.Grant{UnitID: org["kommunen"].ID, Role: "boss"}, sprang.Invalid},
			{"ok", identity.Grant{UnitID: org["kommunen"].ID, Role: identity.RoleLasare}, ""},
		}
		for _, tt := range tests {
			u, err := db.CreateStaffAccount(ctx, store.NewStaffAccount{User: identity.NewUser{Username: "bo", DisplayName: "Bo"},
				PasswordHash: hash, Grants: []identity.Grant{tt.grant}, Audit: entries})
			if sprang.ErrorKind(err) != tt.want {
				t.Fatalf("%s: %v, want kind %q", tt.name, err, tt.want)
			}
			page, ferr := db.FindAuditEntries(ctx, audit.Filter{Action: audit.UserCreated})
			if ferr != nil {
				t.Fatal(ferr)
			}
			_, uerr := db.FindUserByUsername(ctx, "bo")
			if tt.want != "" && (uerr == nil || len(page.Entries) != 0) {
				t.Fatalf("%s: a failed creation left the user (%v) or %d audit entries", tt.name, uerr, len(page.Entries))
			}
			if tt.want == "" {
				cred, _ := db.FindUserCredentials(ctx, u.ID)
				if len(u.Grants) != 1 || cred.PasswordHash != hash || len(page.Entries) != 1 || page.Entries[0].ObjectID == "" {
					t.Fatalf("created %+v, hash %t, audit %+v", u, cred.PasswordHash == hash, page.Entries)
				}
			}
		}
	})
}
