package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// cheapHash hashes passwords with argon2id at minimal cost, so tests stay fast.
func cheapHash(pw string) string {
	return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
}

// loginFixture is a login service on a fresh database with a settable clock.
type loginFixture struct {
	svc   *auth.Service
	db    *store.DB
	clock *storetest.Clock
}

// eachLogin runs fn once per engine with its own fixture.
func eachLogin(t *testing.T, fn func(t *testing.T, f loginFixture)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			clock := storetest.NewClock(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
			db := storetest.OpenEngineClock(t, e, clock.Now)
			box, err := secret.NewBox("test key test key test key test key 0123")
			if err != nil {
				t.Fatal(err)
			}
			p := auth.DefaultPolicy()
			p.HashPassword = cheapHash
			cfg := config.Config{SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
			fn(t, loginFixture{svc: auth.NewWithPolicy(db, box, cfg, p), db: db.WithBox(box), clock: clock})
		})
	}
}

const testPassword = "correct horse battery"

// mustUser creates a user with testPassword and the given grants.
func (f loginFixture) mustUser(t *testing.T, username string, grants ...identity.Grant) identity.User {
	t.Helper()
	u, err := f.svc.CreateUser(t.Context(), auth.SystemActor("test"), auth.NewUser{
		NewUser: identity.NewUser{Username: username, DisplayName: "Test " + username}, Password: testPassword, Grants: grants})
	if err != nil {
		t.Fatalf("CreateUser %s: %v", username, err)
	}
	return u
}

// actions returns the actions of the audit log, oldest first.
func (f loginFixture) actions(t *testing.T) []audit.Action {
	t.Helper()
	p, err := f.db.FindAuditEntries(t.Context(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Action
	for i := len(p.Entries) - 1; i >= 0; i-- {
		out = append(out, p.Entries[i].Action)
	}
	return out
}

func TestLoginPassword(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		f.mustUser(t, "anna")
		off := f.mustUser(t, "bertil")
		yes := true
		if _, err := f.svc.UpdateUser(ctx, auth.SystemActor("test"), off.ID, identity.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, user, pw string
			kind           sprang.Kind
			msg            string
		}{
			{"right password", "anna", testPassword, "", ""},
			{"username is case-insensitive", " Anna ", testPassword, "", ""},
			{"wrong password", "anna", "wrong", sprang.Invalid, auth.MsgLoginFailed},
			{"unknown user", "nobody", testPassword, sprang.Invalid, auth.MsgLoginFailed},
			{"invalid username", "19121212-1212", testPassword, sprang.Invalid, auth.MsgLoginFailed},
			{"empty", "", "", sprang.Invalid, auth.MsgLoginFailed},
			{"disabled user, right password", "bertil", testPassword, sprang.Forbidden, auth.MsgLoginDisabled},
			{"disabled user, wrong password", "bertil", "wrong", sprang.Invalid, auth.MsgLoginFailed},
		}
		for i, tt := range tests {
			l, err := f.svc.LoginPassword(ctx, tt.user, tt.pw, fmt.Sprintf("10.0.0.%d", i))
			if sprang.ErrorKind(err) != tt.kind || sprang.ErrorMessage(err) != tt.msg {
				t.Errorf("%s: error %v, want %s %s", tt.name, err, tt.kind, tt.msg)
			}
			if tt.kind == "" && (l.Token == "" || l.PendingTOTP) {
				t.Errorf("%s: login %+v", tt.name, l)
			}
		}
		if err := f.db.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		var ok, failed int
		for _, a := range f.actions(t) {
			switch a {
			case audit.LoginSuccess:
				ok++
			case audit.LoginFailure:
				failed++
			}
		}
		if ok != 2 || failed != 6 {
			t.Errorf("audited %d successes and %d failures, want 2 and 6", ok, failed)
		}
	})
}

func TestLockout(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		f.mustUser(t, "anna")
		for i := 1; i <= 5; i++ {
			_, err := f.svc.LoginPassword(ctx, "anna", "wrong", fmt.Sprintf("10.0.1.%d", i))
			want := sprang.Invalid
			if i == 5 {
				want = sprang.TooMany
			}
			if sprang.ErrorKind(err) != want {
				t.Fatalf("attempt %d: %v, want %s", i, err, want)
			}
		}
		_, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.1.9")
		at, ok := auth.RetryAt(err)
		if sprang.ErrorMessage(err) != auth.MsgLocked || !ok || !at.Equal(f.clock.Now().Add(15*time.Minute)) {
			t.Fatalf("locked account with right password: %v (retry %v)", err, at)
		}
		f.clock.Add(15*time.Minute + time.Second)
		if _, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.1.9"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		if !contains(f.actions(t), audit.LoginLocked) {
			t.Error("lockout not audited")
		}
	})
}

func TestRateLimits(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		f.mustUser(t, "anna")
		// Per client: 20 failures with different usernames.
		for i := range 20 {
			if _, err := f.svc.LoginPassword(ctx, fmt.Sprintf("guess%d", i), "x", "10.0.2.1"); sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.2.1")
		if at, ok := auth.RetryAt(err); sprang.ErrorMessage(err) != auth.MsgTooMany || !ok || !at.Equal(f.clock.Now().Add(10*time.Minute)) {
			t.Fatalf("21st attempt from one client: %v", err)
		}
		if _, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.2.2"); err != nil {
			t.Fatalf("another client: %v", err)
		}
		// Per username: 10 failures from different clients.
		for i := range 10 {
			_, _ = f.svc.LoginPassword(ctx, "nobody", "x", fmt.Sprintf("10.0.3.%d", i))
		}
		if _, err := f.svc.LoginPassword(ctx, "nobody", "x", "10.0.4.1"); sprang.ErrorKind(err) != sprang.TooMany {
			t.Fatalf("11th attempt on one username: %v", err)
		}
		f.clock.Add(10*time.Minute + time.Second)
		if _, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.2.1"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// enrolTOTP turns TOTP on for u and returns the secret.
func (f loginFixture) enrolTOTP(t *testing.T, u identity.User) string {
	t.Helper()
	ctx := t.Context()
	if err := f.svc.BeginTOTP(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	e, err := f.svc.PendingEnrolment(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ConfirmTOTP(ctx, auth.StaffActor(u.ID, u.Username), u.ID, "000000"); sprang.ErrorKind(err) != sprang.Invalid {
		t.Fatalf("confirm with a wrong code: %v", err)
	}
	code, _ := secret.TOTPCode(e.Secret, f.clock.Now())
	if err := f.svc.ConfirmTOTP(ctx, auth.StaffActor(u.ID, u.Username), u.ID, code); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	f.clock.Add(30 * time.Second) // the enrolment code's step is used up
	return e.Secret
}

func TestTOTPLogin(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		key := f.enrolTOTP(t, u)
		l, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.5.1")
		if err != nil || !l.PendingTOTP {
			t.Fatalf("password step: %+v %v", l, err)
		}
		pending := secret.HashToken(l.Token)
		if _, err := f.svc.VerifyTOTP(ctx, pending, "123 456"); sprang.ErrorMessage(err) != auth.MsgCodeInvalid {
			t.Fatalf("wrong code: %v", err)
		}
		code, _ := secret.TOTPCode(key, f.clock.Now())
		done, err := f.svc.VerifyTOTP(ctx, pending, code)
		if err != nil || done.PendingTOTP || done.Token == l.Token {
			t.Fatalf("right code: %+v %v", done, err)
		}
		if _, err := f.db.FindSession(ctx, pending, time.Hour); sprang.ErrorKind(err) != sprang.NotFound {
			t.Errorf("pending session still there: %v", err)
		}
		// The same code again, in a new login: refused as reused.
		l2, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.5.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.VerifyTOTP(ctx, secret.HashToken(l2.Token), code); sprang.ErrorMessage(err) != auth.MsgCodeReused {
			t.Fatalf("reused code: %v", err)
		}
		if _, err := f.svc.VerifyTOTP(ctx, secret.HashToken(done.Token), code); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Fatalf("a completed session is not pending: %v", err)
		}
	})
}

func TestTOTPFailuresLock(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		f.enrolTOTP(t, u)
		l, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.6.1")
		if err != nil {
			t.Fatal(err)
		}
		var last error
		for range 5 {
			_, last = f.svc.VerifyTOTP(ctx, secret.HashToken(l.Token), "000000")
		}
		if sprang.ErrorMessage(last) != auth.MsgLocked {
			t.Fatalf("5th wrong code: %v", last)
		}
	})
}

func TestSessions(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		tok, err := f.svc.StartSession(ctx, auth.Subject{UserID: u.ID, Name: u.Username}, auth.MethodPassword, "")
		if err != nil {
			t.Fatal(err)
		}
		h := secret.HashToken(tok)
		for range 30 { // used every 25 minutes: idle never strikes, the absolute end does
			f.clock.Add(25 * time.Minute)
			_, err = f.svc.Session(ctx, h)
			if err != nil {
				break
			}
		}
		if sprang.ErrorKind(err) != sprang.NotFound || f.clock.Now().Before(time.Date(2026, 3, 2, 20, 0, 0, 0, time.UTC)) {
			t.Fatalf("absolute timeout: %v at %v", err, f.clock.Now())
		}
		tok, _ = f.svc.StartSession(ctx, auth.Subject{UserID: u.ID}, auth.MethodPassword, "")
		f.clock.Add(31 * time.Minute)
		if _, err := f.svc.Session(ctx, secret.HashToken(tok)); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("idle timeout: %v", err)
		}
		a, _ := f.svc.StartSession(ctx, auth.Subject{UserID: u.ID}, auth.MethodPassword, "")
		b, _ := f.svc.StartSession(ctx, auth.Subject{UserID: u.ID}, auth.MethodPassword, "")
		if err := f.svc.Logout(ctx, secret.HashToken(a)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Session(ctx, secret.HashToken(a)); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("after logout: %v", err)
		}
		if _, err := f.svc.Session(ctx, secret.HashToken(b)); err != nil {
			t.Fatalf("other session after logout: %v", err)
		}
		if err := f.svc.LogoutEverywhere(ctx, auth.StaffActor(u.ID, u.Username), u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Session(ctx, secret.HashToken(b)); sprang.ErrorKind(err) != sprang.NotFound {
			t.Fatalf("after logout everywhere: %v", err)
		}
		acts := f.actions(t)
		if !contains(acts, audit.Logout) || !contains(acts, audit.SessionRevokedAll) {
			t.Errorf("audit: %v", acts)
		}
	})
}

func TestAPIToken(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		tok, err := f.svc.CreateAPIToken(ctx, auth.SystemActor("cli"), u.ID, "export")
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.AuthenticateAPIToken(ctx, tok)
		if err != nil || got.ID != u.ID {
			t.Fatalf("AuthenticateAPIToken = %v, %v", got.ID, err)
		}
		for _, bad := range []string{"", "nope", tok + "x"} {
			if _, err := f.svc.AuthenticateAPIToken(ctx, bad); sprang.ErrorKind(err) != sprang.Unauthenticated {
				t.Errorf("token %q: %v", bad, err)
			}
		}
		yes := true
		if _, err := f.svc.UpdateUser(ctx, auth.SystemActor("test"), u.ID, identity.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AuthenticateAPIToken(ctx, tok); sprang.ErrorKind(err) != sprang.Unauthenticated {
			t.Errorf("token of a disabled user: %v", err)
		}
	})
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := context.Background()
		f.mustUser(t, "anna")
		tests := []struct {
			name   string
			in     auth.NewUser
			fields []string
			kind   sprang.Kind
		}{
			{"bad username and name", auth.NewUser{NewUser: identity.NewUser{Username: "a b", DisplayName: ""}}, []string{"username", "display_name"}, sprang.Invalid},
			{"short password", auth.NewUser{NewUser: identity.NewUser{Username: "cecilia", DisplayName: "C"}, Password: "short"}, []string{"password"}, sprang.Invalid},
			{"demo password allowed when asked", auth.NewUser{NewUser: identity.NewUser{Username: "demo", DisplayName: "D"}, Password: "demo", SkipPasswordRules: true}, nil, ""},
			{"taken", auth.NewUser{NewUser: identity.NewUser{Username: "anna", DisplayName: "A"}}, []string{"username"}, sprang.Conflict},
		}
		for _, tt := range tests {
			_, err := f.svc.CreateUser(ctx, auth.SystemActor("test"), tt.in)
			if sprang.ErrorKind(err) != tt.kind {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.kind)
			}
			for _, fl := range tt.fields {
				if sprang.ErrorFields(err)[fl] == "" {
					t.Errorf("%s: no error for %s: %v", tt.name, fl, err)
				}
			}
		}
		if _, err := f.svc.LoginPassword(ctx, "demo", "demo", "10.0.7.1"); err != nil {
			t.Errorf("demo login: %v", err)
		}
	})
}
