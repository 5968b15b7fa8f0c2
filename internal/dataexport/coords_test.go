package dataexport_test

import (
	"testing"

	"sprang/internal/dataexport"
	"sprang/internal/opendata"
)

func TestHasCoordinates(t *testing.T) {
	t.Parallel()
	cols := func(typ opendata.ColumnType, names ...string) []opendata.Column {
		var out []opendata.Column
		for _, n := range names {
			out = append(out, opendata.Column{Name: n, Type: typ})
		}
		return out
	}
	num, text, integer := opendata.TypeNumeric, opendata.TypeText, opendata.TypeInt
	for _, c := range []struct {
		name string
		cols []opendata.Column
		want bool
	}{
		{"Swedish names with a note", cols(num, "Namn", "Latitud (WGS 84)", "Longitud"), true},
		{"short names in capitals", cols(num, "lat", "LON"), true},
		{"x and y as integers", cols(integer, "X", " y "), true},
		{"no longitude", cols(num, "lat", "Namn"), false},
		{"text columns", cols(text, "lat", "lon"), false},
		{"none", nil, false},
	} {
		if got := dataexport.HasCoordinates(c.cols); got != c.want {
			t.Errorf("%s: HasCoordinates = %v, want %v", c.name, got, c.want)
		}
	}
}
