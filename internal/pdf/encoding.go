package pdf

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// winAnsiHigh maps the codes 0x80–0x9F of WinAnsiEncoding to Unicode; zero
// marks a code that WinAnsiEncoding leaves undefined. The codes 0x20–0x7E
// and 0xA0–0xFF are the same as in Latin-1.
var winAnsiHigh = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// codeRune returns the Unicode character of a WinAnsiEncoding code, or 0 if
// the code is a control code or undefined.
func codeRune(c byte) rune {
	switch {
	case c >= 0x20 && c <= 0x7E, c >= 0xA0:
		return rune(c)
	case c >= 0x80 && c <= 0x9F:
		return winAnsiHigh[c-0x80]
	}
	return 0
}

// runeCode returns the WinAnsiEncoding code of r and whether it has one.
func runeCode(r rune) (byte, bool) {
	switch {
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xFF:
		return byte(r), true
	}
	for i, w := range winAnsiHigh {
		if w != 0 && w == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// encode turns text into WinAnsiEncoding codes for one line of output.
// A tab becomes a space, other control characters and soft hyphens are
// dropped (lines are not hyphenated), and every
// character that WinAnsiEncoding lacks (or the fonts lack) becomes '?'.
func encode(s string, fonts *fontSet) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			out = append(out, ' ')
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xAD:
			// a control character or a soft hyphen: not shown
		default:
			c, ok := runeCode(r)
			if !ok || !fonts.has(c) {
				c = '?'
			}
			out = append(out, c)
		}
	}
	return out
}

// literal writes codes as a PDF literal string, escaping what must be.
func literal(b *strings.Builder, codes []byte) {
	b.WriteByte('(')
	for _, c := range codes {
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
}

// textString returns s as a PDF text string in UTF-16BE with a byte order
// mark, written in hex, for the Info dictionary and other text entries.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// toUnicode returns the ToUnicode CMap that maps every WinAnsiEncoding code
// to its Unicode character, so that copied and extracted text is right.
func toUnicode() []byte {
	var pairs []string
	for c := 0x20; c <= 0xFF; c++ {
		if r := codeRune(byte(c)); r != 0 {
			pairs = append(pairs, fmt.Sprintf("<%02X> <%04X>", c, r))
		}
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // at most 100 entries in one block
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", n, strings.Join(pairs[:n], "\n"))
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}
