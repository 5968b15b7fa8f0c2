package datastore

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/opendata"
)

func TestChooseIndexes(t *testing.T) {
	t.Parallel()
	cols := []opendata.Column{
		{Name: "Station", Type: opendata.TypeText},
		{Name: "Område", Type: opendata.TypeText},
		{Name: "Datum", Type: opendata.TypeDate},
		{Name: "Temperatur", Type: opendata.TypeNumeric},
		{Name: "Kommentar", Type: opendata.TypeText},
		{Name: "Id", Type: opendata.TypeText},
		{Name: "Vald", Type: opendata.TypeText, Index: true},
		{Name: "Konstant", Type: opendata.TypeInt},
	}
	q := opendata.Quality{Rows: 1_000_000, Columns: []opendata.ColumnQuality{
		{Distinct: 20}, {Distinct: 12}, {Distinct: 500}, {Distinct: 10}, {Distinct: 5, Empty: 900_000},
		{Distinct: opendata.MaxDistinct, DistinctCapped: true}, {Distinct: 3}, {Distinct: 1},
	}}
	tests := []struct {
		name string
		rows int64
		want []bool
	}{
		{"large", 1_000_000, []bool{false, false, true, false, false, false, true, false}},
		{"small: the store indexes all", 1000, []bool{false, false, false, false, false, false, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := append([]opendata.Column(nil), cols...)
			qq := q
			qq.Rows = tt.rows
			chooseIndexes(c, qq, 2)
			again := append([]opendata.Column(nil), c...)
			chooseIndexes(again, qq, 2)
			if !cmp.Equal(again, c) {
				t.Errorf("a reload indexes more: %v", again)
			}
			got := make([]bool, len(c))
			for i := range c {
				got[i] = c[i].Index
			}
			if !cmp.Equal(got, tt.want) {
				t.Errorf("indexed %v, want %v", got, tt.want)
			}
		})
	}
}
