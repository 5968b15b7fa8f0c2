package dataexport

import (
	"io"
	"strings"

	"sprang"
	"sprang/internal/opendata"
)

// The column names the GeoJSON writer takes for WGS 84 coordinates, most
// specific first; a name matches in any case, without surrounding spaces
// and without a trailing note in parentheses ("Latitud (WGS 84)").
// Coordinates in SWEREF 99 TM or other projected systems are not
// converted: such values fall outside the WGS 84 ranges and their rows
// are skipped.
func latNames() []string { return []string{"latitude", "latitud", "lat", "y"} }

func lonNames() []string { return []string{"longitude", "longitud", "long", "lon", "lng", "x"} }

// CoordinateNames returns the column names the GeoJSON writer looks for,
// latitude's and longitude's, each list separated by commas, for the
// MsgNoCoordinates message.
func CoordinateNames() (lat, lon string) {
	return strings.Join(latNames(), ", "), strings.Join(lonNames(), ", ")
}

// geoJSON writes an RFC 7946 FeatureCollection with one Point feature per
// row that has coordinates (in the order [longitude, latitude]); the other
// columns are the feature's properties. Rows whose latitude or longitude
// is null or outside WGS 84's range are skipped and counted.
type geoJSON struct {
	out
	cols     []opendata.Column
	lat, lon int
	first    bool
	skipped  int64
}

func newGeoJSON(w io.Writer) *geoJSON {
	return &geoJSON{out: out{w: w, buf: make([]byte, 0, flushAt+4096)}, first: true}
}

// coordinateColumn returns the index of the numeric column whose name is
// the first of names that any column has, or -1.
func coordinateColumn(cols []opendata.Column, names []string) int {
	for _, n := range names {
		for i, c := range cols {
			if (c.Type == opendata.TypeNumeric || c.Type == opendata.TypeInt) && baseName(c.Name) == n {
				return i
			}
		}
	}
	return -1
}

// baseName lower-cases a column name and removes a trailing note in
// parentheses and the spaces around it.
func baseName(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndexByte(s, '('); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	return strings.ToLower(s)
}

// Begin finds the coordinate columns; a table without both is an Invalid
// error with the key MsgNoCoordinates, returned before anything is
// written.
func (g *geoJSON) Begin(cols []opendata.Column) error {
	g.cols = cols
	g.lat, g.lon = coordinateColumn(cols, latNames()), coordinateColumn(cols, lonNames())
	if g.lat < 0 || g.lon < 0 || g.lat == g.lon {
		return &sprang.Error{Kind: sprang.Invalid, Message: MsgNoCoordinates,
			Fields: map[string]string{"format": MsgNoCoordinates}}
	}
	g.buf = append(g.buf, `{"type":"FeatureCollection","features":[`...)
	return g.flush(false)
}

func (g *geoJSON) Row(r opendata.Row) error {
	if err := rowLength(r, g.cols); err != nil {
		return err
	}
	lat, okLat := g.coordinate(r, g.lat, 90)
	lon, okLon := g.coordinate(r, g.lon, 180)
	if !okLat || !okLon {
		g.skipped++
		return nil
	}
	mark := len(g.buf)
	if g.first {
		g.buf = append(g.buf, '\n')
	} else {
		g.buf = append(g.buf, ",\n"...)
	}
	g.buf = append(g.buf, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	g.buf = appendNumber(g.buf, lon)
	g.buf = append(g.buf, ',')
	g.buf = appendNumber(g.buf, lat)
	g.buf = append(g.buf, `]},"properties":{`...)
	n := 0
	for i, raw := range r {
		if i == g.lat || i == g.lon {
			continue
		}
		v, err := value(raw, g.cols[i])
		if err != nil {
			g.buf = g.buf[:mark]
			return err
		}
		if n > 0 {
			g.buf = append(g.buf, ',')
		}
		n++
		g.buf = AppendJSONString(g.buf, g.cols[i].Name)
		g.buf = append(g.buf, ':')
		g.buf = AppendJSONValue(g.buf, v)
	}
	g.buf = append(g.buf, "}}"...)
	g.first = false
	return g.flush(false)
}

// coordinate returns the value of column i as a number within ±limit.
func (g *geoJSON) coordinate(r opendata.Row, i int, limit float64) (float64, bool) {
	v, err := value(r[i], opendata.Column{Name: g.cols[i].Name, Type: opendata.TypeNumeric})
	f, ok := v.(float64)
	if err != nil || !ok || f < -limit || f > limit {
		return 0, false
	}
	return f, true
}

func (g *geoJSON) End() error {
	g.buf = append(g.buf, "\n]}\n"...)
	return g.flush(true)
}

// Skipped returns how many rows had no valid coordinates.
func (g *geoJSON) Skipped() int64 { return g.skipped }
