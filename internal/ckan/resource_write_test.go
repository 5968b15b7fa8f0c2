package ckan_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"sprang/internal/ckan"
	"sprang/internal/store/storetest"
)

// countingBody counts the bytes the handler reads of a request body.
type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestUploadCheckedBeforeStored sends a file of 4 MB to resource_create
// and resource_update for a dataset that does not exist, for another
// unit's dataset and with the file before the field naming the dataset:
// each is refused having read no more of the body than the multipart
// reader's buffer, so no file was streamed to storage first.
func TestUploadCheckedBeforeStored(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.Open(t), ckan.Limits{})
	tok, other := e.tokens["miljodata"], e.tokens["skoldata"]
	e.post("package_create", tok, dataset("forst-kontroll", "miljo")).resultMap(t)
	rid := str(e.upload("resource_create", tok, map[string]string{"package_id": "forst-kontroll"}, "a.csv",
		[]byte("a;b\n1;2\n")).resultMap(t), "id")

	var read atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = countingBody{ReadCloser: r.Body, n: &read}
		e.api.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	const fileSize = 4 << 20
	const mostRead = 64 << 10
	body := func(field, value string, fileFirst bool) (string, *bytes.Buffer) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		if !fileFirst {
			_ = w.WriteField(field, value)
		}
		fw, _ := w.CreateFormFile("upload", "stor.csv")
		_, _ = fw.Write([]byte("a;b\n" + strings.Repeat("1;2\n", fileSize/4)))
		if fileFirst {
			_ = w.WriteField(field, value)
		}
		_ = w.Close()
		return w.FormDataContentType(), &buf
	}
	tests := []struct {
		name, action, token, field, value string
		fileFirst                         bool
		status                            int
	}{
		{"no such dataset", "resource_create", tok, "package_id", "finns-inte", false, http.StatusNotFound},
		{"another unit's dataset", "resource_create", other, "package_id", "forst-kontroll", false, http.StatusForbidden},
		{"another unit's resource", "resource_update", other, "id", rid, false, http.StatusForbidden},
		{"no such resource", "resource_update", tok, "id", "00000000-0000-0000-0000-000000000000", false, http.StatusNotFound},
		{"file before package_id", "resource_create", tok, "package_id", "forst-kontroll", true, http.StatusConflict},
		{"file before id", "resource_update", tok, "id", rid, true, http.StatusConflict},
	}
	for _, tt := range tests {
		read.Store(0)
		ct, b := body(tt.field, tt.value, tt.fileFirst)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/3/action/"+tt.action, b)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", tt.token)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		answer, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, resp.StatusCode, tt.status, answer)
		}
		if n := read.Load(); n > mostRead {
			t.Errorf("%s: the handler read %d bytes of the body before refusing, want at most %d", tt.name, n, mostRead)
		}
	}
	if r := e.get("resource_show", map[string][]string{"id": {rid}}).resultMap(t); r["version"] != float64(1) {
		t.Errorf("a refused upload made a version: %v", r)
	}
}
