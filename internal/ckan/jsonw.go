package ckan

import (
	"strconv"
	"time"

	"sprang/internal/dataexport"
)

// textOf returns a datastore value as the text of a CSV or TSV cell: ""
// for null, numbers in their shortest form, dates and timestamps as
// appendValue writes them.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return string(dataexport.AppendJSONNumber(nil, x))
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(dataexport.TimestampLayout)
	case []byte:
		return string(x)
	}
	return ""
}
