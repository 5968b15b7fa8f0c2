package store

import (
	"context"
	"fmt"
	"time"

	"sprang"
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
	BrowserHash  string // hash of the cookie set in the browser that started the flow
	ReturnTo     string // local path to go to after login
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// CreateAuthFlow stores f, setting CreatedAt to now. A state hash that
// exists already gives an error (states are random, so it never happens).
func (db *DB) CreateAuthFlow(ctx context.Context, f AuthFlow) error {
	if f.BrowserHash == "" {
		return sprang.Errorf(sprang.Invalid, "create auth flow: no browser binding")
	}
	_, err := db.exec(ctx, `INSERT INTO auth_flows (state_hash, provider, code_verifier, nonce, browser_hash, return_to, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		f.StateHash, f.Provider, f.CodeVerifier, f.Nonce, f.BrowserHash, f.ReturnTo, db.Now(), f.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("create auth flow: %w", err)
	}
	return nil
}

// TakeAuthFlow removes and returns the live flow of provider with
// stateHash started in the browser with browserHash, in one statement, so
// a state can be used once only even when two nodes receive the same
// callback. It returns NotFound when there is no such flow, it belongs to
// another provider or another browser (a login forced on someone else:
// that flow stays for its own browser), was used already or expired.
func (db *DB) TakeAuthFlow(ctx context.Context, provider, stateHash, browserHash string) (AuthFlow, error) {
	var f AuthFlow
	row := db.write.QueryRowContext(ctx, db.rebind(`DELETE FROM auth_flows
		WHERE state_hash = ? AND provider = ? AND browser_hash = ? AND browser_hash <> '' AND expires_at > ?
		RETURNING state_hash, provider, code_verifier, nonce, browser_hash, return_to, created_at, expires_at`),
		stateHash, provider, browserHash, db.Now())
	err := row.Scan(&f.StateHash, &f.Provider, &f.CodeVerifier, &f.Nonce, &f.BrowserHash, &f.ReturnTo, &f.CreatedAt, &f.ExpiresAt)
	if err != nil {
		return AuthFlow{}, notFound(err, "login flow")
	}
	return f, nil
}
