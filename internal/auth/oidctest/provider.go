// Package oidctest runs a real OpenID provider for tests: the OpenID
// Connect implementation of github.com/zitadel/oidc/v3 (package op) on an
// httptest server, with a small in-memory storage. Its login step approves
// the configured person at once, so a test drives the whole authorization
// code flow with PKCE through HTTP redirects alone. Knobs make it misbehave
// the ways a relying party must notice: deny the login, put a wrong nonce
// in the ID token, or expect another PKCE challenge.
package oidctest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Person is who the provider logs in, and the claims it asserts.
type Person struct {
	Subject string         // the "sub" claim
	ACR     string         // the "acr" claim (level of assurance); may be ""
	Claims  map[string]any // more ID token claims, e.g. personal_identity_number
}

// Provider is a running OpenID provider.
type Provider struct {
	Issuer string // its issuer URL, http://127.0.0.1:port

	srv     *httptest.Server
	storage *storage
}

// Start runs a provider for the test and stops it at cleanup.
func Start(tb testing.TB) *Provider {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatalf("oidctest: signing key: %v", err)
	}
	st := newStorage(key)
	p := &Provider{storage: st}
	handler := http.NotFoundHandler()
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	tb.Cleanup(p.srv.Close)
	p.Issuer = p.srv.URL
	cfg := &op.Config{
		CryptoKey:          sha256.Sum256([]byte("oidctest")),
		CodeMethodS256:     true,
		AuthMethodPost:     true,
		SupportedUILocales: []language.Tag{language.Swedish, language.English},
	}
	prov, err := op.NewProvider(cfg, st, op.StaticIssuer(p.Issuer), op.WithAllowInsecure())
	if err != nil {
		tb.Fatalf("oidctest: new provider: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/login", p.login(op.AuthCallbackURL(prov), op.NewIssuerInterceptor(prov.IssuerFromRequest)))
	mux.Handle("/", prov)
	handler = mux
	return p
}

// AddClient registers a relying party with its secret and the one
// redirect URI it may use.
func (p *Provider) AddClient(id, secret, redirectURI string) {
	p.storage.mu.Lock()
	defer p.storage.mu.Unlock()
	p.storage.clients[id] = &client{id: id, secret: secret, redirectURI: redirectURI}
}

// SetPerson sets who the next logins approve.
func (p *Provider) SetPerson(who Person) {
	p.storage.mu.Lock()
	defer p.storage.mu.Unlock()
	p.storage.person = who
}

// Misbehaviour makes the provider go wrong in one way.
type Misbehaviour struct {
	Deny       bool // the person cancels: redirect back with error=access_denied
	WrongNonce bool // the ID token carries another nonce than asked for
	WrongPKCE  bool // the provider remembers another code challenge, so the exchange fails
}

// Set makes the next logins misbehave as m says; the zero value behaves.
func (p *Provider) Set(m Misbehaviour) {
	p.storage.mu.Lock()
	defer p.storage.mu.Unlock()
	p.storage.mis = m
}

// login is the provider's login page: it approves the configured person
// at once (or denies, when told to) and continues the flow.
func (p *Provider) login(callback func(context.Context, string) string, issuer *op.IssuerInterceptor) http.Handler {
	return issuer.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		req, deny, err := p.storage.approve(id)
		if err != nil {
			http.Error(w, "unknown auth request", http.StatusBadRequest)
			return
		}
		if deny {
			redirectError(w, r, req.redirectURI, req.state, "access_denied")
			return
		}
		http.Redirect(w, r, callback(r.Context(), id), http.StatusFound)
	})
}

// redirectError sends the browser back to the relying party with an OAuth
// error, as a provider does when the person cancels.
func redirectError(w http.ResponseWriter, r *http.Request, redirectURI, state, code string) {
	u, err := url.Parse(redirectURI)
	if err != nil {
		http.Error(w, "bad redirect uri", http.StatusBadRequest)
		return
	}
	q := u.Query()
	q.Set("error", code)
	q.Set("error_description", "the user cancelled the login")
	q.Set("state", state)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}
