package auth_test

import (
	"testing"
	"time"

	"sprang"
	"sprang/internal/audit"
	"sprang/internal/auth"
	"sprang/internal/config"
	"sprang/internal/secret"
	"sprang/internal/store/storetest"
)

func TestLongerIdle(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	box, err := secret.NewBox("test key test key test key test key 0123")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		idle, absolute time.Duration
		want           time.Duration
	}{
		{"the defaults: ten times", 30 * time.Minute, 12 * time.Hour, 5 * time.Hour},
		{"capped by the absolute lifetime", 2 * time.Hour, 12 * time.Hour, 12 * time.Hour},
		{"exactly ten times", time.Hour, 10 * time.Hour, 10 * time.Hour},
		{"idle equal to absolute", time.Hour, time.Hour, time.Hour},
	}
	for _, tt := range tests {
		svc := auth.New(db, box, config.Config{SessionIdle: tt.idle, SessionAbsolute: tt.absolute})
		if got := svc.LongerIdle(); got != tt.want {
			t.Errorf("%s: LongerIdle() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestExtendSession: a staff user's or a resident's session given more
// time lives five hours without use instead of 30 minutes, and no longer
// than its absolute end; the person's other session keeps 30 minutes; the
// choice is audited once, with the session's person as actor.
func TestExtendSession(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		res, err := f.db.FindOrCreateResidentByEmail(ctx, "invanare@example.se")
		if err != nil {
			t.Fatal(err)
		}
		subjects := []struct {
			name  string
			who   auth.Subject
			actor audit.ActorKind
			id    int64
		}{
			{"staff", auth.Subject{UserID: u.ID, Name: u.Username}, audit.Staff, u.ID},
			{"resident", auth.Subject{ResidentID: res.ID}, audit.Resident, res.ID},
		}
		start := f.clock.Now()
		longer := map[string]string{}
		others := map[string]string{}
		for _, s := range subjects {
			a, _ := f.svc.StartSession(ctx, s.who, auth.MethodPassword, "")
			b, _ := f.svc.StartSession(ctx, s.who, auth.MethodPassword, "")
			longer[s.name], others[s.name] = secret.HashToken(a), secret.HashToken(b)
			idle, err := f.svc.ExtendSession(ctx, longer[s.name])
			if err != nil || idle != 5*time.Hour {
				t.Fatalf("%s: ExtendSession = %v, %v", s.name, idle, err)
			}
			if idle, err := f.svc.ExtendSession(ctx, longer[s.name]); err != nil || idle != 5*time.Hour {
				t.Fatalf("%s: again: %v, %v", s.name, idle, err)
			}
			sess, err := f.svc.Session(ctx, longer[s.name])
			if err != nil || sess.Idle != 5*time.Hour || !sess.IdleChosen {
				t.Fatalf("%s: Session = %+v, %v", s.name, sess, err)
			}
			if sess, err := f.svc.Session(ctx, others[s.name]); err != nil || sess.Idle != 30*time.Minute || sess.IdleChosen {
				t.Fatalf("%s: other session = %+v, %v", s.name, sess, err)
			}
		}
		f.clock.Add(4*time.Hour + 55*time.Minute)
		for _, s := range subjects {
			if _, err := f.svc.Session(ctx, longer[s.name]); err != nil {
				t.Errorf("%s: after 4 h 55 min unused: %v", s.name, err)
			}
			if _, err := f.svc.Session(ctx, others[s.name]); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: other session after 4 h 55 min unused: %v", s.name, err)
			}
		}
		for f.clock.Now().Before(start.Add(12 * time.Hour)) { // used every 4 hours until the absolute end
			for _, s := range subjects {
				if _, err := f.svc.Session(ctx, longer[s.name]); err != nil {
					t.Fatalf("%s: at %v: %v", s.name, f.clock.Now(), err)
				}
			}
			f.clock.Add(4 * time.Hour)
		}
		for _, s := range subjects {
			if _, err := f.svc.Session(ctx, longer[s.name]); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: past the absolute end: %v", s.name, err)
			}
			if _, err := f.svc.ExtendSession(ctx, longer[s.name]); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: extend past the absolute end: %v", s.name, err)
			}
		}
		p, err := f.db.FindAuditEntries(ctx, audit.Filter{Action: auth.SessionExtended})
		if err != nil || len(p.Entries) != len(subjects) {
			t.Fatalf("audit: %+v, %v", p.Entries, err)
		}
		for i, s := range subjects {
			e := p.Entries[len(subjects)-1-i] // newest first
			if e.ActorKind != s.actor || e.ActorID != s.id || e.ResidentID != 0 || e.Detail != "idle limit 5h0m0s" {
				t.Errorf("%s: audit entry %+v", s.name, e)
			}
		}
	})
}

// TestExtendSessionRefused: only a live, fully logged-in session can get
// more time.
func TestExtendSessionRefused(t *testing.T) {
	t.Parallel()
	eachLogin(t, func(t *testing.T, f loginFixture) {
		ctx := t.Context()
		u := f.mustUser(t, "anna")
		idle, _ := f.svc.StartSession(ctx, auth.Subject{UserID: u.ID, Name: u.Username}, auth.MethodPassword, "")
		f.clock.Add(31 * time.Minute)
		f.enrolTOTP(t, u)
		l, err := f.svc.LoginPassword(ctx, "anna", testPassword, "10.0.6.1")
		if err != nil || !l.PendingTOTP {
			t.Fatalf("password step: %+v, %v", l, err)
		}
		tests := []struct{ name, tokenHash string }{
			{"idle past 30 minutes", secret.HashToken(idle)},
			{"waiting for the second factor", secret.HashToken(l.Token)},
			{"unknown", secret.HashToken("no such token")},
		}
		for _, tt := range tests {
			if _, err := f.svc.ExtendSession(ctx, tt.tokenHash); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("%s: %v, want NotFound", tt.name, err)
			}
		}
		p, err := f.db.FindAuditEntries(ctx, audit.Filter{Action: auth.SessionExtended})
		if err != nil || len(p.Entries) != 0 {
			t.Fatalf("audit: %+v, %v", p.Entries, err)
		}
	})
}
