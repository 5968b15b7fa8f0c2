// Package secret keeps secrets secret: it encrypts personal data at rest
// (Box), makes keyed lookup hashes so personal data can be found by
// equality without being stored in clear, makes and hashes session and API
// tokens, hashes passwords with argon2id, checks TOTP codes, and loads or
// creates the installation's secret key.
//
// Nothing here logs. Errors never contain the secret or the plaintext.
package secret

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"sprang"
)

// MinKeyLen is the shortest secret key accepted, in bytes.
const MinKeyLen = 32

// sealVersion is the first byte of every sealed value: the format.
// Version 1 is version ‖ key id (4 bytes) ‖ nonce (12) ‖ AES-256-GCM output.
const sealVersion byte = 1

const keyIDLen = 4

// ErrDecrypt is returned (wrapped) by Open when a sealed value cannot be
// opened: it was changed, sealed with another key or associated data, or
// is not a sealed value at all.
var ErrDecrypt = errors.New("cannot decrypt sealed value")

// Box encrypts and authenticates small values with keys derived from the
// installation's secret key. It is safe for concurrent use.
type Box struct {
	current  keys
	previous []keys
}

type keys struct {
	id     [keyIDLen]byte
	aead   cipher.AEAD
	lookup []byte
}

// NewBox derives a Box from the secret key (at least MinKeyLen bytes).
// Values sealed under any of the previous keys can still be opened, so a
// key can be rotated: seal with the new key, keep the old one in previous
// until everything is resealed. It returns an Invalid *sprang.Error for a
// short key.
func NewBox(key string, previous ...string) (*Box, error) {
	cur, err := deriveKeys(key)
	if err != nil {
		return nil, err
	}
	b := &Box{current: cur}
	for _, p := range previous {
		k, err := deriveKeys(p)
		if err != nil {
			return nil, fmt.Errorf("previous key: %w", err)
		}
		b.previous = append(b.previous, k)
	}
	return b, nil
}

// deriveKeys derives the encryption key, the lookup key and the key id from
// one secret with HKDF-SHA256, each for its own purpose.
func deriveKeys(secret string) (keys, error) {
	if len(secret) < MinKeyLen {
		return keys{}, sprang.Errorf(sprang.Invalid, "secret key must be at least %d characters", MinKeyLen)
	}
	derive := func(info string) []byte {
		k, err := hkdf.Key(sha256.New, []byte(secret), nil, "sprang "+info, 32)
		if err != nil {
			panic("hkdf: " + err.Error()) // only for lengths far beyond 32
		}
		return k
	}
	block, err := aes.NewCipher(derive("aead v1"))
	if err != nil {
		return keys{}, fmt.Errorf("derive keys: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return keys{}, fmt.Errorf("derive keys: %w", err)
	}
	k := keys{aead: aead, lookup: derive("lookup v1")}
	copy(k.id[:], derive("key id v1"))
	return k, nil
}

// Seal encrypts plaintext with the current key and a fresh random nonce,
// binding it to associatedData (for example the table, column and row it
// belongs in), so it cannot be opened in another place. It cannot fail.
func (b *Box) Seal(plaintext, associatedData []byte) []byte {
	k := b.current
	out := make([]byte, 1+keyIDLen+k.aead.NonceSize(), 1+keyIDLen+k.aead.NonceSize()+len(plaintext)+k.aead.Overhead())
	out[0] = sealVersion
	copy(out[1:], k.id[:])
	nonce := out[1+keyIDLen:]
	_, _ = rand.Read(nonce)                                   // never fails (crypto/rand since Go 1.24)
	return k.aead.Seal(out, nonce, plaintext, associatedData) //nolint:gosec // G407 false positive: the nonce is read from crypto/rand just above
}

// Open decrypts a value made by Seal with the same associatedData. It
// returns an error wrapping ErrDecrypt when the value was altered, is not a
// sealed value, or was sealed with an unknown key or other associated data.
func (b *Box) Open(sealed, associatedData []byte) ([]byte, error) {
	k, ok := b.keyFor(sealed)
	if !ok {
		return nil, fmt.Errorf("open: %w: unknown format or key", ErrDecrypt)
	}
	head := 1 + keyIDLen + k.aead.NonceSize()
	pt, err := k.aead.Open(nil, sealed[1+keyIDLen:head], sealed[head:], associatedData)
	if err != nil {
		return nil, fmt.Errorf("open: %w", ErrDecrypt)
	}
	return pt, nil
}

// keyFor returns the keys whose id the sealed value names.
func (b *Box) keyFor(sealed []byte) (keys, bool) {
	if len(sealed) < 1+keyIDLen+12+16 || sealed[0] != sealVersion {
		return keys{}, false
	}
	id := sealed[1 : 1+keyIDLen]
	for _, k := range append([]keys{b.current}, b.previous...) {
		if bytes.Equal(id, k.id[:]) {
			return k, true
		}
	}
	return keys{}, false
}

// NeedsReseal reports whether sealed was not sealed with the current key,
// so a key rotation job knows what to reseal.
func (b *Box) NeedsReseal(sealed []byte) bool {
	return len(sealed) < 1+keyIDLen || sealed[0] != sealVersion || !bytes.Equal(sealed[1:1+keyIDLen], b.current.id[:])
}

// Lookup returns a keyed hash (HMAC-SHA256, hex) of value in the namespace
// kind (e.g. "pnr", "email"), for finding personal data by equality
// without storing it in clear. Without the key the hash cannot be
// reversed by trying all personnummer. Lookups use the current key only:
// after a rotation, store.DB.Rekey recomputes the stored lookup hashes.
func (b *Box) Lookup(kind, value string) string {
	m := hmac.New(sha256.New, b.current.lookup)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// KeyChecks returns a check value for the current key and one for each
// previous key: a keyed hash of a fixed text, stored with the data so that
// a process started with the wrong key can tell before it writes anything.
// The values reveal nothing about the keys.
func (b *Box) KeyChecks() (current string, previous []string) {
	check := func(k keys) string {
		m := hmac.New(sha256.New, k.lookup)
		m.Write([]byte("sprang key check v1"))
		return hex.EncodeToString(m.Sum(nil))
	}
	for _, k := range b.previous {
		previous = append(previous, check(k))
	}
	return check(b.current), previous
}
