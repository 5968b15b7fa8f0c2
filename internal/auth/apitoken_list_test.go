package auth_test

import (
	"testing"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
)

// TestAPITokenListRevoke lists a user's tokens, revokes one (audited, and
// it stops working at once), and refuses to revoke another user's token
// or one already revoked.
func TestAPITokenListRevoke(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		anna, bo := f.mustUser(t, "anna"), f.mustUser(t, "bo")
		actor := auth.StaffActor(anna.ID, anna.Username)
		first, err := f.svc.CreateAPIToken(ctx, actor, anna.ID, "export")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CreateAPIToken(ctx, actor, anna.ID, "statistik"); err != nil {
			t.Fatal(err)
		}
		ts, err := f.svc.APITokens(ctx, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 2 || ts[0].Name != "statistik" || ts[1].Name != "export" || ts[0].Revoked() {
			t.Fatalf("tokens: %+v", ts)
		}
		if none, err := f.svc.APITokens(ctx, bo.ID); err != nil || len(none) != 0 {
			t.Fatalf("bo's tokens: %v %+v", err, none)
		}
		boActor := auth.StaffActor(bo.ID, bo.Username)
		for _, c := range []struct {
			name   string
			actor  auth.Actor
			userID int64
			id     int64
			want   sprang.Kind
		}{
			{"another user's token", boActor, bo.ID, ts[1].ID, sprang.NotFound},
			{"no such token", actor, anna.ID, ts[0].ID + 100, sprang.NotFound},
			{"own token", actor, anna.ID, ts[1].ID, ""},
			{"already revoked", actor, anna.ID, ts[1].ID, sprang.NotFound},
		} {
			err := f.svc.RevokeAPIToken(ctx, c.actor, c.userID, c.id)
			if got := sprang.ErrorKind(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
				t.Errorf("%s: %v (kind %q), want kind %q", c.name, err, got, c.want)
			}
		}
		if _, err := f.svc.AuthenticateAPIToken(ctx, first); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("revoked token still works: %v", err)
		}
		ts, _ = f.svc.APITokens(ctx, anna.ID)
		if !ts[1].Revoked() || ts[0].Revoked() {
			t.Errorf("after revoking: %+v", ts)
		}
		revoked := 0
		for _, a := range f.actions(t) {
			if a == audit.APITokenRevoked {
				revoked++
			}
		}
		if revoked != 1 {
			t.Errorf("%d revocations audited, want 1", revoked)
		}
	})
}
