package ckan_test

import (
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"sprang/internal/opendata"
	"sprang/internal/store/storetest"
)

// dumpBenchRows is the length of the benchmark's table: the issue's
// million rows.
const dumpBenchRows = 1_000_000

// genRows is a RowSource of n generated rows of dumpCols, reusing one row.
type genRows struct {
	n, i int
	row  opendata.Row
	ts   time.Time
}

func (g *genRows) Next() (opendata.Row, error) {
	if g.i >= g.n {
		return nil, io.EOF
	}
	i := g.i
	g.i++
	if g.row == nil {
		g.row = make(opendata.Row, len(dumpCols))
		g.ts = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	r := g.row
	r[0] = "Badplats " + strconv.Itoa(i%5000)
	r[1] = float64(i%300)/10 - 2
	r[2] = int64(i)
	r[3] = i%2 == 0
	r[4] = g.ts.AddDate(0, 0, i%700).Format(time.DateOnly)
	r[5] = g.ts.Add(time.Duration(i) * time.Minute)
	r[6], r[7] = 63.0+float64(i%1000)/1e4, 18.5+float64(i%777)/1e4
	return r, nil
}

// heapPeak samples the heap in use every 20 ms until stop is called, and
// returns the largest sample.
func heapPeak() (stop func() uint64) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// BenchmarkDump downloads a million-row, 8-column table through the API
// (the store's DatastoreEach, the writer and net/http) in each format on
// each engine, and reports the download's speed and the peak heap in use
// while it runs (constant memory: it does not grow with the table).
func BenchmarkDump(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.OpenEngine(b, e)
			f := newDumpFixture(b, db, dumpUnit(b, db), opendata.Published, dumpCols, nil)
			up, err := db.Upload(b.Context(), f.rid, 0)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.LoadTable(b.Context(), up.ID, dumpCols, &genRows{n: dumpBenchRows}, nil); err != nil {
				b.Fatal(err)
			}
			if err := db.SetLoadState(b.Context(), up.ID, opendata.LoadDone, dumpBenchRows, ""); err != nil {
				b.Fatal(err)
			}
			for _, format := range []string{"csv", "json", "geojson", "parquet"} {
				b.Run(format, func(b *testing.B) { benchDump(b, f, format) })
			}
		})
	}
}

func benchDump(b *testing.B, f dumpFixture, format string) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := heapPeak()
	var n int64
	for b.Loop() {
		req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, f.srv.URL+"/datastore/dump/"+f.rid+"?format="+format, nil)
		if err != nil {
			b.Fatal(err)
		}
		resp, err := f.srv.Client().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d, %d bytes: %v", resp.StatusCode, n, err)
		}
		b.SetBytes(n)
	}
	peak := stop()
	b.ReportMetric(float64(dumpBenchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(before.HeapInuse)/(1<<20), "heap-before-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
