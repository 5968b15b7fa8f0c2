package tabular_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// readAll reads every record of in, returning the header, the records as
// "line:field|field…" and the problems as "line:key:value".
func readAll(t testing.TB, r io.Reader, f tabular.Format) (header []string, recs, probs []string, rd *tabular.Reader, err error) {
	t.Helper()
	rd = tabular.NewReader(r, f)
	header, err = rd.Header()
	if err != nil {
		return nil, nil, nil, rd, err
	}
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return header, recs, probs, rd, err
		}
		fields := make([]string, rec.Len())
		for i := range fields {
			fields[i] = string(rec.Field(i))
		}
		recs = append(recs, fmt.Sprintf("%d:%s", rec.Line, strings.Join(fields, "|")))
	}
	for _, p := range rd.Problems() {
		probs = append(probs, problemText(p))
	}
	return header, recs, probs, rd, nil
}

func problemText(p opendata.RowProblem) string {
	s := fmt.Sprintf("%d:%s:%s", p.Line, strings.TrimPrefix(p.Key, "tabular."), p.Value)
	if p.Column != "" {
		s += ":" + p.Column
	}
	return s
}

// readers wraps input in readers that return it in awkward pieces, so
// every buffer boundary is crossed.
var readers = []struct {
	name string
	wrap func(io.Reader) io.Reader
}{
	{"whole", func(r io.Reader) io.Reader { return r }},
	{"bytewise", iotest.OneByteReader},
	{"half", iotest.HalfReader},
	{"eof-with-data", iotest.DataErrReader},
}

func TestReader(t *testing.T) {
	t.Parallel()
	semi := tabular.Format{Encoding: tabular.EncodingUTF8, Delimiter: ';'}
	tests := []struct {
		name   string
		in     string
		f      tabular.Format
		header []string
		recs   []string
		probs  []string
		rows   int64 // ProblemRows
	}{
		{
			name: "LF", in: "a;b\n1;2\n3;4\n", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|2", "3:3|4"},
		},
		{
			name: "CRLF and no final line break", in: "a;b\r\n1;2\r\n3;4", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|2", "3:3|4"},
		},
		{
			name: "comma and tab", in: "a,b\tc\n1,2\t3\n", f: tabular.Format{Delimiter: '\t'},
			header: []string{"a,b", "c"}, recs: []string{"2:1,2|3"},
		},
		{
			name: "quoted fields with delimiters, quotes and line breaks",
			in:   "namn;text;x\n\"Anna\";\"a;b\";1\n\"Bo\";\"rad 1\nrad 2\r\nrad 3\";2\n\"Cia\";\"säger \"\"hej\"\"\";3\n\"\";\"\"\"\"\"\";4\n",
			f:    semi, header: []string{"namn", "text", "x"},
			recs: []string{"2:Anna|a;b|1", "3:Bo|rad 1\nrad 2\nrad 3|2", "6:Cia|säger \"hej\"|3", "7:|\"\"|4"},
		},
		{
			name: "quoted field at the end of the file", in: "a;b\n1;\"x\ny\"", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|x\ny"},
		},
		{
			name: "space after the closing quote", in: "a;b\n\"x\" ;\"y\"  \n", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:x|y"},
		},
		{
			name: "empty fields and blank lines", in: "\n\na;b;c\n\n;;\n1;;3\n \n;2;\n", f: semi,
			header: []string{"a", "b", "c"}, recs: []string{"6:1||3", "8:|2|"},
		},
		{
			name: "a delimiter at the end of every line", in: "a;b;\n1;2;\n3;4;;\n", f: semi,
			header: []string{"a", "b", "kolumn_3"}, recs: []string{"2:1|2|", "3:3|4|"},
			probs: []string{"1:header.empty:kolumn_3:kolumn_3"},
		},
		{
			name: "wrong field counts with lines after a multi-line field",
			in:   "a;b;c\n1;\"x\ny\";3\n1;2\n1;2;3;4\n5;6;7\n\"p\nq\nr\";2\n8;9;10\n",
			f:    semi, header: []string{"a", "b", "c"},
			recs:  []string{"2:1|x\ny|3", "6:5|6|7", "10:8|9|10"},
			probs: []string{"4:row.too_few_fields:2", "5:row.too_many_fields:4", "7:row.too_few_fields:2"},
			rows:  3,
		},
		{
			name: "bare quotes", in: "a;b\n1;ab\"c\n2;\"x\"y\n3;ok\n", f: semi,
			header: []string{"a", "b"}, recs: []string{"4:3|ok"},
			probs: []string{"2:row.bare_quote:1;ab\"c", "3:row.bare_quote:2;\"x\"y"},
			rows:  2,
		},
		{
			name: "a quote never closed costs one row", in: "a;b\n1;2\n3;\"oops\n4;5\n6;7\n", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|2", "4:4|5", "5:6|7"},
			probs: []string{"3:row.unclosed_quote:3;\"oops"},
			rows:  1,
		},
		{
			name: "a quote never closed on the last line", in: "a;b\n1;2\n3;\"oops", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|2"},
			probs: []string{"3:row.unclosed_quote:3;\"oops"},
			rows:  1,
		},
		{
			name: "duplicate and empty header names", in: " Namn ;Namn;;Namn_2;Namn\nA;B;C;D;E\n", f: semi,
			header: []string{"Namn", "Namn_3", "kolumn_3", "Namn_2", "Namn_4"}, recs: []string{"2:A|B|C|D|E"},
			probs: []string{
				"1:header.duplicate:Namn_3:Namn_3", "1:header.empty:kolumn_3:kolumn_3", "1:header.duplicate:Namn_4:Namn_4",
			},
		},
		{
			name: "BOM", in: "\xEF\xBB\xBFa;b\n1;2\n", f: tabular.Format{Encoding: tabular.EncodingUTF8BOM, Delimiter: ';'},
			header: []string{"a", "b"}, recs: []string{"2:1|2"},
		},
		{
			name: "Windows-1252", in: "M\xe4tstation;Omr\xe5de;Halt (\xb5g/m\xb3)\nDomsj\xf6;\xd6vik;\x80 12,5\n",
			f:      tabular.Format{Encoding: tabular.EncodingWindows1252, Delimiter: ';'},
			header: []string{"Mätstation", "Område", "Halt (µg/m³)"}, recs: []string{"2:Domsjö|Övik|€ 12,5"},
		},
		{
			name: "ISO-8859-1 C1 bytes are kept", in: "a\n\x81\x9d\n", f: tabular.Format{Encoding: tabular.EncodingWindows1252},
			header: []string{"a"}, recs: []string{"2:\u0081\u009d"},
		},
		{
			name: "bad UTF-8 in a UTF-8 file", in: "a;b\nå;1\n\xe5;2\nö;3\n", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:å|1", "4:ö|3"},
			probs: []string{"3:row.encoding:\uFFFD;2"}, rows: 1,
		},
		{
			name: "Windows-1252 after ASCII", in: "a;b\n1;2\n\xe5;3\n", f: semi,
			header: []string{"a", "b"}, recs: []string{"2:1|2", "3:å|3"},
		},
		{
			name: "old Mac line breaks", in: "a;b\r1;\"x\ry\"\r3;4", f: tabular.Format{CR: true},
			header: []string{"a", "b"}, recs: []string{"2:1|x\ny", "4:3|4"},
		},
		{
			name: "one column", in: "Namn\nAnna\n\"Bo; Ek\"\n", f: semi,
			header: []string{"Namn"}, recs: []string{"2:Anna", "3:Bo; Ek"},
		},
	}
	for _, tt := range tests {
		for _, rw := range readers {
			t.Run(tt.name+"/"+rw.name, func(t *testing.T) {
				t.Parallel()
				header, recs, probs, rd, err := readAll(t, rw.wrap(strings.NewReader(tt.in)), tt.f)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(header, tt.header) {
					t.Errorf("header = %q, want %q", header, tt.header)
				}
				if !slices.Equal(recs, tt.recs) {
					t.Errorf("records = %q, want %q", recs, tt.recs)
				}
				if !slices.Equal(probs, tt.probs) {
					t.Errorf("problems = %q, want %q", probs, tt.probs)
				}
				if rd.ProblemRows() != tt.rows {
					t.Errorf("ProblemRows = %d, want %d", rd.ProblemRows(), tt.rows)
				}
			})
		}
	}
}

// TestReaderEncodingSwitch checks that a Windows-1252 file whose first
// SniffBytes are ASCII is read as Windows-1252 from the first byte that
// is not ASCII, and that the Reader's Format says so.
func TestReaderEncodingSwitch(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("namn;värde\n")
	b.Reset()
	b.WriteString("namn;varde\n")
	for b.Len() < 3*tabular.SniffBytes {
		b.WriteString("Anna;12,5\n")
	}
	b.WriteString("\xc5sa;1\n\xd6rjan;2\n")
	f, err := tabular.Sniff(b.Bytes()[:tabular.SniffBytes])
	if err != nil || f.Encoding != tabular.EncodingUTF8 {
		t.Fatalf("Sniff = %+v, %v", f, err)
	}
	_, recs, probs, rd, err := readAll(t, bytes.NewReader(b.Bytes()), f)
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v, problems %q", err, probs)
	}
	if got := recs[len(recs)-2:]; !strings.HasSuffix(got[0], ":Åsa|1") || !strings.HasSuffix(got[1], ":Örjan|2") {
		t.Errorf("last records = %q", got)
	}
	if rd.Format().Encoding != tabular.EncodingWindows1252 {
		t.Errorf("Format = %+v, want Windows-1252", rd.Format())
	}
}

// TestReaderTooLong checks that a record longer than MaxRecordBytes is one
// problem row and the rows after it are read, in bounded memory.
func TestReaderTooLong(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"quoted with line breaks": "a;b\n1;\"" + strings.Repeat("x\n", tabular.MaxRecordBytes/2+10) + "\n2;3\n",
		"one long line":           "a;b\n1;" + strings.Repeat("x", tabular.MaxRecordBytes+10) + "\n2;3\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, recs, probs, _, err := readAll(t, strings.NewReader(in), tabular.Format{})
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) == 0 || !strings.HasPrefix(probs[0], "2:row.") {
				t.Errorf("problems = %.200q", probs)
			}
			if len(recs) == 0 || !strings.HasSuffix(recs[len(recs)-1], ":2|3") {
				t.Errorf("records = %.200q", recs)
			}
		})
	}
}

// TestReaderErrors checks the errors of files without a readable header
// and of a failing reader.
func TestReaderErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in   io.Reader
		want string
	}{
		"empty":            {strings.NewReader(""), "tabular.empty"},
		"blank lines":      {strings.NewReader("\n \n;;\n"), "tabular.empty"},
		"malformed header": {strings.NewReader("a;b\"c\n1;2\n"), "tabular.header.malformed"},
		"read error":       {iotest.TimeoutReader(strings.NewReader("a;b\n1;2\n")), "read csv"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rd := tabular.NewReader(iotest.OneByteReader(tt.in), tabular.Format{})
			var err error
			for err == nil {
				_, err = rd.Next()
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
			if errors.Is(err, io.EOF) {
				t.Errorf("err = io.EOF")
			}
		})
	}
}
