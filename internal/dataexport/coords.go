package dataexport

import "sprang/internal/opendata"

// HasCoordinates reports whether a table with cols has the latitude and
// longitude columns the GeoJSON download needs (numeric columns named as
// latNames and lonNames list them, in any case and without a note in
// parentheses), that is whether Begin of the GeoJSON writer accepts it.
// Pages use it to offer the GeoJSON download only where it works.
func HasCoordinates(cols []opendata.Column) bool {
	lat, lon := coordinateColumn(cols, latNames()), coordinateColumn(cols, lonNames())
	return lat >= 0 && lon >= 0 && lat != lon
}
