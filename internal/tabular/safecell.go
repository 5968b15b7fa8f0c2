package tabular

import (
	"strings"
	"unicode"
)

// SafeCell returns s made safe to open in a spreadsheet, for CSV and TSV
// exports (OWASP's advice on CSV injection). It is the platform's one
// rule, used by every CSV the platform writes: the downloads, the API's
// records_format=csv and the staff statistics.
//
// A cell whose first character — or first after leading spaces (any
// Unicode space separator, the no-break space included) — is = + - @, a
// tab, a carriage return or a line feed could be run as a formula, so it
// gets a leading apostrophe ("=SUM(A1)" becomes "'=SUM(A1)", " =1+1"
// becomes "' =1+1", "\n=2+2" becomes "'\n=2+2"), which spreadsheets show
// as text. A cell that is a plain number as ParseValue reads one ("-12,5",
// "-3.5", "-3", "+46", "-1 234,5", also with spaces around it) is data,
// not a formula, and is returned as it is. Every other cell is returned
// unchanged. Quoting the cell for CSV is left to the CSV writer.
func SafeCell(s string) string {
	t := strings.TrimLeftFunc(s, isSpaceSeparator)
	if t == "" {
		return s
	}
	switch t[0] {
	case '+', '-':
		if _, ok, _ := parseFloat([]byte(strings.TrimSpace(s))); ok {
			return s
		}
	case '=', '@', '\t', '\r', '\n':
	default:
		return s
	}
	return "'" + s
}

// isSpaceSeparator reports whether r is a space a spreadsheet may skip
// before a formula: the space and the other Unicode space separators (the
// no-break space, thin spaces, the ideographic space). Tabs and line ends
// are not skipped: SafeCell protects a cell that starts with them.
func isSpaceSeparator(r rune) bool {
	return r == ' ' || (r > 0x7f && unicode.Is(unicode.Zs, r))
}
