package tabular_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/tabular"
	"sprang/internal/tabular/tabulartest"
)

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		enc   string
		delim byte
	}{
		{"semicolon", "a;b;c\n1;2;3\n", tabular.EncodingUTF8, ';'},
		{"comma", "a,b,c\n1,2,3\n", tabular.EncodingUTF8, ','},
		{"tab", "a\tb\tc\n1\t2\t3\n", tabular.EncodingUTF8, '\t'},
		{"semicolon with decimal commas", "namn;värde\nA;12,5\nB;1,25\n", tabular.EncodingUTF8, ';'},
		{"comma with quoted decimal commas", "namn,värde\nA,\"12,5\"\nB,\"1,25\"\n", tabular.EncodingUTF8, ','},
		{"comma with semicolons in quotes", "a,b\n\"x;y;z\",1\n\"p;q\",2\n", tabular.EncodingUTF8, ','},
		{"semicolon with quoted line breaks", "a;b\n\"x,\ny,z\";1\n\"p,q\";2\n", tabular.EncodingUTF8, ';'},
		{"CRLF", "a;b\r\n1;2\r\n", tabular.EncodingUTF8, ';'},
		{"old Mac line breaks", "a,b\r1,2\r3,4\r", tabular.EncodingUTF8, ','},
		{"ties go to semicolon", "a;b,c\n1;2,3\n", tabular.EncodingUTF8, ';'},
		{"one column", "Namn\nAnna\nBo\n", tabular.EncodingUTF8, ';'},
		{"header only", "a,b", tabular.EncodingUTF8, ','},
		{"commas in a semicolon file, inconsistent", "a;b\n1,5;2\n3;4,5,6\n", tabular.EncodingUTF8, ';'},
		{"a comma file with unquoted decimal commas", "a,b\n1,5,2\n", tabular.EncodingUTF8, ','},
		{"BOM", "\xEF\xBB\xBFa;b\n1;2\n", tabular.EncodingUTF8BOM, ';'},
		{"UTF-8 å", "Område;x\nDomsjö;1\n", tabular.EncodingUTF8, ';'},
		{"Windows-1252 å", "Omr\xe5de;x\nDomsj\xf6;1\n", tabular.EncodingWindows1252, ';'},
		{"Windows-1252 after UTF-8 is UTF-8", "Område;x\nDomsj\xf6;1\n", tabular.EncodingUTF8, ';'},
		{"a stray byte before UTF-8 is UTF-8", "a;b\n\xa0x;1\nå;2\nö;3\n", tabular.EncodingUTF8, ';'},
		{"UTF-8 in Windows-1252 is Windows-1252", "a;b\n\xe5;1\n\xf6;2\nö;3\n", tabular.EncodingWindows1252, ';'},
		{"cut off UTF-8 at the end", "a;b\n1;\xc3", tabular.EncodingUTF8, ';'},
		{"a cut-off last line is left out", "a;b\n1;2\n3;4\n5", tabular.EncodingUTF8, ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := tabular.Sniff([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if f.CR != (tt.name == "old Mac line breaks") {
				t.Errorf("CR = %v", f.CR)
			}
			if f.Encoding != tt.enc || f.Delimiter != tt.delim {
				t.Errorf("Sniff = %q %q, want %q %q", f.Encoding, f.Delimiter, tt.enc, tt.delim)
			}
		})
	}
}

// TestSniffGenerated sniffs every combination of encoding, delimiter and
// line break of the generated file.
func TestSniffGenerated(t *testing.T) {
	t.Parallel()
	for _, enc := range []string{tabular.EncodingUTF8, tabular.EncodingUTF8BOM, tabular.EncodingWindows1252} {
		for _, d := range []byte{';', ',', '\t'} {
			for _, crlf := range []bool{false, true} {
				o := tabulartest.Options{Encoding: enc, Delimiter: d, CRLF: crlf}
				t.Run(fmt.Sprintf("%s %q crlf=%v", enc, d, crlf), func(t *testing.T) {
					t.Parallel()
					var b bytes.Buffer
					if err := tabulartest.WriteCSV(&b, 2000, o); err != nil {
						t.Fatal(err)
					}
					f, err := tabular.Sniff(b.Bytes()[:min(b.Len(), tabular.SniffBytes)])
					if err != nil {
						t.Fatal(err)
					}
					if f.Encoding != enc || f.Delimiter != d {
						t.Errorf("Sniff = %q %q", f.Encoding, f.Delimiter)
					}
				})
			}
		}
	}
}

func TestSniffRefuses(t *testing.T) {
	t.Parallel()
	utf16 := []byte{}
	for _, c := range []byte("a;b\r\n1;2\r\n") {
		utf16 = append(utf16, c, 0)
	}
	tests := []struct {
		name string
		in   []byte
		key  string
	}{
		{"empty", nil, "tabular.empty"},
		{"white space", []byte(" \r\n\t\n"), "tabular.empty"},
		{"BOM only", []byte("\xEF\xBB\xBF\n"), "tabular.empty"},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00rest"), "tabular.spreadsheet"},
		{"xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "tabular.spreadsheet"},
		{"UTF-16 with BOM", append([]byte{0xFF, 0xFE}, utf16...), "tabular.utf16"},
		{"UTF-16 without BOM", utf16, "tabular.utf16"},
		{"NUL", []byte("a;b\n1;\x002\n"), "tabular.binary"},
		{"control characters", []byte(strings.Repeat("\x01\x02\x03abc", 50)), "tabular.binary"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "tabular.binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := tabular.Sniff(tt.in)
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.key {
				t.Errorf("Sniff = %v, want Invalid %s", err, tt.key)
			}
		})
	}
}
