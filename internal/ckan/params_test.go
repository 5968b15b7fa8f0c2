package ckan

import (
	"bytes"
	"errors"
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

// TestParamsBoolean checks the booleans CKAN's clients send, and that
// anything else is a Validation Error naming the parameter rather than a
// silent false.
func TestParamsBoolean(t *testing.T) {
	t.Parallel()
	x := texts{cat: i18n.MustLoad(), lang: i18n.English}
	p, err := jsonParams([]byte(`{"a": "1", "b": 1, "c": true, "d": "no", "e": "True", "f": 0, "g": "", "h": null, "i": " off ",
		"bad1": "maybe", "bad2": 2, "bad3": ["true"], "bad4": {"x": 1}, "bad5": "1.0"}`))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]bool{"a": true, "b": true, "c": true, "d": false, "e": true, "f": false,
		"g": true, "h": true, "i": false, "missing": true} {
		if got, err := p.boolean(x, key, true); got != want || err != nil {
			t.Errorf("boolean %s = %v, %v; want %v", key, got, err, want)
		}
	}
	for _, key := range []string{"bad1", "bad2", "bad3", "bad4", "bad5"} {
		_, err := p.boolean(x, key, false)
		var ae *apiError
		if !errors.As(err, &ae) || ae.typ != typeValidation || len(ae.fields[key]) != 1 || !strings.Contains(ae.fields[key][0], "Invalid boolean") {
			t.Errorf("boolean %s: error %v, want a Validation Error on %s saying Invalid boolean", key, err, key)
		}
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
		p, part, _, err := bodyParams(r, 1<<16)
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
