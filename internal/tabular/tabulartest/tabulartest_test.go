package tabulartest_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"sprang/internal/tabular/tabulartest"
)

// TestWriteCSV reads generated files back with encoding/csv: the header,
// the records of Record, the same bytes every time, about 58 bytes a row.
func TestWriteCSV(t *testing.T) {
	t.Parallel()
	const rows = 5000
	for _, o := range []tabulartest.Options{
		{}, {Encoding: "UTF-8 with BOM", Delimiter: ',', CRLF: true}, {Encoding: "Windows-1252", Delimiter: '\t', Seed: 7},
	} {
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			t.Parallel()
			var a, b bytes.Buffer
			if err := tabulartest.WriteCSV(&a, rows, o); err != nil {
				t.Fatal(err)
			}
			if err := tabulartest.WriteCSV(&b, rows, o); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("a second file differs (%v)", err)
			}
			if per := float64(a.Len()) / rows; per < 54 || per > 64 {
				t.Errorf("%.1f bytes a row", per)
			}
			var r io.Reader = bytes.NewReader(bytes.TrimPrefix(a.Bytes(), []byte("\xEF\xBB\xBF")))
			if o.Encoding == "Windows-1252" {
				r = charmap.Windows1252.NewDecoder().Reader(r)
			}
			cr := csv.NewReader(r)
			cr.Comma = ';'
			if o.Delimiter != 0 {
				cr.Comma = rune(o.Delimiter)
			}
			recs, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != rows+1 || !slices.Equal(recs[0], tabulartest.Header()) {
				t.Fatalf("%d records, header %q", len(recs), recs[0])
			}
			for i, rec := range recs[1:] {
				if want := tabulartest.Record(i, o.Seed); !slices.Equal(rec, want) {
					t.Fatalf("record %d = %q, want %q", i, rec, want)
				}
			}
		})
	}
}
