// Package followup is the domain of the follow-up and digital leadership
// module (uppföljning): the digitalization policy as versioned text with
// goals, the indicators that measure it per perspective, unit and period
// (computed live from the other modules, entered by hand, or imported from
// Kolada), their targets and status, the initiative portfolio with its
// benefit realization and sustainability criteria, the maturity and
// competence self-assessments, and the yearly follow-up report.
//
// It holds rules only: no SQL, no HTTP. It reads the other modules
// (e-services and errands, open data, the platform's own page weight, the
// idea portal when it exists) through the interfaces in sources.go, which
// cmd/sprang implements with adapters over the store; it never imports
// package eservice or opendata (depguard enforces it).
package followup

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // periods are Swedish calendar years and months, also where the system has no zone database
)

// Perspective is one of the policy's five perspectives, or the follow-up
// section that ends it.
type Perspective string

// The perspectives, in the policy's order.
const (
	Trygghet    Perspective = "trygghet"    // digital trygghet: accessible, simple, secure, equal services
	Kompetens   Perspective = "kompetens"   // digital kompetens: everyone can use the services; skills grow
	Ledarskap   Perspective = "ledarskap"   // digitalt ledarskap: coordination, methods, where digitalization is not used fully
	Hallbarhet  Perspective = "hallbarhet"  // digital hållbarhet: social, ecological, economic; Agenda 2030
	Innovation  Perspective = "innovation"  // digital innovation: ideas become reality; open data
	Uppfoljning Perspective = "uppfoljning" // the follow-up duty: the section that ends the policy (no indicators of its own)
)

// Perspectives returns the five perspectives that indicators, goals and
// initiatives belong to, in the policy's order (Uppfoljning is not one of
// them).
func Perspectives() []Perspective {
	return []Perspective{Trygghet, Kompetens, Ledarskap, Hallbarhet, Innovation}
}

// Valid reports whether p is one of Perspectives.
func (p Perspective) Valid() bool {
	for _, q := range Perspectives() {
		if p == q {
			return true
		}
	}
	return false
}

// Text is a text in Swedish and English. SV is required wherever a Text is
// shown; EN falls back to SV when empty.
type Text struct {
	SV string `json:"sv"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang ("sv" or "en"), Swedish when the English is
// missing.
func (t Text) In(lang string) string {
	if lang == "en" && strings.TrimSpace(t.EN) != "" {
		return t.EN
	}
	return t.SV
}

// Period is a calendar year, or one month of it when Month is 1–12.
// Indicators are followed per year; computed ones can also be read per
// month for a trend within a year.
type Period struct {
	Year  int
	Month int // 0 for the whole year
}

// YearPeriod returns the period of the whole year y.
func YearPeriod(y int) Period { return Period{Year: y} }

// String returns "2026" or "2026-03".
func (p Period) String() string {
	if p.Month == 0 {
		return strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
}

// MinYear and MaxYear bound the years the follow-up counts in: periods,
// targets, Kolada imports and reports.
const (
	MinYear = 2000
	MaxYear = 2100
)

// ValidYear reports whether y is a year from MinYear to MaxYear.
func ValidYear(y int) bool { return y >= MinYear && y <= MaxYear }

// ParsePeriod parses "2026" or "2026-03"; years 2000–2100 only (ValidYear).
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	y, m, monthly := strings.Cut(s, "-")
	year, err := strconv.Atoi(y)
	if err != nil || len(y) != 4 || !ValidYear(year) {
		return Period{}, fmt.Errorf("period %q: want a year such as 2026 or a month such as 2026-03", s)
	}
	if !monthly {
		return Period{Year: year}, nil
	}
	month, err := strconv.Atoi(m)
	if err != nil || len(m) != 2 || month < 1 || month > 12 {
		return Period{}, fmt.Errorf("period %q: want a month such as 2026-03", s)
	}
	return Period{Year: year, Month: month}, nil
}

// Bounds returns the half-open interval [from, to) of the period in loc.
func (p Period) Bounds(loc *time.Location) (from, to time.Time) {
	if p.Month == 0 {
		from = time.Date(p.Year, 1, 1, 0, 0, 0, 0, loc)
		return from, from.AddDate(1, 0, 0)
	}
	from = time.Date(p.Year, time.Month(p.Month), 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}

// Before reports whether p starts before q.
func (p Period) Before(q Period) bool {
	if p.Year != q.Year {
		return p.Year < q.Year
	}
	return p.Month < q.Month
}

// Years returns the whole-year periods from first to last, inclusive.
func Years(first, last int) []Period {
	var out []Period
	for y := first; y <= last; y++ {
		out = append(out, YearPeriod(y))
	}
	return out
}

// Location returns the time zone periods are counted in: Swedish time,
// as the e-service statistics count months.
func Location() *time.Location { return stockholm }

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil { // cannot happen with time/tzdata embedded
		panic(err)
	}
	return loc
}()
