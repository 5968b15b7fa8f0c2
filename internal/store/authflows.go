package store

import (
	"context"
	"fmt"
	"time"
)

// AuthFlow is an OpenID Connect login on its way: started on one node,
// it may be finished on any other, so it lives in the database. Only the
// hash of the state parameter is kept, so a leaked table cannot be used to
// forge a callback.
type AuthFlow struct {
	StateHash    string // hash of the state sent to the provider
	Provider     string // which configured provider: "eid" or "sso"
	CodeVerifier string // the PKCE verifier, sent with the code exchange
	Nonce        string // expected in the ID token
	ReturnTo     string // local path to go to after login
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// CreateAuthFlow stores f, setting CreatedAt to now. A state hash that
// exists already gives an error (states are random, so it never happens).
func (db *DB) CreateAuthFlow(ctx context.Context, f AuthFlow) error {
	_, err := db.exec(ctx, `INSERT INTO auth_flows (state_hash, provider, code_verifier, nonce, return_to, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		f.StateHash, f.Provider, f.CodeVerifier, f.Nonce, f.ReturnTo, db.Now(), f.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("create auth flow: %w", err)
	}
	return nil
}

// TakeAuthFlow removes and returns the live flow of provider with
// stateHash, in one statement, so a state can be used once only even when
// two nodes receive the same callback. It returns NotFound when there is no
// such flow, it belongs to another provider, was used already or expired.
func (db *DB) TakeAuthFlow(ctx context.Context, provider, stateHash string) (AuthFlow, error) {
	var f AuthFlow
	row := db.write.QueryRowContext(ctx, db.rebind(`DELETE FROM auth_flows
		WHERE state_hash = ? AND provider = ? AND expires_at > ?
		RETURNING state_hash, provider, code_verifier, nonce, return_to, created_at, expires_at`),
		stateHash, provider, db.Now())
	err := row.Scan(&f.StateHash, &f.Provider, &f.CodeVerifier, &f.Nonce, &f.ReturnTo, &f.CreatedAt, &f.ExpiresAt)
	if err != nil {
		return AuthFlow{}, notFound(err, "login flow")
	}
	return f, nil
}
