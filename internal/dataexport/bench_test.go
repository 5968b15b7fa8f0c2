package dataexport_test

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"sprang/internal/dataexport"
	"sprang/internal/opendata"
)

// benchRows is the length of the benchmark table: the million.
const benchRows = 1_000_000

// counter counts what is written to it and throws it away.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// benchTable returns 8 columns of every kind (coordinates for GeoJSON) and a function that fills
// row i into a reused row, as the store's DatastoreEach hands rows over.
func benchTable() ([]opendata.Column, func(i int, r opendata.Row)) {
	cols := []opendata.Column{
		{Name: "Område", Type: opendata.TypeText},
		{Name: "Antal", Type: opendata.TypeInt},
		{Name: "Temperatur (°C)", Type: opendata.TypeNumeric},
		{Name: "Öppen", Type: opendata.TypeBool},
		{Name: "Datum", Type: opendata.TypeDate},
		{Name: "Provtagen", Type: opendata.TypeTimestamp},
		{Name: "Latitud", Type: opendata.TypeNumeric},
		{Name: "Longitud", Type: opendata.TypeNumeric},
	}
	areas := []string{"Domsjö", "Örnsköldsvik centrum", "Själevad", "Bjästa", "Husum", "Gideå"}
	dates := make([]string, 366)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := range dates {
		dates[d] = start.AddDate(0, 0, d).Format(time.DateOnly)
	}
	make1 := func(i int, r opendata.Row) {
		r[0] = areas[i%len(areas)] + " " + strconv.Itoa(i%1000)
		r[1] = int64(i)
		r[2] = float64(i%400)/10 - 5
		r[3] = i%3 == 0
		r[4] = dates[i%len(dates)]
		r[5] = start.Add(time.Duration(i) * time.Minute)
		if i%50 == 0 {
			r[6], r[7] = nil, nil
		} else {
			r[6], r[7] = 63.0+float64(i%1000)/1e4, 18.5+float64(i%777)/1e4
		}
	}
	pool := make([]opendata.Row, 4096)
	for i := range pool {
		pool[i] = make(opendata.Row, len(cols))
		make1(i, pool[i])
	}
	fill := func(i int, r opendata.Row) { copy(r, pool[i%len(pool)]) }
	return cols, fill
}

// benchFormat writes the million-row table in format per iteration and
// reports the output's size, the peak heap in use while writing (sampled
// every 100,000 rows; flat means constant memory) and the heap at the
// first sample, to compare with.
func benchFormat(b *testing.B, format string) {
	cols, fill := benchTable()
	row := make(opendata.Row, len(cols))
	var peak, first uint64
	var ms runtime.MemStats
	b.ReportAllocs()
	for b.Loop() {
		var c counter
		w, err := dataexport.New(format, &c, dataexport.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Begin(cols); err != nil {
			b.Fatal(err)
		}
		for i := range benchRows {
			fill(i, row)
			if err := w.Row(row); err != nil {
				b.Fatal(err)
			}
			if i%100_000 == 99_999 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				if first == 0 {
					first = ms.HeapInuse
				}
			}
		}
		if err := w.End(); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(c.n)
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(first)/(1<<20), "heap-at-100k-MB")
}

func BenchmarkCSV(b *testing.B)     { benchFormat(b, "csv") }
func BenchmarkTSV(b *testing.B)     { benchFormat(b, "tsv") }
func BenchmarkJSON(b *testing.B)    { benchFormat(b, "json") }
func BenchmarkGeoJSON(b *testing.B) { benchFormat(b, "geojson") }
func BenchmarkParquet(b *testing.B) { benchFormat(b, "parquet") }
