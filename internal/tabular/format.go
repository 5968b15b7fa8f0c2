package tabular

import (
	"bytes"

	"sprang"
)

// The encodings a Format names, as opendata.Quality reports them.
// ISO-8859-1 files are read as Windows-1252, which agrees with it on every
// printable character.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF8BOM     = "UTF-8 with BOM"
	EncodingWindows1252 = "Windows-1252"
)

// SniffBytes is how much of the start of a file Sniff looks at; Profile
// gives it that much.
const SniffBytes = 64 << 10

// sniffRecords is how many records Sniff counts fields of.
const sniffRecords = 100

// delimiters are the delimiters Sniff tells apart, in the order it prefers
// them when they fit equally well (semicolon first: Swedish spreadsheets
// write it, because the comma is the decimal separator).
var delimiters = []byte{';', '\t', ','}

// Format is how a delimited text file is written: its encoding (one of
// the Encoding constants) and its delimiter (';', ',' or '\t'). The zero
// Format reads UTF-8 with semicolons. "UTF-8" without a BOM means "UTF-8
// as far as the start showed": a Reader reads ASCII until the first
// bytes that are not, and then commits to UTF-8 or Windows-1252 by the
// rule of Sniff applied to the block of the file they are in (the text
// before is ASCII, the same in both), so a Windows-1252 file whose first
// 64 KiB are ASCII is still read right.
type Format struct {
	Encoding  string
	Delimiter byte
	CR        bool // lines end with a carriage return alone, as in old Mac files
}

// delim returns the delimiter, ';' when f names none of the three.
func (f Format) delim() byte {
	switch f.Delimiter {
	case ',', '\t':
		return f.Delimiter
	}
	return ';'
}

// DelimiterText returns the delimiter as opendata.Quality reports it:
// ";", "," or "\t".
func (f Format) DelimiterText() string { return string([]byte{f.delim()}) }

// Sniff tells the format of a file from its start, head (SniffBytes of
// it, or all of a shorter file). Encoding: a UTF-8 BOM means UTF-8 with
// BOM; otherwise UTF-8 when head is ASCII or has at least as many valid
// multi-byte UTF-8 sequences as bytes that begin none, and Windows-1252
// when not (in a UTF-8 file, the rows with bytes that are no UTF-8 are
// problem rows; in a Windows-1252 file, valid UTF-8 sequences are all but
// impossible: "å" is one byte followed by ASCII). Delimiter: of ';', tab and ',', the one that splits the
// header into at least two fields and the most of the first 100 records
// into as many fields as the header, counting quote-aware (a delimiter
// inside a quoted field does not count); ties go to ';', then tab, then
// ','; a file of one column gets ';'. Line breaks: CR is set when head
// has carriage returns and no line feed.
//
// It returns an Invalid *sprang.Error when head is no text table:
// "tabular.empty" (nothing but white space), "tabular.spreadsheet" (an
// Excel or OpenDocument workbook), "tabular.utf16" (UTF-16 text) or
// "tabular.binary" (other binary content).
func Sniff(head []byte) (Format, error) {
	if err := checkText(head); err != nil {
		return Format{}, err
	}
	f := Format{Encoding: EncodingUTF8}
	body := head
	if bytes.HasPrefix(head, bom) {
		f.Encoding = EncodingUTF8BOM
		body = head[len(bom):]
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return Format{}, sprang.Errorf(sprang.Invalid, "tabular.empty")
	}
	if f.Encoding == EncodingUTF8 && !looksUTF8(body, false) {
		f.Encoding = EncodingWindows1252
	}
	if bytes.IndexByte(body, '\n') < 0 && bytes.IndexByte(body, '\r') >= 0 {
		f.CR = true
		body = bytes.ReplaceAll(body, []byte{'\r'}, []byte{'\n'})
	}
	f.Delimiter = sniffDelimiter(body)
	return f, nil
}

// checkText returns the Invalid error for a head that is no text.
func checkText(head []byte) error {
	switch {
	case len(head) == 0:
		return sprang.Errorf(sprang.Invalid, "tabular.empty")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return sprang.Errorf(sprang.Invalid, "tabular.spreadsheet")
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return sprang.Errorf(sprang.Invalid, "tabular.utf16")
	}
	var nul [2]int
	controls := 0
	for i, c := range head {
		switch {
		case c == 0:
			nul[i%2]++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A:
			controls++
		}
	}
	switch {
	case max(nul[0], nul[1]) > len(head)/4: // every other byte zero: ASCII text in UTF-16
		return sprang.Errorf(sprang.Invalid, "tabular.utf16")
	case nul[0]+nul[1] > 0 || controls > len(head)/100:
		return sprang.Errorf(sprang.Invalid, "tabular.binary")
	}
	return nil
}

// sniffDelimiter chooses the delimiter of the records in b.
func sniffDelimiter(b []byte) byte {
	best, bestScore := byte(';'), -1.0
	for _, d := range delimiters {
		counts := fieldCounts(b, d)
		if len(counts) == 0 || counts[0] < 2 {
			continue
		}
		same := 0
		for _, n := range counts[1:] {
			if n == counts[0] {
				same++
			}
		}
		score := 1.0
		if len(counts) > 1 {
			score = float64(same) / float64(len(counts)-1)
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// fieldCounts returns the number of fields, split at d, of each of the
// first sniffRecords non-blank records of b, quote-aware. A last record
// without a line break is left out when there are others: it may be cut
// off.
func fieldCounts(b []byte, d byte) []int {
	counts := make([]int, 0, sniffRecords)
	n, inQuote, atStart, nonBlank := 1, false, true, false
	for i := 0; i < len(b) && len(counts) < sniffRecords; i++ {
		c := b[i]
		if inQuote {
			if c == '"' {
				if i+1 < len(b) && b[i+1] == '"' {
					i++
				} else {
					inQuote = false
				}
			}
			continue
		}
		switch {
		case c == '\n':
			if nonBlank {
				counts = append(counts, n)
			}
			n, atStart, nonBlank = 1, true, false
			continue
		case c == d:
			n++
			atStart = true
			nonBlank = true
			continue
		case c == '"' && atStart:
			inQuote = true
		}
		if c != '\r' && c != ' ' {
			nonBlank = true
		}
		atStart = false
	}
	if nonBlank && len(counts) == 0 {
		counts = append(counts, n)
	}
	return counts
}
