package identity

import (
	"strings"
	"time"

	"sprang"
)

// Personnummer is a valid Swedish personal identity number or
// samordningsnummer (coordination number) in its normalized 12-digit form
// YYYYMMDDNNNN. Only ParsePersonnummer makes one; the zero value is empty.
type Personnummer string

// ParsePersonnummer reads a personnummer or samordningsnummer in any common
// form — YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN, or
// YYMMDD+NNNN for someone 100 years or older — and returns it normalized.
// Surrounding spaces are ignored. The century of a 10-digit form is the one
// that makes the person younger than 100 at time ref (100 or older with
// '+'). It checks the date (a samordningsnummer has 60 added to the day),
// that the date is not after ref, and the Luhn check digit.
//
// On failure it returns an Invalid *sprang.Error whose Message (and
// Fields["personnummer"]) is MsgPnrFormat, MsgPnrDate, MsgPnrFuture or
// MsgPnrChecksum, so the form can say exactly what is wrong.
func ParsePersonnummer(s string, ref time.Time) (Personnummer, error) {
	digits, sep, ok := pnrDigits(strings.TrimSpace(s))
	if !ok {
		return "", pnrError(MsgPnrFormat)
	}
	if len(digits) == 10 {
		digits = withCentury(digits, sep == '+', ref)
	}
	if !luhnValid(digits[2:]) {
		return "", pnrError(MsgPnrChecksum)
	}
	birth, ok := pnrDate(digits)
	if !ok {
		return "", pnrError(MsgPnrDate)
	}
	if birth.After(ref) {
		return "", pnrError(MsgPnrFuture)
	}
	return Personnummer(digits), nil
}

func pnrError(key string) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{"personnummer": key}}
}

// pnrDigits splits s into its 10 or 12 digits and its separator ('-', '+'
// or 0 for none). '+' is only allowed in the 10-digit form.
func pnrDigits(s string) (digits string, sep byte, ok bool) {
	if n := len(s); n == 11 || n == 13 {
		sep = s[n-5]
		if sep != '-' && (sep != '+' || n != 11) {
			return "", 0, false
		}
		s = s[:n-5] + s[n-4:]
	}
	if (len(s) != 10 && len(s) != 12) || !allDigits(s) {
		return "", 0, false
	}
	return s, sep, true
}

// withCentury prefixes the 10 digits d with the century that makes the
// person under 100 at ref, or at least 100 when old is set.
func withCentury(d string, old bool, ref time.Time) string {
	yy := atoi(d[0:2])
	year := ref.Year() - ref.Year()%100 + yy
	if b, ok := dateOf(year, atoi(d[2:4]), dayOf(d[4:6])); !ok || b.After(ref) || year > ref.Year() {
		year -= 100
	}
	if old {
		year -= 100
	}
	return pad4(year)[:2] + d
}

// pnrDate returns the birth date in the 12 digits d, or false when there is
// no such date or it is before 1800.
func pnrDate(d string) (time.Time, bool) {
	year := atoi(d[0:4])
	if year < 1800 {
		return time.Time{}, false
	}
	return dateOf(year, atoi(d[4:6]), dayOf(d[6:8]))
}

// dayOf reads the day field, taking 60 off a samordningsnummer's day.
func dayOf(dd string) int {
	day := atoi(dd)
	if day > 60 {
		day -= 60
	}
	return day
}

// dateOf returns the date, or false when month or day are out of range.
func dateOf(year, month, day int) (time.Time, bool) {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || day < 1 || t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func pad4(n int) string {
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0 && n > 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

// String returns the normalized 12 digits, YYYYMMDDNNNN.
func (p Personnummer) String() string { return string(p) }

// Format returns the number written as YYYYMMDD-NNNN, or "" for the zero
// value.
func (p Personnummer) Format() string {
	if len(p) != 12 {
		return ""
	}
	return string(p[:8]) + "-" + string(p[8:])
}

// Short returns the 10-digit form at time ref: YYMMDD-NNNN, or YYMMDD+NNNN
// when the person is 100 or older at ref; "" for the zero value.
func (p Personnummer) Short(ref time.Time) string {
	if len(p) != 12 {
		return ""
	}
	sep := "-"
	if birth, ok := pnrDate(string(p)); ok && !birth.AddDate(100, 0, 0).After(ref) {
		sep = "+"
	}
	return string(p[2:8]) + sep + string(p[8:])
}

// IsSamordningsnummer reports whether p is a coordination number (the day
// has 60 added), given to people who are not or have not been registered
// in Sweden.
func (p Personnummer) IsSamordningsnummer() bool {
	return len(p) == 12 && atoi(string(p[6:8])) > 60
}

// BirthDate returns the birth date in p, or the zero time for the zero
// value.
func (p Personnummer) BirthDate() time.Time {
	if len(p) != 12 {
		return time.Time{}
	}
	t, _ := pnrDate(string(p))
	return t
}
