package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Token returns 32 random bytes encoded as unpadded base64url (43
// characters), for session ids, API tokens and one-time links. It cannot
// fail.
func Token() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the SHA-256 of token in hex: what the database keeps
// instead of the token, so a leaked database does not leak live sessions.
// Tokens are random, so no key or salt is needed.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
