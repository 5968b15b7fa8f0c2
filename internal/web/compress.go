package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"sprang/internal/i18n"
)

// minGzipBytes is the smallest page worth compressing.
const minGzipBytes = 1024

// gzipWriters reuses compressors: a gzip.Writer holds large tables.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the level is valid, so err is nil
	return w
}}

// acceptsGzip reports whether the client accepts gzip-encoded answers.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// gzipPage returns body compressed with gzip at the fastest level.
func gzipPage(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) / 4)
	zw := gzipWriters.Get().(*gzip.Writer) //nolint:forcetypeassert // the pool holds only these
	zw.Reset(&buf)
	_, _ = zw.Write(body) // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// mayCompress reports whether a page answering r may be compressed. A
// compressed page that holds both a secret and text an attacker chose
// leaks the secret through its size (BREACH). No page holds a token, but
// pages for logged-in people show personal data, so theirs are compressed
// only when nothing in them comes from an attacker: no query string
// (which pages echo, e.g. in the language links) and not an error page
// (which may echo the path). Anonymous visitors' pages, and pages whose
// handler declared them impersonal (figures, references, service facts),
// hold nothing personal and are always compressed.
func mayCompress(r *http.Request, status int, personal bool) bool {
	return !personal || (r.URL.RawQuery == "" && status < http.StatusBadRequest)
}

// encodePage returns body as it is sent to r's client: gzip-compressed
// when the client accepts it and the page is large enough, and whether it
// is.
func encodePage(r *http.Request, body []byte) ([]byte, bool) {
	if len(body) < minGzipBytes || !acceptsGzip(r) {
		return body, false
	}
	return gzipPage(body), true
}

// writeEncoded writes a rendered page, body already encoded (gzipped when
// gz). Pages are never cached by browsers or proxies: they may show who is
// logged in. See mayCompress and docs/SECURITY.md for when pages are
// compressed.
func writeEncoded(w http.ResponseWriter, status int, lang i18n.Lang, body []byte, gz bool) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", string(lang))
	h.Add("Vary", "Accept-Encoding")
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body) //nolint:gosec // G705 false positive: body is html/template output, escaped by context
}
