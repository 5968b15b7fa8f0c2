package store_test

import (
	"fmt"
	"io"
	"strconv"
	"testing"
	"time"

	"sprang/internal/opendata"
	"sprang/internal/store/storetest"
)

// genRows is a RowSource of n generated rows of benchCols, typed already:
// the store's share of a load without the CSV's.
type genRows struct {
	n, i int
	row  opendata.Row
}

var benchAreas = []string{"Domsjö", "Centrum", "Själevad", "Gullänget", "Bjästa", "Husum", "Arnäsvall"}

var benchCols = []opendata.Column{
	{Name: "id", Type: opendata.TypeInt},
	{Name: "Datum", Type: opendata.TypeDate},
	{Name: "Område", Type: opendata.TypeText, Index: true},
	{Name: "Temperatur (°C)", Type: opendata.TypeNumeric},
	{Name: "Antal", Type: opendata.TypeInt},
	{Name: "Kommentar", Type: opendata.TypeText},
	{Name: "Godkänd", Type: opendata.TypeBool},
}

func (g *genRows) Next() (opendata.Row, error) {
	if g.i >= g.n {
		return nil, io.EOF
	}
	g.i++
	i := g.i
	if g.row == nil {
		g.row = make(opendata.Row, 7)
	}
	g.row[0] = int64(i)
	g.row[1] = fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1)
	g.row[2] = benchAreas[i%7]
	g.row[3] = float64(i%40-10) + float64(i%10)/10
	g.row[4] = int64(i % 1000)
	g.row[5] = "Mätning " + strconv.Itoa(i%97)
	g.row[6] = i%2 == 0
	return g.row, nil
}

// BenchmarkDatastoreInsert measures LoadTable alone, a million rows typed
// already (one index, on Område), per engine:
//
//	go test ./internal/store/ -run '^$' -bench DatastoreInsert -benchtime 1x
func BenchmarkDatastoreInsert(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.OpenEngine(b, e)
			up := dsUpload(b, db)
			for b.Loop() {
				start := time.Now()
				n, err := db.LoadTable(b.Context(), up.ID, benchCols, &genRows{n: 1_000_000}, nil)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
			}
		})
	}
}
