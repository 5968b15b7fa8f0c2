package tabular_test

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/tabular"
	"sprang/internal/tabular/tabulartest"
)

// benchRows is the size of the benchmarks' file: 1,000,000 rows, about
// 58 MB, the load benchmark.
const benchRows = 1_000_000

// benchFile writes the generated file of benchRows rows in o to a
// temporary file and returns its path and size.
func benchFile(b *testing.B, o tabulartest.Options) (string, int64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "data.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tabulartest.WriteCSV(f, benchRows, o); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, fi.Size()
}

// benchEncodings are the files the benchmarks read.
var benchEncodings = []struct {
	name string
	o    tabulartest.Options
}{
	{"utf8", tabulartest.Options{}},
	{"cp1252", tabulartest.Options{Encoding: tabular.EncodingWindows1252}},
}

// BenchmarkProfile measures the first pass, Profile: sniffing, parsing
// and type inference with the quality report, over a 58 MB file.
func BenchmarkProfile(b *testing.B) {
	for _, e := range benchEncodings {
		b.Run(e.name, func(b *testing.B) {
			path, size := benchFile(b, e.o)
			m := startMeter(b, size)
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				t, err := tabular.Profile(f)
				_ = f.Close()
				if err != nil || t.Quality.Rows != benchRows {
					b.Fatalf("Profile: %d rows, %v", t.Quality.Rows, err)
				}
			}
			m.stop(b)
		})
	}
}

// BenchmarkRows measures the second pass: every row converted to typed
// values by the RowSource, over a 58 MB file.
func BenchmarkRows(b *testing.B) {
	for _, e := range benchEncodings {
		b.Run(e.name, func(b *testing.B) {
			path, size := benchFile(b, e.o)
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			t, err := tabular.Profile(f)
			_ = f.Close()
			if err != nil {
				b.Fatal(err)
			}
			m := startMeter(b, size)
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				q := t.Quality
				src := tabular.NewRowSource(f, t, &q)
				n := 0
				for {
					_, err := src.Next()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				_ = f.Close()
				if n != benchRows {
					b.Fatalf("%d rows", n)
				}
			}
			m.stop(b)
		})
	}
}

// BenchmarkReader measures the Reader alone (decoding and splitting the
// records, no types), beside encoding/csv reading the same file as a
// baseline.
func BenchmarkReader(b *testing.B) {
	path, size := benchFile(b, tabulartest.Options{})
	b.Run("tabular", func(b *testing.B) {
		m := startMeter(b, size)
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			rd := tabular.NewReader(f, tabular.Format{Encoding: tabular.EncodingUTF8, Delimiter: ';'})
			n := 0
			for {
				if _, err := rd.Next(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				n++
			}
			_ = f.Close()
			if n != benchRows {
				b.Fatalf("%d rows", n)
			}
		}
		m.stop(b)
	})
	b.Run("encoding-csv", func(b *testing.B) {
		m := startMeter(b, size)
		for b.Loop() {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			cr := csv.NewReader(bufio.NewReaderSize(f, 256<<10))
			cr.Comma = ';'
			cr.ReuseRecord = true
			n := 0
			for {
				if _, err := cr.Read(); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				n++
			}
			_ = f.Close()
			if n != benchRows+1 {
				b.Fatalf("%d rows", n)
			}
		}
		m.stop(b)
	})
}

// meter measures a benchmark's allocations per row and its peak heap,
// sampling the live heap every millisecond.
type meter struct {
	before runtime.MemStats
	peak   atomic.Uint64
	done   chan struct{}
}

func startMeter(b *testing.B, size int64) *meter {
	b.Helper()
	b.SetBytes(size)
	b.ReportAllocs()
	runtime.GC()
	m := &meter{done: make(chan struct{})}
	runtime.ReadMemStats(&m.before)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-t.C:
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > m.peak.Load() {
					m.peak.Store(v)
				}
			}
		}
	}()
	b.ResetTimer()
	return m
}

func (m *meter) stop(b *testing.B) {
	b.Helper()
	b.StopTimer()
	close(m.done)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rows := float64(benchRows) * float64(b.N)
	b.ReportMetric(float64(after.Mallocs-m.before.Mallocs)/rows, "allocs/row")
	b.ReportMetric(float64(m.peak.Load())/(1<<20), "peak-heap-MB")
}
