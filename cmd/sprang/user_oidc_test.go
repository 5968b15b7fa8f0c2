package main

import (
	"strings"
	"testing"

	"sprang"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestUserCreateOIDCSubject shows that an administrator links an account
// to a single sign-on identity by issuer and subject when creating it.
func TestUserCreateOIDCSubject(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e store.Engine) {
		url := engineURL(t, e)
		base := map[string]string{"SPRANG_DATA": t.TempDir(), "SPRANG_DB": url, "SPRANG_SECRET_KEY": testSecretKey}
		withSSO := map[string]string{"SPRANG_STAFF_OIDC_ISSUER": "https://login.example.se/tenant/v2.0",
			"SPRANG_STAFF_OIDC_CLIENT_ID": "sprang", "SPRANG_STAFF_OIDC_CLIENT_SECRET": "s"}
		for k, v := range base {
			withSSO[k] = v
		}
		tests := []struct {
			name string
			env  map[string]string
			user string
			kind sprang.Kind
		}{
			{"no single sign-on configured", base, "anna", sprang.Invalid},
			{"linked", withSSO, "bo", ""},
			{"same identity again", withSSO, "cia", sprang.Conflict},
		}
		for _, tt := range tests {
			err := run(t.Context(), []string{"user", "create", "--username", tt.user, "--name", "N", "--oidc-subject", "entra-4711"}, envOf(tt.env), newSyncBuffer())
			if sprang.ErrorKind(err) != tt.kind {
				t.Errorf("%s: %v, want kind %q", tt.name, err, tt.kind)
			}
		}
		box, err := secret.NewBox(testSecretKey)
		if err != nil {
			t.Fatal(err)
		}
		db := storetest.MustOpen(t, url).WithBox(box)
		u, err := db.FindUserByOIDC(t.Context(), "https://login.example.se/tenant/v2.0", "entra-4711")
		if err != nil || u.Username != "bo" {
			t.Fatalf("linked account = %+v, %v; want bo", u, err)
		}
		if _, err := db.FindUserByUsername(t.Context(), "anna"); err == nil || !strings.Contains(err.Error(), "not found") {
			t.Errorf("refused create left an account: %v", err)
		}
	})
}
