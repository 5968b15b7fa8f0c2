package secret

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sprang"
)

// KeyFile is the name of the secret key file in the data directory.
const KeyFile = "secret.key"

// LoadOrCreateKey returns the secret key kept in dataDir/secret.key,
// creating the directory and the file (mode 0600, 48 random bytes in
// base64) when the file is missing. Two processes starting at once agree
// on one key: the file is created exclusively and a loser reads the
// winner's. It returns an error naming the path when the file cannot be
// read or written, and an Invalid *sprang.Error when it holds a key
// shorter than MinKeyLen. Losing this file makes encrypted data unreadable:
// back it up with the database, but never in the same place.
func LoadOrCreateKey(dataDir string) (string, error) {
	path := filepath.Join(dataDir, KeyFile)
	key, err := readKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return "", fmt.Errorf("create data directory %s: %w", dataDir, err)
	}
	if err := createKey(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	return readKey(path)
}

// readKey reads and checks the key in path; a missing file gives an error
// wrapping fs.ErrNotExist.
func readKey(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read secret key %s: %w", path, err)
	}
	key := strings.TrimSpace(string(b))
	if len(key) < MinKeyLen {
		return "", sprang.Errorf(sprang.Invalid, "secret key in %s is shorter than %d characters", path, MinKeyLen)
	}
	return key, nil
}

// createKey writes a new random key to a temporary file and links it to
// path, so no reader ever sees a half-written key. It fails with an error
// wrapping fs.ErrExist when path exists already.
func createKey(path string) error {
	raw := make([]byte, 48)
	_, _ = rand.Read(raw) // never fails (crypto/rand since Go 1.24)
	f, err := os.CreateTemp(filepath.Dir(path), KeyFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("create secret key in %s: %w", filepath.Dir(path), err)
	}
	defer func() { _ = os.Remove(f.Name()) }()
	_, werr := f.WriteString(base64.StdEncoding.EncodeToString(raw) + "\n")
	err = errors.Join(werr, f.Chmod(0o600), f.Sync(), f.Close())
	if err != nil {
		return fmt.Errorf("write secret key %s: %w", path, err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		return fmt.Errorf("create secret key %s: %w", path, err)
	}
	return nil
}
