package tabular

import "bytes"

// The problem keys of rows the Reader skips; each text has one %s, the
// RowProblem's Value.
const (
	keyTooMany     = "tabular.row.too_many_fields" // Value: the number of fields
	keyTooFew      = "tabular.row.too_few_fields"  // Value: the number of fields
	keyBareQuote   = "tabular.row.bare_quote"      // Value: the start of the row
	keyUnclosed    = "tabular.row.unclosed_quote"  // Value: the start of the row
	keyTooLong     = "tabular.row.too_long"        // Value: the start of the row
	keyEncoding    = "tabular.row.encoding"        // Value: the start of the row
	keyHeaderEmpty = "tabular.header.empty"        // Value: the name given
	keyHeaderDup   = "tabular.header.duplicate"    // Value: the name given
)

// bom is the UTF-8 byte order mark.
var bom = []byte{0xEF, 0xBB, 0xBF}

// scanned is what a scan found of the record at the Reader's pos.
type scanned struct {
	n, adv int    // the record's bytes (without the line break) and the bytes to consume
	lines  int    // line breaks consumed
	bad    string // the problem key of a malformed record, "" for a good one
	esc    bool   // some span needs unescape
}

// scanFast reads the common record, one line without quotes, splitting it
// at the delimiters. ok is false when the record needs scanSlow.
func (r *Reader) scanFast() (s scanned, ok bool) {
	for {
		seg := r.buf[r.pos:r.end]
		k := bytes.IndexByte(seg, '\n')
		if k < 0 {
			if len(seg) > MaxRecordBytes {
				return s, false
			}
			if !r.eof && r.err == nil {
				r.fill()
				continue
			}
			k, s.adv = len(seg), len(seg) // the last line, without a line break
		} else {
			s.adv, s.lines = k+1, 1
		}
		line := seg[:k]
		if k > MaxRecordBytes || bytes.IndexByte(line, '"') >= 0 {
			return scanned{}, false
		}
		if k > 0 && line[k-1] == '\r' {
			line = line[:k-1]
		}
		s.n = len(line)
		r.spans = r.spans[:0]
		start := 0
		for {
			j := bytes.IndexByte(line[start:], r.delim)
			if j < 0 {
				r.spans = append(r.spans, span{start: int32(start), end: int32(len(line))})
				return s, true
			}
			r.spans = append(r.spans, span{start: int32(start), end: int32(start + j)})
			start += j + 1
		}
	}
}

// scanSlow reads a record byte by byte as RFC 4180 says: a field that
// begins with a quote is quoted up to the quote that is not doubled, and
// may hold delimiters and line breaks; a quote anywhere else is a
// malformed row. A record whose quote is never closed, or that is longer
// than MaxRecordBytes, is reported as one row and reading goes on at the
// line after its first.
func (r *Reader) scanSlow() scanned {
	var s scanned
	r.spans = r.spans[:0]
	firstNL := -1 // the first line break inside a quoted field
	i := 0
	for {
		if !r.have(i) { // the end of the file right after a delimiter
			r.spans = append(r.spans, span{start: int32(i), end: int32(i)})
			s.n, s.adv = i, i
			return s
		}
		if r.buf[r.pos+i] == '"' {
			start := i + 1
			end, esc, state := r.scanQuoted(&i, &s, &firstNL)
			switch state {
			case quotedUnclosed:
				return r.resync(s, keyUnclosed, firstNL, i)
			case quotedTooLong:
				return r.resync(s, keyTooLong, firstNL, i)
			}
			r.spans = append(r.spans, span{start: int32(start), end: int32(end), esc: esc})
			s.esc = s.esc || esc
			for r.have(i) && r.buf[r.pos+i] == ' ' {
				i++
			}
			if !r.have(i) {
				s.n, s.adv = i, i
				return s
			}
			switch c := r.buf[r.pos+i]; {
			case c == r.delim:
				i++
				continue
			case c == '\n':
				s.n, s.adv = i, i+1
				s.lines++
				return s
			case c == '\r' && r.have(i+1) && r.buf[r.pos+i+1] == '\n':
				s.n, s.adv = i, i+2
				s.lines++
				return s
			case c == '\r' && !r.have(i+1): // a carriage return at the end of the file
				s.n, s.adv = i, i+1
				return s
			}
			s.bad = keyBareQuote // text after the closing quote: read on as unquoted text
		}
		done, long := r.scanUnquoted(&i, &s)
		if long {
			return r.resync(s, keyTooLong, firstNL, i)
		}
		if done {
			return s
		}
	}
}

// The ends of a quoted field.
const (
	quotedClosed = iota
	quotedUnclosed
	quotedTooLong
)

// scanQuoted reads the quoted field whose opening quote is at *i, leaving
// *i after its closing quote. It returns where the field's text ends,
// whether it holds doubled quotes or carriage returns, and how it ended.
func (r *Reader) scanQuoted(i *int, s *scanned, firstNL *int) (end int, esc bool, state int) {
	*i++
	for {
		if *i > MaxRecordBytes {
			return 0, false, quotedTooLong
		}
		if !r.have(*i) {
			return 0, false, quotedUnclosed
		}
		seg := r.buf[r.pos+*i : r.end]
		k := bytes.IndexByte(seg, '"')
		part := seg
		if k >= 0 {
			part = seg[:k]
		}
		if nl := bytes.IndexByte(part, '\n'); nl >= 0 {
			if *firstNL < 0 {
				*firstNL = *i + nl
			}
			s.lines += 1 + bytes.Count(part[nl+1:], []byte{'\n'})
		}
		esc = esc || bytes.IndexByte(part, '\r') >= 0
		if k < 0 {
			*i += len(seg)
			continue
		}
		*i += k + 1
		if r.have(*i) && r.buf[r.pos+*i] == '"' {
			esc = true
			*i++
			continue
		}
		if *i > MaxRecordBytes {
			return 0, false, quotedTooLong
		}
		return *i - 1, esc, quotedClosed
	}
}

// scanUnquoted reads the unquoted field (or the rest of a malformed
// field) at *i up to its delimiter, which it consumes, or the end of the
// record, when done is true. long is true when the record grew longer than
// MaxRecordBytes.
func (r *Reader) scanUnquoted(i *int, s *scanned) (done, long bool) {
	start := *i
	for {
		if *i > MaxRecordBytes {
			return false, true
		}
		if !r.have(*i) {
			end := *i
			if end > start && r.buf[r.pos+end-1] == '\r' {
				end--
			}
			r.spans = append(r.spans, span{start: int32(start), end: int32(end)})
			s.n, s.adv = end, *i
			return true, false
		}
		seg := r.buf[r.pos+*i : r.end]
		k := indexSpecial(seg, r.delim)
		if k < 0 {
			*i += len(seg)
			continue
		}
		*i += k
		if *i > MaxRecordBytes {
			return false, true
		}
		switch seg[k] {
		case '"':
			s.bad = keyBareQuote
			*i++
		case '\n':
			end := *i
			if end > start && r.buf[r.pos+end-1] == '\r' {
				end--
			}
			r.spans = append(r.spans, span{start: int32(start), end: int32(end)})
			s.n, s.adv = end, *i+1
			s.lines++
			return true, false
		default: // the delimiter
			r.spans = append(r.spans, span{start: int32(start), end: int32(*i)})
			*i++
			return false, false
		}
	}
}

// indexSpecial returns the index of the first delimiter, quote or line
// feed in b, or -1.
func indexSpecial(b []byte, delim byte) int {
	for k, c := range b {
		if c == delim || c == '"' || c == '\n' {
			return k
		}
	}
	return -1
}

// resync ends a record that cannot be read: it is reported as the one row
// it starts on, and reading goes on after the first line break inside it
// (or after the next line break when there is none), so one stray quote
// costs one row rather than the rest of the file.
func (r *Reader) resync(s scanned, key string, firstNL, i int) scanned {
	s.bad, s.esc, s.lines = key, false, 1
	if firstNL >= 0 {
		s.n, s.adv = firstNL, firstNL+1
		return s
	}
	s.n = min(i, r.end-r.pos, 240)
	for { // no line break yet: skip to the next one, dropping what is read
		if !r.have(i) {
			s.adv, s.lines = i, 0
			return s
		}
		if k := bytes.IndexByte(r.buf[r.pos+i:r.end], '\n'); k >= 0 {
			s.adv = i + k + 1
			return s
		}
		i = r.end - r.pos
		if i > MaxRecordBytes { // keep the start of the record for the report, drop the rest
			r.end = r.pos + s.n
			i = s.n
		}
	}
}
