package tabular

import (
	"math"
	"strconv"
)

// maxNumberBytes is the longest number text the parsers read; longer text
// is no number (nobody writes a 64-digit measurement, and a bound keeps
// the conversion on the stack).
const maxNumberBytes = 64

// parseInt reads an integer as Swedish files write them: an optional sign
// (+, - or the minus sign U+2212), digits without leading zeros (except
// "0" itself, so "00123", a postcode or an id, is no integer), optionally
// grouped in threes by spaces ("1 234 567", with a space, no-break space,
// narrow no-break space or thin space). ok is false for anything else;
// overflow is true when the text is an integer that does not fit int64.
func parseInt(b []byte) (n int64, ok, overflow bool) {
	neg, i := parseSign(b)
	if i >= len(b) {
		return 0, false, false
	}
	var u uint64
	digits, group := 0, -1 // group: digits since the last separator, -1 before the first
	for i < len(b) {
		c := b[i]
		if c >= '0' && c <= '9' {
			if digits == 1 && u == 0 {
				return 0, false, false // a leading zero
			}
			if u > (math.MaxUint64-9)/10 {
				overflow = true
			}
			u = u*10 + uint64(c-'0')
			digits++
			if group >= 0 {
				group++
			}
			i++
			continue
		}
		w := groupSep(b[i:])
		if w == 0 || digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3) {
			return 0, false, false
		}
		group = 0
		i += w
	}
	if group >= 0 && group != 3 {
		return 0, false, false
	}
	if overflow || (!neg && u > math.MaxInt64) || (neg && u > 1<<63) {
		return 0, false, true
	}
	if neg {
		return int64(-u), true, false //nolint:gosec // u ≤ 1<<63 was checked
	}
	return int64(u), true, false
}

// parseSign reads an optional sign at the start of b: "+", "-" or U+2212
// (MINUS SIGN, what Swedish typography and i18n.Number write). It returns
// whether the number is negative and where its digits start.
func parseSign(b []byte) (neg bool, i int) {
	switch {
	case len(b) == 0:
		return false, 0
	case b[0] == '-':
		return true, 1
	case b[0] == '+':
		return false, 1
	case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x92:
		return true, 3
	}
	return false, 0
}

// groupSep returns the length of the digit-group separator at the start
// of b (a space, U+00A0 no-break space, U+202F narrow no-break space or
// U+2009 thin space), or 0 when there is none.
func groupSep(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == ' ':
		return 1
	case len(b) >= 2 && b[0] == 0xC2 && b[1] == 0xA0:
		return 2
	case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xAF || b[2] == 0x89):
		return 3
	}
	return 0
}

// parseFloat reads a decimal number: the integer part as parseInt reads it
// (sign, no leading zeros, optional groups of three), then optionally one
// decimal separator, a comma ("12,5", Swedish) or a point ("12.5"),
// followed by at least one digit, and after a point or an integer an
// optional exponent ("1.5e-3"). ",5" and ".5" are read as 0.5. NaN,
// infinities, hexadecimal and mixed separators ("1.234,5") are no numbers.
// intLit reports that the text had neither separator nor exponent.
func parseFloat(b []byte) (f float64, ok, intLit bool) {
	if len(b) > maxNumberBytes {
		return 0, false, false
	}
	var buf [maxNumberBytes]byte
	n := 0
	neg, i := parseSign(b)
	if neg {
		buf[0] = '-'
		n = 1
	}
	intStart := i
	digits, group, lead0 := 0, -1, false
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			if digits == 1 && lead0 {
				return 0, false, false
			}
			lead0 = digits == 0 && c == '0'
			buf[n] = c
			n++
			digits++
			if group >= 0 {
				group++
			}
			continue
		}
		w := groupSep(b[i:])
		if w == 0 {
			break
		}
		if digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3) {
			return 0, false, false
		}
		group = 0
		i += w - 1
	}
	if group >= 0 && group != 3 {
		return 0, false, false
	}
	intLit = true
	if i < len(b) && (b[i] == ',' || b[i] == '.') {
		point := b[i] == '.'
		intLit = false
		buf[n] = '.'
		n++
		i++
		frac := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			buf[n] = b[i]
			n++
			frac++
		}
		if frac == 0 {
			return 0, false, false
		}
		if !point && i < len(b) {
			return 0, false, false // no exponent after a decimal comma
		}
	} else if digits == 0 && i == intStart {
		return 0, false, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		intLit = false
		buf[n] = 'e'
		n++
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			buf[n] = b[i]
			n++
			i++
		}
		exp := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			buf[n] = b[i]
			n++
			exp++
		}
		if exp == 0 {
			return 0, false, false
		}
	}
	if i != len(b) {
		return 0, false, false
	}
	f, err := strconv.ParseFloat(string(buf[:n]), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false, false
	}
	return f, true, intLit
}
