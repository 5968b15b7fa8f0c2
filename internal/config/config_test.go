package config_test

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/config"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadPrecedence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		get  func(config.Config) string
		want string
	}{
		{"addr default", nil, nil, func(c config.Config) string { return c.Addr }, "127.0.0.1:8080"},
		{"addr env", nil, map[string]string{"SPRANG_ADDR": ":9000"}, func(c config.Config) string { return c.Addr }, ":9000"},
		{"addr flag beats env", []string{"--addr", ":9001"}, map[string]string{"SPRANG_ADDR": ":9000"}, func(c config.Config) string { return c.Addr }, ":9001"},
		{"data default", nil, nil, func(c config.Config) string { return c.DataDir }, "./sprang-data"},
		{"data env", nil, map[string]string{"SPRANG_DATA": "/srv/d"}, func(c config.Config) string { return c.DataDir }, "/srv/d"},
		{"data flag beats env", []string{"--data", "/x"}, map[string]string{"SPRANG_DATA": "/srv/d"}, func(c config.Config) string { return c.DataDir }, "/x"},
		{"sqlite path from data", []string{"--data", "/x"}, nil, func(c config.Config) string { return c.SQLitePath() }, "/x/sprang.db"},
		{"sqlite path from db", []string{"--db", "sqlite:/y/z.db"}, nil, func(c config.Config) string { return c.SQLitePath() }, "/y/z.db"},
		{"db flag beats env", []string{"--db", "sqlite:/f.db"}, map[string]string{"SPRANG_DB": "postgres://h/d"}, func(c config.Config) string { return c.DB }, "sqlite:/f.db"},
		{"base url default from addr", []string{"--addr", "0.0.0.0:80"}, nil, func(c config.Config) string { return c.BaseURL }, "http://0.0.0.0:80"},
		{"base url trailing slash", nil, map[string]string{"SPRANG_BASE_URL": "https://e.example.se/"}, func(c config.Config) string { return c.BaseURL }, "https://e.example.se"},
		{"log level env", nil, map[string]string{"SPRANG_LOG_LEVEL": "debug"}, func(c config.Config) string { return c.LogLevel }, "debug"},
		{"log level flag beats env", []string{"--log-level", "warn"}, map[string]string{"SPRANG_LOG_LEVEL": "debug"}, func(c config.Config) string { return c.LogLevel }, "warn"},
		{"secret env beats file", nil, map[string]string{"SPRANG_SECRET_KEY": strings.Repeat("e", 32), "SPRANG_SECRET_KEY_FILE": "/nonexistent"},
			func(c config.Config) string { return c.SecretKey }, strings.Repeat("e", 32)},
		{"session idle default", nil, nil, func(c config.Config) string { return c.SessionIdle.String() }, "30m0s"},
		{"session idle env", nil, map[string]string{"SPRANG_SESSION_IDLE": "5m"}, func(c config.Config) string { return c.SessionIdle.String() }, "5m0s"},
		{"oidc client secret env", nil, map[string]string{"SPRANG_EID_ISSUER": "https://idp", "SPRANG_EID_CLIENT_ID": "sprang", "SPRANG_EID_CLIENT_SECRET": "s"},
			func(c config.Config) string { return c.ResidentOIDC.ClientSecret }, "s"},
		{"postgres engine", []string{"--db", "postgresql://h/d"}, map[string]string{"SPRANG_SECRET_KEY": strings.Repeat("k", 32)}, func(c config.Config) string { return boolText(c.Postgres()) }, "true"},
		{"secure with https", []string{"--base-url", "https://e.example.se"}, nil, func(c config.Config) string { return boolText(c.Secure()) }, "true"},
		{"not secure with http", nil, nil, func(c config.Config) string { return boolText(c.Secure()) }, "false"},
		{"files default", nil, nil, func(c config.Config) string { return c.Files }, ""},
		{"files env", nil, map[string]string{"SPRANG_FILES": "s3://b?region=eu-north-1"}, func(c config.Config) string { return c.Files }, "s3://b?region=eu-north-1"},
		{"files flag beats env", []string{"--files", "file:///srv/f?create_dir=true"}, map[string]string{"SPRANG_FILES": "s3://b"}, func(c config.Config) string { return c.Files }, "file:///srv/f?create_dir=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.Load("serve", tt.args, envOf(tt.env), io.Discard, nil)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := tt.get(c); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestLoadSecretFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	key := filepath.Join(dir, "key")
	cs := filepath.Join(dir, "client-secret")
	if err := os.WriteFile(key, []byte(strings.Repeat("f", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cs, []byte("  oidc-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load("serve", nil, envOf(map[string]string{
		"SPRANG_SECRET_KEY_FILE": key, "SPRANG_STAFF_OIDC_CLIENT_SECRET_FILE": cs,
	}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SecretKey != strings.Repeat("f", 40) || c.StaffOIDC.ClientSecret != "oidc-secret" {
		t.Errorf("secrets from files: key %d bytes, client secret %q", len(c.SecretKey), c.StaffOIDC.ClientSecret)
	}
}

func TestLoadInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		mention string
	}{
		{"addr without port", []string{"--addr", "nonsense"}, nil, "--addr"},
		{"unknown flag", []string{"--frobnicate"}, nil, "frobnicate"},
		{"mysql", []string{"--db", "mysql://x"}, nil, "--db"},
		{"db password redacted", []string{"--db", "mysql://u:hunter2@h/d"}, nil, "xxxxx"},
		{"empty data", []string{"--data", ""}, nil, "--data"},
		{"base url without scheme", []string{"--base-url", "e.example.se"}, nil, "--base-url"},
		{"log level", []string{"--log-level", "loud"}, nil, "--log-level"},
		{"short secret", nil, map[string]string{"SPRANG_SECRET_KEY": "short"}, "SPRANG_SECRET_KEY"},
		{"unreadable secret file", nil, map[string]string{"SPRANG_SECRET_KEY_FILE": "/nonexistent/key"}, "SPRANG_SECRET_KEY_FILE"},
		{"bad duration", nil, map[string]string{"SPRANG_SHUTDOWN_TIMEOUT": "soon"}, "SPRANG_SHUTDOWN_TIMEOUT"},
		{"idle longer than absolute", nil, map[string]string{"SPRANG_SESSION_IDLE": "13h"}, "SPRANG_SESSION_IDLE"},
		{"postgres without secret key", []string{"--db", "postgres://h/d"}, nil, "SPRANG_SECRET_KEY"},
		{"e-ID issuer without client", nil, map[string]string{"SPRANG_EID_ISSUER": "https://idp"}, "SPRANG_EID_CLIENT_ID"},
		{"staff issuer without client", nil, map[string]string{"SPRANG_STAFF_OIDC_ISSUER": "https://idp"}, "SPRANG_STAFF_OIDC_CLIENT_ID"},
		{"negative shutdown timeout", nil, map[string]string{"SPRANG_SHUTDOWN_TIMEOUT": "-1s"}, "SPRANG_SHUTDOWN_TIMEOUT"},
		{"files scheme", []string{"--files", "/srv/files"}, nil, "--files"},
		{"files memory", nil, map[string]string{"SPRANG_FILES": "mem://"}, "--files"},
		{"files credentials", []string{"--files", "s3://AKIA:hunter2@bucket?region=eu-north-1"}, nil, "AWS_SECRET_ACCESS_KEY"},
		{"api limit not a number", nil, map[string]string{"SPRANG_API_ANON_PER_MINUTE": "many"}, "SPRANG_API_ANON_PER_MINUTE"},
		{"api limit negative", nil, map[string]string{"SPRANG_API_TOKEN_PER_DAY": "-1"}, "SPRANG_API_TOKEN_PER_DAY"},
		{"open data count too small", nil, map[string]string{"SPRANG_OPENDATA_MIN_COUNT": "2"}, "SPRANG_OPENDATA_MIN_COUNT"},
		{"open data contact half", nil, map[string]string{"SPRANG_OPENDATA_CONTACT_NAME": "Data"}, "SPRANG_OPENDATA_CONTACT_EMAIL"},
		{"open data contact address", nil, map[string]string{"SPRANG_OPENDATA_CONTACT_NAME": "Data", "SPRANG_OPENDATA_CONTACT_EMAIL": "data"}, "SPRANG_OPENDATA_CONTACT_EMAIL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.Load("serve", tt.args, envOf(tt.env), io.Discard, nil)
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Load: %v, want Invalid", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error shows a password: %q", err)
			}
		})
	}
}

func TestLoadExtraFlagsAndHelp(t *testing.T) {
	t.Parallel()
	var to string
	extra := func(fs *flag.FlagSet) { fs.StringVar(&to, "to", "", "target") }
	if _, err := config.Load("backup", []string{"--to", "f.db"}, envOf(nil), io.Discard, extra); err != nil || to != "f.db" {
		t.Errorf("extra flag: to=%q err=%v", to, err)
	}
	if _, err := config.Load("backup", []string{"--to", "f.db", "more"}, envOf(nil), io.Discard, extra); sprang.ErrorKind(err) != sprang.Invalid {
		t.Errorf("stray argument: %v, want Invalid", err)
	}
	if _, err := config.Load("serve", []string{"-h"}, envOf(nil), io.Discard, nil); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}

// FuzzLoad feeds arbitrary flags and environment values to Load: it must
// never panic, must fail only with Invalid errors (or ErrHelp), and what it
// accepts must be normalized.
func FuzzLoad(f *testing.F) {
	f.Add("--addr", "127.0.0.1:8080", "SPRANG_DB", "sqlite:/tmp/x.db")
	f.Add("--db", "postgres://u:p@h:5432/d?sslmode=disable", "SPRANG_BASE_URL", "https://e.example.se/")
	f.Add("--base-url", "http://[::1]:80", "SPRANG_SESSION_IDLE", "1h")
	f.Add("--log-level", "debug", "SPRANG_SECRET_KEY", strings.Repeat("x", 32))
	f.Add("-h", "", "SPRANG_ADDR", ":0")
	f.Add("--addr", "%zz", "SPRANG_SHUTDOWN_TIMEOUT", "-1s")
	f.Fuzz(func(t *testing.T, flagName, flagValue, envKey, envValue string) {
		env := map[string]string{envKey: envValue}
		if strings.HasSuffix(envKey, "_FILE") {
			delete(env, envKey) // reading arbitrary files is not what is fuzzed here
		}
		c, err := config.Load("serve", []string{flagName, flagValue}, envOf(env), io.Discard, nil)
		if err != nil {
			if !errors.Is(err, flag.ErrHelp) && sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Load(%q %q, %s=%q): error of kind %q: %v", flagName, flagValue, envKey, envValue, sprang.ErrorKind(err), err)
			}
			return
		}
		if strings.HasSuffix(c.BaseURL, "/") || c.DataDir == "" || c.SessionIdle <= 0 || c.SessionAbsolute < c.SessionIdle {
			t.Fatalf("accepted an unnormalized config: %+v", c)
		}
		if c.SecretKey != "" && len(c.SecretKey) < 32 {
			t.Fatalf("accepted a short secret key")
		}
		if s := c.String(); c.SecretKey != "" && strings.Contains(s, c.SecretKey) {
			t.Fatalf("String shows the secret key")
		}
	})
}

// TestAuditedHasNoSecrets checks that what goes to the audit log on a
// configuration change holds no key, client secret or password.
func TestAuditedHasNoSecrets(t *testing.T) {
	t.Parallel()
	c := config.Config{
		BaseURL: "https://e.example.se", SecretKey: "k-0123456789abcdefghijklmnopqrstuvwxyz", SecretKeyPrevious: "p-0123456789abcdefghijklmnopqrstuvwxyz",
		SMTPURL:      "smtp://user:hemligt@mail.example.se:587",
		ResidentOIDC: config.OIDC{Issuer: "https://idp.example", ClientID: "sprang", ClientSecret: "klienthemlighet"},
		Files:        "s3://AKIA:filhemlighet@sprang-files?endpoint=https%3A%2F%2Fu%3Afilhemlighet%40s3.example.se&region=eu-north-1&profile=p",
	}
	for k, v := range c.Audited() {
		for _, secret := range []string{c.SecretKey, c.SecretKeyPrevious, "hemligt", "klienthemlighet", "filhemlighet", "AKIA"} {
			if strings.Contains(v, secret) {
				t.Errorf("Audited()[%q] = %q holds a secret", k, v)
			}
		}
	}
	if got := c.Audited()["eid_issuer"]; got != "https://idp.example" {
		t.Errorf("eid_issuer = %q", got)
	}
	if got, want := c.Audited()["files"], "s3://sprang-files?endpoint=https%3A%2F%2Fs3.example.se&region=eu-north-1"; got != want {
		t.Errorf("files = %q, want %q", got, want)
	}
}

// TestDatabaseURLFromFile reads the database URL, which may hold a
// password, from SPRANG_DB_FILE.
func TestDatabaseURLFromFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "db-url")
	if err := os.WriteFile(path, []byte("postgres://sprang:hemligt@db.example/sprang\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SPRANG_DB_FILE": path, "SPRANG_SECRET_KEY": "0123456789abcdefghijklmnopqrstuvwxyz"}
	c, err := config.Load("serve", nil, func(k string) string { return env[k] }, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://sprang:hemligt@db.example/sprang" || !c.Postgres() {
		t.Errorf("DB = %q", c.DB)
	}
}

// TestPasswordsNeverInMessages gives database URLs with passwords in every
// place a URL can hold one: neither errors nor the start-up description may
// show them.
func TestPasswordsNeverInMessages(t *testing.T) {
	t.Parallel()
	for _, db := range []string{
		"postgres://sprang:hunter2@db.example/sprang",
		"postgres://db.example/sprang?password=hunter2&sslmode=require",
		"mysql://u:hunter2@db.example/x",
		"mysql://db.example/x?password=hunter2",
		"host=localhost password=hunter2",
	} {
		env := map[string]string{"SPRANG_DB": db, "SPRANG_SECRET_KEY": "0123456789abcdefghijklmnopqrstuvwxyz"}
		c, err := config.Load("serve", nil, func(k string) string { return env[k] }, io.Discard, nil)
		text := c.String()
		if err != nil {
			text = err.Error()
		}
		if strings.Contains(text, "hunter2") {
			t.Errorf("%q: the password shows in %q", db, text)
		}
	}
}
