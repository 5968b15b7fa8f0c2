package tabular

import (
	"encoding/binary"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The decoder's modes.
const (
	modeAuto = iota // UTF-8 so far, but only ASCII seen: the first other byte decides
	modeUTF8        // UTF-8, passed through (the reader validates each record)
	mode1252        // Windows-1252, decoded to UTF-8
)

// cp1252 holds the UTF-8 encoding of every Windows-1252 byte. The five
// bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// decode to the C1 control of the same number, as in ISO-8859-1 and the
// WHATWG encoding standard, so no byte is lost.
var cp1252 = func() (t [256]struct {
	n int
	b [3]byte
}) {
	for i := range 256 {
		r := charmap.Windows1252.DecodeByte(byte(i))
		if r == utf8.RuneError {
			r = rune(i)
		}
		t[i].n = utf8.EncodeRune(t[i].b[:], r)
	}
	return t
}()

// decoder reads a file and returns its text as UTF-8. In modeAuto it
// passes bytes through while they are ASCII; at the first read that has
// other bytes it commits to UTF-8 or Windows-1252 as looksUTF8 says of
// them, and Windows-1252 decodes the ASCII text before them the same.
type decoder struct {
	r       io.Reader
	mode    int
	raw     []byte // Windows-1252 bytes read but not yet decoded
	pending []byte // bytes read in modeAuto and held back until decided
}

// read fills dst with decoded text; it returns io.EOF only with n == 0.
func (d *decoder) read(dst []byte) (int, error) {
	switch d.mode {
	case mode1252:
		return d.read1252(dst)
	case modeUTF8:
		if len(d.pending) > 0 {
			n := copy(dst, d.pending)
			d.pending = d.pending[n:]
			return n, nil
		}
		return readSome(d.r, dst)
	}
	return d.readAuto(dst)
}

// readAuto reads in modeAuto. Pending text, when there is some, begins
// with the first byte that is not ASCII.
func (d *decoder) readAuto(dst []byte) (int, error) {
	if len(d.pending) == 0 {
		n, err := readSome(d.r, dst)
		if err != nil {
			return 0, err
		}
		k := firstNonASCII(dst[:n])
		if k == n {
			return n, nil
		}
		d.pending = append(d.pending[:0], dst[k:n]...)
		if k > 0 {
			return k, nil // the ASCII now, the decision at the next call
		}
	}
	for !utf8.FullRune(d.pending) {
		var b [utf8.UTFMax]byte
		m, _ := readSome(d.r, b[:utf8.UTFMax-len(d.pending)])
		if m == 0 {
			break // cut off by the end of the file: not UTF-8
		}
		d.pending = append(d.pending, b[:m]...)
	}
	if !looksUTF8(d.pending, !utf8.FullRune(d.pending)) {
		d.mode = mode1252
		d.raw = append(d.raw[:0], d.pending...)
		d.pending = nil
		return d.read1252(dst)
	}
	d.mode = modeUTF8
	return d.read(dst)
}

// read1252 decodes Windows-1252 into dst.
func (d *decoder) read1252(dst []byte) (int, error) {
	if len(d.raw) == 0 {
		size := max(len(dst)/3, 1)
		if cap(d.raw) < size {
			d.raw = make([]byte, size)
		}
		m, err := readSome(d.r, d.raw[:size])
		d.raw = d.raw[:m]
		if m == 0 {
			return 0, err
		}
	}
	n, used := decode1252(dst, d.raw)
	d.raw = d.raw[:copy(d.raw, d.raw[used:])]
	return n, nil
}

// decode1252 decodes src into dst as far as dst has room, and returns the
// bytes written and read.
func decode1252(dst, src []byte) (n, used int) {
	for used < len(src) {
		if len(src)-used >= 8 && len(dst)-n >= 8 && binary.LittleEndian.Uint64(src[used:])&0x8080808080808080 == 0 {
			copy(dst[n:n+8], src[used:used+8])
			n += 8
			used += 8
			continue
		}
		c := src[used]
		if c < utf8.RuneSelf {
			if n == len(dst) {
				break
			}
			dst[n] = c
			n++
			used++
			continue
		}
		e := &cp1252[c]
		if n+e.n > len(dst) {
			break
		}
		copy(dst[n:], e.b[:e.n])
		n += e.n
		used++
	}
	return n, used
}

// readSome reads at least one byte into dst unless the reader fails or
// ends (io.EOF only with n == 0).
func readSome(r io.Reader, dst []byte) (int, error) {
	for range 100 {
		n, err := r.Read(dst)
		if n > 0 {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
	return 0, io.ErrNoProgress
}

// firstNonASCII returns the index of the first byte of b that is not
// ASCII, or len(b).
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(b)
}

// looksUTF8 reports whether the text of b is more UTF-8 than not: it
// counts the valid multi-byte UTF-8 sequences and the bytes that begin
// none, ignoring a sequence cut off at the end unless atEOF. A tie is
// UTF-8: a Windows-1252 file read as UTF-8 loses rows loudly, as problem
// rows, while a UTF-8 file read as Windows-1252 would garble every letter
// that is not ASCII without a word.
func looksUTF8(b []byte, atEOF bool) bool {
	valid, invalid := 0, 0
	for i := firstNonASCII(b); i < len(b); i += firstNonASCII(b[i:]) {
		if !atEOF && !utf8.FullRune(b[i:]) {
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid >= invalid
}
