package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// mustUser creates a user, failing the test on error.
func mustUser(t *testing.T, db *store.DB, n identity.NewUser) identity.User {
	t.Helper()
	u, err := db.CreateUser(t.Context(), n)
	if err != nil {
		t.Fatalf("CreateUser %s: %v", n.Username, err)
	}
	return u
}

// rawUserColumn returns a column of a users row as stored.
func rawUserColumn(t *testing.T, db *store.DB, id int64, column string) []byte {
	t.Helper()
	var b []byte
	q := fmt.Sprintf("SELECT %s FROM users WHERE id = %d", column, id)
	if err := rawDB(t, db).QueryRowContext(t.Context(), q).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCreateAndFindUsers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		u := mustUser(t, db, identity.NewUser{Username: " Anna ", DisplayName: "Anna  Andersson", Email: "Anna@Kommun.SE"})
		want := identity.User{ID: u.ID, Username: "anna", DisplayName: "Anna Andersson", Email: "anna@kommun.se",
			CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
		if diff := cmp.Diff(want, u); diff != "" || u.CreatedAt.IsZero() {
			t.Errorf("created user (-want +got):\n%s", diff)
		}
		if raw := rawUserColumn(t, db, u.ID, "email_enc"); len(raw) == 0 || bytes.Contains(bytes.ToLower(raw), []byte("kommun.se")) {
			t.Errorf("e-mail stored in clear or not at all: %q", raw)
		}
		sso := mustUser(t, db, identity.NewUser{Username: "bo", DisplayName: "Bo", OIDCIssuer: "https://login.example", OIDCSubject: "abc"})
		finds := map[string]func() (identity.User, error){
			"by id":       func() (identity.User, error) { return db.FindUserByID(t.Context(), u.ID) },
			"by username": func() (identity.User, error) { return db.FindUserByUsername(t.Context(), "ANNA") },
		}
		for name, find := range finds {
			if got, err := find(); err != nil || !cmp.Equal(got, u) {
				t.Errorf("find %s = %+v, %v", name, got, err)
			}
		}
		if got, err := db.FindUserByOIDC(t.Context(), "https://login.example", "abc"); err != nil || got.ID != sso.ID {
			t.Errorf("FindUserByOIDC = %+v, %v", got, err)
		}
		notFound := map[string]error{
			"unknown id":       second(db.FindUserByID(t.Context(), 999)),
			"unknown username": second(db.FindUserByUsername(t.Context(), "nobody")),
			"other issuer":     second(db.FindUserByOIDC(t.Context(), "https://evil.example", "abc")),
			"empty subject":    second(db.FindUserByOIDC(t.Context(), "", "")),
		}
		for name, err := range notFound {
			if sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: %v", name, err)
			}
		}
		all, err := db.FindUsers(t.Context())
		if err != nil || len(all) != 2 || all[0].Username != "anna" || all[0].Email != "anna@kommun.se" || all[1].Username != "bo" {
			t.Errorf("FindUsers = %+v, %v", all, err)
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestCreateUserRejects(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		mustUser(t, db, identity.NewUser{Username: "anna", DisplayName: "Anna", OIDCIssuer: "https://idp", OIDCSubject: "s1"})
		tests := []struct {
			name  string
			user  identity.NewUser
			kind  sprang.Kind
			field string
		}{
			{"taken username", identity.NewUser{Username: "ANNA", DisplayName: "Anna 2"}, sprang.Conflict, "username"},
			{"taken single sign-on identity", identity.NewUser{Username: "anna2", DisplayName: "A", OIDCIssuer: "https://idp", OIDCSubject: "s1"}, sprang.Conflict, "username"},
			{"bad username", identity.NewUser{Username: "a b", DisplayName: "A"}, sprang.Invalid, "username"},
			{"bad e-mail", identity.NewUser{Username: "cecilia", DisplayName: "C", Email: "nope"}, sprang.Invalid, "email"},
			{"no name", identity.NewUser{Username: "david"}, sprang.Invalid, "display_name"},
		}
		for _, tt := range tests {
			_, err := db.CreateUser(t.Context(), tt.user)
			if sprang.ErrorKind(err) != tt.kind || sprang.ErrorFields(err)[tt.field] == "" {
				t.Errorf("%s: CreateUser error = %v, want %s on %s", tt.name, err, tt.kind, tt.field)
			}
		}
	})
}

func TestUpdateUserAndLinkOIDC(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "anna", DisplayName: "Anna", Email: "anna@kommun.se"})
		other := mustUser(t, db, identity.NewUser{Username: "bo", DisplayName: "Bo"})
		name, email, yes := " Anna Berg ", "ANNA.BERG@kommun.se", true
		got, err := db.UpdateUser(t.Context(), u.ID, identity.UserUpdate{DisplayName: &name, Email: &email, Disabled: &yes})
		if err != nil || got.DisplayName != "Anna Berg" || got.Email != "anna.berg@kommun.se" || !got.Disabled {
			t.Fatalf("UpdateUser = %+v, %v", got, err)
		}
		if got.Principal().IsStaff() {
			t.Error("a disabled user acts as staff")
		}
		no, empty := false, ""
		got, err = db.UpdateUser(t.Context(), u.ID, identity.UserUpdate{Disabled: &no, Email: &empty})
		if err != nil || got.DisplayName != "Anna Berg" || got.Email != "" || got.Disabled {
			t.Errorf("partial UpdateUser = %+v, %v", got, err)
		}
		if raw := rawUserColumn(t, db, u.ID, "email_enc"); raw != nil {
			t.Errorf("removed e-mail still stored: %q", raw)
		}
		bad := "x"
		if _, err := db.UpdateUser(t.Context(), u.ID, identity.UserUpdate{Email: &bad}); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("bad e-mail: %v", err)
		}
		if _, err := db.UpdateUser(t.Context(), 999, identity.UserUpdate{Disabled: &yes}); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown user: %v", err)
		}
		if err := db.LinkUserOIDC(t.Context(), u.ID, "https://idp", "sub-1"); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkUserOIDC(t.Context(), other.ID, "https://idp", "sub-1"); sprang.ErrorKind(err) != sprang.Conflict {
			t.Errorf("second link of one identity: %v", err)
		}
		if err := db.LinkUserOIDC(t.Context(), 999, "https://idp", "sub-2"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("link unknown user: %v", err)
		}
	})
}

func TestGrantAndRevokeRoles(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		org := testOrg(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "anna", DisplayName: "Anna"})
		admin := identity.Grant{UnitID: org["kommunen"].ID, Role: identity.RoleAdministrator}
		officer := identity.Grant{UnitID: org["socialforvaltningen"].ID, Role: identity.RoleHandlaggare}
		for _, g := range []identity.Grant{officer, admin, officer} {
			if err := db.GrantRole(t.Context(), u.ID, g); err != nil {
				t.Fatalf("GrantRole %+v: %v", g, err)
			}
		}
		got, err := db.FindUserByID(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]identity.Grant{admin, officer}, got.Grants); diff != "" {
			t.Errorf("grants (-want +got):\n%s", diff)
		}
		tree, _ := db.FindUnitTree(t.Context())
		if !identity.Can(got.Principal(), identity.ManageUsers, 0, tree) {
			t.Error("stored root administrator may not manage users")
		}
		rejects := map[string]struct {
			user  int64
			grant identity.Grant
			kind  sprang.Kind
		}{
			"unknown role": {u.ID, identity.Grant{UnitID: admin.UnitID, Role: "root"}, sprang.Invalid},
			"unknown unit": {u.ID, identity.Grant{UnitID: 999, Role: identity.RoleLasare}, sprang.NotFound},
			"unknown user": {999, admin, sprang.NotFound},
		}
		for name, r := range rejects {
			if err := db.GrantRole(t.Context(), r.user, r.grant); sprang.ErrorKind(err) != r.kind {
				t.Errorf("%s: GrantRole error = %v, want %s", name, err, r.kind)
			}
		}
		if err := db.RevokeRole(t.Context(), u.ID, admin); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeRole(t.Context(), u.ID, admin); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("second revoke: %v", err)
		}
		users, err := db.FindUsers(t.Context())
		if err != nil || len(users) != 1 {
			t.Fatalf("FindUsers = %v, %v", users, err)
		}
		if diff := cmp.Diff([]identity.Grant{officer}, users[0].Grants); diff != "" {
			t.Errorf("grants after revoke (-want +got):\n%s", diff)
		}
	})
}

func TestUserCredentials(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "anna", DisplayName: "Anna"})
		c, err := db.FindUserCredentials(t.Context(), u.ID)
		if err != nil || c != (store.UserCredentials{}) {
			t.Fatalf("new user's credentials = %+v, %v", c, err)
		}
		hash := secret.HashPasswordWith("korrekt häst batteri", secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
		if err := db.SetPasswordHash(t.Context(), u.ID, hash); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPasswordHash(t.Context(), u.ID, "plain text"); !errors.Is(err, secret.ErrBadHash) {
			t.Errorf("storing a non-hash: %v", err)
		}
		key, err := secret.NewTOTP("Språnget", "anna")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetTOTPSecret(t.Context(), u.ID, key.Secret); err != nil {
			t.Fatal(err)
		}
		if raw := rawUserColumn(t, db, u.ID, "totp_secret_enc"); bytes.Contains(raw, []byte(key.Secret)) || len(raw) == 0 {
			t.Errorf("TOTP secret stored in clear or not at all")
		}
		c, err = db.FindUserCredentials(t.Context(), u.ID)
		if err != nil || c.PasswordHash != hash || c.TOTPSecret != key.Secret || c.TOTPEnabled {
			t.Fatalf("credentials = %+v, %v", c, err)
		}
		if err := db.EnableTOTP(t.Context(), u.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindUserByID(t.Context(), u.ID); !got.TOTPEnabled {
			t.Error("TOTP not enabled")
		}
		if err := db.DisableTOTP(t.Context(), u.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.FindUserCredentials(t.Context(), u.ID); c.TOTPSecret != "" || c.TOTPEnabled {
			t.Errorf("after DisableTOTP: %+v", c)
		}
		if err := db.EnableTOTP(t.Context(), u.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("enable without secret: %v", err)
		}
		for name, err := range map[string]error{
			"password":    db.SetPasswordHash(t.Context(), 999, ""),
			"totp":        db.SetTOTPSecret(t.Context(), 999, key.Secret),
			"credentials": second(db.FindUserCredentials(t.Context(), 999)),
		} {
			if sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s of unknown user: %v", name, err)
			}
		}
	})
}

func TestUsersWithoutBox(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if _, err := db.CreateUser(t.Context(), identity.NewUser{Username: "anna", DisplayName: "Anna", Email: "a@b.se"}); sprang.ErrorKind(err) != sprang.Internal {
			t.Errorf("personal data without a box: %v", err)
		}
		if _, err := db.CreateUser(t.Context(), identity.NewUser{Username: "bo", DisplayName: "Bo"}); err != nil {
			t.Errorf("user without personal data needs no box: %v", err)
		}
		other, err := secret.NewBox("another-key-for-the-test-0123456789abcdef")
		if err != nil {
			t.Fatal(err)
		}
		withBox := boxed(t, db)
		u := mustUser(t, withBox, identity.NewUser{Username: "cecilia", DisplayName: "C", Email: "c@d.se"})
		if _, err := db.WithBox(other).FindUserByID(t.Context(), u.ID); !errors.Is(err, secret.ErrDecrypt) {
			t.Errorf("read with the wrong key: %v", err)
		}
	})
}
