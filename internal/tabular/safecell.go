package tabular

import "strings"

// SafeCell returns s made safe to open in a spreadsheet, for CSV exports
// (OWASP's advice on CSV injection): a cell whose first character, or
// first after leading spaces, is = + - @, a tab, a carriage return or a
// line feed could be run as a formula, so it gets a leading apostrophe
// ("=SUM(A1)" becomes "'=SUM(A1)"), which spreadsheets show as text.
// A cell that is a plain number as ParseValue reads one ("-12,5", "-3",
// "+46", "-1 234,5") is data, not a formula, and is returned as it is.
// Every other cell is returned unchanged. Quoting the cell for CSV is
// left to the CSV writer.
func SafeCell(s string) string {
	t := strings.TrimLeft(s, " ")
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
