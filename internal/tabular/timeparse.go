package tabular

import (
	"time"
	_ "time/tzdata" // naive timestamps need Europe/Stockholm even where the system has no zone database
)

// stockholm is the zone naive timestamps ("2024-05-01 12:30", without an
// offset) are read in: Swedish files write local time. It is
// Europe/Stockholm from the embedded zone database.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil { // cannot happen with time/tzdata embedded
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// parseDate reads an ISO 8601 calendar date "YYYY-MM-DD" of a day that
// exists (year 0001 to 9999). ok is false for anything else.
func parseDate(b []byte) (y, m, d int, ok bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0, 0, 0, false
	}
	y, ok1 := digitsN(b[0:4])
	m, ok2 := digitsN(b[5:7])
	d, ok3 := digitsN(b[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// digitsN reads b as a decimal number made of digits only.
func digitsN(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseTimestamp reads a point in time: a date as parseDate reads it,
// optionally followed by "T" or a space and a time "HH:MM", "HH:MM:SS" or
// "HH:MM:SS.fraction" (up to nine digits), optionally followed by a zone,
// "Z" or an offset "+HH:MM"/"-HH:MM" (RFC 3339). Without a zone the time
// is local time in Stockholm (a bare date is local midnight); in the hour
// that occurs twice when summer time ends, Go's time.Date picks one of the
// two. The result is in UTC, and ok is false when it falls outside the
// years 1 to 9999 in UTC, as for anything else.
func parseTimestamp(b []byte) (time.Time, bool) {
	if len(b) < 10 {
		return time.Time{}, false
	}
	y, mo, d, ok := parseDate(b[:10])
	if !ok {
		return time.Time{}, false
	}
	if len(b) == 10 {
		return inRange(time.Date(y, time.Month(mo), d, 0, 0, 0, 0, stockholm))
	}
	rest := b[10:]
	if rest[0] != 'T' && rest[0] != ' ' && rest[0] != 't' {
		return time.Time{}, false
	}
	h, mi, s, ns, rest, ok := parseClock(rest[1:])
	if !ok {
		return time.Time{}, false
	}
	if len(rest) == 0 {
		return inRange(time.Date(y, time.Month(mo), d, h, mi, s, ns, stockholm))
	}
	off, ok := parseOffset(rest)
	if !ok {
		return time.Time{}, false
	}
	return inRange(time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC).Add(-off))
}

// inRange returns t in UTC, and false when its year in UTC is outside 1 to
// 9999, which RFC 3339 cannot write.
func inRange(t time.Time) (time.Time, bool) {
	t = t.UTC()
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}, false
	}
	return t, true
}

// parseClock reads "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff" at the start of
// b and returns what follows.
func parseClock(b []byte) (h, m, s, ns int, rest []byte, ok bool) {
	if len(b) < 5 || b[2] != ':' {
		return 0, 0, 0, 0, nil, false
	}
	h, ok1 := digitsN(b[0:2])
	m, ok2 := digitsN(b[3:5])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, 0, 0, 0, nil, false
	}
	b = b[5:]
	if len(b) == 0 || b[0] != ':' {
		return h, m, 0, 0, b, true
	}
	if len(b) < 3 {
		return 0, 0, 0, 0, nil, false
	}
	s, ok3 := digitsN(b[1:3])
	if !ok3 || s > 59 {
		return 0, 0, 0, 0, nil, false
	}
	b = b[3:]
	if len(b) == 0 || (b[0] != '.' && b[0] != ',') {
		return h, m, s, 0, b, true
	}
	i, scale := 1, 100000000
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if i > 9 {
			return 0, 0, 0, 0, nil, false
		}
		ns += int(b[i]-'0') * scale
		scale /= 10
	}
	if i == 1 {
		return 0, 0, 0, 0, nil, false
	}
	return h, m, s, ns, b[i:], true
}

// parseOffset reads a zone "Z" or "±HH:MM" that makes up all of b.
func parseOffset(b []byte) (time.Duration, bool) {
	if len(b) == 1 && (b[0] == 'Z' || b[0] == 'z') {
		return 0, true
	}
	if len(b) != 6 || (b[0] != '+' && b[0] != '-') || b[3] != ':' {
		return 0, false
	}
	h, ok1 := digitsN(b[1:3])
	m, ok2 := digitsN(b[4:6])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, false
	}
	off := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if b[0] == '-' {
		off = -off
	}
	return off, true
}
