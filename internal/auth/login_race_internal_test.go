package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/identity"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
)

// TestParallelGuesses sends bursts of wrong passwords and, in the same
// burst, the right one, all past the rate-limit and lock checks before
// any of them is hashed (a barrier in front of the hash holds them). At
// most PerUsername may reach the hash, at most MaxFailures-1 may be told
// "wrong password", and the right password — checked only after the wrong
// ones locked the account — must be refused.
func TestParallelGuesses(t *testing.T) {
	t.Parallel()
	p := DefaultPolicy()
	tests := []struct {
		name      string
		guesses   int
		oneClient bool
	}{
		// All within the username limit (one client each): every guess
		// reaches the hash, and the account must lock.
		{"within the limits", p.PerUsername - 1, false},
		// Far over the limits from one client.
		{"over the limits", 3 * p.PerUsername, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				svc := raceService(t, db, p)
				b := newBurst(svc, testRight)
				res := b.run(t, tt.guesses, tt.oneClient)
				if b.hashed > p.PerUsername {
					t.Errorf("%d logins reached the password check, want at most %d", b.hashed, p.PerUsername)
				}
				if n := res[MsgLoginFailed]; n > p.MaxFailures-1 {
					t.Errorf("%d guesses were told wrong password, want at most %d (%v)", n, p.MaxFailures-1, res)
				}
				// Over the limits, contention may refuse more guesses than
				// needed, before any locks the account.
				locked := !tt.oneClient || res[MsgLocked] > 0
				if locked && sprang.ErrorKind(b.rightErr) != sprang.TooMany {
					t.Errorf("the right password after the lockout: %v, want refused (%v)", b.rightErr, res)
				}
			})
		})
	}
}

const testRight = "correct horse battery"

// raceService is a login service on db with policy p, a cheap hash and
// the user anna with the password testRight.
func raceService(t *testing.T, db *store.DB, p Policy) *Service {
	t.Helper()
	box, err := secret.NewBox("test key test key test key test key 0123")
	if err != nil {
		t.Fatal(err)
	}
	p.HashPassword = func(pw string) string {
		return secret.HashPasswordWith(pw, secret.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	}
	svc := NewWithPolicy(db, box, config.Config{SessionIdle: time.Hour, SessionAbsolute: time.Hour}, p)
	if _, err := svc.CreateUser(t.Context(), SystemActor("test"), NewUser{
		NewUser: identity.NewUser{Username: "anna", DisplayName: "Anna"}, Password: testRight}); err != nil {
		t.Fatal(err)
	}
	return svc
}

// burst holds a burst of logins in front of the password check.
type burst struct {
	svc    *Service
	right  string
	gate   chan struct{} // opens the wrong guesses' checks
	later  chan struct{} // opens the right password's check
	seen   chan string   // a login reached the check or returned before it
	mu     sync.Mutex
	hashed int

	rightErr error
}

func newBurst(svc *Service, right string) *burst {
	b := &burst{svc: svc, right: right, gate: make(chan struct{}), later: make(chan struct{}), seen: make(chan string, 1000)}
	svc.beforeHash = b.hold
	return b
}

// hold is the barrier in front of the password check.
func (b *burst) hold(pw string) {
	b.mu.Lock()
	b.hashed++
	b.mu.Unlock()
	b.seen <- pw
	if pw == b.right {
		<-b.later
		return
	}
	<-b.gate
}

// run starts the right password, then n wrong ones (from one client, or
// each from its own); once every login is
// at the barrier or refused before it, it lets the wrong ones through,
// and after they all answered, the right one. It returns the wrong
// guesses' answers by message key.
func (b *burst) run(t *testing.T, n int, oneClient bool) map[string]int {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, b.rightErr = b.svc.LoginPassword(t.Context(), "anna", b.right, "10.0.0.1")
		b.seen <- b.right // refused before the check: no harm, the test fails on it
	}()
	if pw := <-b.seen; pw != b.right {
		t.Fatalf("first at the barrier: %q", pw)
	}
	results := make(chan error, n)
	for i := range n {
		pw, client := fmt.Sprintf("wrong %d", i), fmt.Sprintf("10.0.1.%d", i)
		if oneClient {
			client = "10.0.0.1"
		}
		go func() {
			_, err := b.svc.LoginPassword(t.Context(), "anna", pw, client)
			b.seen <- pw // refused before the check
			results <- err
		}()
	}
	arrived := map[string]bool{}
	for len(arrived) < n {
		arrived[<-b.seen] = true
	}
	close(b.gate)
	out := map[string]int{}
	for range n {
		err := <-results
		out[sprang.ErrorMessage(err)]++
	}
	close(b.later)
	<-done
	return out
}
