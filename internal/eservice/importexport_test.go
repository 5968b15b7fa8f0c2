package eservice_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"sprang"
	"sprang/internal/eservice"
)

func felanmalanBytes(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(felanmalanPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lineOf returns the line (from 1) of the first occurrence of sub in b.
func lineOf(b []byte, sub string) int {
	i := bytes.Index(b, []byte(sub))
	return 1 + bytes.Count(b[:i], []byte("\n"))
}

// endOf returns the line and column just past the end of b.
func endOf(b []byte) []any {
	last := b[bytes.LastIndexByte(b, '\n')+1:]
	return []any{1 + bytes.Count(b, []byte("\n")), 1 + len([]rune(string(last)))}
}

func TestImportErrors(t *testing.T) {
	t.Parallel()
	good := felanmalanBytes(t)
	replace := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("testdata lacks %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	typeError := replace(`"classification": 1`, `"classification": "ett"`)
	tests := []struct {
		name string
		in   []byte
		key  string
		args []any // nil: not checked
	}{
		{"too large", bytes.Repeat([]byte(" "), eservice.MaxImportBytes+1), eservice.MsgImportTooLarge, []any{}},
		{"spaces only", bytes.Repeat([]byte(" "), eservice.MaxImportBytes), eservice.MsgImportEmpty, []any{}},
		{"empty", nil, eservice.MsgImportEmpty, []any{}},
		{"a byte order mark only", []byte("\xef\xbb\xbf\n"), eservice.MsgImportEmpty, []any{}},
		{"missing value", []byte("{\n  \"format\": \"sprang-eservice/1\",\n  \"slug\":\n}"), eservice.MsgImportSyntax, []any{4, 1}},
		{"single quotes", []byte("{'format': 1}"), eservice.MsgImportSyntax, []any{1, 2}},
		{"columns in characters", []byte("{\"åäö\": ]}"), eservice.MsgImportSyntax, []any{1, 9}},
		{"cut short", good[:200], eservice.MsgImportSyntax, endOf(good[:200])},
		{"two values", append(append([]byte(nil), good...), "{}"...), eservice.MsgImportSyntax, []any{bytes.Count(good, []byte("\n")) + 1, 1}},
		{"an array", []byte("[]"), eservice.MsgImportFormat, []any{}},
		{"a string", []byte(`"sprang-eservice/1"`), eservice.MsgImportFormat, []any{}},
		{"another object", []byte(`{"name": "package", "version": "1.0.0"}`), eservice.MsgImportFormat, []any{}},
		{"a newer version", replace(`"sprang-eservice/1"`, `"sprang-eservice/2"`), eservice.MsgImportFormat, []any{}},
		{"format as a number", replace(`"sprang-eservice/1"`, `1`), eservice.MsgImportFormat, []any{}},
		{"unknown field", replace(`"slug":`, `"colour": "red", "slug":`), eservice.MsgImportUnknownField, []any{"colour"}},
		{"unknown nested field", replace(`"id": "typ",`, `"id": "typ", "colour": "red",`), eservice.MsgImportUnknownField, []any{"form.pages.0.questions.0.colour"}},
		{"unknown field in a group", replace(`"id": "fler_plats",`, `"id": "fler_plats", "colour": "red",`), eservice.MsgImportUnknownField, []any{"form.pages.3.questions.4.questions.0.colour"}},
		{"field in the wrong case", replace(`"slug":`, `"Slug":`), eservice.MsgImportUnknownField, []any{"Slug"}},
		{"the internal unit id", replace(`"slug":`, `"UnitID": 5, "slug":`), eservice.MsgImportUnknownField, []any{"UnitID"}},
		{"a word for a number", typeError, eservice.MsgImportType, nil},
		{"a string for a list", replace(`"keywords": [`, `"keywords": "gata", "x": [`), eservice.MsgImportUnknownField, []any{"x"}},
		{"a text for a text object", replace(`"title": {`, `"title": "Felanmälan", "x": {`), eservice.MsgImportUnknownField, []any{"x"}},
		{"a nested type error", replace(`"min": 1,`, `"min": "ett",`), eservice.MsgImportType, nil},
		{"an invalid service", replace(`"felanmalan-gata-och-park"`, `"Felanmälan"`), eservice.MsgSpecInvalid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := eservice.Import(bytes.NewReader(tt.in))
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.key {
				t.Fatalf("Import = %v, want Invalid %s", err, tt.key)
			}
			if !cmp.Equal(s, eservice.Spec{}, cmpopts.EquateEmpty()) {
				t.Error("Import returned a spec with its error")
			}
			if tt.args != nil && !cmp.Equal(tt.args, eservice.MessageArgs(err), cmpopts.EquateEmpty()) {
				t.Errorf("MessageArgs = %v, want %v", eservice.MessageArgs(err), tt.args)
			}
			if tt.key != eservice.MsgSpecInvalid && sprang.ErrorFields(err)["file"] != tt.key {
				t.Errorf("Fields = %v, want file: %s", sprang.ErrorFields(err), tt.key)
			}
		})
	}
	t.Run("type error names field and line", func(t *testing.T) {
		t.Parallel()
		_, err := eservice.Import(bytes.NewReader(typeError))
		args := eservice.MessageArgs(err)
		if len(args) != 3 || args[0] != "classification" || args[1] != lineOf(typeError, `"classification"`) {
			t.Errorf("MessageArgs = %v", args)
		}
		_, err = eservice.Import(bytes.NewReader(replace(`"min": 1,`, `"min": "ett",`)))
		if args := eservice.MessageArgs(err); len(args) != 3 || args[0] != "form.pages.questions.min" {
			t.Errorf("MessageArgs = %v", args)
		}
	})
	t.Run("invalid service names the path", func(t *testing.T) {
		t.Parallel()
		_, err := eservice.Import(bytes.NewReader(replace(`"max_repeat": 5`, `"max_repeat": 500`)))
		if got := sprang.ErrorFields(err); got["form.pages.3.questions.4.max_repeat"] != eservice.MsgMaxRepeat {
			t.Errorf("Fields = %v", got)
		}
		if eservice.MessageArgs(err) != nil {
			t.Error("a spec error has message args")
		}
	})
}

func TestImportReaderFails(t *testing.T) {
	t.Parallel()
	_, err := eservice.Import(iotest.ErrReader(iotest.ErrTimeout))
	if !errors.Is(err, iotest.ErrTimeout) || sprang.ErrorKind(err) != sprang.Internal {
		t.Errorf("Import of a failing reader = %v", err)
	}
}

func TestImportByteOrderMark(t *testing.T) {
	t.Parallel()
	b := append([]byte("\xef\xbb\xbf"), felanmalanBytes(t)...)
	if _, err := eservice.Import(bytes.NewReader(b)); err != nil {
		t.Errorf("Import with a byte order mark: %v", err)
	}
}

func TestImportMaxSize(t *testing.T) {
	t.Parallel()
	good := felanmalanBytes(t)
	padded := append(append([]byte(nil), good...), bytes.Repeat([]byte(" "), eservice.MaxImportBytes-len(good))...)
	if _, err := eservice.Import(bytes.NewReader(padded)); err != nil {
		t.Errorf("Import of exactly MaxImportBytes: %v", err)
	}
}

func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	specs := map[string]eservice.Spec{"felanmalan": felanmalan(t), "minimal": minimal()}
	for name, s := range specs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s.UnitID = 7 // not exported
			var out bytes.Buffer
			if err := eservice.Export(&out, s); err != nil {
				t.Fatal(err)
			}
			back, err := eservice.Import(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("Import(Export): %v\n%s", err, out.String())
			}
			want := s
			want.Format, want.UnitID = eservice.FormatVersion, 0
			if diff := cmp.Diff(want, back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Export→Import (-want +got):\n%s", diff)
			}
			var again bytes.Buffer
			if err := eservice.Export(&again, back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Error("exporting the imported spec gives other bytes")
			}
		})
	}
}

// TestExportForm checks the form of the file: indented, readable, no
// nulls, and the caller's spec unchanged.
func TestExportForm(t *testing.T) {
	t.Parallel()
	s := minimal()
	s.Format = ""
	s.Statuses[4].Next = nil
	s.Form.Pages[0].Questions[0].Label.SV = "Fråga <om> A & B"
	var out bytes.Buffer
	if err := eservice.Export(&out, s); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"{\n  \"format\": \"sprang-eservice/1\",\n  \"slug\": \"minsta\",", `"next": []`, "Fråga <om> A & B", "\n}\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"null", "UnitID", `\u003c`} {
		if strings.Contains(text, bad) {
			t.Errorf("export has %q", bad)
		}
	}
	if s.Format != "" || s.Statuses[4].Next != nil {
		t.Error("Export changed the caller's spec")
	}
	if err := eservice.Export(failWriter{}, s); err == nil {
		t.Error("Export to a failing writer succeeded")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
