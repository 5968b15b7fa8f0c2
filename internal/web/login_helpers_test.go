package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sprang/internal/audit"
	"sprang/internal/auth/oidctest"
	"sprang/internal/config"
	"sprang/internal/i18n"
	"sprang/internal/secret"
	"sprang/internal/store"
	"sprang/internal/store/storetest"
	"sprang/internal/web"
)

const testSecretKey = "0123456789abcdef0123456789abcdef-test"

// loginEnv is a platform on a fresh database with a real OpenID provider
// configured both as the residents' e-ID broker and as the staff single
// sign-on, and a browser (a cookie jar client) to drive it.
type loginEnv struct {
	ts      *httptest.Server
	db      *store.DB // with the platform's box, to read residents
	op      *oidctest.Provider
	browser *http.Client
}

// newLoginEnv starts the provider and the platform; mut may change the
// configuration before the platform is built.
func newLoginEnv(t *testing.T, mut func(*config.Config)) *loginEnv {
	t.Helper()
	e := &loginEnv{op: oidctest.Start(t)}
	h := http.NotFoundHandler()
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(e.ts.Close)
	cfg := config.Config{BaseURL: e.ts.URL, SecretKey: testSecretKey, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour,
		ResidentOIDC: config.OIDC{Issuer: e.op.Issuer, ClientID: "sprang-eid", ClientSecret: "eid-secret", ACRValues: "http://id.elegnamnden.se/loa/1.0/loa3"},
		StaffOIDC: config.OIDC{Issuer: e.op.Issuer, ClientID: "sprang-sso", ClientSecret: "sso-secret", Scopes: "profile email",
			Domain: "kommun.example.se"}}
	if mut != nil {
		mut(&cfg)
	}
	e.op.AddClient("sprang-eid", "eid-secret", e.ts.URL+"/logga-in/eid/callback")
	e.op.AddClient("sprang-sso", "sso-secret", e.ts.URL+"/logga-in/sso/callback")
	db := storetest.Open(t)
	box, err := secret.NewBox(testSecretKey)
	if err != nil {
		t.Fatal(err)
	}
	e.db = db.WithBox(box)
	srv, err := web.NewServer(web.Deps{Config: cfg, DB: db, Catalog: i18n.MustLoad()})
	if err != nil {
		t.Fatal(err)
	}
	h = srv
	e.browser = newBrowser(t)
	return e
}

func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 20 * time.Second}
}

// stopAt returns a copy of the browser that does not follow a redirect
// to a URL whose path is path, so the test sees that URL.
func stopAt(c *http.Client, path string) *http.Client {
	cc := *c
	cc.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		if req.URL.Path == path {
			return http.ErrUseLastResponse
		}
		return nil
	}
	return &cc
}

// do sends a request and returns the response and its body.
func do(t *testing.T, c *http.Client, method, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// session returns the browser's session, or false when it has none.
func (e *loginEnv) session(t *testing.T, c *http.Client) (store.Session, bool) {
	t.Helper()
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "sprang" && ck.Value != "" {
			s, err := e.db.FindSession(context.Background(), secret.HashToken(ck.Value), time.Hour)
			if err != nil {
				return store.Session{}, false
			}
			return s, true
		}
	}
	return store.Session{}, false
}

// audited returns the entries with action a.
func (e *loginEnv) audited(t *testing.T, a audit.Action) []audit.Entry {
	t.Helper()
	p, err := e.db.FindAuditEntries(context.Background(), audit.Filter{Action: a})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}
