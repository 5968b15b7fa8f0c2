package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, held in memory with its gzip form.
type asset struct {
	body    []byte
	gzipped []byte
	ctype   string
}

// assets serves the embedded static files under fingerprinted names
// (/static/app.3f2a9c1b.css), so they can be cached for a year: a changed
// file gets a new name.
type assets struct {
	byURL map[string]*asset // fingerprinted URL → file
	urls  map[string]string // logical name (app.css) → fingerprinted URL
}

func loadAssets() (*assets, error) {
	a := &assets{byURL: map[string]*asset{}, urls: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		url := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		a.urls[name] = url
		a.byURL[url] = &asset{body: body, gzipped: gzipBytes(body), ctype: mime.TypeByExtension(ext)}
		return nil
	})
	return a, err
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// url returns the fingerprinted URL of the static file name; templates call
// it as {{asset "app.css"}}. An unknown name returns the plain path so the
// mistake shows up as a 404.
func (a *assets) url(name string) string {
	if u, ok := a.urls[name]; ok {
		return u
	}
	return "/static/" + name
}

// ServeHTTP serves a fingerprinted static file, gzipped when the client
// accepts it, with a one-year immutable cache lifetime.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	body := f.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && len(f.gzipped) < len(f.body) {
		h.Set("Content-Encoding", "gzip")
		body = f.gzipped
	}
	_, _ = w.Write(body) //nolint:gosec // G705 false positive: body is an embedded static file, not request data
}
