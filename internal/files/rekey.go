package files

import (
	"context"
	"fmt"

	"gocloud.dev/blob"

	"sprang"
)

// Rekey reseals the blob at key under the box's current key after a key
// rotation, and reports whether it had to. A blob already on the current
// key is left alone, so it can run again after a partial run; a missing
// blob is not an error (its row may be on its way out). The content never
// leaves memory unsealed.
func (s *Store) Rekey(ctx context.Context, key string) (bool, error) {
	sealed, err := s.readBlob(ctx, key)
	if err != nil {
		if sprang.ErrorKind(err) == sprang.NotFound {
			return false, nil
		}
		return false, err
	}
	if !s.box.NeedsReseal(sealed) {
		return false, nil
	}
	content, err := s.box.Open(sealed, associatedData(key))
	if err != nil {
		return false, fmt.Errorf("rekey file %s: %w", key, err)
	}
	resealed := s.box.Seal(content, associatedData(key))
	opts := &blob.WriterOptions{ContentType: "application/octet-stream"}
	if err := s.bucket.WriteAll(ctx, key, resealed, opts); err != nil {
		return false, fmt.Errorf("rekey file %s: %w", key, err)
	}
	return true, nil
}
