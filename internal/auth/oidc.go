package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"sprang"
	"sprang/internal/config"
	"sprang/internal/secret"
	"sprang/internal/store"
)

// The providers a login flow can belong to, as stored in auth_flows.
const (
	ProviderEID = "eid" // residents' e-ID broker (BankID, Freja eID)
	ProviderSSO = "sso" // staff single sign-on (e.g. Entra ID)
)

// Message keys of the errors of an OpenID Connect login.
const (
	MsgOIDCCancelled   = "oidc.cancelled"   // the person cancelled at the provider
	MsgOIDCFailed      = "oidc.failed"      // the provider answered with an error, or its answer did not verify
	MsgOIDCExpired     = "oidc.expired"     // unknown, used or expired state: start again
	MsgOIDCUnavailable = "oidc.unavailable" // the provider cannot be reached
)

// FlowTTL is how long a person has at the provider to finish a login,
// and so how long the cookie binding the flow to their browser lives.
const FlowTTL = 10 * time.Minute

// OIDC is a relying party of one OpenID provider: it starts the
// authorization code flow with PKCE (S256), state and nonce, keeping the
// flow in the database so that any node can finish it, and finishes it by
// exchanging the code and verifying the ID token. The provider's discovery
// document is fetched on first use, so the platform starts even while the
// provider is down. It is safe for concurrent use.
type OIDC struct {
	provider string // ProviderEID or ProviderSSO
	cfg      config.OIDC
	redirect string
	db       *store.DB
	http     *http.Client

	mu       sync.Mutex
	op       *oidc.Provider
	verifier *oidc.IDTokenVerifier
}

// NewOIDC returns a relying party for the provider named provider
// (ProviderEID or ProviderSSO) configured by cfg, whose callback is
// redirectURL (absolute).
func NewOIDC(provider string, cfg config.OIDC, redirectURL string, db *store.DB) *OIDC {
	return &OIDC{provider: provider, cfg: cfg, redirect: redirectURL, db: db,
		http: &http.Client{Timeout: 15 * time.Second}}
}

// Claims is what a finished login tells: the issuer and subject of the ID
// token, its acr (level of assurance), all its claims, and where the
// person was going.
type Claims struct {
	Issuer   string
	Subject  string
	ACR      string
	All      map[string]any
	ReturnTo string
}

// String returns the claim name as a string, or "" when it is missing or
// not a string.
func (c Claims) String(name string) string {
	s, _ := c.All[name].(string)
	return s
}

// discover returns the provider's metadata and an ID token verifier,
// fetching them on first use. A failure is not remembered, so the next
// login tries again.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.op != nil {
		return o.op, o.verifier, nil
	}
	// The provider keeps the context for fetching its signing keys later,
	// so it must not be the request's, which ends with the request.
	bg := oidc.ClientContext(context.WithoutCancel(ctx), o.http)
	p, err := oidc.NewProvider(bg, o.cfg.Issuer)
	if err != nil {
		return nil, nil, &sprang.Error{Kind: sprang.Internal, Message: MsgOIDCUnavailable,
			Cause: fmt.Errorf("discover %s provider: %w", o.provider, err)}
	}
	o.op, o.verifier = p, p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID})
	return o.op, o.verifier, nil
}

func (o *OIDC) oauth2(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret,
		Endpoint: p.Endpoint(), RedirectURL: o.redirect, Scopes: o.cfg.ScopeList()}
}

// Flow is a login just started: the provider URL to send the browser to,
// and the secret to keep in that browser (a short-lived cookie) and hand
// to Finish, so that only the browser that started the flow can finish it.
type Flow struct {
	URL     string
	Binding string
}

// Start begins a login that returns to the local path returnTo afterwards.
// It stores the flow: the hashes of the state and of the browser binding,
// the PKCE verifier and the nonce.
func (o *OIDC) Start(ctx context.Context, returnTo string) (Flow, error) {
	p, _, err := o.discover(ctx)
	if err != nil {
		return Flow{}, err
	}
	state, nonce, verifier, binding := randomString(), randomString(), oauth2.GenerateVerifier(), randomString()
	err = o.db.CreateAuthFlow(ctx, store.AuthFlow{StateHash: secret.HashToken(state), Provider: o.provider,
		CodeVerifier: verifier, Nonce: nonce, BrowserHash: secret.HashToken(binding), ReturnTo: returnTo,
		ExpiresAt: o.db.Now().Add(FlowTTL)})
	if err != nil {
		return Flow{}, fmt.Errorf("start %s login: %w", o.provider, err)
	}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)}
	if o.cfg.ACRValues != "" {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", o.cfg.ACRValues))
	}
	return Flow{URL: o.oauth2(p).AuthCodeURL(state, opts...), Binding: binding}, nil
}

// randomString returns 32 random bytes as unpadded base64url.
func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Finish completes a login from the callback's query in the browser that
// holds binding (Flow.Binding of the Start): it takes the flow named by
// state and started in that browser (once: a replayed callback finds
// nothing, and a callback forced on another browser — login CSRF — finds
// nothing either), exchanges the
// code with the PKCE verifier, verifies the ID token (signature, issuer,
// audience, expiry) and its nonce. Errors are *sprang.Error values whose
// Message is MsgOIDCCancelled (the person cancelled), MsgOIDCExpired (no
// such flow: unknown, used or expired state), MsgOIDCFailed (any other
// refusal) or MsgOIDCUnavailable.
func (o *OIDC) Finish(ctx context.Context, q url.Values, binding string) (Claims, error) {
	state := q.Get("state")
	if state == "" {
		return Claims{}, oidcError(sprang.Invalid, MsgOIDCExpired, errors.New("callback without state"))
	}
	if binding == "" {
		return Claims{}, oidcError(sprang.Invalid, MsgOIDCExpired, errors.New("callback in a browser that started no login"))
	}
	flow, err := o.db.TakeAuthFlow(ctx, o.provider, secret.HashToken(state), secret.HashToken(binding))
	if sprang.ErrorKind(err) == sprang.NotFound {
		return Claims{}, oidcError(sprang.Invalid, MsgOIDCExpired, err)
	}
	if err != nil {
		return Claims{}, fmt.Errorf("finish %s login: %w", o.provider, err)
	}
	if e := q.Get("error"); e != "" {
		return Claims{}, providerError(e)
	}
	c, err := o.exchange(ctx, q.Get("code"), flow)
	if err != nil {
		return Claims{}, err
	}
	c.ReturnTo = flow.ReturnTo
	return c, nil
}

// providerError turns an OAuth error code from the callback into the
// error to show. The error description is not kept: it is the provider's
// free text.
func providerError(code string) error {
	switch code {
	case "access_denied", "cancelled", "user_cancel", "login_required", "consent_required":
		return oidcError(sprang.Unauthenticated, MsgOIDCCancelled, errors.New("provider: "+safeCode(code)))
	default:
		return oidcError(sprang.Unauthenticated, MsgOIDCFailed, errors.New("provider error: "+safeCode(code)))
	}
}

// safeCode keeps an OAuth error code to its allowed characters, so a
// forged callback cannot put arbitrary text into logs.
func safeCode(s string) string {
	b := []byte(s)
	out := b[:0]
	for _, c := range b {
		if (c >= 'a' && c <= 'z') || c == '_' {
			out = append(out, c)
		}
		if len(out) == 40 {
			break
		}
	}
	return string(out)
}

// exchange redeems the code and verifies the ID token against the flow.
func (o *OIDC) exchange(ctx context.Context, code string, flow store.AuthFlow) (Claims, error) {
	p, verifier, err := o.discover(ctx)
	if err != nil {
		return Claims{}, err
	}
	if code == "" {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, errors.New("callback without code"))
	}
	tok, err := o.oauth2(p).Exchange(oidc.ClientContext(ctx, o.http), code, oauth2.VerifierOption(flow.CodeVerifier))
	if err != nil {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, fmt.Errorf("exchange code: %w", err))
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, errors.New("no id_token in token response"))
	}
	id, err := verifier.Verify(oidc.ClientContext(ctx, o.http), raw)
	if err != nil {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, fmt.Errorf("verify id token: %w", err))
	}
	if id.Nonce != flow.Nonce {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, errors.New("id token nonce does not match"))
	}
	c := Claims{Issuer: id.Issuer, Subject: id.Subject, All: map[string]any{}}
	if err := id.Claims(&c.All); err != nil {
		return Claims{}, oidcError(sprang.Unauthenticated, MsgOIDCFailed, fmt.Errorf("read id token claims: %w", err))
	}
	c.ACR = c.String("acr")
	return c, nil
}

func oidcError(k sprang.Kind, msg string, cause error) error {
	return &sprang.Error{Kind: k, Message: msg, Cause: cause}
}
