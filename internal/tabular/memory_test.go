package tabular_test

import (
	"errors"
	"io"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"sprang/internal/tabular"
	"sprang/internal/tabular/tabulartest"
)

// TestConstantMemory reads a generated file of 400,000 rows (23 MB,
// generated as it is read, never held in memory) through both passes and
// checks that the heap stays far below the file's size: reading holds one
// buffer and the report, never the rows.
func TestConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 23 MB twice")
	}
	const rows = 400_000
	const limit = 16 << 20
	peak := heapPeak(t)
	tb, err := tabular.Profile(tabulartest.NewReader(rows, tabulartest.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	q := tb.Quality
	src := tabular.NewRowSource(tabulartest.NewReader(rows, tabulartest.Options{}), tb, &q)
	n := 0
	for {
		if _, err := src.Next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if p := peak(); n != rows || p > limit {
		t.Errorf("%d rows read with a heap peak of %.1f MB, want %d under %d MB", n, float64(p)/(1<<20), rows, limit>>20)
	}
}

// heapPeak samples the heap every millisecond until the returned function
// is called, which returns the largest heap seen.
func heapPeak(t *testing.T) func() uint64 {
	t.Helper()
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return peak.Load()
	}
}
