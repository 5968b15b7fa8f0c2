package web

import (
	"cmp"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"

	"sprang"
	"sprang/internal/opendata"
)

// handleDataResourceFile sends a file distribution's file as it was
// uploaded: the newest version, or version N with ?version=N. It streams
// from blob storage with the file's media type, size and checksum (as its
// ETag), as an attachment with a safe name. The files of drafts and
// withdrawn datasets are NotFound to the public; their unit's data
// stewards get them uncached.
func (s *Server) handleDataResourceFile(w http.ResponseWriter, r *http.Request) {
	e, err := s.dataEntryWithFiles(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := distributionOf(e, r.PathValue("rid"))
	if err != nil || d.Kind != opendata.KindFile || s.files == nil {
		s.fail(w, r, errDataNotFound)
		return
	}
	pp, err := parsePreviewParams(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	up, err := s.db.Upload(r.Context(), d.ID, pp.version)
	if err != nil {
		if pp.version != 0 && sprang.ErrorKind(err) == sprang.NotFound {
			err = errNoVersion
		}
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	etag := `"` + up.Checksum + `"`
	h.Set("ETag", etag)
	switch {
	case e.Dataset.State != opendata.Published: // a steward's
		h.Set("Cache-Control", "private, no-store")
	case pp.version != 0: // a version never changes
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("Access-Control-Allow-Origin", "*")
	default:
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if up.Checksum != "" && etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f, err := s.files.ReadOpen(r.Context(), up.BlobKey)
	if err != nil {
		h.Del("ETag")
		h.Del("Access-Control-Allow-Origin")
		h.Set("Cache-Control", "no-store")
		s.fail(w, r, err)
		return
	}
	defer func() { _ = f.Close() }()
	h.Set("Content-Type", downloadMediaType(up.MediaType))
	h.Set("Content-Disposition", cmp.Or(mime.FormatMediaType("attachment", map[string]string{"filename": downloadName(up, e.Dataset.Slug)}), "attachment"))
	h.Set("Content-Length", strconv.FormatInt(up.ByteSize, 10))
	if !up.CreatedAt.IsZero() {
		h.Set("Last-Modified", up.CreatedAt.UTC().Format(http.TimeFormat))
	}
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(w, f); err != nil {
		s.log.WarnContext(r.Context(), "send open data file", "upload", up.ID, "error", err.Error())
	}
}

// etagMatches reports whether an If-None-Match header names etag (or is
// "*").
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// downloadMediaType returns the media type a file is sent with: its own,
// except for types a browser would run or render as a page of ours
// (HTML, SVG, XML with styles), which are sent as plain bytes; the
// download is an attachment either way.
func downloadMediaType(mt string) string {
	base, _, err := mime.ParseMediaType(mt)
	if err != nil || base == "" {
		return "application/octet-stream"
	}
	switch base {
	case "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "text/javascript", "application/javascript":
		return "application/octet-stream"
	}
	return mt
}

// downloadName returns the name a file is downloaded as: its uploaded
// name without any path, control characters or quotes, or, when nothing
// is left, the dataset's slug with the version.
func downloadName(up opendata.Upload, slug string) string {
	name := path.Base(strings.ReplaceAll(up.FileName, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == '\\' || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	if name == "" {
		name = slug + "-v" + strconv.Itoa(up.Version)
		if ft, ok := opendata.FindFileType(up.MediaType); ok && len(ft.Extensions) > 0 {
			name += ft.Extensions[0]
		}
	}
	if len(name) > 200 {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:200-len(ext)], "") + ext
	}
	return name
}
