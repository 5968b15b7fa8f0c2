package ckan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode"
)

// streamParams reads the parameters of datastore_create's body, which may
// be tens of megabytes, in one pass and without holding the body's text:
// a JSON object is decoded as it is read, and the records one at a time,
// so memory holds the decoded parameters and one record's text, not the
// body besides (and not twice). It also returns the keys of the first
// record of "records" in the order written (nil when there is none, or
// it is no object), which datastore_create takes as the columns when no
// fields are given.
//
// It reads what bodyParams reads with the same results: a body over limit
// bytes is an errBody saying so, an empty body is no parameters, a form
// that does not start with "{" is form fields, and anything else must be
// one JSON object (numbers as json.Number). A body whose first character
// is neither JSON whitespace nor "{" (a list, a form, a Unicode space
// first) is read whole, as bodyParams does, since it holds no records.
func streamParams(body io.Reader, ct string, limit int64) (params, []string, error) {
	cr := &countingReader{r: io.LimitReader(body, limit+1)}
	br := bufio.NewReader(cr)
	first, err := skipJSONSpace(br)
	if errors.Is(err, io.EOF) {
		return params{}, nil, nil
	}
	if err != nil {
		return nil, nil, readError(err, limit)
	}
	if first != '{' {
		b, err := readBody(br, limit)
		if err != nil {
			return nil, nil, err
		}
		if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
			return decodeObject(bytes.NewReader(t), func() bool { return false }, limit)
		}
		p, err := bytesParams(ct, b)
		return p, nil, err
	}
	return decodeObject(br, func() bool { return cr.n > limit }, limit)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// skipJSONSpace reads JSON whitespace and returns the first other byte,
// unread again.
func skipJSONSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return b, br.UnreadByte()
	}
}

// readError is the error of a failed read of a body of at most limit
// bytes.
func readError(err error, limit int64) error {
	if isMaxBytes(err) {
		return tooLarge(limit)
	}
	return fmt.Errorf("read request body: %w", err)
}

// decodeObject decodes one JSON object from r as jsonParams does, the
// value of "records" through decodeRecords. over reports whether the body
// went over its limit, which turns the decoder's error into the size's.
func decodeObject(r io.Reader, over func() bool, limit int64) (params, []string, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	fail := func(err error) (params, []string, error) {
		if over() || isMaxBytes(err) {
			return nil, nil, tooLarge(limit)
		}
		return nil, nil, &errBody{"Error decoding JSON data. Error: " + err.Error()}
	}
	if _, err := dec.Token(); err != nil { // the "{" skipSpace saw
		return fail(err)
	}
	p := params{}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := t.(string)
		if key == "records" {
			v, k, err := decodeRecords(dec)
			if err != nil {
				return fail(err)
			}
			p[key], keys = v, k
			continue
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return fail(err)
		}
		p[key] = v
	}
	if _, err := dec.Token(); err != nil { // "}"
		return fail(err)
	}
	rest, err := io.ReadAll(io.MultiReader(dec.Buffered(), r))
	if over() || isMaxBytes(err) {
		return nil, nil, tooLarge(limit)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read request body: %w", err)
	}
	if trailingValue(rest) {
		return nil, nil, &errBody{"Error decoding JSON data. Error: more than one JSON value"}
	}
	return p, keys, nil
}

// trailingValue reports whether rest, what follows the object, starts
// another value, as jsonParams sees it: spaces at the end of the body
// (any Unicode space, which bytesParams trims) and JSON whitespace before
// what is left do not count, nor does a closing bracket or brace.
func trailingValue(rest []byte) bool {
	t := bytes.TrimLeft(bytes.TrimRightFunc(rest, unicode.IsSpace), " \t\r\n")
	return len(t) > 0 && t[0] != ']' && t[0] != '}'
}

// decodeRecords decodes the value of "records": a list is decoded one
// element at a time, the first, when it is an object, key by key to
// learn its keys' order; any other value as it is.
func decodeRecords(dec *json.Decoder) (any, []string, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if t != json.Delim('[') {
		v, err := valueAfter(dec, t)
		return v, nil, err
	}
	list := []any{}
	var keys []string
	for dec.More() {
		if len(list) > 0 {
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, nil, err
			}
			list = append(list, v)
			continue
		}
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		if t != json.Delim('{') {
			v, err := valueAfter(dec, t)
			if err != nil {
				return nil, nil, err
			}
			list = append(list, v)
			continue
		}
		rec, k, err := objectAfterBrace(dec)
		if err != nil {
			return nil, nil, err
		}
		list, keys = append(list, rec), k
	}
	if _, err := dec.Token(); err != nil { // "]"
		return nil, nil, err
	}
	return list, keys, nil
}

// valueAfter returns the value whose first token t the decoder has just
// read: the scalar itself, or the rest of the list or object.
func valueAfter(dec *json.Decoder, t json.Token) (any, error) {
	switch t {
	case json.Delim('{'):
		m, _, err := objectAfterBrace(dec)
		return m, err
	case json.Delim('['):
		l := []any{}
		for dec.More() {
			var v any
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		_, err := dec.Token()
		return l, err
	}
	return t, nil
}

// objectAfterBrace decodes the rest of an object whose "{" the decoder
// has just read, and returns its keys in the order written (a key given
// twice keeps its first place and its last value, as encoding/json's).
func objectAfterBrace(dec *json.Decoder) (map[string]any, []string, error) {
	m := map[string]any{}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, seen := m[k]; !seen {
			keys = append(keys, k)
		}
		m[k] = v
	}
	_, err := dec.Token()
	return m, keys, err
}
