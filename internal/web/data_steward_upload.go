package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"sprang"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// Uploads of open data are streamed: the multipart body is read part by
// part, and the file goes straight from the request to blob storage
// (files.PutOpen hashes it on the way), so a file of hundreds of
// megabytes costs a few kilobytes of memory and never a temporary file.
// Open data is public and stored as uploaded. The forms put their text
// fields before the file, so they are read first.

// Limits of an upload form: the file, each text field, and the body as a
// whole (the file and a margin for the fields and the multipart framing).
const (
	stewardMaxUpload int64 = 200 << 20
	stewardMaxField        = 64 << 10
	stewardMaxBody         = stewardMaxUpload + 1<<20
)

// stewardFile is a file an upload form stored: its cleaned name, its
// format and what blob storage says about it.
type stewardFile struct {
	Name string
	Type opendata.FileType
	Obj  files.OpenObject
}

// stewardIsMultipart reports whether r posts a multipart form.
func stewardIsMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

// stewardReadUpload reads a multipart upload form as a stream: its text
// fields into vals, and the file of the field "file" into blob storage.
// The file is nil when none was chosen. fileErr is the message key of a
// refused file (a format the portal does not know, an empty or too large
// file), which is not kept. The error is errTooLarge for a body over
// stewardMaxBody, Invalid for a malformed one, errUnreadable for text
// that is not UTF-8, or a failure of storage.
func (s *Server) stewardReadUpload(w http.ResponseWriter, r *http.Request) (vals url.Values, file *stewardFile, fileErr string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, stewardMaxBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, "", sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	vals = url.Values{}
	defer func() {
		if err != nil && file != nil {
			s.stewardDiscard(r.Context(), file)
			file = nil
		}
	}()
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return vals, file, fileErr, nil
		}
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return nil, file, "", errTooLarge
			}
			return nil, file, "", sprang.Errorf(sprang.Invalid, "form.invalid")
		}
		name := p.FormName()
		switch {
		case name == "file" && file == nil && fileErr == "" && p.FileName() != "":
			file, fileErr, err = s.stewardStore(r.Context(), p)
		case p.FileName() == "" && name != "file":
			err = stewardReadField(p, vals)
		default: // a second file, or an empty file input
			_, err = io.Copy(io.Discard, p)
		}
		if err == nil && fileErr == "steward.file_too_large" {
			// The rest of the body is the rest of the file: it is not
			// read (closing the part would), so the answer comes at
			// once and the server closes the connection.
			return vals, nil, fileErr, nil
		}
		_ = p.Close()
		if err != nil {
			return nil, file, "", stewardBodyError(err)
		}
	}
}

// stewardBodyError returns the error of reading a part of an upload:
// errTooLarge for a body over its limit, Invalid for a body that ends
// early, and the error itself otherwise (a refused field, a failure of
// storage).
func stewardBodyError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return errTooLarge
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return sprang.Errorf(sprang.Invalid, "form.invalid")
	}
	return err
}

// stewardReadField reads one text field of at most stewardMaxField bytes
// into vals.
func stewardReadField(p *multipart.Part, vals url.Values) error {
	b, err := io.ReadAll(io.LimitReader(p, stewardMaxField+1))
	if err != nil {
		return err
	}
	if len(b) > stewardMaxField {
		return errTooLarge
	}
	if !utf8.Valid(b) || !utf8.ValidString(p.FormName()) {
		return errUnreadable
	}
	vals.Add(p.FormName(), string(b))
	return nil
}

// stewardStore streams the file part p to blob storage. A file whose
// format neither its name nor its content tells, an empty file and one
// over stewardMaxUpload are refused with a message key, and nothing is
// kept.
func (s *Server) stewardStore(ctx context.Context, p *multipart.Part) (*stewardFile, string, error) {
	if s.files == nil {
		return nil, "", errors.New("store open data file: no file storage is configured")
	}
	obj, err := s.files.PutOpen(ctx, p, stewardMaxUpload)
	if sprang.ErrorMessage(err) == "files.too_large" {
		return nil, "steward.file_too_large", nil
	}
	if err != nil {
		return nil, "", err
	}
	f := &stewardFile{Obj: obj}
	ft, ok := opendata.FindFileType(strings.ToLower(path.Ext(p.FileName())))
	if !ok {
		mt, _, _ := mime.ParseMediaType(obj.MediaType)
		ft, ok = opendata.FindFileType(mt)
	}
	switch {
	case obj.Size == 0:
		s.stewardDiscard(ctx, f)
		return nil, "steward.file_empty", nil
	case !ok:
		s.stewardDiscard(ctx, f)
		return nil, "steward.file_type_unknown", nil
	}
	f.Type = ft
	f.Name = files.CleanName(p.FileName(), ft.MediaType)
	return f, "", nil
}

// stewardDiscard deletes a stored file that will not be used, logging a
// failure (an orphaned blob costs space, nothing else).
func (s *Server) stewardDiscard(ctx context.Context, f *stewardFile) {
	if err := s.files.Delete(ctx, f.Obj.Key); err != nil {
		s.log.WarnContext(ctx, "delete unused open data file", "key", f.Obj.Key, "error", err.Error())
	}
}

// stewardUploadAccept returns the accept attribute of the file inputs:
// every extension the portal knows a format by.
func stewardUploadAccept() string {
	var exts []string
	for _, ft := range opendata.FileTypes {
		exts = append(exts, ft.Extensions...)
	}
	return strings.Join(exts, ",")
}

// stewardFileError returns the text of a refused file's message key.
func stewardFileError(v *view, key string) string {
	switch key {
	case "steward.file_too_large":
		return v.T(key, stewardSize(v, stewardMaxUpload))
	case "steward.file_type_unknown":
		return v.T(key, stewardUploadAccept())
	}
	return v.T(key)
}

// stewardAddUpload records f as the next version of distribution d and,
// for a tabular format, has the loader load it (at once, or as a job when
// a job runner is registered). A file the loader cannot read is recorded
// on the upload as a failed load, which the resource's page shows; the
// upload stays. It returns the new upload.
func (s *Server) stewardAddUpload(ctx context.Context, d opendata.Distribution, f *stewardFile) (opendata.Upload, error) {
	up, err := s.db.AddUpload(ctx, opendata.Upload{DistributionID: d.ID, FileName: f.Name, BlobKey: f.Obj.Key,
		MediaType: f.Type.MediaType, ByteSize: f.Obj.Size, Checksum: f.Obj.SHA256, LoadState: opendata.LoadNone})
	if err != nil {
		return up, fmt.Errorf("add upload to distribution %s: %w", d.ID, err)
	}
	if f.Type.Tabular {
		s.stewardEnqueue(ctx, up.ID, nil)
	}
	return up, nil
}

// stewardEnqueue has the loader load an upload with the column types of
// overrides. Its failure is logged, not returned: the upload's load state
// says what happened, and the resource's page offers to load it again.
func (s *Server) stewardEnqueue(ctx context.Context, uploadID int64, overrides map[string]opendata.ColumnType) {
	if s.loader == nil {
		return
	}
	err := s.loader.Enqueue(ctx, uploadID, overrides)
	switch {
	case err == nil:
	case sprang.ErrorKind(err) == sprang.Invalid:
		s.log.InfoContext(ctx, "open data upload not loaded", "upload", uploadID, "error", err.Error())
	default:
		s.log.ErrorContext(ctx, "load open data upload", "upload", uploadID, "error", err.Error())
	}
}

// handleStewardResourceCreate adds a resource to a dataset: an uploaded
// file (a multipart form with the fields file_title and file), which
// becomes version 1 of a file resource; or a link (link_title, link_url,
// link_format). The browser goes on to the new resource's page.
func (s *Server) handleStewardResourceCreate(w http.ResponseWriter, r *http.Request) {
	c, err := s.stewardLoad(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if stewardIsMultipart(r) {
		s.stewardCreateFile(w, r, c)
		return
	}
	form, err := postedForm(w, r, "link_title", "link_url", "link_format")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	d, errs := stewardNewLink(v, c.ds().ID, form)
	if len(errs) > 0 {
		s.renderStewardDataset(w, r, http.StatusUnprocessableEntity, c, stewardState{res: r.PostForm, errs: errs})
		return
	}
	d, err = s.db.CreateDistribution(r.Context(), d)
	if err == nil {
		err = s.stewardAudit(r.Context(), c.acc, auditResourceCreated, stewardObjectResource, d.ID, "dataset="+c.ds().Slug+" link format="+d.Format)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardResourceURL(c.ds().ID, d.ID), "tillagd")
}

// stewardNewLink checks the link form and returns the new distribution,
// or the errors (field → text).
func stewardNewLink(v *view, datasetID string, form map[string]string) (opendata.Distribution, map[string]string) {
	errs := map[string]string{}
	title := strings.Join(strings.Fields(form["link_title"]), " ")
	if utf8.RuneCountInString(title) > stewardTitleMax {
		errs["link_title"] = v.T("steward.title_too_long")
	}
	u := strings.TrimSpace(form["link_url"])
	if !stewardHTTPURL(u) {
		errs["link_url"] = v.T("steward.link_url_invalid")
	}
	ft, ok := opendata.FindFileType(strings.TrimSpace(form["link_format"]))
	if !ok {
		errs["link_format"] = v.T("steward.format_required")
	}
	d := opendata.Distribution{DatasetID: datasetID, Kind: opendata.KindLink, TitleSV: title, URL: u, Format: ft.Code, MediaType: ft.MediaType}
	return d, errs
}

// stewardCreateFile adds a file resource from the upload form.
func (s *Server) stewardCreateFile(w http.ResponseWriter, r *http.Request, c *stewardCtx) {
	vals, file, fileErr, err := s.stewardReadUpload(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	errs := map[string]string{}
	title := strings.Join(strings.Fields(vals.Get("file_title")), " ")
	if utf8.RuneCountInString(title) > stewardTitleMax {
		errs["file_title"] = v.T("steward.title_too_long")
	}
	switch {
	case fileErr != "":
		errs["file"] = stewardFileError(v, fileErr)
	case file == nil:
		errs["file"] = v.T("steward.file_required")
	}
	if len(errs) > 0 {
		if file != nil {
			s.stewardDiscard(r.Context(), file)
		}
		s.renderStewardDataset(w, r, http.StatusUnprocessableEntity, c, stewardState{res: vals, errs: errs})
		return
	}
	if title == "" {
		title = file.Name
	}
	d, err := s.db.CreateDistribution(r.Context(), opendata.Distribution{DatasetID: c.ds().ID, Kind: opendata.KindFile,
		TitleSV: title, Format: file.Type.Code, MediaType: file.Type.MediaType})
	if err != nil {
		s.stewardDiscard(r.Context(), file)
		s.fail(w, r, err)
		return
	}
	up, err := s.stewardAddUpload(r.Context(), d, file)
	if err != nil {
		s.stewardDiscard(r.Context(), file)
		s.fail(w, r, err)
		return
	}
	detail := fmt.Sprintf("dataset=%s file format=%s version=%d bytes=%d", c.ds().Slug, file.Type.Code, up.Version, up.ByteSize)
	if err := s.stewardAudit(r.Context(), c.acc, auditResourceCreated, stewardObjectResource, d.ID, detail); err != nil {
		s.fail(w, r, err)
		return
	}
	stewardRedirect(w, r, stewardResourceURL(c.ds().ID, d.ID), "uppladdad")
}

// stewardSize formats a size in bytes for a page: bytes, kB or MB (powers
// of 1024, as file managers count) in the page's language.
func stewardSize(v *view, n int64) string {
	switch {
	case n < 1<<10:
		return v.T("steward.size.bytes", i18n.Number(v.Lang, n))
	case n < 1<<20:
		return v.T("steward.size.kb", i18n.Decimal(v.Lang, float64(n)/(1<<10), 1))
	}
	return v.T("steward.size.mb", files.SizeMB(v.Lang, n))
}

// StewardSize is stewardSize for templates.
func (v *view) StewardSize(n int64) string { return stewardSize(v, n) }
