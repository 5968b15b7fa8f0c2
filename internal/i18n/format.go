package i18n

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// stockholm is the time zone dates are shown in. When the zone database is
// not available the offset falls back to UTC+1.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

var monthsSV = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}

// Date formats t as a long date: "5 mars 2026" in Swedish, "5 March 2026"
// in English, in Swedish local time.
func Date(lang Lang, t time.Time) string {
	t = t.In(stockholm)
	if lang == English {
		return t.Format("2 January 2006")
	}
	return strconv.Itoa(t.Day()) + " " + monthsSV[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime formats t as an ISO date and 24-hour time in Swedish local time,
// "2026-03-05 14:07", the convention in both UI languages.
func DateTime(t time.Time) string {
	return t.In(stockholm).Format("2006-01-02 15:04")
}

// Number formats n with a non-breaking space as the thousands separator in
// Swedish ("12 345") and a comma in English ("12,345").
func Number(lang Lang, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := "\u00a0"
	if lang == English {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// Decimal formats f with the given number of decimals and the decimal
// separator of lang: a comma in Swedish ("3,5"), a point in English.
func Decimal(lang Lang, f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if lang == Swedish {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// collators reuses Swedish collators, which are not safe for concurrent
// use and cost more to make than to use.
var collators = sync.Pool{New: func() any { return collate.New(language.Swedish) }}

// Sort sorts ss in place in Swedish alphabetical order, where å, ä and ö
// come after z. It is safe for concurrent use.
func Sort(ss []string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	c.SortStrings(ss)
}

// Compare compares a and b in Swedish alphabetical order, returning -1, 0 or
// +1, for sorting slices of structs with slices.SortFunc. It is safe for
// concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}
