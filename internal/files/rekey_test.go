package files_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/secret"
)

// TestRekey stores a file under an old key, rotates (new key current, old
// previous), rekeys, and checks that the file then opens with the new key
// alone, that a second run changes nothing, and that a missing blob is
// skipped.
func TestRekey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := files.DefaultURL(t.TempDir())
	oldKey, newKey := strings.Repeat("o", 32), strings.Repeat("n", 32)
	content := []byte("Räksmörgås\n")
	rule := eservice.FileRule{Types: []string{files.TypeText}, MaxBytes: 1 << 10}

	f, err := open(t, dir, mustBox(t, oldKey)).Put(ctx, "a.txt", bytes.NewReader(content), rule)
	if err != nil {
		t.Fatal(err)
	}
	rotated := open(t, dir, mustBox(t, newKey, oldKey))
	for run, want := range []bool{true, false} {
		changed, err := rotated.Rekey(ctx, f.Key)
		if err != nil || changed != want {
			t.Fatalf("run %d: Rekey = %v, %v; want %v, nil", run, changed, err, want)
		}
	}
	got, err := open(t, dir, mustBox(t, newKey)).Read(ctx, f)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("after rekey, Read with the new key alone = %q, %v", got, err)
	}
	if changed, err := rotated.Rekey(ctx, "f/0000"); changed || err != nil {
		t.Errorf("Rekey of a missing blob = %v, %v; want false, nil", changed, err)
	}
}

func mustBox(t *testing.T, key string, previous ...string) *secret.Box {
	t.Helper()
	b, err := secret.NewBox(key, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
