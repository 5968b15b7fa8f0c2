package secret

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"sprang"
)

const (
	testKey  = "0123456789abcdef0123456789abcdef-test"
	otherKey = "fedcba9876543210fedcba9876543210-other"
)

func mustBox(t *testing.T, key string, previous ...string) *Box {
	t.Helper()
	b, err := NewBox(key, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewBoxRejectsShortKeys(t *testing.T) {
	t.Parallel()
	if _, err := NewBox(strings.Repeat("k", 31)); sprang.ErrorKind(err) != sprang.Invalid {
		t.Errorf("short key: %v", err)
	}
	if _, err := NewBox(testKey, "short"); sprang.ErrorKind(err) != sprang.Invalid {
		t.Errorf("short previous key: %v", err)
	}
}

func TestSealOpen(t *testing.T) {
	t.Parallel()
	box := mustBox(t, testKey)
	pt := []byte("191212121212")
	ad := []byte("residents.pnr")
	sealed := box.Seal(pt, ad)
	if bytes.Contains(sealed, pt) {
		t.Fatal("sealed value contains the plaintext")
	}
	if again := box.Seal(pt, ad); bytes.Equal(again, sealed) {
		t.Fatal("two seals of the same value are equal: nonce reused")
	}
	got, err := box.Open(sealed, ad)
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if got, err := box.Open(box.Seal(nil, nil), nil); err != nil || len(got) != 0 {
		t.Errorf("empty plaintext: %q, %v", got, err)
	}
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	tests := map[string]struct {
		box    *Box
		sealed []byte
		ad     []byte
	}{
		"other associated data": {box, sealed, []byte("users.email")},
		"flipped bit":           {box, flipped, ad},
		"other key":             {mustBox(t, otherKey), sealed, ad},
		"truncated":             {box, sealed[:20], ad},
		"empty":                 {box, nil, ad},
		"unknown version":       {box, append([]byte{9}, sealed[1:]...), ad},
	}
	for name, tt := range tests {
		if _, err := tt.box.Open(tt.sealed, tt.ad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("%s: Open error = %v, want ErrDecrypt", name, err)
		}
	}
}

func TestKeyRotation(t *testing.T) {
	t.Parallel()
	old := mustBox(t, otherKey)
	sealed := old.Seal([]byte("hemlig"), nil)
	rotated := mustBox(t, testKey, otherKey)
	got, err := rotated.Open(sealed, nil)
	if err != nil || string(got) != "hemlig" {
		t.Fatalf("Open with previous key = %q, %v", got, err)
	}
	if !rotated.NeedsReseal(sealed) || rotated.NeedsReseal(rotated.Seal(got, nil)) {
		t.Error("NeedsReseal is wrong")
	}
	if !rotated.NeedsReseal(nil) {
		t.Error("NeedsReseal(nil) = false")
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	box := mustBox(t, testKey)
	a := box.Lookup("pnr", "191212121212")
	if len(a) != 64 || strings.Contains(a, "1212121212") {
		t.Fatalf("Lookup = %q", a)
	}
	if a != mustBox(t, testKey).Lookup("pnr", "191212121212") {
		t.Error("Lookup is not deterministic for one key")
	}
	for name, other := range map[string]string{
		"other value": box.Lookup("pnr", "191212121213"),
		"other kind":  box.Lookup("email", "191212121212"),
		"other key":   mustBox(t, otherKey).Lookup("pnr", "191212121212"),
		"shifted":     box.Lookup("pnr1", "91212121212"),
	} {
		if other == a {
			t.Errorf("%s gives the same lookup hash", name)
		}
	}
}

func TestToken(t *testing.T) {
	t.Parallel()
	a, b := Token(), Token()
	if len(a) != 43 || a == b || strings.ContainsAny(a, "+/=") {
		t.Fatalf("Token = %q, %q", a, b)
	}
	h := HashToken(a)
	if len(h) != 64 || h != HashToken(a) || h == HashToken(b) {
		t.Errorf("HashToken = %q", h)
	}
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashToken(abc) = %s, want SHA-256", got)
	}
}
