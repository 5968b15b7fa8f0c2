package web

import (
	"errors"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/i18n"
)

// Limits of a step's request body: a page without files may post
// maxStepBytes; a page with files the sum of its file questions' limits
// plus uploadMargin for the rest of the form and the multipart framing.
// The whole body is parsed in memory (the limit is the memory allowance):
// an upload is personal data and must never reach a temporary file on
// disk unencrypted; the files store seals it before it is written.
const (
	maxStepBytes = 256 << 10
	uploadMargin = 1 << 20
)

// stepLimit returns the largest body page p's form may post.
func stepLimit(p eservice.Page, a eservice.Answers) int64 {
	fs := fileFields(p, a)
	if len(fs) == 0 {
		return maxStepBytes
	}
	var n int64 = uploadMargin
	for _, f := range fs {
		if f.Rule.MaxBytes > 0 && f.Rule.MaxBytes < eservice.MaxFileBytes {
			n += f.Rule.MaxBytes
		} else {
			n += eservice.MaxFileBytes
		}
	}
	return n
}

// parseStep reads a step's posted form, url-encoded or (for pages with
// files) multipart, at most stepLimit bytes. An oversized body gives
// errTooLarge, a malformed one Invalid and text that is not UTF-8
// errUnreadable.
func (s *Server) parseStep(w http.ResponseWriter, r *http.Request, p eservice.Page, a eservice.Answers) (url.Values, error) {
	limit := stepLimit(p, a)
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		err = r.ParseMultipartForm(limit)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, errTooLarge
		}
		return nil, sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	if !validUTF8(r.PostForm) {
		return nil, errUnreadable
	}
	return r.PostForm, nil
}

// storeUploads stores the files uploaded for page p's file questions and
// puts their ids into posted. A file the question does not accept (type,
// size, empty) is refused with a field error that says how to fix it, in
// both languages; other failures are returned as the error.
func (s *Server) storeUploads(r *http.Request, f *flow, p eservice.Page, sofar, posted eservice.Answers) ([]eservice.FieldError, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var refused []eservice.FieldError
	for _, ff := range fileFields(p, sofar) {
		fhs := r.MultipartForm.File[ff.Name]
		if len(fhs) == 0 || fhs[0].Filename == "" && fhs[0].Size == 0 {
			continue
		}
		if s.files == nil {
			return nil, errors.New("store upload: no file storage is configured")
		}
		id, err := s.storeUpload(r, f, ff, fhs[0])
		if sv, ok := files.Explain(s.cat, i18n.Swedish, err); ok {
			en, _ := files.Explain(s.cat, i18n.English, err)
			refused = append(refused, eservice.FieldError{Field: ff.Name, Custom: eservice.Text{SV: sv, EN: en}})
			continue
		}
		if err != nil {
			return nil, err
		}
		posted[ff.Name] = []string{strconv.FormatInt(id, 10)}
	}
	return refused, nil
}

// storeUpload stores one uploaded file in the file store and its row on
// the draft's question, and returns its id.
func (s *Server) storeUpload(r *http.Request, f *flow, ff fileField, fh *multipart.FileHeader) (int64, error) {
	src, err := fh.Open()
	if err != nil {
		return 0, err
	}
	defer func() { _ = src.Close() }()
	file, err := s.files.Put(r.Context(), fh.Filename, src, ff.Rule)
	if err != nil {
		return 0, err
	}
	return s.db.SaveFile(r.Context(), file, f.draft.ID, ff.Name)
}

// uploadedFiles returns the name and size of the files stored for page
// p's file questions in a. Their ids come from this draft's own uploads
// (never from posted text), so reading them needs no further check; a
// file that cannot be read is left out.
func (s *Server) uploadedFiles(r *http.Request, p eservice.Page, a eservice.Answers) map[string]fileInfo {
	out := map[string]fileInfo{}
	for _, ff := range fileFields(p, a) {
		id, err := strconv.ParseInt(a.Get(ff.Name), 10, 64)
		if err != nil {
			continue
		}
		file, _, err := s.db.FindFile(r.Context(), id)
		if err != nil {
			s.log.WarnContext(r.Context(), "uploaded file not found", "file", id, "error", err.Error())
			continue
		}
		out[ff.Name] = fileInfo{Name: file.Name, Size: file.Size}
	}
	return out
}
