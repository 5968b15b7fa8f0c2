package store

import (
	"context"

	"sprang/internal/opendata"
)

// SetLoadState records how far the load of an upload has come: its state,
// the rows loaded so far and, for a failure, why.
func (db *DB) SetLoadState(ctx context.Context, uploadID int64, state opendata.LoadState, rows int64, message string) error {
	return errNotBuilt
}

// LoadTable creates the datastore table of an upload with the given
// columns (replacing one loaded before, so a steward's type override
// reloads), bulk-inserts every row of src in batches, reporting the rows
// loaded so far to progress (may be nil) now and then, creates the
// columns' indexes, and records the columns on the upload. It returns the
// number of rows loaded. The table is invisible to searches until the
// upload's state is LoadDone.
func (db *DB) LoadTable(ctx context.Context, uploadID int64, cols []opendata.Column, src opendata.RowSource, progress func(rows int64)) (int64, error) {
	return 0, errNotBuilt
}

// SaveQuality stores the data-quality report of an upload.
func (db *DB) SaveQuality(ctx context.Context, uploadID int64, q opendata.Quality) error {
	return errNotBuilt
}

// DatastoreSearch runs q on the table of a loaded upload. Fields, filters
// and sort keys must name the upload's columns (an Invalid error names the
// one that does not); values are always bound as parameters.
func (db *DB) DatastoreSearch(ctx context.Context, up opendata.Upload, q opendata.Query) (opendata.Result, error) {
	return opendata.Result{}, errNotBuilt
}

// DatastoreEach runs q on the table of a loaded upload like DatastoreSearch
// but without a page limit when q.Limit is 0, calling each for every row as
// it is read (the row slice is reused), so a download of a million rows
// runs in constant memory.
func (db *DB) DatastoreEach(ctx context.Context, up opendata.Upload, q opendata.Query, each func(opendata.Row) error) error {
	return errNotBuilt
}
