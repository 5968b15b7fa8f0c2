package eservice

import (
	"fmt"
	"strings"
)

// DiaryNumber formats the registration number of errand seq in year for a
// unit whose series code is code, e.g. "SBF 2026/00042": the code, a space,
// the year, a slash and seq zero-padded to five digits (more digits when
// seq needs them). A blank code gives just "2026/00042".
func DiaryNumber(code string, year, seq int) string {
	code = strings.TrimSpace(code)
	if code == "" {
		return fmt.Sprintf("%d/%05d", year, seq)
	}
	return fmt.Sprintf("%s %d/%05d", code, year, seq)
}
