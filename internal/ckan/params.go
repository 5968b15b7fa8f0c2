package ckan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// params are an action's parameters, as CKAN reads them into its
// data_dict: from the query string of a GET (a parameter given once is a
// string, given several times a list of strings), or from the body of a
// POST: a JSON object (values as JSON has them; numbers as json.Number),
// form fields, or the fields of a multipart upload.
type params map[string]any

// maxFieldBytes is the largest form or multipart field read (a file goes
// to blob storage as a stream, never through this).
const maxFieldBytes = 1 << 20

// errBody is the cause of a request body that is not an action's
// parameters; its text follows CKAN's "JSON Error: …".
type errBody struct{ msg string }

func (e *errBody) Error() string { return e.msg }

// queryParams reads the parameters of a query string.
func queryParams(q url.Values) params {
	p := make(params, len(q))
	for k, vs := range q {
		if len(vs) == 1 {
			p[k] = vs[0]
			continue
		}
		l := make([]any, len(vs))
		for i, v := range vs {
			l[i] = v
		}
		p[k] = l
	}
	return p
}

// bodyParams reads the parameters of a POST body of at most limit bytes:
// a JSON object whatever the content type (curl -d sends JSON as a form),
// form fields, or, for multipart, the fields before the first file part,
// which it returns unread with the reader to continue after it. An empty
// body is no parameters.
func bodyParams(r *http.Request, limit int64) (params, *multipart.Part, *multipart.Reader, error) {
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		if ctParams["boundary"] == "" {
			return nil, nil, nil, &errBody{"the multipart body has no boundary"}
		}
		mr := multipart.NewReader(r.Body, ctParams["boundary"])
		p := params{}
		part, err := readFields(mr, p)
		return p, part, mr, err
	}
	body, err := readBody(r.Body, limit)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := bytesParams(ct, body)
	return p, nil, nil, err
}

// readBody reads a whole body of at most limit bytes; a larger one is an
// errBody saying so.
func readBody(body io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if int64(len(b)) > limit || isMaxBytes(err) {
		return nil, tooLarge(limit)
	}
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	return b, nil
}

// tooLarge is the errBody of a body over limit bytes.
func tooLarge(limit int64) error {
	return &errBody{fmt.Sprintf("the request body is larger than %d bytes", limit)}
}

// isMaxBytes reports whether err is http.MaxBytesReader's.
func isMaxBytes(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

// bytesParams reads the parameters of a whole body that is no multipart:
// nothing for an empty one, form fields for a form that does not start
// with "{", a JSON object otherwise.
func bytesParams(ct string, body []byte) (params, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return params{}, nil
	}
	if ct == "application/x-www-form-urlencoded" && trimmed[0] != '{' {
		q, err := url.ParseQuery(string(trimmed))
		if err != nil {
			return nil, &errBody{"the form cannot be read: " + err.Error()}
		}
		return queryParams(q), nil
	}
	return jsonParams(trimmed)
}

// jsonParams decodes a JSON object, with numbers as json.Number.
func jsonParams(b []byte) (params, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &errBody{"Error decoding JSON data. Error: " + err.Error()}
	}
	if dec.More() {
		return nil, &errBody{"Error decoding JSON data. Error: more than one JSON value"}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &errBody{fmt.Sprintf("Request data JSON decoded to %s but it needs to be a dictionary.", jsonKind(v))}
	}
	return params(m), nil
}

// jsonKind names the JSON type of v for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a value"
}

// readFields reads multipart parts into p until the first file part,
// which it returns (nil at the end of the body). A field of more than
// maxFieldBytes is an error.
func readFields(mr *multipart.Reader, p params) (*multipart.Part, error) {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, &errBody{"the multipart body cannot be read: " + err.Error()}
		}
		if part.FileName() != "" {
			return part, nil
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		_ = part.Close()
		if err != nil {
			return nil, &errBody{"the multipart body cannot be read: " + err.Error()}
		}
		if len(b) > maxFieldBytes {
			return nil, &errBody{"the field " + part.FormName() + " is too large"}
		}
		p.add(part.FormName(), string(b))
	}
}

// add sets key to v, or makes a list when key is there already.
func (p params) add(key string, v any) {
	old, ok := p[key]
	if !ok {
		p[key] = v
		return
	}
	if l, ok := old.([]any); ok {
		p[key] = append(l, v)
		return
	}
	p[key] = []any{old, v}
}

// has reports whether key was given (even empty).
func (p params) has(key string) bool {
	_, ok := p[key]
	return ok
}

// str returns key as text: a string as it is, a number or boolean as its
// JSON text, null and a missing key as "". A list or an object is a
// Validation Error on key.
func (p params) str(x texts, key string) (string, error) {
	switch v := p[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", x.invalid(key, "api.param.text")
}

// trimmed is str with the spaces around it removed.
func (p params) trimmed(x texts, key string) (string, error) {
	s, err := p.str(x, key)
	return strings.TrimSpace(s), err
}

// boolean returns key as a boolean: true, or a string "true", "yes",
// "t", "y", "on" or "1" in any case, or the number 1, is true; false,
// "false", "no", "f", "n", "off", "0" or the number 0 is false; def when
// key is missing, null or empty. Anything else — "maybe", 2, a list — is
// a Validation Error on key ("Invalid boolean"), so that a mistyped value
// is not silently read as false.
func (p params) boolean(x texts, key string, def bool) (bool, error) {
	switch v := p[key].(type) {
	case nil:
		return def, nil
	case bool:
		return v, nil
	case json.Number:
		switch v.String() {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "":
			return def, nil
		case "true", "yes", "t", "y", "on", "1":
			return true, nil
		case "false", "no", "f", "n", "off", "0":
			return false, nil
		}
	}
	return false, x.invalid(key, "api.param.boolean")
}

// natural returns key as a natural number (0, 1, 2, …), def when it is
// missing or empty: "Invalid integer" or "Must be a natural number" on key
// otherwise, as CKAN's validators say.
func (p params) natural(x texts, key string, def int) (int, error) {
	s, err := p.trimmed(x, key)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int(f)) {
			n, err = int(f), nil
		}
	}
	if err != nil {
		return 0, x.invalid(key, "api.param.integer")
	}
	if n < 0 {
		return 0, x.invalid(key, "api.param.natural")
	}
	return n, nil
}

// list returns key as a list of strings: a JSON list of strings, a
// string holding a JSON list, or a comma-separated string (CKAN's
// get_list); nil when missing or empty.
func (p params) list(x texts, key string) ([]string, error) {
	switch v := p[key].(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := scalarText(e)
			if !ok {
				return nil, x.invalid(key, "api.param.list")
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case string:
		s := strings.TrimSpace(v)
		if strings.HasPrefix(s, "[") {
			var l []any
			dec := json.NewDecoder(strings.NewReader(s))
			dec.UseNumber()
			if err := dec.Decode(&l); err != nil {
				return nil, x.invalid(key, "api.param.list")
			}
			return params{key: l}.list(x, key)
		}
		var out []string
		for _, e := range strings.Split(s, ",") {
			if e = strings.TrimSpace(e); e != "" {
				out = append(out, e)
			}
		}
		return out, nil
	}
	return nil, x.invalid(key, "api.param.list")
}

// scalarText returns a JSON scalar as text.
func scalarText(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case json.Number:
		return s.String(), true
	case bool:
		return strconv.FormatBool(s), true
	}
	return "", false
}

// jsonText returns key as JSON text: a string as it is (a query
// parameter holds the JSON), anything else encoded; "" when missing.
func (p params) jsonText(key string) string {
	switch v := p[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(b)
	}
}
