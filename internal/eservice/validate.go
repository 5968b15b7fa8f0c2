package eservice

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sprang"
	"sprang/internal/identity"
)

// The default and the largest lengths of text answers, in characters.
const (
	DefaultTextMax     = 200
	DefaultLongTextMax = 5000
	MaxTextMax         = 1000
	MaxLongTextMax     = 20000
)

// problem is what is wrong with one value: a message key with its
// arguments, or the author's own message.
type problem struct {
	key    string
	args   []any
	custom Text
}

// cleanInput trims s and reports whether it is valid UTF-8 without control
// characters; multiline (long text) allows line breaks and tabs, and turns
// "\r\n" and "\r" into "\n".
func cleanInput(s string, multiline bool) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = strings.TrimSpace(s)
	for _, c := range s {
		if unicode.IsControl(c) && (!multiline || (c != '\n' && c != '\t')) {
			return "", false
		}
	}
	return s, true
}

// cleanValue checks and normalizes v, a non-empty trimmed answer to q, a
// question with a single value.
func cleanValue(q Question, v string, now time.Time) (string, *problem) {
	switch q.Type {
	case TypeNumber:
		return cleanNumber(q, v)
	case TypeDate:
		return cleanDate(v)
	case TypeEmail:
		return cleanEmail(v)
	case TypePhone:
		return cleanPhone(v)
	case TypePersonnummer:
		return cleanPersonnummer(v, now)
	case TypeOrgNumber:
		return cleanOrgNumber(v)
	case TypeChoice:
		if !hasOption(q, v) {
			return "", &problem{key: MsgChoose}
		}
		return v, nil
	case TypeYesNo:
		if v != "yes" && v != "no" {
			return "", &problem{key: MsgYesNo}
		}
		return v, nil
	case TypeFile:
		return cleanFileID(v)
	default:
		return cleanText(q, v)
	}
}

// TextLimits returns the fewest and the most characters an answer to text
// question q may have.
func TextLimits(q Question) (minLen, maxLen int) {
	maxLen = q.MaxLength
	if maxLen <= 0 {
		maxLen = DefaultTextMax
		if q.Type == TypeLongText {
			maxLen = DefaultLongTextMax
		}
	}
	return max(q.MinLength, 0), maxLen
}

// cleanText checks a text or long text against its length limits and
// pattern.
func cleanText(q Question, v string) (string, *problem) {
	minLen, maxLen := TextLimits(q)
	switch n := utf8.RuneCountInString(v); {
	case n > maxLen:
		return "", &problem{key: MsgTooLong, args: []any{maxLen}}
	case n < minLen:
		return "", &problem{key: MsgTooShort, args: []any{minLen}}
	}
	if q.Pattern != "" {
		if re, err := compilePattern(q.Pattern); err == nil && !re.MatchString(v) {
			return "", &problem{key: MsgPattern, custom: q.PatternMessage}
		}
	}
	return v, nil
}

// maxPattern is the longest pattern accepted, in bytes.
const maxPattern = 500

// compilePattern compiles an author's pattern so that it must match the
// whole answer.
func compilePattern(p string) (*regexp.Regexp, error) {
	return regexp.Compile(`\A(?:` + p + `)\z`)
}

var numberPattern = regexp.MustCompile(`^-?[0-9]*(\.[0-9]+)?$`)

// maxNumberLen is the longest number accepted, in characters.
const maxNumberLen = 40

// cleanNumber reads a decimal number: a comma or a point as the decimal
// sign, spaces (also no-break and thin spaces) between thousands, an
// optional sign (also U+2212 minus). It returns the number with a point
// and without needless zeros, e.g. "1 234,50" as "1234.5".
func cleanNumber(q Question, v string) (string, *problem) {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			return -1
		case ',':
			return '.'
		case '\u2212':
			return '-'
		}
		return r
	}, v)
	if rest, plus := strings.CutPrefix(s, "+"); plus && !strings.HasPrefix(rest, "-") {
		s = rest
	}
	if len(s) > maxNumberLen || !numberPattern.MatchString(s) || strings.Trim(s, "-.") == "" {
		return "", &problem{key: MsgNumberFormat}
	}
	s = canonicalNumber(s)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", &problem{key: MsgNumberFormat}
	}
	if p := numberRange(q, f); p != nil {
		return "", p
	}
	return s, nil
}

// canonicalNumber drops the leading zeros of the whole part, the trailing
// zeros of the fraction and the sign of zero from s, which matches
// numberPattern.
func canonicalNumber(s string) string {
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// numberRange checks f against q's Min and Max.
func numberRange(q Question, f float64) *problem {
	low := q.Min != nil && f < *q.Min
	high := q.Max != nil && f > *q.Max
	switch {
	case !low && !high:
		return nil
	case q.Min != nil && q.Max != nil:
		return &problem{key: MsgNumberBetween, args: []any{FormatNumber(*q.Min), FormatNumber(*q.Max)}}
	case low:
		return &problem{key: MsgNumberMin, args: []any{FormatNumber(*q.Min)}}
	default:
		return &problem{key: MsgNumberMax, args: []any{FormatNumber(*q.Max)}}
	}
}

// FormatNumber writes f as a decimal number with a point and as few digits
// as it needs, e.g. 12.5 as "12.5" and 3 as "3".
func FormatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// cleanDate accepts a date written YYYY-MM-DD, and only that.
func cleanDate(v string) (string, *problem) {
	if !datePattern.MatchString(v) {
		return "", &problem{key: MsgDateFormat}
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return "", &problem{key: MsgDateReal}
	}
	return v, nil
}

// cleanEmail lowercases an e-mail address and checks it as identity does.
func cleanEmail(v string) (string, *problem) {
	v = identity.NormalizeEmail(v)
	if !identity.ValidEmail(v) {
		return "", &problem{key: MsgEmailFormat}
	}
	return v, nil
}

// The fewest and the most digits of a phone number.
const (
	minPhoneDigits = 7
	maxPhoneDigits = 20
)

// cleanPhone accepts digits, spaces and hyphens with an optional leading
// "+", and 7–20 digits; runs of spaces become one.
func cleanPhone(v string) (string, *problem) {
	digits := 0
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || (c == '+' && i == 0):
		default:
			return "", &problem{key: MsgPhoneFormat}
		}
	}
	if digits < minPhoneDigits || digits > maxPhoneDigits {
		return "", &problem{key: MsgPhoneFormat}
	}
	return strings.Join(strings.Fields(v), " "), nil
}

// cleanPersonnummer reads a personnummer or samordningsnummer as identity
// does and returns its 12 digits.
func cleanPersonnummer(v string, now time.Time) (string, *problem) {
	p, err := identity.ParsePersonnummer(v, now)
	if err == nil {
		return p.String(), nil
	}
	switch sprang.ErrorMessage(err) {
	case identity.MsgPnrDate:
		return "", &problem{key: MsgPnrDate}
	case identity.MsgPnrFuture:
		return "", &problem{key: MsgPnrFuture}
	case identity.MsgPnrChecksum:
		return "", &problem{key: MsgPnrChecksum}
	default:
		return "", &problem{key: MsgPnrFormat}
	}
}

// cleanOrgNumber reads an organisationsnummer as identity does and returns
// it as NNNNNN-NNNN.
func cleanOrgNumber(v string) (string, *problem) {
	n, err := identity.ParseOrgNumber(v)
	if err == nil {
		return n, nil
	}
	switch sprang.ErrorMessage(err) {
	case identity.MsgOrgNumberKind:
		return "", &problem{key: MsgOrgKind}
	case identity.MsgOrgNumberChecksum:
		return "", &problem{key: MsgOrgChecksum}
	default:
		return "", &problem{key: MsgOrgFormat}
	}
}

var postcodePattern = regexp.MustCompile(`^[0-9]{3} ?[0-9]{2}$`)

// cleanPostcode accepts a Swedish postcode, "12345" or "123 45", and
// returns its five digits.
func cleanPostcode(v string) (string, *problem) {
	if v == "" {
		return "", &problem{key: MsgPostcodeRequired}
	}
	if !postcodePattern.MatchString(v) {
		return "", &problem{key: MsgPostcodeFormat}
	}
	return strings.ReplaceAll(v, " ", ""), nil
}

// cleanFileID accepts the decimal id of an uploaded file.
func cleanFileID(v string) (string, *problem) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return "", &problem{key: MsgFileInvalid}
	}
	return strconv.FormatInt(id, 10), nil
}
