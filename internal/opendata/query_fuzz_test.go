package opendata_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sprang"
	"sprang/internal/opendata"
)

// known reports whether field is a column of testCols (or IDField when
// withID).
func known(field string, withID bool) bool {
	if withID && field == opendata.IDField {
		return true
	}
	return slices.ContainsFunc(testCols, func(c opendata.Column) bool { return c.Name == field })
}

// checkQueryError fails unless err is nil or an Invalid error with a
// QueryError for param.
func checkQueryError(t *testing.T, err error, param string) {
	t.Helper()
	if err == nil {
		return
	}
	var qe *opendata.QueryError
	if sprang.ErrorKind(err) != sprang.Invalid || !errors.As(err, &qe) || qe.Param != param {
		t.Fatalf("error %v is not an Invalid %s error", err, param)
	}
}

// FuzzParseSort checks that ParseSort never panics, that every key it
// returns names a known field once, and that FormatSort round-trips.
func FuzzParseSort(f *testing.F) {
	for _, s := range []string{
		"", "Område", "Temperatur (°C) desc, Område", `"Kommun, län" DESC`, `"Namn ""kort"""`,
		"Plats desc desc", ",,", `"`, `""`, "_id desc", "Område; DROP TABLE x --", "Område\tasc,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		keys, err := opendata.ParseSort(s, testCols)
		checkQueryError(t, err, "sort")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, k := range keys {
			if !known(k.Field, true) || seen[k.Field] {
				t.Fatalf("ParseSort(%q) = %v: unknown or repeated field %q", s, keys, k.Field)
			}
			seen[k.Field] = true
		}
		back, err := opendata.ParseSort(opendata.FormatSort(keys), testCols)
		if err != nil || !cmp.Equal(back, keys) {
			t.Fatalf("round trip of %v via %q = %v, %v", keys, opendata.FormatSort(keys), back, err)
		}
	})
}

// FuzzParseFields checks that ParseFields never panics and returns only
// known fields, each once.
func FuzzParseFields(f *testing.F) {
	for _, s := range []string{"", "Område,Antal", `"Kommun, län",Plats desc`, `"x`, "_id", ",Område,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields, err := opendata.ParseFields(s, testCols)
		checkQueryError(t, err, "fields")
		seen := map[string]bool{}
		for _, name := range fields {
			if !known(name, false) || seen[name] {
				t.Fatalf("ParseFields(%q) = %v: unknown or repeated field %q", s, fields, name)
			}
			seen[name] = true
		}
	})
}

// FuzzParseFilters checks that ParseFilters never panics, that every
// filter names a known field once with at least one value of its column's
// Go type, and that no more than MaxFilterValues values come back.
func FuzzParseFilters(f *testing.F) {
	for _, s := range []string{
		"", "{}", `{"Område":"Domsjö"}`, `{"Antal":[1,"2",3.0]}`, `{"Temperatur (°C)":"12,5"}`,
		`{"Öppen":true,"Datum":"2025-06-30","Provtagen":"2025-06-30T12:00:00Z"}`, `{"_id":[1]}`,
		`{"Område":[["x"]]}`, `{"Område":{"a":null}}`, `[[[[[[`, `{"a":1}{`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		filters, err := opendata.ParseFilters(s, testCols, nil)
		checkQueryError(t, err, "filters")
		seen := map[string]bool{}
		n := 0
		for _, fl := range filters {
			if !known(fl.Field, true) || seen[fl.Field] || len(fl.Values) == 0 {
				t.Fatalf("ParseFilters(%q) = %v: bad filter on %q", s, filters, fl.Field)
			}
			seen[fl.Field] = true
			typ := opendata.TypeInt
			if i := slices.IndexFunc(testCols, func(c opendata.Column) bool { return c.Name == fl.Field }); i >= 0 {
				typ = testCols[i].Type
			}
			for _, v := range fl.Values {
				if !goTypeOK(v, typ) {
					t.Fatalf("ParseFilters(%q): value %#v does not fit %s column %q", s, v, typ, fl.Field)
				}
			}
			n += len(fl.Values)
		}
		if n > opendata.MaxFilterValues {
			t.Fatalf("ParseFilters(%q) returned %d values", s, n)
		}
	})
}

// goTypeOK reports whether v has the Go type ColumnType documents for t.
func goTypeOK(v any, t opendata.ColumnType) bool {
	switch v.(type) {
	case string:
		return t == opendata.TypeText || t == opendata.TypeDate
	case int64:
		return t == opendata.TypeInt
	case float64:
		return t == opendata.TypeNumeric
	case bool:
		return t == opendata.TypeBool
	case time.Time:
		return t == opendata.TypeTimestamp
	}
	return false
}
