package tabulartest_test

import (
	"io"
	"testing"

	"sprang/internal/tabular/tabulartest"
)

// BenchmarkGenerate measures the generator, which tests and benchmarks
// of the loader pay for when they stream a file from NewReader.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		n, _ := io.Copy(io.Discard, tabulartest.NewReader(100000, tabulartest.Options{}))
		b.SetBytes(n)
	}
}
