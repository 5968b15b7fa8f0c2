package eservice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sprang"
)

// MaxImportBytes is the largest import file accepted: 1 MiB.
const MaxImportBytes = 1 << 20

// Export writes spec as indented JSON in the FormatVersion format: Format
// set, UnitID left out, fields in a fixed order, lists that are empty
// written as [] rather than null, and no HTML escaping, so the file is
// stable and readable. It returns an error naming the operation when
// encoding or writing fails.
func Export(w io.Writer, s Spec) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(exportable(s)); err != nil {
		return fmt.Errorf("export e-service %q: %w", s.Slug, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("export e-service %q: %w", s.Slug, err)
	}
	return nil
}

// exportable returns a copy of s ready to export: Format set and the lists
// the format requires never nil. s itself is not changed.
func exportable(s Spec) Spec {
	s.Format = FormatVersion
	s.Statuses = slices.Clone(s.Statuses)
	if s.Statuses == nil {
		s.Statuses = []Status{}
	}
	for i := range s.Statuses {
		s.Statuses[i].Next = nonNil(s.Statuses[i].Next)
	}
	s.Form.Pages = slices.Clone(s.Form.Pages)
	if s.Form.Pages == nil {
		s.Form.Pages = []Page{}
	}
	for i, p := range s.Form.Pages {
		p.ShowIf = exportConditions(p.ShowIf)
		p.Questions = exportQuestions(p.Questions)
		if p.Questions == nil {
			p.Questions = []Question{}
		}
		s.Form.Pages[i] = p
	}
	return s
}

func exportQuestions(qs []Question) []Question {
	qs = slices.Clone(qs)
	for i, q := range qs {
		q.ShowIf = exportConditions(q.ShowIf)
		q.Questions = exportQuestions(q.Questions)
		if q.File != nil {
			f := *q.File
			f.Types = nonNil(f.Types)
			q.File = &f
		}
		qs[i] = q
	}
	return qs
}

func exportConditions(cs []Condition) []Condition {
	cs = slices.Clone(cs)
	for i := range cs {
		cs[i].Values = nonNil(cs[i].Values)
	}
	return cs
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ImportProblem is the cause of an Invalid error from Import that is about
// the file rather than the service in it: its message key and the
// arguments of the key's placeholders (line and column, or a field's path).
type ImportProblem struct {
	Key  string
	Args []any
}

// Error returns the key and arguments, for logs.
func (p *ImportProblem) Error() string { return fmt.Sprint(append([]any{p.Key}, p.Args...)...) }

// MessageArgs returns the arguments for the placeholders of the message of
// err (sprang.ErrorMessage) when err came from Import, e.g. the line and
// column of a syntax error, and nil otherwise.
func MessageArgs(err error) []any {
	var p *ImportProblem
	if errors.As(err, &p) {
		return p.Args
	}
	return nil
}

// importError returns an Invalid error about the import file, with the
// problem under Fields["file"] and the key's arguments in its cause.
func importError(key string, args ...any) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{"file": key},
		Cause: &ImportProblem{Key: key, Args: args}}
}

// Import reads a spec in the FormatVersion format, at most MaxImportBytes,
// rejecting unknown fields, and validates it with Validate. A byte order
// mark is ignored. Every problem is an Invalid *sprang.Error whose message
// says how to fix it: MsgImportTooLarge, MsgImportEmpty, MsgImportSyntax
// (line, column), MsgImportFormat (not an e-service of this format),
// MsgImportUnknownField (its path, e.g. "form.pages.0.colour"),
// MsgImportType (path, line, column), each under Fields["file"] with its
// arguments from MessageArgs; or Validate's error. UnitID is left zero: the
// caller maps UnitSlug to a unit. Only a failing reader gives another
// error.
func Import(r io.Reader) (Spec, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return Spec{}, fmt.Errorf("import e-service: %w", err)
	}
	if len(b) > MaxImportBytes {
		return Spec{}, importError(MsgImportTooLarge)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return Spec{}, importError(MsgImportEmpty)
	}
	var raw any
	if err := decodeOne(b, &raw, false); err != nil {
		return Spec{}, err
	}
	obj, ok := raw.(map[string]any)
	if !ok || obj["format"] != FormatVersion {
		return Spec{}, importError(MsgImportFormat)
	}
	if path := unknownField(raw, reflect.TypeFor[Spec](), ""); path != "" {
		return Spec{}, importError(MsgImportUnknownField, path)
	}
	var s Spec
	if err := decodeOne(b, &s, true); err != nil {
		return Spec{}, err
	}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// decodeOne decodes the one JSON value in b into v, and nothing may follow
// it. Problems are import errors with their place in b.
func decodeOne(b []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return decodeError(b, err)
	}
	rest := b[dec.InputOffset():]
	if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) > 0 {
		line, col := position(b, len(b)-len(trimmed))
		return importError(MsgImportSyntax, line, col)
	}
	return nil
}

// decodeError turns an error of encoding/json into an import error.
func decodeError(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off := int(syn.Offset)
		if strings.HasPrefix(syn.Error(), "invalid character") {
			off-- // the offset counts the offending character; point at it
		}
		line, col := position(b, off)
		return importError(MsgImportSyntax, line, col)
	case errors.As(err, &typ):
		line, col := position(b, int(typ.Offset))
		field := typ.Field
		if field == "" {
			field = "."
		}
		return importError(MsgImportType, field, line, col)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line, col := position(b, len(b))
		return importError(MsgImportSyntax, line, col)
	default:
		// An unknown field DisallowUnknownFields found that unknownField
		// did not (it should not happen): name it as json does.
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return importError(MsgImportUnknownField, strings.Trim(name, `"`))
	}
}

// position returns the line and column (both from 1, the column in
// characters) of byte offset off of b.
func position(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	before := b[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// unknownField returns the path of the first field (in sorted order at
// each level) of the decoded JSON value v that type t has no field for, or
// "". Values of the wrong kind are left for the decoder to report.
func unknownField(v any, t reflect.Type, path string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				return joinPath(path, k)
			}
			if u := unknownField(obj[k], ft, joinPath(path, k)); u != "" {
				return u
			}
		}
	case reflect.Slice:
		arr, _ := v.([]any)
		for i, e := range arr {
			if u := unknownField(e, t.Elem(), joinPath(path, strconv.Itoa(i))); u != "" {
				return u
			}
		}
	}
	return ""
}

// jsonFields returns the JSON names of struct type t's fields and their
// types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
