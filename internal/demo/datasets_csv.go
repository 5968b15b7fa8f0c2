package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// csvFormat is how a generated file of the open data demo is written:
// always with semicolons and decimal commas, as Swedish spreadsheets
// write them; in Windows-1252 (an old Excel export) or UTF-8, with or
// without a byte order mark, with CRLF or LF line breaks.
type csvFormat struct {
	windows1252 bool
	bom         bool
	crlf        bool
}

// swedishCSV writes rows (the header first) in format f.
func swedishCSV(rows [][]string, f csvFormat) ([]byte, error) {
	var b bytes.Buffer
	if f.bom && !f.windows1252 {
		b.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', f.crlf
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write demo csv: %w", err)
	}
	if !f.windows1252 {
		return b.Bytes(), nil
	}
	out, err := charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("write demo csv as Windows-1252: %w", err)
	}
	return out, nil
}

// dec writes x with d decimals and a decimal comma.
func dec(x float64, d int) string {
	if math.Abs(x) < 0.5*math.Pow(10, -float64(d)) {
		x = 0 // no "-0,0"
	}
	return strings.Replace(strconv.FormatFloat(x, 'f', d, 64), ".", ",", 1)
}

// coord writes a WGS 84 coordinate with six decimals (about 0.1 m) and a
// decimal comma.
func coord(x float64) string { return dec(x, 6) }

// itoa writes n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }

// newRand returns the random source of one generated dataset: a fixed
// seed per name, so every demo has the same data.
func newRand(name string) *mrand.Rand {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	return mrand.New(mrand.NewPCG(h, 0x5370726e676574)) //nolint:gosec // reproducible demo content
}

// place is a part of the demo municipality and its centre in WGS 84.
type place struct {
	name     string
	lat, lon float64
}

// places are the parts of the municipality the generated data is about,
// with approximate centres: Örnsköldsvik's town and villages.
var places = []place{
	{"Centrum", 63.2905, 18.7160}, {"Gullänget", 63.3020, 18.6950}, {"Domsjö", 63.2660, 18.7280},
	{"Själevad", 63.2930, 18.6130}, {"Arnäsvall", 63.3240, 18.7930}, {"Västerhus", 63.3080, 18.6600},
	{"Kroksta", 63.2800, 18.7420}, {"Sund", 63.2710, 18.6980}, {"Bjästa", 63.2010, 18.5010},
	{"Köpmanholmen", 63.1680, 18.5750}, {"Husum", 63.3400, 19.1570}, {"Bredbyn", 63.4480, 18.1050},
	{"Mellansel", 63.4310, 18.3200}, {"Moliden", 63.3950, 18.4700}, {"Gideå", 63.4810, 18.9860},
	{"Trehörningsjö", 63.7010, 18.9350}, {"Björna", 63.5480, 18.5990}, {"Gottne", 63.4560, 18.4200},
}

// near returns a point within about a kilometre of p.
func near(rng *mrand.Rand, p place) (lat, lon float64) {
	return p.lat + (rng.Float64()-0.5)*0.018, p.lon + (rng.Float64()-0.5)*0.04
}

// round rounds x to d decimals.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}
