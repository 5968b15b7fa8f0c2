package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"sprang"
	"sprang/internal/opendata"
)

// MaxRecordBytes is the longest record (one row with the line breaks of
// its quoted fields) the Reader reads; a longer one is a problem row
// ("tabular.row.too_long") and reading goes on at the line after its
// first. It bounds the Reader's memory.
const MaxRecordBytes = 4 << 20

// The Reader's buffer: reads of readChunk bytes, and at least minRead
// bytes of room for each read.
const (
	readChunk = 256 << 10
	minRead   = 4 << 10
)

// Record is one record of a file: its fields as spans of Data. It is
// valid until the next call of the Reader's Next.
type Record struct {
	Line  int64  // the line of the file where the record starts; 1 is the first line
	Data  []byte // the text of the record, in UTF-8; fields are spans of it
	spans []span
}

// span is one field of a Record: Data[start:end]. esc says the text is
// still quoted text, with doubled quotes and CRLF line breaks.
type span struct {
	start, end int32
	esc        bool
}

// Len returns the number of fields of the record.
func (rec Record) Len() int { return len(rec.spans) }

// Field returns field i of the record, unquoted but not trimmed. It
// aliases the Reader's buffer.
func (rec Record) Field(i int) []byte {
	s := rec.spans[i]
	return rec.Data[s.start:s.end]
}

// Reader reads the records of a delimited text file in constant memory:
// it decodes the file to UTF-8 as its Format says, reads quoted fields
// (with delimiters, doubled quotes and line breaks inside, RFC 4180),
// takes the first non-blank record as the header and returns the data
// records one at a time with the line each starts on. Rows it cannot read
// (a wrong number of fields, a quote in an unquoted field or after a
// closing quote, a quote that is never closed, text that is not UTF-8, a
// record longer than MaxRecordBytes) are skipped and reported as problems,
// never merged into other rows; blank records (every field empty) are
// skipped silently. A Reader is not safe for concurrent use.
type Reader struct {
	d        decoder
	format   Format
	delim    byte
	buf      []byte
	pos, end int
	eof      bool
	err      error
	line     int64 // the line of buf[pos]
	bomDone  bool
	spans    []span
	names    []string
	problems []opendata.RowProblem
	badRows  int64
}

// NewReader returns a Reader of r, a file in format f from its first
// byte. A Format whose encoding is "UTF-8" is read as UTF-8 while it is
// valid UTF-8 and as Windows-1252 when the first byte that is not ASCII
// is no UTF-8 (see Format); a BOM at the start is skipped.
func NewReader(r io.Reader, f Format) *Reader {
	rd := &Reader{d: decoder{r: r}, format: f, delim: f.delim(), line: 1}
	switch f.Encoding {
	case EncodingWindows1252:
		rd.d.mode = mode1252
	case EncodingUTF8BOM:
		rd.d.mode = modeUTF8
	}
	return rd
}

// Format returns the file's format as read so far: the encoding is
// Windows-1252 once a "UTF-8" file turned out not to be.
func (r *Reader) Format() Format {
	f := r.format
	if r.d.mode == mode1252 {
		f.Encoding = EncodingWindows1252
	}
	f.Delimiter = r.delim
	return f
}

// Problems returns the problems found so far, at most
// opendata.MaxProblems: the header's renamed columns (line of the header)
// and the skipped rows, in the order of the file.
func (r *Reader) Problems() []opendata.RowProblem { return r.problems }

// ProblemRows returns how many rows were skipped as problems so far, also
// those beyond the listed ones. Renamed header columns do not count: the
// header is no row of data.
func (r *Reader) ProblemRows() int64 { return r.badRows }

// problem notes p, and counts it as a skipped row when row is true.
func (r *Reader) problem(p opendata.RowProblem, row bool) {
	if row {
		r.badRows++
	}
	if len(r.problems) < opendata.MaxProblems {
		r.problems = append(r.problems, p)
	}
}

// Header reads the header, the first record that is not blank, and
// returns the column names: trimmed, an empty name replaced by
// "kolumn_N" (N its position from 1) and a repeated one by "Name_2",
// "Name_3" …, each replacement noted among Problems. A file without a
// header is an Invalid error "tabular.empty"; a header that cannot be
// read is "tabular.header.malformed". Later calls return the same names.
func (r *Reader) Header() ([]string, error) {
	if r.names != nil {
		return r.names, nil
	}
	for {
		rec, bad, err := r.record()
		if errors.Is(err, io.EOF) {
			return nil, sprang.Errorf(sprang.Invalid, "tabular.empty")
		}
		if err != nil {
			return nil, err
		}
		if bad == "" && blank(rec) {
			continue
		}
		if bad != "" || !r.validText(rec.Data) {
			return nil, sprang.Errorf(sprang.Invalid, "tabular.header.malformed")
		}
		names, notes := headerNames(rec)
		for _, n := range notes {
			r.problem(n, false)
		}
		r.names = names
		return names, nil
	}
}

// Next returns the next data record, whose Len is the number of header
// columns, or io.EOF after the last one. It reads the header first when
// Header was not called. Other errors are the underlying reader's.
func (r *Reader) Next() (Record, error) {
	if _, err := r.Header(); err != nil {
		return Record{}, err
	}
	for {
		rec, bad, err := r.record()
		if err != nil {
			return Record{}, err
		}
		if bad != "" {
			r.problem(opendata.RowProblem{Line: rec.Line, Key: bad, Value: shorten(firstLine(rec.Data))}, true)
			continue
		}
		if blank(rec) {
			continue
		}
		if n := len(r.names); len(rec.spans) != n {
			if len(rec.spans) < n || !blankFrom(rec, n) {
				key := keyTooFew
				if len(rec.spans) > n {
					key = keyTooMany
				}
				r.problem(opendata.RowProblem{Line: rec.Line, Key: key, Value: strconv.Itoa(len(rec.spans))}, true)
				continue
			}
			rec.spans = rec.spans[:n] // trailing empty fields, from a delimiter at the end of the line
		}
		if !r.validText(rec.Data) {
			r.problem(opendata.RowProblem{Line: rec.Line, Key: keyEncoding, Value: shorten(firstLine(rec.Data))}, true)
			continue
		}
		return rec, nil
	}
}

// validText reports whether b is valid UTF-8, which Windows-1252 decoded
// always is.
func (r *Reader) validText(b []byte) bool {
	return r.d.mode == mode1252 || firstNonASCII(b) == len(b) || utf8.Valid(b)
}

// record reads the next record, well-formed or not: bad is the problem
// key of a malformed one. It returns io.EOF at the end of the file.
func (r *Reader) record() (rec Record, bad string, err error) {
	if !r.bomDone {
		r.bomDone = true
		if r.d.mode != mode1252 && r.have(2) && bytes.HasPrefix(r.buf[r.pos:r.end], bom) {
			r.pos += len(bom)
		}
	}
	if !r.have(0) {
		if r.err != nil {
			return Record{}, "", fmt.Errorf("read csv: %w", r.err)
		}
		return Record{}, "", io.EOF
	}
	line := r.line
	s, ok := r.scanFast()
	if !ok {
		s = r.scanSlow()
	}
	if r.err != nil {
		return Record{}, "", fmt.Errorf("read csv: %w", r.err)
	}
	data := r.buf[r.pos : r.pos+s.n]
	r.pos += s.adv
	r.line += int64(s.lines)
	if s.esc && s.bad == "" {
		unescape(data, r.spans)
	}
	return Record{Line: line, Data: data, spans: r.spans}, s.bad, nil
}

// have reports whether the buffer holds byte i of the record at pos,
// reading more of the file as needed; false means the file (or the
// reading) ended before it.
func (r *Reader) have(i int) bool {
	for r.pos+i >= r.end {
		if r.eof || r.err != nil {
			return false
		}
		r.fill()
	}
	return true
}

// fill moves the unread text to the front of the buffer, grows the buffer
// when it has too little room, and reads more.
func (r *Reader) fill() {
	if r.pos > 0 {
		n := copy(r.buf, r.buf[r.pos:r.end])
		r.pos, r.end = 0, n
	}
	if len(r.buf)-r.end < minRead {
		nb := make([]byte, max(2*len(r.buf), r.end+readChunk))
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	n, err := r.d.read(r.buf[r.end:])
	if r.format.CR {
		crToLF(r.buf[r.end : r.end+n])
	}
	r.end += n
	if errors.Is(err, io.EOF) {
		r.eof = true
	} else if err != nil {
		r.err = err
	}
}

// blank reports whether every field of rec is empty or white space.
func blank(rec Record) bool {
	if f := rec.Field(0); len(f) > 0 && f[0] > ' ' && f[0] < utf8.RuneSelf {
		return false // the common case, decided by one byte
	}
	return blankFrom(rec, 0)
}

// blankFrom reports whether every field of rec from i on is blank.
func blankFrom(rec Record, i int) bool {
	for ; i < len(rec.spans); i++ {
		if len(bytes.TrimSpace(rec.Field(i))) > 0 {
			return false
		}
	}
	return true
}

// firstLine returns b up to its first line break.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return bytes.TrimRight(b[:i], "\r")
	}
	return b
}

// shorten returns b as text of at most 60 characters, "…" marking a cut,
// with U+FFFD for bytes that are not UTF-8.
func shorten(b []byte) string {
	const most = 60
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	if utf8.RuneCount(b) <= most {
		return string(b)
	}
	n := 0
	for range most {
		_, size := utf8.DecodeRune(b[n:])
		n += size
	}
	return string(b[:n]) + "…"
}

// unescape turns the quoted text of the escaped spans into their values
// in place: a doubled quote is one quote, CRLF is LF.
func unescape(data []byte, spans []span) {
	for i := range spans {
		s := &spans[i]
		if !s.esc {
			continue
		}
		w := s.start
		for j := s.start; j < s.end; j++ {
			c := data[j]
			switch {
			case c == '"': // the first of a doubled quote: keep one
				j++
			case c == '\r' && j+1 < s.end && data[j+1] == '\n':
				continue
			}
			data[w] = c
			w++
		}
		s.end, s.esc = w, false
	}
}

// crToLF turns the carriage returns of b into line feeds.
func crToLF(b []byte) {
	for i := bytes.IndexByte(b, '\r'); i >= 0; i = bytes.IndexByte(b, '\r') {
		b[i] = '\n'
		b = b[i+1:]
	}
}
