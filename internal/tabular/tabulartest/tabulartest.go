// Package tabulartest generates realistic Swedish CSV files for tests and
// benchmarks: air-quality measurements in seven columns (Mätstation,
// Område, Datum, Tid, Temperatur (°C), Halt (µg/m³), Kommentar) with
// decimal commas, å/ä/ö, empty cells, and comments quoted because they
// hold the delimiter, quotes or line breaks. A file is a pure function of
// its Options and row count, about 58 bytes a row, so 1,000,000 rows are
// about 58 MB; NewReader streams one without holding it in memory.
package tabulartest

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"sprang/internal/opendata"
)

// Options say how a generated file is written. The zero Options write
// UTF-8 without BOM, semicolons and LF line breaks, seed 0.
type Options struct {
	Encoding  string // "UTF-8" (or ""), "UTF-8 with BOM" or "Windows-1252", as tabular names them
	Delimiter byte   // ';' (or 0), ',' or '\t'
	CRLF      bool   // CRLF line breaks (also inside quoted comments)
	Seed      uint64 // another seed, other values
}

// Header returns the column names of a generated file.
func Header() []string {
	return []string{"Mätstation", "Område", "Datum", "Tid", "Temperatur (°C)", "Halt (µg/m³)", "Kommentar"}
}

// Types returns the types tabular.Profile infers for the columns of a
// generated file of at least one row.
func Types() []opendata.ColumnType {
	return []opendata.ColumnType{
		opendata.TypeText, opendata.TypeText, opendata.TypeDate, opendata.TypeText,
		opendata.TypeNumeric, opendata.TypeNumeric, opendata.TypeText,
	}
}

// stations are the measuring stations and the areas they are in.
var stations = [...][2]string{
	{"Torggatan 3", "Centrum"}, {"Domsjö fabriker", "Domsjö"}, {"Själevadsvägen 10", "Själevad"},
	{"Gullänget skola", "Gullänget"}, {"Arnäsvall 1", "Arnäs"}, {"Bjästa torg", "Bjästa"},
	{"Husums hamn", "Husum"}, {"Köpmangatan 22", "Centrum"}, {"Övik resecentrum", "Centrum"},
	{"Ångermanlands väg", "Domsjö"}, {"Sörgården", "Själevad"}, {"Älvåsen", "Gullänget"},
	{"Hörneborg", "Gullänget"}, {"Moälven", "Moliden"}, {"Bredbyn centrum", "Bredbyn"},
	{"Trehörningsjö", "Trehörningsjö"}, {"Åsberget", "Centrum"}, {"Västerhus", "Västerhus"},
	{"Kroksta", "Kroksta"}, {"Mellansel", "Mellansel"},
}

// comments are the comments a row may have; most rows have none.
var comments = [...]string{
	"Kalibrerad", "Åtgärdad", "Ökad trafik", "Vägarbete i närheten", "Högt värde – kontrollera",
	"Sensorn byttes; mätning avbruten", "Värde \"uppskattat\" efter avbrott",
	"Första raden\nandra raden", "Snöröjning, saltning", "Ström saknades 2 timmar",
}

// start is the day of the first measurement.
var start = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Record returns the cells of data row i (from 0) of a file with seed
// seed, as UTF-8 text before quoting: the same for every encoding and
// delimiter.
func Record(i int, seed uint64) []string {
	rng := splitmix(seed*0x9E3779B97F4A7C15 + uint64(i))
	st := stations[i%len(stations)]
	slot := i / len(stations)
	day := start.AddDate(0, 0, slot/24)
	hour := slot % 24
	season := math.Cos(2 * math.Pi * float64(day.YearDay()) / 365)
	temp := 6 - 12*season + 4*math.Sin(2*math.Pi*float64(hour-9)/24) + 6*(rng.float()-0.5)
	halt := 5 + 60*rng.float()*rng.float()
	rec := []string{
		st[0], st[1], day.Format(time.DateOnly), clock(hour, 30*(i%2)),
		decimal(temp, 1), decimal(halt, 2), "",
	}
	switch r := rng.float(); {
	case r < 0.02:
		rec[4] = ""
	case r < 0.05:
		rec[5] = ""
	}
	if r := rng.float(); r < 0.33 {
		rec[6] = comments[int(r*1000)%len(comments)]
	}
	return rec
}

// clock writes a time of day, "HH:MM".
func clock(h, m int) string {
	return string([]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10)})
}

// decimal writes f with d decimals and a decimal comma.
func decimal(f float64, d int) string {
	b := strconv.AppendFloat(nil, f, 'f', d, 64)
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	if string(b) == "-0,0" || string(b) == "-0,00" {
		b = b[1:]
	}
	return string(b)
}

// WriteCSV writes a file of a header and rows data rows to w.
func WriteCSV(w io.Writer, rows int, o Options) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if _, err := io.Copy(bw, NewReader(rows, o)); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// NewReader returns the file WriteCSV writes as a stream, generated as
// it is read, in constant memory.
func NewReader(rows int, o Options) io.Reader {
	g := &gen{o: o, rows: rows, next: -1}
	if g.o.Delimiter == 0 {
		g.o.Delimiter = ';'
	}
	if o.Encoding == "UTF-8 with BOM" {
		g.buf = append(g.buf, 0xEF, 0xBB, 0xBF)
	}
	return g
}

// gen is the generating reader.
type gen struct {
	o    Options
	rows int
	next int // the next row to write; -1 is the header
	buf  []byte
	pos  int
}

// Read implements io.Reader.
func (g *gen) Read(p []byte) (int, error) {
	for g.pos == len(g.buf) {
		if g.next >= g.rows {
			return 0, io.EOF
		}
		g.buf, g.pos = g.buf[:0], 0
		for g.next < g.rows && len(g.buf) < 32<<10 {
			if g.next < 0 {
				g.appendRecord(Header())
			} else {
				g.appendRecord(Record(g.next, g.o.Seed))
			}
			g.next++
		}
	}
	n := copy(p, g.buf[g.pos:])
	g.pos += n
	return n, nil
}

// appendRecord adds one line to the buffer, quoting fields as RFC 4180
// does and encoding them.
func (g *gen) appendRecord(rec []string) {
	nl := "\n"
	if g.o.CRLF {
		nl = "\r\n"
	}
	for i, f := range rec {
		if i > 0 {
			g.buf = append(g.buf, g.o.Delimiter)
		}
		if !needsQuotes(f, g.o.Delimiter) {
			g.buf = g.appendText(g.buf, f)
			continue
		}
		g.buf = append(g.buf, '"')
		for _, r := range f {
			switch r {
			case '"':
				g.buf = append(g.buf, '"', '"')
			case '\n':
				g.buf = append(g.buf, nl...)
			default:
				g.buf = g.appendText(g.buf, string(r))
			}
		}
		g.buf = append(g.buf, '"')
	}
	g.buf = append(g.buf, nl...)
}

// needsQuotes reports whether f must be quoted.
func needsQuotes(f string, delim byte) bool {
	for i := range len(f) {
		if c := f[i]; c == delim || c == '"' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// appendText appends s in the file's encoding.
func (g *gen) appendText(b []byte, s string) []byte {
	if g.o.Encoding != "Windows-1252" {
		return append(b, s...)
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		} else {
			b = append(b, '?')
		}
	}
	return b
}

// rng is splitmix64, a small deterministic generator.
type rng struct{ s uint64 }

func splitmix(seed uint64) *rng { return &rng{s: seed} }

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }
