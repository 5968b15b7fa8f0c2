// Package files keeps the files residents and case officers attach to
// errands: it checks an upload's type from its content (never its name)
// and its size, cleans its name for display, encrypts it with the
// installation's secret.Box and stores it in a bucket through
// gocloud.dev/blob, so the same code writes to a directory on one server
// or to S3-compatible object storage shared by a cluster.
//
// Bucket URLs (the drivers are registered here):
//
//	file:///srv/sprang/files?create_dir=true   a directory (DefaultURL is one)
//	s3://bucket?endpoint=https://s3.example.se&region=eu-north-1&use_path_style=true
//	mem://                                     memory only, for tests
//
// S3 credentials come from the usual AWS sources (AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY, a profile, or the instance's role), never from
// the URL; Open refuses a URL with credentials. Other s3 parameters are
// gocloud.dev's (see gocloud.dev/blob/s3blob and gocloud.dev/aws), e.g.
// request_checksum_calculation=when_required for S3-compatible servers
// that do not know the newer checksum headers.
//
// Files are read into memory whole (at most eservice.MaxFileBytes, twice
// while sealing), which is what lets Put check the whole content before
// anything is stored.
//
// What the bucket holds is ciphertext under random keys: whoever can read
// the bucket learns sizes and times, not names, types or content. Names,
// types and keys are kept by the caller (eservice.File, in the database).
package files

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:// buckets: a directory
	_ "gocloud.dev/blob/memblob"  // mem:// buckets: tests
	_ "gocloud.dev/blob/s3blob"   // s3:// buckets: S3-compatible storage
	"gocloud.dev/gcerrors"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/secret"
)

// Store keeps encrypted files in a bucket. It is safe for concurrent use.
type Store struct {
	bucket *blob.Bucket
	box    *secret.Box
}

// Open opens the bucket at bucketURL (see the package documentation) and checks
// that it can be reached. It returns an Invalid *sprang.Error for a URL it
// cannot use and an error naming the bucket (never its credentials) when
// the bucket cannot be opened or reached.
func Open(ctx context.Context, bucketURL string, box *secret.Box) (*Store, error) {
	if box == nil {
		return nil, errors.New("open files: no secret box")
	}
	if u, err := url.Parse(bucketURL); err == nil && u.User != nil {
		return nil, sprang.Errorf(sprang.Invalid, "open files: bucket %s: credentials do not belong in the URL; give them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", Redact(bucketURL))
	}
	b, err := blob.OpenBucket(ctx, bucketURL)
	if err != nil {
		return nil, &sprang.Error{Kind: sprang.Invalid, Message: "open files: cannot use bucket " + Redact(bucketURL), Cause: err}
	}
	ok, err := b.IsAccessible(ctx)
	if err == nil && !ok {
		err = errors.New("bucket does not exist")
	}
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("open files: bucket %s: %w", Redact(bucketURL), err)
	}
	return &Store{bucket: b, box: box}, nil
}

// DefaultURL returns the URL of the directory "files" in dataDir (made
// absolute), which Open creates with mode 0700 when missing. Temporary
// files are written next to their final place, so renaming them never
// crosses file systems, and no metadata files are written beside them.
func DefaultURL(dataDir string) string {
	dir, err := filepath.Abs(filepath.Join(dataDir, "files"))
	if err != nil {
		dir = filepath.Join(dataDir, "files")
	}
	p := filepath.ToSlash(dir)
	if p != "" && p[0] != '/' {
		p = "/" + p // file:///C:/… on Windows
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: "create_dir=true&dir_file_mode=0700&metadata=skip&no_tmp_dir=true"}
	return u.String()
}

// Redact returns a bucket URL fit for logs and the audit log: scheme, host
// (the bucket) and path, with only the endpoint and region parameters; any
// user information and other parameters are dropped. An unparsable URL
// gives "(not a URL)".
func Redact(bucketURL string) string {
	u, err := url.Parse(bucketURL)
	if err != nil || u.Scheme == "" {
		return "(not a URL)"
	}
	q := url.Values{}
	for _, k := range []string{"endpoint", "region"} {
		if v := u.Query().Get(k); v != "" {
			if e, err := url.Parse(v); err == nil && e.User != nil {
				e.User = nil
				v = e.String()
			}
			q.Set(k, v)
		}
	}
	out := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawQuery: q.Encode()}
	return out.String()
}

// Close closes the bucket.
func (s *Store) Close() error {
	if err := s.bucket.Close(); err != nil {
		return fmt.Errorf("close files: %w", err)
	}
	return nil
}

// Put reads one uploaded file from r and stores it encrypted. It reads at
// most the rule's limit plus one byte, so an oversized upload costs no
// more than that. The limit is rule.MaxBytes, or eservice.MaxFileBytes when
// that is unset or larger; the accepted types are rule.Types, or all of
// AcceptedTypes when it is empty. name is only cleaned (CleanName) and
// kept for display.
//
// A file that is empty, larger than the limit or not of an accepted type
// (detected from its content, see Detect) gives an Invalid *sprang.Error
// whose Message is one of the Msg* keys and whose Cause is a *Refusal (Explain turns it
// into text saying how to fix it). A failing r or bucket gives an error
// wrapping the cause. On success it returns the File with Name, MediaType,
// Size and Key set (ID is the caller's).
func (s *Store) Put(ctx context.Context, name string, r io.Reader, rule eservice.FileRule) (eservice.File, error) {
	limit, types := limits(rule)
	content, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return eservice.File{}, fmt.Errorf("put file: read upload: %w", err)
	}
	mt, err := check(content, limit, types)
	if err != nil {
		return eservice.File{}, err
	}
	key := newKey()
	sealed := s.box.Seal(content, associatedData(key))
	if err := s.bucket.WriteAll(ctx, key, sealed, &blob.WriterOptions{ContentType: "application/octet-stream"}); err != nil {
		return eservice.File{}, fmt.Errorf("put file: write %s: %w", key, err)
	}
	return eservice.File{Name: CleanName(name, mt), MediaType: mt, Size: int64(len(content)), Key: key}, nil
}

// limits returns the size limit and accepted types of rule, defaults
// filled in.
func limits(rule eservice.FileRule) (int64, []string) {
	limit := rule.MaxBytes
	if limit <= 0 || limit > eservice.MaxFileBytes {
		limit = eservice.MaxFileBytes
	}
	types := rule.Types
	if len(types) == 0 {
		types = AcceptedTypes()
	}
	return limit, types
}

// check returns the detected media type of content, or the refusal.
func check(content []byte, limit int64, types []string) (string, error) {
	switch {
	case int64(len(content)) > limit:
		return "", refuse(&Refusal{Key: MsgTooLarge, MaxBytes: limit})
	case len(content) == 0:
		return "", refuse(&Refusal{Key: MsgEmpty})
	}
	mt, reason := detect(content)
	if slices.Contains(types, mt) {
		return mt, nil
	}
	if reason == reasonTextEncoding && slices.Contains(types, TypeText) {
		return "", refuse(&Refusal{Key: MsgTextEncoding})
	}
	return "", refuse(&Refusal{Key: MsgWrongType, Types: slices.Clone(types)})
}

// keyPrefix begins every blob key Put writes.
const keyPrefix = "f/"

// newKey returns a random blob key: keyPrefix and 32 hex digits.
func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return keyPrefix + hex.EncodeToString(b[:])
}

// associatedData binds a sealed file to its blob key, so content moved to
// another key cannot be opened there.
func associatedData(key string) []byte { return []byte("sprang file v1\x00" + key) }

// maxSealed is the largest blob Read accepts: the largest file plus the
// seal's overhead, with room to spare.
const maxSealed = eservice.MaxFileBytes + 1024

// Read returns the decrypted content of f. A missing blob gives a NotFound
// *sprang.Error; content that was changed, moved from another key, sealed
// with an unknown key or does not have f.Size bytes gives an error
// wrapping secret.ErrDecrypt; a failing bucket gives an error wrapping
// its cause.
func (s *Store) Read(ctx context.Context, f eservice.File) ([]byte, error) {
	sealed, err := s.readBlob(ctx, f.Key)
	if err != nil {
		return nil, err
	}
	content, err := s.box.Open(sealed, associatedData(f.Key))
	if err != nil {
		return nil, fmt.Errorf("read file %s: %w", f.Key, err)
	}
	if int64(len(content)) != f.Size {
		return nil, fmt.Errorf("read file %s: %w: %d bytes, expected %d", f.Key, secret.ErrDecrypt, len(content), f.Size)
	}
	return content, nil
}

// readBlob reads the sealed blob at key, refusing one larger than
// maxSealed.
func (s *Store) readBlob(ctx context.Context, key string) ([]byte, error) {
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil, &sprang.Error{Kind: sprang.NotFound, Message: "files.not_found", Cause: fmt.Errorf("read file %s: %w", key, err)}
		}
		return nil, fmt.Errorf("read file %s: %w", key, err)
	}
	defer func() { _ = r.Close() }()
	var buf bytes.Buffer
	if size := r.Size(); size > 0 && size <= maxSealed {
		buf.Grow(int(size))
	}
	n, err := buf.ReadFrom(io.LimitReader(r, maxSealed+1))
	if err != nil {
		return nil, fmt.Errorf("read file %s: %w", key, err)
	}
	if n > maxSealed {
		return nil, fmt.Errorf("read file %s: %w: blob larger than any file", key, secret.ErrDecrypt)
	}
	return buf.Bytes(), nil
}

// Delete removes the blob at key. A key that does not exist is not an
// error, so deleting twice is safe; a failing bucket gives an error
// wrapping its cause.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := s.bucket.Delete(ctx, key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("delete file %s: %w", key, err)
	}
	return nil
}
