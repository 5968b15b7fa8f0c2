// Package auth is the application service for logging in: staff password
// logins with account lockout, rate limits and a TOTP second factor,
// server-side sessions with idle and absolute timeouts, TOTP enrolment,
// API tokens, and the audited administration of staff accounts and
// organization units. It ties the domain (identity, audit) to the store
// and the secrets (secret); the web layer and the command line call it.
//
// Nothing here logs personal data: passwords, codes and tokens are never
// logged or audited, and the audit log records a staff account by its
// username only.
package auth

import (
	"errors"
	"runtime"
	"sync"
	"time"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// Policy holds the limits against password guessing. Every count lives in
// the database, so the limits hold across all nodes.
type Policy struct {
	MaxFailures    int                 // failed logins in a row that lock an account
	LockFor        time.Duration       // how long a locked account stays locked
	Window         time.Duration       // the period the rate limits count over
	PerClient      int                 // failed attempts per client address per Window
	PerUsername    int                 // failed attempts per username per Window
	FlowsPerClient int                 // e-ID and single sign-on logins started per client address per Window
	TOTPIssuer     string              // the name authenticator apps show
	HashPassword   func(string) string // hashes new passwords; tests pass a cheap one
}

// DefaultPolicy returns the limits used in production: 5 failures lock an
// account (or an unknown username) for 15 minutes; 20 failures per client
// address and 10 per username in 10 minutes, and 30 e-ID or single
// sign-on logins started per client address in 10 minutes, are refused
// until the window has passed.
func DefaultPolicy() Policy {
	return Policy{MaxFailures: 5, LockFor: 15 * time.Minute, Window: 10 * time.Minute,
		PerClient: 20, PerUsername: 10, FlowsPerClient: 30, TOTPIssuer: "Språnget", HashPassword: secret.HashPassword}
}

// Service logs people in and out and administers staff accounts. It is
// safe for concurrent use.
type Service struct {
	db        *store.DB
	box       *secret.Box
	idle      time.Duration
	absolute  time.Duration
	policy    Policy
	dummyHash func() string // verified against for unknown users, so timing does not tell
	hashSlots chan struct{} // bounds the password checks running at once
	ssoDomain string        // the staff e-mail domain first single sign-ons are linked by; "" for none
	// beforeHash, when set (by tests only), is called with the password
	// just before it is checked.
	beforeHash func(password string)
}

// New returns a Service on db (used through db.WithBox(box)) that seals
// personal data and makes lookup hashes with box and takes the session
// timeouts from cfg, with DefaultPolicy.
func New(db *store.DB, box *secret.Box, cfg config.Config) *Service {
	return NewWithPolicy(db, box, cfg, DefaultPolicy())
}

// NewWithPolicy is New with explicit limits (tests use small ones and a
// cheap password hash).
func NewWithPolicy(db *store.DB, box *secret.Box, cfg config.Config, p Policy) *Service {
	if p.HashPassword == nil {
		p.HashPassword = secret.HashPassword
	}
	if p.FlowsPerClient == 0 {
		p.FlowsPerClient = DefaultPolicy().FlowsPerClient
	}
	return &Service{db: db.WithBox(box), box: box, idle: cfg.SessionIdle, absolute: cfg.SessionAbsolute, policy: p,
		// Made on first use: hashing takes ~19 MiB, which at start would
		// set the garbage collector's first heap goal needlessly high.
		dummyHash: sync.OnceValue(func() string {
			return p.HashPassword("not a password: a dummy to keep unknown users as slow as known ones")
		}),
		hashSlots: make(chan struct{}, max(2, runtime.NumCPU())), ssoDomain: cfg.StaffOIDC.Domain}
}

// SessionIdle returns how long a session may go unused.
func (s *Service) SessionIdle() time.Duration { return s.idle }

// SessionAbsolute returns how long a session may last at most.
func (s *Service) SessionAbsolute() time.Duration { return s.absolute }

// Message keys of the errors this package returns.
const (
	MsgLoginFailed   = "auth.login.failed"
	MsgLoginDisabled = "auth.login.disabled"
	MsgTooMany       = "auth.login.too_many"
	MsgLocked        = "auth.login.locked"
	MsgCodeInvalid   = "auth.totp.invalid"
	MsgCodeReused    = "auth.totp.reused"
	MsgNoPending     = "auth.totp.no_pending"
)

// RetryError is the cause of a TooMany error: when trying again makes
// sense.
type RetryError struct{ At time.Time }

// Error says when to retry, for logs.
func (e *RetryError) Error() string { return "retry after " + e.At.Format(time.RFC3339) }

// tooMany returns a TooMany error with message key msg that can be retried
// at at.
func tooMany(msg string, at time.Time) error {
	return &sprang.Error{Kind: sprang.TooMany, Message: msg, Cause: &RetryError{At: at.UTC()}}
}

// RetryAt returns when a TooMany error from this package may be retried,
// and false for any other error.
func RetryAt(err error) (time.Time, bool) {
	var r *RetryError
	if errors.As(err, &r) {
		return r.At, true
	}
	return time.Time{}, false
}

// loginFailed is the one answer to a wrong username or password, so the
// answer does not tell which was wrong.
func loginFailed() error {
	return &sprang.Error{Kind: sprang.Invalid, Message: MsgLoginFailed, Fields: map[string]string{"password": MsgLoginFailed}}
}
