// Package config turns command-line flags and SPRANG_* environment variables
// into a validated Config. Precedence: flag > environment > default. Every
// secret may also be given as a file through its *_FILE variable, so secrets
// need not appear in the process environment.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/followup"
)

// Config is everything a sprang process needs to know at start.
type Config struct {
	Addr    string // listen address, host:port
	DataDir string // directory for the SQLite file, keys and uploads
	DB      string // database URL: "" or sqlite:PATH for SQLite, postgres://… for PostgreSQL
	BaseURL string // public URL the platform is reached at, without trailing slash
	Demo    bool   // demo mode: example content, demo logins, simulated e-ID

	// TrustedProxies are the networks of the reverse proxies and load
	// balancers in front of the platform. Only requests from them may say
	// who the client is, in X-Forwarded-For.
	TrustedProxies []netip.Prefix

	SecretKey         string // 32+ byte secret for encryption at rest and lookup hashes; generated into DataDir when empty (SQLite only)
	SecretKeyPrevious string // the key before a rotation, still accepted for reading

	ResidentOIDC OIDC // the e-ID broker residents log in through (BankID, Freja eID)
	StaffOIDC    OIDC // the municipality's single sign-on for staff (e.g. Entra ID)

	MetricsToken string // when set, GET /metrics needs "Authorization: Bearer TOKEN"

	A11yEmail string // where people report accessibility problems (the report page)
	A11yPhone string // the phone number for the same, as people dial it, e.g. "08-46 500 400"

	// Files is the bucket URL uploaded files are kept in, encrypted:
	// file:///DIR?create_dir=true or s3://BUCKET?endpoint=…&region=…;
	// "" means the directory "files" in DataDir (files.DefaultURL).
	// S3 credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
	// (or a profile or role), never from the URL.
	Files string

	SMTPURL  string // smtp://user:pass@host:587 or smtps://…; "" means no mail server
	MailFrom string // sender address of the platform's mail

	SessionIdle     time.Duration // a session ends after this long without use
	SessionAbsolute time.Duration // a session ends this long after login, used or not
	ShutdownTimeout time.Duration // in-flight requests get this long on SIGTERM
	LogLevel        string        // debug, info, warn, error

	// The open data API's rate limits, per node: calls per minute and per
	// UTC day for each anonymous client and each API token; 0 keeps the
	// defaults (120/min and 10,000/day anonymous, 600/min and 100,000/day
	// per token).
	APIAnonPerMinute  int
	APIAnonPerDay     int
	APITokenPerMinute int
	APITokenPerDay    int

	// The datasets the platform publishes about itself: the smallest count
	// published (smaller ones are blanked; at least 3, default 5) and their
	// contact point, a function and its address ("" leaves them without).
	OpenDataMinCount     int
	OpenDataContactName  string
	OpenDataContactEmail string

	// FollowUp are the factors of the follow-up's sustainability
	// indicators (SPRANG_FOLLOWUP_*), each positive; the defaults are
	// followup.DefaultFactors.
	FollowUp followup.Factors
}

// The placeholder contact details of the accessibility report page, until
// SPRANG_A11Y_EMAIL and SPRANG_A11Y_PHONE give the municipality's own.
const (
	DefaultA11yEmail = "tillganglighet@kommun.example.se"
	DefaultA11yPhone = "08-46 500 400"
)

// OIDC configures one OpenID Connect relying party. It is enabled when Issuer
// is set.
type OIDC struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	ACRValues    string // requested level of assurance, e.g. "http://id.elegnamnden.se/loa/1.0/loa3"
	Scopes       string // space-separated scopes besides openid, e.g. "profile email"
	PNRClaim     string // claim holding the personnummer when not personal_identity_number
	// Domain (staff single sign-on only) is the organization's own e-mail
	// domain, e.g. "kommun.se": a first login whose verified e-mail or
	// preferred_username is NAME@Domain is linked to the local account
	// NAME. Empty means no automatic linking: accounts are found by
	// issuer and subject only.
	Domain string
}

// ScopeList returns "openid" followed by the configured scopes.
func (o OIDC) ScopeList() []string {
	out := []string{"openid"}
	for _, s := range strings.Fields(o.Scopes) {
		if s != "openid" {
			out = append(out, s)
		}
	}
	return out
}

// Enabled reports whether the provider is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// Postgres reports whether the configured database is PostgreSQL.
func (c Config) Postgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// SQLitePath returns the SQLite database file: the path in a sqlite: URL, or
// sprang.db in DataDir.
func (c Config) SQLitePath() string {
	if p, ok := strings.CutPrefix(c.DB, "sqlite:"); ok && p != "" {
		return p
	}
	return filepath.Join(c.DataDir, "sprang.db")
}

// Secure reports whether the platform is served over TLS (at a proxy), which
// turns on Secure cookies and HSTS.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Load parses args (without the subcommand name) and the environment into a
// Config. extra may register subcommand-specific flags on the same FlagSet
// before parsing; it may be nil. Errors are *sprang.Error of kind Invalid
// and say which flag or variable to fix; a positional argument is one (no
// command takes any). flag.ErrHelp is returned as is.
func Load(name string, args []string, getenv func(string) string, out io.Writer, extra func(*flag.FlagSet)) (Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	c := Config{}
	env := envReader{getenv: getenv}
	fs.StringVar(&c.Addr, "addr", env.str("SPRANG_ADDR", "127.0.0.1:8080"), "listen address (SPRANG_ADDR)")
	fs.StringVar(&c.DataDir, "data", env.str("SPRANG_DATA", "./sprang-data"), "data directory (SPRANG_DATA)")
	fs.StringVar(&c.DB, "db", "", "database URL: sqlite:FILE or postgres://… (SPRANG_DB or SPRANG_DB_FILE); default: SQLite in --data")
	fs.StringVar(&c.BaseURL, "base-url", env.str("SPRANG_BASE_URL", ""), "public base URL, e.g. https://e.example.se (SPRANG_BASE_URL)")
	proxies := fs.String("trusted-proxies", env.str("SPRANG_TRUSTED_PROXIES", ""), "comma-separated networks of the reverse proxies, e.g. 10.0.0.0/8,127.0.0.1/32 (SPRANG_TRUSTED_PROXIES)")
	fs.StringVar(&c.Files, "files", env.str("SPRANG_FILES", ""), "bucket URL for uploaded files: file:///DIR?create_dir=true or s3://BUCKET?endpoint=…&region=… (SPRANG_FILES); default: DIR/files in --data")
	fs.StringVar(&c.LogLevel, "log-level", env.str("SPRANG_LOG_LEVEL", "info"), "log level: debug, info, warn, error (SPRANG_LOG_LEVEL)")
	c.SecretKey = env.secret("SPRANG_SECRET_KEY")
	c.SecretKeyPrevious = env.secret("SPRANG_SECRET_KEY_PREVIOUS")
	c.MetricsToken = env.secret("SPRANG_METRICS_TOKEN")
	c.ResidentOIDC = env.oidc("SPRANG_EID")
	c.StaffOIDC = env.oidc("SPRANG_STAFF_OIDC")
	c.StaffOIDC.Domain = strings.ToLower(strings.TrimSpace(env.str("SPRANG_STAFF_OIDC_DOMAIN", "")))
	c.SMTPURL = env.secret("SPRANG_SMTP_URL")
	c.MailFrom = env.str("SPRANG_MAIL_FROM", "")
	c.A11yEmail = env.str("SPRANG_A11Y_EMAIL", DefaultA11yEmail)
	c.A11yPhone = env.str("SPRANG_A11Y_PHONE", DefaultA11yPhone)
	c.SessionIdle = env.duration("SPRANG_SESSION_IDLE", 30*time.Minute)
	c.SessionAbsolute = env.duration("SPRANG_SESSION_ABSOLUTE", 12*time.Hour)
	c.ShutdownTimeout = env.duration("SPRANG_SHUTDOWN_TIMEOUT", 15*time.Second)
	c.APIAnonPerMinute = env.count("SPRANG_API_ANON_PER_MINUTE")
	c.APIAnonPerDay = env.count("SPRANG_API_ANON_PER_DAY")
	c.APITokenPerMinute = env.count("SPRANG_API_TOKEN_PER_MINUTE")
	c.APITokenPerDay = env.count("SPRANG_API_TOKEN_PER_DAY")
	c.OpenDataMinCount = env.count("SPRANG_OPENDATA_MIN_COUNT")
	c.OpenDataContactName = env.str("SPRANG_OPENDATA_CONTACT_NAME", "")
	c.OpenDataContactEmail = env.str("SPRANG_OPENDATA_CONTACT_EMAIL", "")
	c.FollowUp = env.factors()
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, &sprang.Error{Kind: sprang.Invalid, Message: err.Error()}
	}
	if c.DB == "" { // read after parsing, so that -h never prints a password
		c.DB = env.secret("SPRANG_DB")
	}
	if err := env.err(); err != nil {
		return c, err
	}
	trusted, err := parsePrefixes(*proxies)
	if err != nil {
		return c, err
	}
	c.TrustedProxies = trusted
	if err := c.normalize(); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, sprang.Errorf(sprang.Invalid, "unexpected argument %q: every value is given with a flag (see %s -h)", fs.Arg(0), name)
	}
	return c, nil
}

// normalize fills derived defaults and validates the values.
func (c *Config) normalize() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return sprang.Errorf(sprang.Invalid, "--addr %q is not host:port (for example 127.0.0.1:8080 or :8080)", c.Addr)
	}
	if c.DataDir == "" {
		return sprang.Errorf(sprang.Invalid, "--data must name a directory")
	}
	if err := c.normalizeOpenData(); err != nil {
		return err
	}
	if c.DB != "" && !c.Postgres() && !strings.HasPrefix(c.DB, "sqlite:") {
		return sprang.Errorf(sprang.Invalid, "--db must start with sqlite: or postgres:// (got %q)", redactURL(c.DB))
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return sprang.Errorf(sprang.Invalid, "--base-url %q must be an absolute http(s) URL such as https://e.example.se", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return sprang.Errorf(sprang.Invalid, "--log-level must be debug, info, warn or error (got %q)", c.LogLevel)
	}
	if c.SecretKey != "" && len(c.SecretKey) < 32 {
		return sprang.Errorf(sprang.Invalid, "SPRANG_SECRET_KEY must be at least 32 characters (generate one with: head -c 32 /dev/urandom | base64)")
	}
	if err := checkFilesURL(c.Files); err != nil {
		return err
	}
	if c.SMTPURL != "" && c.MailFrom == "" {
		return sprang.Errorf(sprang.Invalid, "SPRANG_MAIL_FROM must be set with SPRANG_SMTP_URL, e.g. Kommunen <noreply@kommun.example.se>")
	}
	if c.Postgres() && c.SecretKey == "" {
		return sprang.Errorf(sprang.Invalid, "SPRANG_SECRET_KEY (or SPRANG_SECRET_KEY_FILE) is required with PostgreSQL, and must be the same on every node: generate one with: head -c 32 /dev/urandom | base64")
	}
	for _, o := range []struct {
		prefix string
		oidc   OIDC
	}{{"SPRANG_EID", c.ResidentOIDC}, {"SPRANG_STAFF_OIDC", c.StaffOIDC}} {
		if o.oidc.Issuer != "" && o.oidc.ClientID == "" {
			return sprang.Errorf(sprang.Invalid, "%s_ISSUER is set but %s_CLIENT_ID is not: give the client id the provider registered for this platform", o.prefix, o.prefix)
		}
	}
	if c.ShutdownTimeout <= 0 {
		return sprang.Errorf(sprang.Invalid, "SPRANG_SHUTDOWN_TIMEOUT must be positive, e.g. 15s")
	}
	if c.SessionIdle <= 0 || c.SessionAbsolute < c.SessionIdle {
		return sprang.Errorf(sprang.Invalid, "SPRANG_SESSION_IDLE must be positive and not longer than SPRANG_SESSION_ABSOLUTE")
	}
	return nil
}

// checkFilesURL accepts "" and file: or s3: URLs without credentials.
func checkFilesURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "file" && u.Scheme != "s3") {
		return sprang.Errorf(sprang.Invalid, "--files %s must be a file:///DIR?create_dir=true or s3://BUCKET?endpoint=…&region=… URL", filesURLText(s))
	}
	if u.User != nil {
		return sprang.Errorf(sprang.Invalid, "--files %s: credentials do not belong in the URL; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", filesURLText(s))
	}
	return nil
}

// filesURLText returns a files bucket URL fit for messages, logs and the
// audit log: without user information and with only the endpoint and
// region parameters (the endpoint without user information either).
func filesURLText(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "(not a URL)"
	}
	q := url.Values{}
	for _, k := range []string{"endpoint", "region"} {
		v := u.Query().Get(k)
		if e, err := url.Parse(v); err == nil && e.User != nil {
			e.User = nil
			v = e.String()
		}
		if v != "" {
			q.Set(k, v)
		}
	}
	out := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawQuery: q.Encode()}
	return out.String()
}

// parsePrefixes parses a comma-separated list of networks (CIDR) or single
// addresses.
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, sprang.Errorf(sprang.Invalid, "--trusted-proxies: %q is not an address or network (write e.g. 10.0.0.0/8)", f)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, sprang.Errorf(sprang.Invalid, "--trusted-proxies: %q is not a network (write e.g. 10.0.0.0/8)", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// redactURL hides a password in a database URL so it can be shown in errors.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "(not a URL)"
	}
	q := u.Query()
	for k := range q {
		if strings.Contains(strings.ToLower(k), "pass") || strings.Contains(strings.ToLower(k), "secret") {
			q.Set(k, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.Redacted()
}

// envReader reads SPRANG_* variables and remembers the first bad one.
type envReader struct {
	getenv func(string) string
	first  error
}

func (e *envReader) str(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// secret reads KEY, or the contents of the file named by KEY_FILE.
func (e *envReader) secret(key string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	path := e.getenv(key + "_FILE")
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		e.fail(sprang.Errorf(sprang.Invalid, "%s_FILE: cannot read %q: check the path and its permissions", key, path))
		return ""
	}
	return strings.TrimSpace(string(b))
}

func (e *envReader) duration(key string, def time.Duration) time.Duration {
	v := e.getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.fail(sprang.Errorf(sprang.Invalid, "%s=%q is not a duration (write it like 30m or 12h)", key, v))
		return def
	}
	return d
}

// count reads a whole number of at least 0 from key; "" is 0.
func (e *envReader) count(key string) int {
	v := e.getenv(key)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		e.fail(sprang.Errorf(sprang.Invalid, "%s=%q is not a whole number of 0 or more (write it like 600)", key, v))
		return 0
	}
	return n
}

func (e *envReader) oidc(prefix string) OIDC {
	return OIDC{
		Issuer:       e.getenv(prefix + "_ISSUER"),
		ClientID:     e.getenv(prefix + "_CLIENT_ID"),
		ClientSecret: e.secret(prefix + "_CLIENT_SECRET"),
		ACRValues:    e.getenv(prefix + "_ACR"),
		Scopes:       e.getenv(prefix + "_SCOPES"),
		PNRClaim:     e.getenv(prefix + "_PNR_CLAIM"),
	}
}

func (e *envReader) fail(err error) {
	if e.first == nil {
		e.first = err
	}
}

func (e *envReader) err() error { return e.first }

// String describes the configuration for the start-up log, without secrets.
func (c Config) String() string {
	db := "sqlite:" + c.SQLitePath()
	if c.Postgres() {
		db = redactURL(c.DB)
	}
	return fmt.Sprintf("addr=%s db=%s base_url=%s demo=%t", c.Addr, db, c.BaseURL, c.Demo)
}

// Audited returns the operational settings whose changes between starts
// go to the audit log, as name → value: no secrets (keys, client secrets
// and URL credentials are left out) and nothing shaped like an e-mail
// address, which the audit log refuses (the SMTP URL without its user, the
// sender's domain only). Where uploaded files are kept is audited too (the
// bucket URL without credentials, with only its endpoint and region):
// moving them is a change an auditor asks about.
// A key rotation shows as secret_key_rotating turning true.
func (c Config) Audited() map[string]string {
	proxies := make([]string, len(c.TrustedProxies))
	for i, p := range c.TrustedProxies {
		proxies[i] = p.String()
	}
	filesURL := "" // the default: in the data directory
	if c.Files != "" {
		filesURL = filesURLText(c.Files)
	}
	smtp := ""
	if u, err := url.Parse(c.SMTPURL); err == nil && c.SMTPURL != "" {
		smtp = u.Scheme + "://" + u.Host // no user: the audit log takes no addresses
	}
	mailDomain := ""
	if _, d, ok := strings.Cut(c.MailFrom, "@"); ok {
		mailDomain = strings.TrimSuffix(d, ">")
	}
	return map[string]string{
		"base_url":            c.BaseURL,
		"demo":                fmt.Sprint(c.Demo),
		"engine":              map[bool]string{true: "postgres", false: "sqlite"}[c.Postgres()],
		"trusted_proxies":     strings.Join(proxies, ","),
		"eid_issuer":          c.ResidentOIDC.Issuer,
		"eid_client_id":       c.ResidentOIDC.ClientID,
		"eid_acr":             c.ResidentOIDC.ACRValues,
		"staff_oidc_issuer":   c.StaffOIDC.Issuer,
		"staff_oidc_client":   c.StaffOIDC.ClientID,
		"staff_oidc_domain":   c.StaffOIDC.Domain,
		"files":               filesURL,
		"smtp":                smtp,
		"mail_from_domain":    mailDomain,
		"session_idle":        c.SessionIdle.String(),
		"session_absolute":    c.SessionAbsolute.String(),
		"secret_key_rotating": fmt.Sprint(c.SecretKeyPrevious != ""),
		"metrics_protected":   fmt.Sprint(c.MetricsToken != ""),
		"opendata_min_count":  fmt.Sprint(c.OpenDataMinCount),
		"followup_factors": fmt.Sprintf("grid %g g/kWh, %g sheets and %g letters an errand, %g km and %g g/km a meeting",
			c.FollowUp.GridIntensity, c.FollowUp.SheetsPerErrand, c.FollowUp.LettersPerErrand, c.FollowUp.KmPerMeeting, c.FollowUp.GramsPerKm),
		"api_limits": fmt.Sprintf("anon %d/min %d/day, token %d/min %d/day",
			c.APIAnonPerMinute, c.APIAnonPerDay, c.APITokenPerMinute, c.APITokenPerDay),
	}
}

// normalizeOpenData fills the default smallest published count and checks
// the contact point of the platform's own datasets.
func (c *Config) normalizeOpenData() error {
	if c.OpenDataMinCount == 0 {
		c.OpenDataMinCount = 5
	}
	if c.OpenDataMinCount < 3 {
		return sprang.Errorf(sprang.Invalid, "SPRANG_OPENDATA_MIN_COUNT=%d is too small to protect anyone: use 3 or more (5 is the default)", c.OpenDataMinCount)
	}
	if (c.OpenDataContactName == "") != (c.OpenDataContactEmail == "") {
		return sprang.Errorf(sprang.Invalid, "give both SPRANG_OPENDATA_CONTACT_NAME and SPRANG_OPENDATA_CONTACT_EMAIL, or neither")
	}
	if c.OpenDataContactEmail != "" && !strings.Contains(c.OpenDataContactEmail, "@") {
		return sprang.Errorf(sprang.Invalid, "SPRANG_OPENDATA_CONTACT_EMAIL=%q is not an e-mail address (write it like data@kommun.se)", c.OpenDataContactEmail)
	}
	return nil
}
