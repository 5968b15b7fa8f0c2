package secret

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sprang"
)

func TestLoadOrCreateKey(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	key, err := LoadOrCreateKey(dir)
	if err != nil || len(key) < MinKeyLen {
		t.Fatalf("LoadOrCreateKey = %q, %v", key, err)
	}
	fi, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v", fi, err)
	}
	again, err := LoadOrCreateKey(dir)
	if err != nil || again != key {
		t.Fatalf("second load = %q, %v; want the same key", again, err)
	}
	if _, err := NewBox(key); err != nil {
		t.Errorf("NewBox(created key): %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data dir holds %d files, want only %s", len(entries), KeyFile)
	}
}

func TestLoadOrCreateKeyConcurrently(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := LoadOrCreateKey(dir)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys {
		if k != keys[0] {
			t.Fatal("concurrent starts created different keys")
		}
	}
}

func TestLoadOrCreateKeyErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, KeyFile), []byte("short\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(dir); sprang.ErrorKind(err) != sprang.Invalid {
		t.Errorf("short key file: %v", err)
	}
	padded := t.TempDir()
	want := strings.Repeat("k", 40)
	if err := os.WriteFile(filepath.Join(padded, KeyFile), []byte("  "+want+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadOrCreateKey(padded); err != nil || got != want {
		t.Errorf("padded key file = %q, %v", got, err)
	}
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(file); err == nil {
		t.Error("data dir that is a file: no error")
	}
}
