package secret

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are argon2id's cost parameters.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultPasswordParams returns the parameters new hashes use: 19 MiB, two
// passes, one lane (OWASP's first argon2id recommendation). About 30 ms on
// a small server core, and little enough memory that a 2-core server can
// check a few logins at once without swapping; callers should still bound
// how many run at once.
func DefaultPasswordParams() PasswordParams {
	return PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Limits on parameters read from a stored hash, so a corrupt or hostile
// hash cannot make a check run out of memory or time.
const (
	maxMemory  = 1 << 20 // KiB = 1 GiB
	maxTime    = 20
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// ErrBadHash is returned (wrapped) when a stored password hash is not an
// argon2id PHC string this package can check.
var ErrBadHash = errors.New("not a supported argon2id password hash")

// HashPassword hashes password with argon2id and the default parameters
// and returns a PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash. It
// cannot fail.
func HashPassword(password string) string {
	return HashPasswordWith(password, DefaultPasswordParams())
}

// HashPasswordWith is HashPassword with explicit parameters (tests use
// cheap ones).
func HashPasswordWith(password string, p PasswordParams) string {
	salt := make([]byte, p.SaltLen)
	_, _ = rand.Read(salt) // never fails (crypto/rand since Go 1.24)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return formatPHC(p, salt, key)
}

func formatPHC(p PasswordParams, salt, key []byte) string {
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key))
}

// VerifyPassword reports whether password matches the PHC hash, comparing
// in constant time. It returns an error wrapping ErrBadHash when hash
// cannot be read (an empty hash, as for single sign-on accounts, included).
func VerifyPassword(password, hash string) (bool, error) {
	p, salt, key, err := ParsePHC(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with other parameters than the
// defaults (or cannot be read), so the login code can rehash the password
// it has just verified.
func NeedsRehash(hash string) bool {
	p, salt, key, err := ParsePHC(hash)
	d := DefaultPasswordParams()
	return err != nil || p.Memory != d.Memory || p.Time != d.Time || p.Threads != d.Threads ||
		len(salt) != int(d.SaltLen) || len(key) != int(d.KeyLen)
}

// ParsePHC reads an argon2id PHC string, returning its parameters (SaltLen
// and KeyLen set from the decoded values), salt and key. It returns an
// error wrapping ErrBadHash for anything else, or for parameters outside
// sane limits.
func ParsePHC(hash string) (PasswordParams, []byte, []byte, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return PasswordParams{}, nil, nil, fmt.Errorf("parse password hash: %w", ErrBadHash)
	}
	p, err := parsePHCParams(parts[3])
	if err != nil {
		return PasswordParams{}, nil, nil, fmt.Errorf("parse password hash: %w", err)
	}
	salt, ok1 := decodeB64(parts[4])
	key, ok2 := decodeB64(parts[5])
	if !ok1 || !ok2 || len(salt) < minSaltLen || len(salt) > maxSaltLen || len(key) < minKeyLen || len(key) > maxKeyLen {
		return PasswordParams{}, nil, nil, fmt.Errorf("parse password hash: salt or key: %w", ErrBadHash)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// parsePHCParams reads "m=…,t=…,p=…" in that order.
func parsePHCParams(s string) (PasswordParams, error) {
	var vals [3]uint64
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return PasswordParams{}, ErrBadHash
	}
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(fields[i], name)
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil || n == 0 || (len(v) > 1 && v[0] == '0') {
			return PasswordParams{}, ErrBadHash
		}
		vals[i] = n
	}
	if vals[0] > maxMemory || vals[1] > maxTime || vals[2] > 255 || vals[0] < 8*vals[2] {
		return PasswordParams{}, ErrBadHash
	}
	return PasswordParams{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2])}, nil
}

// decodeB64 decodes unpadded standard base64, rejecting any other spelling
// of the same bytes (the decoder would skip line breaks).
func decodeB64(s string) ([]byte, bool) {
	b, err := base64.RawStdEncoding.Strict().DecodeString(s)
	return b, err == nil && base64.RawStdEncoding.EncodeToString(b) == s
}
