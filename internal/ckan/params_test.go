package ckan

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sprang/internal/i18n"
)

func TestParamsAccessors(t *testing.T) {
	t.Parallel()
	x := texts{cat: i18n.MustLoad(), lang: i18n.English}
	p, err := jsonParams([]byte(`{"a": "1", "b": 2, "c": true, "d": ["x", "y"], "e": "[\"p\", \"q\"]", "f": "u, v", "g": -1, "h": "no", "i": {"k": 1}}`))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := p.natural(x, "a", 9); n != 1 || err != nil {
		t.Errorf("natural a = %d, %v", n, err)
	}
	if n, err := p.natural(x, "b", 9); n != 2 || err != nil {
		t.Errorf("natural b = %d, %v", n, err)
	}
	if _, err := p.natural(x, "g", 9); err == nil {
		t.Error("natural -1 gave no error")
	}
	if _, err := p.natural(x, "h", 9); err == nil {
		t.Error("natural no gave no error")
	}
	if n, _ := p.natural(x, "missing", 9); n != 9 {
		t.Errorf("natural default = %d", n)
	}
	if !p.boolean("c", false) || p.boolean("h", true) || !p.boolean("missing", true) || !p.boolean("a", false) {
		t.Error("boolean")
	}
	for key, want := range map[string]string{"d": "x|y", "e": "p|q", "f": "u|v"} {
		if l, err := p.list(x, key); err != nil || strings.Join(l, "|") != want {
			t.Errorf("list %s = %v, %v", key, l, err)
		}
	}
	if _, err := p.str(x, "i"); err == nil {
		t.Error("str of an object gave no error")
	}
	if p.jsonText("i") != `{"k":1}` {
		t.Errorf("jsonText = %s", p.jsonText("i"))
	}
}

// FuzzBodyParams sends any body with any content type through the body
// parser: it must never panic, and a JSON body it accepts is an object.
func FuzzBodyParams(f *testing.F) {
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	_ = w.WriteField("package_id", "x")
	fw, _ := w.CreateFormFile("upload", "a.csv")
	_, _ = fw.Write([]byte("a;b\n1;2\n"))
	_ = w.Close()
	f.Add("application/json", []byte(`{"id": "x", "n": 1.5e3, "l": [1, {"a": null}]}`))
	f.Add("application/x-www-form-urlencoded", []byte(`id=x&id=y&q=%C3%A5`))
	f.Add("application/x-www-form-urlencoded", []byte(`{"id": "x"}`))
	f.Add(w.FormDataContentType(), mp.Bytes())
	f.Add("multipart/form-data", []byte("--x\r\n"))
	f.Add("", []byte(`[1]`))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/api/3/action/x", bytes.NewReader(body))
		r.Header.Set("Content-Type", ct)
		p, part, _, _, err := bodyParams(r, 1<<16)
		if err != nil {
			return
		}
		if part != nil {
			_ = part.Close()
		}
		if p == nil {
			t.Fatal("nil params without an error")
		}
	})
}

// FuzzFirstRecordKeys checks that reading the key order of any body never
// panics.
func FuzzFirstRecordKeys(f *testing.F) {
	f.Add([]byte(`{"x": 1, "records": [{"b": 1, "a": [2]}]}`))
	f.Add([]byte(`{"records": []}`))
	f.Add([]byte(`{"records": [`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = firstRecordKeys(b)
	})
}
