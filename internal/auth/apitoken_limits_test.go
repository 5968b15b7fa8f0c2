package auth_test

import (
	"testing"

	"sprang"
	"sprang/internal/auth"
	"sprang/internal/identity"
)

// TestAPITokenLimits sets a token's own limits (audited, and read back
// with the token), clears one, and refuses bad values and revoked tokens
// without auditing them.
func TestAPITokenLimits(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		anna := f.mustUser(t, "anna")
		actor := auth.SystemActor("cli")
		token, err := f.svc.CreateAPIToken(ctx, actor, anna.ID, "export")
		if err != nil {
			t.Fatal(err)
		}
		use, err := f.svc.AuthenticateAPITokenUse(ctx, token)
		if err != nil || use.User.ID != anna.ID || use.TokenID == 0 || use.Limits.Custom() {
			t.Fatalf("AuthenticateAPITokenUse = %+v, %v", use, err)
		}
		five := 5
		if err := f.svc.SetAPITokenLimits(ctx, actor, use.TokenID, &five, nil); err != nil {
			t.Fatal(err)
		}
		use, err = f.svc.AuthenticateAPITokenUse(ctx, token)
		if err != nil || use.Limits.PerMinute != 5 || use.Limits.PerDay != 0 {
			t.Fatalf("after setting: %+v, %v", use.Limits, err)
		}
		ts, err := f.svc.APITokenEntries(ctx, anna.ID)
		if err != nil || len(ts) != 1 || ts[0].Limits.PerMinute != 5 {
			t.Fatalf("APITokenEntries = %+v, %v", ts, err)
		}
		if live, err := f.svc.LiveAPITokens(ctx); err != nil || len(live) != 1 || live[0].Owner != "anna" {
			t.Fatalf("LiveAPITokens = %+v, %v", live, err)
		}
		neg := -1
		if err := f.svc.SetAPITokenLimits(ctx, actor, use.TokenID, &neg, nil); sprang.ErrorKind(err) != sprang.Invalid {
			t.Errorf("negative limit: %v", err)
		}
		if err := f.svc.RevokeAPIToken(ctx, actor, anna.ID, use.TokenID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SetAPITokenLimits(ctx, actor, use.TokenID, &five, nil); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("revoked token: %v", err)
		}
		if _, err := f.svc.AuthenticateAPITokenUse(ctx, ""); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("empty token: %v", err)
		}
		changed := 0
		for _, a := range f.actions(t) {
			if a == auth.APITokenLimitsChanged {
				changed++
			}
		}
		if changed != 1 {
			t.Errorf("%d limit changes audited, want 1", changed)
		}
	})
}

// TestMaySetAPITokenLimits: only an administrator of the group root may
// set limits, not an administrator of a unit below it nor a data steward.
func TestMaySetAPITokenLimits(t *testing.T) {
	t.Parallel()
	tree, err := identity.BuildTree([]identity.Unit{{ID: 1, Slug: "kommunen"}, {ID: 2, ParentID: 1, Slug: "miljo"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		grant identity.Grant
		want  bool
	}{
		{identity.Grant{UnitID: 1, Role: identity.RoleAdministrator}, true},
		{identity.Grant{UnitID: 2, Role: identity.RoleAdministrator}, false},
		{identity.Grant{UnitID: 1, Role: identity.RoleDatavard}, false},
	} {
		u := identity.User{ID: 7, Username: "x", Grants: []identity.Grant{c.grant}}
		if got := auth.MaySetAPITokenLimits(u, tree); got != c.want {
			t.Errorf("%+v: %v, want %v", c.grant, got, c.want)
		}
	}
}
