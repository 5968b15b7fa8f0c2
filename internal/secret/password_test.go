package secret

import (
	"errors"
	"strings"
	"testing"
)

// cheap parameters keep the tests fast; the defaults are checked once.
var cheap = PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashAndVerifyPassword(t *testing.T) {
	t.Parallel()
	h := HashPasswordWith("korrekt häst", cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash = %q", h)
	}
	if h == HashPasswordWith("korrekt häst", cheap) {
		t.Error("same hash twice: salt not random")
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"korrekt häst", true},
		{"korrekt hast", false},
		{"", false},
		{"korrekt häst ", false},
	}
	for _, tt := range tests {
		if got, err := VerifyPassword(tt.pw, h); err != nil || got != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v", tt.pw, got, err)
		}
	}
	if ok, err := VerifyPassword("x", ""); ok || !errors.Is(err, ErrBadHash) {
		t.Errorf("empty hash: %v, %v", ok, err)
	}
}

func TestDefaultPasswordHash(t *testing.T) {
	t.Parallel()
	h := HashPassword("demo")
	if ok, err := VerifyPassword("demo", h); !ok || err != nil {
		t.Fatalf("VerifyPassword = %v, %v", ok, err)
	}
	if NeedsRehash(h) {
		t.Error("a default hash needs rehash")
	}
	if !NeedsRehash(HashPasswordWith("demo", cheap)) || !NeedsRehash("") || !NeedsRehash("$2a$10$bcrypt") {
		t.Error("NeedsRehash misses weak or foreign hashes")
	}
}

func TestParsePHC(t *testing.T) {
	t.Parallel()
	good := HashPasswordWith("x", cheap)
	p, salt, key, err := ParsePHC(good)
	if err != nil || p.Memory != 64 || p.Time != 1 || p.Threads != 1 || len(salt) != 16 || len(key) != 32 || p.KeyLen != 32 {
		t.Fatalf("ParsePHC = %+v %d %d %v", p, len(salt), len(key), err)
	}
	parts := strings.Split(good, "$")
	with := func(i int, v string) string { q := append([]string{}, parts...); q[i] = v; return strings.Join(q, "$") }
	bad := map[string]string{
		"argon2i":         with(1, "argon2i"),
		"old version":     with(2, "v=16"),
		"params order":    with(3, "t=1,m=64,p=1"),
		"zero time":       with(3, "m=64,t=0,p=1"),
		"huge memory":     with(3, "m=4294967295,t=1,p=1"),
		"memory below 8p": with(3, "m=8,t=1,p=2"),
		"leading zero":    with(3, "m=064,t=1,p=1"),
		"negative":        with(3, "m=-64,t=1,p=1"),
		"many threads":    with(3, "m=4096,t=1,p=256"),
		"extra param":     with(3, "m=64,t=1,p=1,k=2"),
		"short salt":      with(4, "AAAA"),
		"padded salt":     with(4, parts[4]+"=="),
		"bad base64":      with(5, "!!!!"),
		"short key":       with(5, "AAAAAAAAAAAAAAAA"),
		"missing part":    strings.Join(parts[:5], "$"),
		"extra part":      good + "$x",
		"no leading $":    strings.TrimPrefix(good, "$"),
		"empty":           "",
		"bcrypt":          "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	}
	for name, h := range bad {
		if _, _, _, err := ParsePHC(h); !errors.Is(err, ErrBadHash) {
			t.Errorf("%s: ParsePHC(%q) error = %v", name, h, err)
		}
	}
}

func FuzzParsePHC(f *testing.F) {
	f.Add(HashPasswordWith("x", cheap))
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
	f.Add("$argon2id$v=19$m=,t=,p=$$")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := ParsePHC(s)
		if err != nil {
			if !errors.Is(err, ErrBadHash) {
				t.Fatalf("error does not wrap ErrBadHash: %v", err)
			}
			return
		}
		if p.Memory == 0 || p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 ||
			len(salt) < minSaltLen || len(key) < minKeyLen || len(key) > maxKeyLen {
			t.Fatalf("ParsePHC(%q) accepted out-of-range values %+v", s, p)
		}
		if again := formatPHC(p, salt, key); again != s {
			t.Fatalf("ParsePHC(%q) does not round-trip: %q", s, again)
		}
	})
}
