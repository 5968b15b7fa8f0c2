package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"sprang/internal/store"
)

// BenchmarkStewardUpload uploads a 64 MiB file (a ZIP, so nothing loads
// it afterwards) through the steward's upload form, streamed from the
// client, and reports the bytes allocated per upload by client and
// server together: the upload is streamed to blob storage, so they stay
// a small fraction of the file.
func BenchmarkStewardUpload(b *testing.B) {
	const size = 64 << 20
	e := newStewardEnv(b, store.SQLite)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(e.ts.URL+"/logga-in", url.Values{"username": {"dana"}, "password": {staffPassword}})
	if err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
	cookies := resp.Cookies()
	form := url.Values{"unit": {strconv.FormatInt(e.miljo.ID, 10)}, "title_sv": {"Stora filer"}}
	req, _ := http.NewRequestWithContext(b.Context(), http.MethodPost, e.ts.URL+"/personal/data", bytes.NewBufferString(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	if resp, err = c.Do(req); err != nil || resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("create: %v %v", err, resp)
	}
	_ = resp.Body.Close()
	base := resp.Header.Get("Location")
	base = base[:len(base)-len("?klart=skapad")]
	chunk := bytes.Repeat([]byte("PK\x03\x04 sprang "), 4096)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			fw, _ := mw.CreateFormFile("file", "stor.zip")
			for n := 0; n < size; n += len(chunk) {
				if _, err := fw.Write(chunk); err != nil {
					pw.CloseWithError(err)
					return
				}
			}
			pw.CloseWithError(mw.Close())
		}()
		req, _ := http.NewRequestWithContext(b.Context(), http.MethodPost, e.ts.URL+base+"/resurser", pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		resp, err := c.Do(req)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			b.Fatalf("upload: %v %v", err, resp)
		}
		_ = resp.Body.Close()
	}
}
