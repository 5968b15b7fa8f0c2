package files

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/gabriel-vasile/mimetype"
	"gocloud.dev/gcerrors"

	"sprang"
)

// openPrefix begins every blob key PutOpen writes, apart from the sealed
// files of errands.
const openPrefix = "o/"

// OpenObject describes a file PutOpen stored: its blob key, its size, the
// SHA-256 of its content (lower-case hex) and its media type as detected
// from the content.
type OpenObject struct {
	Key       string
	Size      int64
	SHA256    string
	MediaType string
}

// PutOpen stores an open-data file as it is, streaming r to the bucket
// under a new random key without holding it in memory. Open data is public,
// so it is not encrypted. A file larger than limit bytes is refused with an
// Invalid error "files.too_large" and nothing is kept.
func (s *Store) PutOpen(ctx context.Context, r io.Reader, limit int64) (OpenObject, error) {
	var b [16]byte
	_, _ = rand.Read(b[:])
	obj := OpenObject{Key: openPrefix + hex.EncodeToString(b[:])}
	br := bufio.NewReaderSize(r, 3072)
	head, _ := br.Peek(3072)
	obj.MediaType = mimetype.Detect(head).String()
	ctx, cancel := context.WithCancel(ctx) // cancelling before Close discards the write
	defer cancel()
	w, err := s.bucket.NewWriter(ctx, obj.Key, nil)
	if err != nil {
		return OpenObject{}, fmt.Errorf("store open file: %w", err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(br, limit+1))
	if err == nil && n > limit {
		err = sprang.Errorf(sprang.Invalid, "files.too_large")
	}
	if err != nil {
		cancel()
		_ = w.Close()
		return OpenObject{}, fmt.Errorf("store open file: %w", err)
	}
	if err := w.Close(); err != nil {
		return OpenObject{}, fmt.Errorf("store open file: %w", err)
	}
	obj.Size, obj.SHA256 = n, hex.EncodeToString(h.Sum(nil))
	return obj, nil
}

// ReadOpen opens the open-data file at key for reading; the caller closes
// it. A missing blob gives a NotFound *sprang.Error.
func (s *Store) ReadOpen(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil, &sprang.Error{Kind: sprang.NotFound, Message: "files.not_found", Cause: fmt.Errorf("read open file %s: %w", key, err)}
		}
		return nil, fmt.Errorf("read open file %s: %w", key, err)
	}
	return r, nil
}
