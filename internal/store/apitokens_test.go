package store_test

import (
	"strings"
	"testing"

	"sprang"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

func TestAPITokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		org := testOrg(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "api", DisplayName: "API-klient"})
		grant := identity.Grant{UnitID: org["kommunen"].ID, Role: identity.RoleDatavard}
		if err := db.GrantRole(t.Context(), u.ID, grant); err != nil {
			t.Fatal(err)
		}
		token, tok, err := db.CreateAPIToken(t.Context(), u.ID, " Dataportalen ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(token, store.APITokenPrefix) || tok.ID == 0 || tok.Name != "Dataportalen" || tok.UserID != u.ID {
			t.Fatalf("CreateAPIToken = %q, %+v", token, tok)
		}
		var stored string
		if err := rawDB(t, db).QueryRowContext(t.Context(), `SELECT token_hash FROM api_tokens`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != secret.HashToken(token) || strings.Contains(stored, token[len(store.APITokenPrefix):]) {
			t.Errorf("stored %q, want only the hash of the token", stored)
		}
		got, err := db.FindUserByAPIToken(t.Context(), secret.HashToken(token))
		if err != nil || got.ID != u.ID || len(got.Grants) != 1 || got.Grants[0] != grant {
			t.Fatalf("FindUserByAPIToken = %+v, %v", got, err)
		}
		list, err := db.FindAPITokens(t.Context(), u.ID)
		if err != nil || len(list) != 1 || list[0].LastUsedAt.IsZero() || list[0].Revoked() || !list[0].CreatedAt.Equal(tok.CreatedAt) {
			t.Fatalf("FindAPITokens = %+v, %v; want one used, live token", list, err)
		}
		if _, err := db.FindUserByAPIToken(t.Context(), secret.HashToken("sprang_guess")); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("unknown token: %v", err)
		}
		if err := db.RevokeAPIToken(t.Context(), u.ID+1, tok.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("revoke another user's token: %v", err)
		}
		if err := db.RevokeAPIToken(t.Context(), u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeAPIToken(t.Context(), u.ID, tok.ID); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("second revoke: %v", err)
		}
		if _, err := db.FindUserByAPIToken(t.Context(), secret.HashToken(token)); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("revoked token: %v", err)
		}
		if list, _ := db.FindAPITokens(t.Context(), u.ID); len(list) != 1 || !list[0].Revoked() {
			t.Errorf("after revoke: %+v", list)
		}
	})
}

func TestAPITokenRejects(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "api", DisplayName: "API"})
		if _, _, err := db.CreateAPIToken(t.Context(), u.ID, "  "); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("empty name: %v", err)
		}
		if _, _, err := db.CreateAPIToken(t.Context(), 999, "x"); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown user: %v", err)
		}
		token, _, err := db.CreateAPIToken(t.Context(), u.ID, "x")
		if err != nil {
			t.Fatal(err)
		}
		yes := true
		if _, err := db.UpdateUser(t.Context(), u.ID, identity.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindUserByAPIToken(t.Context(), secret.HashToken(token)); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("token of a disabled user: %v", err)
		}
	})
}

// TestAPITokenLimits sets, reads and clears a token's own limits, refuses
// values out of range and revoked or unknown tokens, and lists live tokens
// with their owners for administrators.
func TestAPITokenLimits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db = boxed(t, db)
		u := mustUser(t, db, identity.NewUser{Username: "api", DisplayName: "API-klient"})
		token, tok, err := db.CreateAPIToken(t.Context(), u.ID, "export")
		if err != nil {
			t.Fatal(err)
		}
		use, err := db.FindAPITokenUse(t.Context(), secret.HashToken(token))
		if err != nil || use.TokenID != tok.ID || use.User.ID != u.ID || use.Limits.Custom() {
			t.Fatalf("FindAPITokenUse = %+v, %v; want the token's id and no limits of its own", use, err)
		}
		ten, big := 10, 5000
		if err := db.SetAPITokenLimits(t.Context(), tok.ID, &ten, &big); err != nil {
			t.Fatal(err)
		}
		use, err = db.FindAPITokenUse(t.Context(), secret.HashToken(token))
		if err != nil || use.Limits != (store.APITokenLimits{PerMinute: 10, PerDay: 5000}) || !use.Limits.Custom() {
			t.Fatalf("after setting: %+v, %v", use.Limits, err)
		}
		if err := db.SetAPITokenLimits(t.Context(), tok.ID, nil, &big); err != nil {
			t.Fatal(err)
		}
		list, err := db.FindAPITokenEntries(t.Context(), u.ID)
		if err != nil || len(list) != 1 || list[0].Limits != (store.APITokenLimits{PerDay: 5000}) || list[0].Owner != "api" || list[0].OwnerName != "API-klient" {
			t.Fatalf("FindAPITokenEntries = %+v, %v", list, err)
		}
		zero, huge := 0, store.MaxAPITokenPerDay+1
		err = db.SetAPITokenLimits(t.Context(), tok.ID, &zero, &huge)
		if f := sprang.ErrorFields(err); sprang.ErrorKind(err) != sprang.Invalid || f["per_minute"] == "" || f["per_day"] == "" {
			t.Errorf("out of range: %v %v", err, f)
		}
		if err := db.SetAPITokenLimits(t.Context(), tok.ID+100, &ten, nil); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("unknown token: %v", err)
		}
		if _, _, err := db.CreateAPIToken(t.Context(), u.ID, "annan"); err != nil {
			t.Fatal(err)
		}
		live, err := db.FindLiveAPITokens(t.Context())
		if err != nil || len(live) != 2 || live[0].Name != "annan" || live[1].Limits.PerDay != 5000 {
			t.Fatalf("FindLiveAPITokens = %+v, %v", live, err)
		}
		if err := db.SetAPITokenLimits(t.Context(), tok.ID, nil, nil); err != nil {
			t.Fatal(err)
		}
		if use, _ := db.FindAPITokenUse(t.Context(), secret.HashToken(token)); use.Limits.Custom() {
			t.Errorf("cleared limits read back as %+v", use.Limits)
		}
		if err := db.RevokeAPIToken(t.Context(), u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAPITokenLimits(t.Context(), tok.ID, &ten, nil); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("revoked token: %v", err)
		}
		if live, _ := db.FindLiveAPITokens(t.Context()); len(live) != 1 || live[0].Name != "annan" {
			t.Errorf("live tokens after revoking one: %+v", live)
		}
	})
}
