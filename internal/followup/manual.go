package followup

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Manual values: the figures a unit enters by hand per year, with the
// source they come from and a comment.

// ErrNumber is returned by ParseNumber for text that is not a number.
var ErrNumber = errors.New("not a number: write it like 12,5 or 1 234")

// numberPattern is a number as Swedes and others write it: an optional
// minus, digits either plain or grouped by three with spaces, and an
// optional decimal part after a comma or a point.
var numberPattern = regexp.MustCompile(`^-?(?:\d+|\d{1,3}(?: \d{3})+)(?:[.,]\d+)?$`)

// maxNumberLen bounds the text ParseNumber reads.
const maxNumberLen = 40

// ParseNumber reads a number as people write it in Sweden or elsewhere:
// "12,5", "12.5", "1 234", "1 234,5", "-3" (a typographic minus "−" too;
// the spaces may be no-break spaces). It refuses anything else — a
// thousands separator other than a space, both a comma and a point,
// exponents, "NaN", "Inf" — with ErrNumber.
func ParseNumber(s string) (float64, error) {
	if len(s) > maxNumberLen*4 || !utf8.ValidString(s) {
		return 0, ErrNumber
	}
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2212", "-").Replace(s)
	if len(s) > maxNumberLen || !numberPattern.MatchString(s) {
		return 0, ErrNumber
	}
	s = strings.NewReplacer(" ", "", ",", ".").Replace(s)
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, ErrNumber
	}
	if x == 0 {
		x = 0 // no negative zero
	}
	return x, nil
}

// The limits of a manual value's texts, in characters.
const (
	MaxSourceLen  = 200
	MaxCommentLen = 1000
)

// Message keys of ManualValue's field errors.
const (
	MsgValueNumber    = "followup.indicators.value.number"     // the value is not a number
	MsgValueRequired  = "followup.indicators.value.required"   // no value given
	MsgValuePeriod    = "followup.indicators.value.period"     // the year is not a year 2000–2100
	MsgValueSource    = "followup.indicators.value.source"     // no source given
	MsgValueTooLong   = "followup.indicators.value.too_long"   // a text is too long
	MsgValueShare     = "followup.indicators.value.share"      // a share outside 0–100 %
	MsgValueUnit      = "followup.indicators.value.unit"       // the unit is not one the user may enter for
	MsgValueNotManual = "followup.indicators.value.not_manual" // a computed indicator takes no values
)

// ManualInput is what a form gives for one manual value.
type ManualInput struct {
	UnitID  int64
	Year    string
	Value   string
	Source  string
	Comment string
}

// ManualValue checks in and returns the value of ind it gives, or the
// field errors (field name → message key): year, value, source, comment.
// A share (MeasureShare) is entered as a percentage, 0–100, and stored as
// a share 0–1.
func ManualValue(ind Indicator, in ManualInput) (Value, map[string]string) {
	errs := map[string]string{}
	if ind.Source == Computed {
		errs["value"] = MsgValueNotManual
		return Value{}, errs
	}
	p, err := ParsePeriod(in.Year)
	if err != nil || p.Month != 0 {
		errs["year"] = MsgValuePeriod
	}
	x, err := ParseNumber(in.Value)
	switch {
	case strings.TrimSpace(in.Value) == "":
		errs["value"] = MsgValueRequired
	case err != nil:
		errs["value"] = MsgValueNumber
	case ind.Measure == MeasureShare && (x < 0 || x > 100):
		errs["value"] = MsgValueShare
	}
	if ind.Measure == MeasureShare {
		x /= 100
	}
	source, comment := strings.TrimSpace(in.Source), strings.TrimSpace(in.Comment)
	switch {
	case source == "":
		errs["source"] = MsgValueSource
	case utf8.RuneCountInString(source) > MaxSourceLen:
		errs["source"] = MsgValueTooLong
	}
	if utf8.RuneCountInString(comment) > MaxCommentLen {
		errs["comment"] = MsgValueTooLong
	}
	if len(errs) > 0 {
		return Value{}, errs
	}
	return Value{Indicator: ind.Key, UnitID: in.UnitID, Period: p, Value: x, Known: true, Source: source, Comment: comment}, nil
}
