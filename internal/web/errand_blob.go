package web

import (
	"context"
	"errors"
	"io"

	"sprang/internal/eservice"
)

// errNoFileStore is the error when no file storage is configured.
var errNoFileStore = errors.New("case files: no file storage is configured")

// putCaseFile stores an attachment encrypted in the file store, checked
// against rule, and returns its description (not yet saved as a row).
func (s *Server) putCaseFile(ctx context.Context, name string, r io.Reader, rule eservice.FileRule) (eservice.File, error) {
	if s.files == nil {
		return eservice.File{}, errNoFileStore
	}
	return s.files.Put(ctx, name, r, rule)
}

// readCaseFile returns the decrypted content of an attachment.
func (s *Server) readCaseFile(ctx context.Context, f eservice.File) ([]byte, error) {
	if s.files == nil {
		return nil, errNoFileStore
	}
	return s.files.Read(ctx, f)
}
